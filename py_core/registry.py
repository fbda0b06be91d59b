"""The rule base class and the registry of rules.

A rule is one class in one file under ``py_core/rules/`` (issue 12: adding a rule is that file and
its fixture file). The class says everything about the rule: its id, title, messages, the
guidelines it rests on, the packs that apply it with its severity in each (``packs``, as axe-core
rules carry their tags) and its place in the catalogue (``order``). :func:`all_rules` finds the
rule modules (every module of ``py_core/rules/`` whose name does not start with ``_``; those are
shared helpers), imports them once, on first use, and returns every rule by id in ``order``;
``RULES`` is the same mapping (reading it loads the rules). Nothing else registers rules by
importing them, and no rule imports the engine (docs/architecture.md). The class refuses to exist
without a stable id, a title and messages in both languages, a docstring that documents it (what,
why, the guideline it rests on, a bad and a good example), guideline references that resolve, a
severity per pack and an order (house style: sqlfluff's rule metaclass). The user-facing rule
catalogue is generated from these classes (``python -m py_core catalogue``), never written twice.
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from bs4 import Tag

from .model import LOCALES, SEVERITY_RANK, Finding, Location, Severity

if TYPE_CHECKING:
    from .context import Context

    #: Every rule by id (module ``__getattr__`` below: reading it calls :func:`all_rules`).
    RULES: dict[str, type[Rule]]

_ID = re.compile(r"^[a-z]+(?:-[a-z0-9]+)+$")
#: Every rule class defined so far, by id, in definition order (filled by ``Rule.__init_subclass__``).
_DEFINED: dict[str, type[Rule]] = {}
#: Every rule, by id, in catalogue order (``Rule.order``); built by :func:`all_rules`.
_ALL: dict[str, type[Rule]] = {}
_loading = False
#: The rules that hold for ANY email, personal mail too (issue 10); every other rule is a rule of
#: bulk mail and reports ``inapplicable`` (reason ``personal-mail``) on a draft that is not a
#: mailing (:mod:`py_core.mail_kind`). The law (Tw 11.7) and both guidelines are about mailings;
#: these two are not: a placeholder nothing fills reaches any recipient literally, and forty
#: outside addresses in To are a data leak (GDPR) whatever the mail is about. ``noreply-sender``,
#: ``duplicate-send`` and the sender-identity rules rest on the mailing guidelines only.
ANY_MAIL_RULES: frozenset[str] = frozenset({"placeholder-unresolved", "recipients-exposed"})


class RuleDefinitionError(TypeError):
    """A rule class is missing part of its contract."""


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement :meth:`check`.

    ``messages`` maps a message key to ``{"nl": …, "en": …}``; texts may hold ``{name}`` fields
    filled from the keyword arguments of :meth:`finding`. ``fixes`` is the same for fix hints and
    must have the same keys. ``basis`` lists ids from :data:`py_core.tables.guidelines.SOURCES`.
    ``packs``, ``pack_basis`` and ``order`` are described where they are declared below.
    """

    id: ClassVar[str] = ""
    title: ClassVar[dict[str, str]] = {}
    basis: ClassVar[tuple[str, ...]] = ()
    #: The packs that apply the rule (names of :data:`py_core.packs.PACK_NAMES`) and its severity in
    #: each: the only place a severity is written (:mod:`py_core.packs` builds its table from these;
    #: the default severity is what the default packs give). A pack that is not named here does not
    #: run the rule.
    packs: ClassVar[dict[str, Severity]] = {}
    #: Sources a chosen pack adds to ``basis`` in the rule's findings (a country's pack citing its
    #: own law for what the rule tests), by pack name; only packs of ``packs``.
    pack_basis: ClassVar[dict[str, tuple[str, ...]]] = {}
    #: The rule's place in the catalogue, lower first: the order of ``docs/rules.md``, of the
    #: report's ``rules`` and of findings of equal severity (so it ranks the rules by how much a
    #: finding matters, the opt-out first). Numbered in tens so a new rule takes a free number
    #: between two others and no other file changes; two rules may not share one.
    order: ClassVar[int] = 0
    messages: ClassVar[dict[str, dict[str, str]]] = {}
    fixes: ClassVar[dict[str, dict[str, str]]] = {}
    #: At most this many findings per check; a draft with 10,000 bad links gets a readable report.
    max_findings: ClassVar[int] = 25

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        from .tables.guidelines import SOURCES

        name = cls.__name__
        if not _ID.match(cls.id or ""):
            raise RuleDefinitionError(f"{name}: id {cls.id!r} must be lower-case words joined by '-'")
        if cls.id in _DEFINED:
            raise RuleDefinitionError(f"{name}: id {cls.id!r} is already taken by {_DEFINED[cls.id].__name__}")
        doc = (cls.__doc__ or "").strip()
        for heading in ("Why", "Bad", "Good"):
            if f"**{heading}**" not in doc:
                raise RuleDefinitionError(f"{name}: docstring needs a **{heading}** section")
        if set(cls.title) != set(LOCALES):
            raise RuleDefinitionError(f"{name}: title needs exactly {LOCALES}")
        if not cls.messages:
            raise RuleDefinitionError(f"{name}: no messages")
        for key, texts in {**cls.messages, **cls.fixes}.items():
            if set(texts) != set(LOCALES):
                raise RuleDefinitionError(f"{name}: text {key!r} needs exactly {LOCALES}")
        if set(cls.fixes) != set(cls.messages):
            raise RuleDefinitionError(f"{name}: fixes and messages must have the same keys")
        if not cls.basis:
            raise RuleDefinitionError(f"{name}: basis must name the guideline or article it rests on")
        for ref in cls.basis:
            if ref not in SOURCES:
                raise RuleDefinitionError(f"{name}: basis {ref!r} is not in tables.guidelines.SOURCES")
        if not cls.packs:
            raise RuleDefinitionError(f"{name}: packs must name at least one pack and the rule's severity there")
        for pack, severity in cls.packs.items():
            if severity not in SEVERITY_RANK:
                raise RuleDefinitionError(f"{name}: severity {severity!r} in pack {pack!r} is not one of {tuple(SEVERITY_RANK)}")
        for pack, refs in cls.pack_basis.items():
            if pack not in cls.packs:
                raise RuleDefinitionError(f"{name}: pack_basis names pack {pack!r}, which is not in its packs")
            for ref in refs:
                if ref not in SOURCES:
                    raise RuleDefinitionError(f"{name}: pack_basis {ref!r} is not in tables.guidelines.SOURCES")
        if type(cls.order) is not int or cls.order <= 0:
            raise RuleDefinitionError(f"{name}: order must be a positive whole number (its place in the catalogue)")
        _DEFINED[cls.id] = cls

    # -- to implement ---------------------------------------------------------------------------
    def check(self, ctx: Context) -> Iterator[Finding]:
        """Yield findings for the draft in ``ctx``. Pure: no I/O, no state kept between checks."""
        raise NotImplementedError

    def applies(self, ctx: Context) -> bool:
        """False when the rule has nothing to judge in this draft (reported as inapplicable)."""
        return True

    # -- helpers for subclasses -----------------------------------------------------------------
    def finding(
        self,
        ctx: Context,
        key: str,
        *,
        element: Tag | None = None,
        span: tuple[int, int] | None = None,
        location: Location | None = None,
        evidence: str | None = None,
        severity: Severity | None = None,
        review: bool = False,
        **params: Any,
    ) -> Finding:
        """Build a finding from message ``key``.

        Give ``element`` (located by selector), ``span`` (offsets in ``ctx.doc.text``) or an
        explicit ``location``; evidence defaults to a snippet of what was located. ``severity``
        overrides the pack's when the rule knows better (e.g. a platform adds its own footer).
        """
        doc = ctx.doc
        if location is None:
            if span is not None:
                location = doc.locate_span(*span)
            elif element is not None:
                location = doc.location_of(element)
        if evidence is None:
            if element is not None:
                evidence = doc.snippet(element)
            elif span is not None:
                evidence = doc.snippet(start=span[0], end=span[1])
            else:
                evidence = ""
        locale = ctx.options.locale
        message = self.messages[key][locale].format(**params)
        fix = self.fixes[key][locale].format(**params)
        where = ""
        if location is not None:
            where = f"{location.field or ''}|{location.selector or ''}|{location.start}|{location.end}"
        digest = hashlib.sha256(f"{self.id}|{key}|{where}|{evidence}".encode("utf-8", "surrogatepass"))
        return Finding(
            rule=self.id,
            severity=severity or ctx.severity_of(self.id),
            kind="review" if review else "violation",
            message=message,
            evidence=evidence,
            location=location,
            fix=fix,
            # A country's pack adds its own law to what the rule cites (``pack_basis``).
            basis=[*self.basis, *self.pack_sources(ctx.options.packs)],
            fingerprint=digest.hexdigest()[:16],
        )

    @classmethod
    def pack_sources(cls, pack_names: list[str]) -> tuple[str, ...]:
        """The sources the chosen packs add to the rule's basis, in pack order, without repeats."""
        extra: list[str] = []
        for name in pack_names:
            for ref in cls.pack_basis.get(name, ()):
                if ref not in extra:
                    extra.append(ref)
        return tuple(extra)


