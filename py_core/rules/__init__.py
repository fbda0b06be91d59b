"""Every rule, one module each; helpers shared by several rules in modules named ``_*.py``.

Importing this package imports no rule. :func:`py_core.registry.all_rules` finds the rule modules
(every module here whose name does not start with ``_``), imports them once, on first use, and
orders the rules by their ``order`` (the order of the catalogue and of findings of equal
severity). A new rule is a new module here and nothing else in this package.
"""
