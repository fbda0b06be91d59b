"""The engine's layers (docs/architecture.md): no import cycle in ``py_core``, no rule imports the
engine, importing the engine alone loads every rule, every module of ``py_core/rules/`` (but the
``_`` helpers) is found and defines one rule, and a rule file planted in a copy of ``py_core`` is
all it takes to add a rule.

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
            "print(json.dumps({'rules': list(registry._ALL), 'modules': [r.__module__ for r in registry._ALL.values()],"
            " 'orders': [r.order for r in registry._ALL.values()]}))"
        )
    )
    files = sorted(p.stem for p in (PKG / "rules").glob("*.py") if not p.stem.startswith("_"))
    assert len(out["rules"]) == len(files) >= 20
    assert sorted(m.rsplit(".", 1)[1] for m in out["modules"]) == files
    assert out["orders"] == sorted(out["orders"]) and len(set(out["orders"])) == len(out["orders"])


def test_importing_a_rule_does_not_load_the_engine() -> None:
    loaded = json.loads(
        _fresh(
            "import json, sys\nimport py_core.rules.duplicate_send, py_core.rules.contact_missing\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('py_core'))))"
        )
    )
    assert "py_core.engine" not in loaded
    assert "py_core.rules.image_only" not in loaded  # one rule does not load the others


def test_every_rule_module_is_found_and_defines_a_rule_and_no_helper_does() -> None:
    from py_core.registry import all_rules, rule_modules

    files = sorted(p.stem for p in (PKG / "rules").glob("*.py") if p.stem != "__init__")
    rules = [name for name in files if not name.startswith("_")]
    assert rule_modules() == rules
    defined = sorted(cls.__module__.rsplit(".", 1)[1] for cls in all_rules().values())
    assert defined == rules, "one rule per rule module"
    # py_core/rules/__init__.py lists nothing any more: the folder is the list.
    assert "RULE_MODULES" not in (PKG / "rules" / "__init__.py").read_text(encoding="utf-8")


#: A rule as small as the recipe in CONTRIBUTING.md allows, planted in a copy of py_core.
PLANTED = '''"""Rule ``planted-rule``."""

from ..registry import Rule


class PlantedRule(Rule):
    """A rule planted by tests/py/test_layers.py.

    **Why** To show that a rule file is all a rule needs.

    **Bad** anything

    **Good** nothing
    """

    id = "planted-rule"
    title = {"nl": "Geplant", "en": "Planted"}
    basis = ("tripolis-7",)
    packs = {"nl": "warning", "de": "error"}
    pack_basis = {"de": ("ddg-5",)}
    order = ORDER
    messages = {"x": {"nl": "x", "en": "x"}}
    fixes = {"x": {"nl": "x", "en": "x"}}

    def check(self, ctx):
        yield self.finding(ctx, "x")
'''


def test_a_rule_file_alone_adds_a_rule_in_its_place_and_its_packs(tmp_path: Path) -> None:
    """The recipe's promise (issue 12: adding a rule is two files): a copy of py_core with one more
    file in rules/ runs that rule, in its ``order``'s place, in the packs it names; a second rule
    with the same order is refused."""
    import shutil

    shutil.copytree(PKG, tmp_path / "py_core", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "py_core" / "rules" / "planted_rule.py").write_text(PLANTED.replace("ORDER", "15"), encoding="utf-8")
    twin = PLANTED.replace("ORDER", "15").replace("planted-rule", "planted-twin").replace("PlantedRule", "PlantedTwin")
    code = (
        "import importlib, json\n"
        "from pathlib import Path\n"
        "from py_core import registry\n"
        "from py_core.engine import check_dict\n"
        "from py_core.packs import PACKS, PACK_BASIS, default_severity\n"
        "report = check_dict({'draft': {'html': '<p>x</p>'}, 'options': {'packs': ['nl', 'de'], 'mail_kind': 'mailing'}})\n"
        "found = [f for f in report['findings'] if f['rule'] == 'planted-rule']\n"
        "out = {'rules': list(registry.all_rules())[:3], 'nl': PACKS['nl'].get('planted-rule'), 'de': PACKS['de'].get('planted-rule'),"
        " 'default': default_severity('planted-rule'), 'basis': PACK_BASIS['de'].get('planted-rule'),"
        " 'found': [(f['severity'], f['basis']) for f in found]}\n"
        f"Path('py_core/rules/planted_twin.py').write_text({twin!r})\n"
        "registry._ALL.clear(); importlib.invalidate_caches()\n"
        "try:\n    registry.all_rules()\nexcept registry.RuleDefinitionError as exc:\n    out['twin'] = str(exc)\n"
        "print(json.dumps(out))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["rules"] == ["unsubscribe-missing", "planted-rule", "unsubscribe-broken"]  # orders 10, 15, 20
    assert (out["nl"], out["de"], out["default"], out["basis"]) == ("warning", "error", "warning", ["ddg-5"])
    assert out["found"] == [["error", ["tripolis-7", "ddg-5"]]]
    assert "planted-twin" in out["twin"] and "planted-rule" in out["twin"] and "order 15" in out["twin"]