def rule_doc(rule: type[Rule]) -> str:
    """The rule's documentation: its docstring with common indentation removed."""
    import inspect

    return inspect.cleandoc(rule.__doc__ or "")


def all_rules() -> dict[str, type[Rule]]:
    """Every rule by id, in catalogue order (``Rule.order``).

    The first call imports the rule modules (:func:`rule_modules`); later calls return the same
    mapping.
    """
    global _loading
    if _ALL:
        return _ALL
    if _loading:  # a rule module asked for the registry while it is being loaded
        raise RuleDefinitionError("all_rules() called while the rule modules load: a rule must not import the engine")
    found: dict[str, type[Rule]] = {}
    _loading = True
    try:
        for name in rule_modules():
            found.update(_rules_of(name))
    finally:
        _loading = False
    stray = [cls.id for cls in _DEFINED.values() if cls.id not in found and cls.__module__.startswith(f"{__package__}.rules.")]
    if stray:
        raise RuleDefinitionError(f"rules defined outside the rule modules (in a helper module?): {stray}")
    by_order: dict[int, str] = {}
    for cls in found.values():
        if cls.order in by_order:
            raise RuleDefinitionError(f"{cls.id} and {by_order[cls.order]} both have order {cls.order}; give one a free number")
        by_order[cls.order] = cls.id
    _ALL.update((cls.id, cls) for cls in sorted(found.values(), key=lambda cls: cls.order))
    return _ALL


def rule_modules() -> list[str]:
    """The names of the rule modules: every module of ``py_core/rules/`` not starting with ``_``.

    Found by listing the package's folder (``pkgutil``), so a rule file is all there is to add.
    The same in Pyodide, where the wheel's files are unpacked into its file system. Imported in
    name order; the catalogue order is the rules' ``order``, not this.
    """
    from . import rules

    names = [m.name for m in pkgutil.iter_modules(rules.__path__) if not m.ispkg and not m.name.startswith("_")]
    if not names:
        raise RuleDefinitionError(f"no rule module found in {list(rules.__path__)}")
    return sorted(names)


def _rules_of(name: str) -> dict[str, type[Rule]]:
    """The rules module ``py_core.rules.<name>`` defines, by id, in definition order."""
    module = importlib.import_module(f"{__package__}.rules.{name}")
    mine = {cls.id: cls for cls in _DEFINED.values() if cls.__module__ == module.__name__}
    if not mine:
        raise RuleDefinitionError(f"py_core.rules.{name} defines no rule (a helper module's name starts with '_')")
    return mine


def __getattr__(name: str) -> Any:
    # ``RULES`` is all_rules(): reading it (``from py_core.registry import RULES``) loads every rule.
    if name == "RULES":
        return all_rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
