"""The engine's layers (docs/architecture.md): no import cycle in ``py_core``, no rule imports the
engine, importing the engine alone loads every rule, and every rule module is listed once.

The import graph is read from the source (``ast``): every ``import`` at module level, outside
``if TYPE_CHECKING:``; imports inside functions are deferred on purpose and are listed apart.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "py_core"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(current: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        parts = current.split(".")
        if not is_package:
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts + ([node.module] if node.module else []))
    # ``from . import rules`` names a module; ``from .model import Draft`` names attributes of one
    # (``imports`` keeps only the names that are modules).
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path, modules: set[str]) -> tuple[set[str], set[str]]:
    """(module-level imports, deferred imports in functions) of one file, as py_core module names."""
    current = module_name(path)
    is_package = path.name == "__init__.py"
    top: set[str] = set()
    deferred: set[str] = set()

    def visit(node: ast.AST, into: set[str]) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue
            target = deferred if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else into
            if isinstance(child, ast.Import):
                target.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                target.update(_resolve(current, is_package, child))
            visit(child, target)

    visit(ast.parse(path.read_text(encoding="utf-8")), top)
    # A module's own packages are loaded before it (``from . import messages`` is not a cycle).
    ancestors = {".".join(current.split(".")[:i]) for i in range(1, current.count(".") + 1)}
    if is_package:
        ancestors.add(current)
    return {m for m in top if m in modules} - ancestors, {m for m in deferred if m in modules} - ancestors


def graph() -> dict[str, tuple[set[str], set[str]]]:
    files = {module_name(p): p for p in PKG.rglob("*.py")}
    names = set(files)
    return {name: imports(path, names) for name, path in files.items()}


def test_the_module_level_import_graph_of_py_core_has_no_cycle() -> None:
    edges = {name: top - {name} for name, (top, _) in graph().items()}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                walk(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            walk(node)


def test_no_rule_imports_the_engine_or_the_layers_above_it() -> None:
    above = {"py_core.engine", "py_core.api", "py_core.cli", "py_core.catalogue", "py_core.__main__"}
    bad = {}
    for name, (top, deferred) in graph().items():
        if name.startswith("py_core.rules"):
            hits = (top | deferred) & above
            if hits:
                bad[name] = sorted(hits)
    assert not bad, bad


def test_the_layers_below_the_rules_import_no_rule() -> None:
    # context.py, registry.py, the model, the document and the tables sit below the rules: they may
    # name the list of rule modules (py_core.rules) but never import a rule module.
    below = {"py_core.context", "py_core.registry", "py_core.model", "py_core.document", "py_core.packs"}
    for name, (top, deferred) in graph().items():
        if name in below or name.startswith("py_core.tables"):
            rules = {m for m in top | deferred if m.startswith("py_core.rules.")}
            assert not rules, (name, sorted(rules))


def _fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def test_importing_the_engine_alone_loads_every_rule_in_catalogue_order() -> None:
    out = json.loads(
        _fresh(
            "import json, sys\n"
            "import py_core.engine\n"
            "from py_core import registry\n"
            "from py_core.rules import RULE_MODULES\n"
            "print(json.dumps({'rules': list(registry._ALL), 'modules': [r.__module__ for r in registry._ALL.values()],"
            " 'listed': list(RULE_MODULES)}))"
        )
    )
    assert len(out["rules"]) == len(out["listed"]) >= 20
    assert [m.rsplit(".", 1)[1] for m in out["modules"]] == out["listed"]


def test_importing_a_rule_does_not_load_the_engine() -> None:
    loaded = json.loads(
        _fresh(
            "import json, sys\nimport py_core.rules.duplicate_send, py_core.rules.contact_missing\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('py_core'))))"
        )
    )
    assert "py_core.engine" not in loaded
    assert "py_core.rules.image_only" not in loaded  # one rule does not load the others


def test_every_rule_module_is_listed_once_and_defines_a_rule() -> None:
    from py_core.registry import all_rules
    from py_core.rules import RULE_MODULES

    files = sorted(p.stem for p in (PKG / "rules").glob("*.py") if not p.stem.startswith("_"))
    assert sorted(RULE_MODULES) == files, "list every rule module in py_core/rules/__init__.py RULE_MODULES"
    assert len(set(RULE_MODULES)) == len(RULE_MODULES)
    defined = {cls.__module__.rsplit(".", 1)[1] for cls in all_rules().values()}
    assert defined == set(RULE_MODULES)
