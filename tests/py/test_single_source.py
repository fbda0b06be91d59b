"""One source per fact in the engine (issue 12): a rule's severity is written once, in its own class
(``Rule.packs``: the packs that apply it and its severity in each), and ``py_core/packs.py`` builds
its tables from those declarations; the guidelines a rule cites (its ``basis``) are exactly the
checklist lines that list it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from py_core.catalogue import catalogue, catalogue_markdown
from py_core.model import SEVERITY_RANK, Options
from py_core.packs import PACK_BASIS, PACK_NAMES, PACKS, combine, default_severity
from py_core.registry import Rule, RuleDefinitionError, all_rules
from py_core.tables.guidelines import CHECKLIST

PKG = Path(__file__).resolve().parents[2] / "py_core"


def severities_written(source: str, rule_ids: set[str]) -> list[str]:
    """Every place in ``source`` that binds a rule id to a severity in a literal: a dict entry
    ``"<rule id>": "<severity>"`` (what packs.PACKS held) or a ``default_severity = "…"``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if (
                    isinstance(key, ast.Constant)
                    and key.value in rule_ids
                    and isinstance(value, ast.Constant)
                    and value.value in SEVERITY_RANK
                ):
                    found.append(f"line {key.lineno}: {key.value!r}: {value.value!r}")
        elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "default_severity" for t in node.targets):
            found.append(f"line {node.lineno}: default_severity")
    return found


def severity_literals(source: str) -> list[str]:
    """Every string constant in ``source`` that is a severity name."""
    return [
        f"line {n.lineno}: {n.value!r}"
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in SEVERITY_RANK
    ]


def test_a_severity_is_written_in_its_rules_packs_only() -> None:
    assert not hasattr(Rule, "default_severity")
    written = sorted(rule_id for rule_id, cls in all_rules().items() if "default_severity" in vars(cls))
    assert not written, f"a rule's severities are its packs: remove default_severity from {written}"
    rule_ids = set(all_rules())
    # No module of py_core binds a rule id to a severity: the old PACKS table cannot come back.
    elsewhere = {}
    for path in sorted(PKG.rglob("*.py")):
        hits = severities_written(path.read_text(encoding="utf-8"), rule_ids)
        if hits:
            elsewhere[str(path.relative_to(PKG))] = hits
    assert not elsewhere, elsewhere
    # packs.py names packs, never a severity.
    assert severity_literals((PKG / "packs.py").read_text(encoding="utf-8")) == []


def test_the_scans_find_a_planted_copy() -> None:
    planted = 'PACKS = {"nl": {"image-only": "warning"}}\nclass X:\n    default_severity = "info"\n'
    assert sorted(severities_written(planted, {"image-only"})) == ["line 1: 'image-only': 'warning'", "line 3: default_severity"]
    assert sorted(severity_literals(planted)) == ["line 1: 'warning'", "line 3: 'info'"]


def test_the_pack_tables_are_the_rules_declarations() -> None:
    rules = all_rules()
    assert list(PACKS) == list(PACK_NAMES)
    for name, table in PACKS.items():
        assert table, f"pack {name} is applied by no rule"
        assert list(table) == [rule_id for rule_id in rules if name in rules[rule_id].packs]  # catalogue order
        for rule_id, severity in table.items():
            assert rules[rule_id].packs[name] == severity
    for rule_id, rule in rules.items():
        assert set(rule.packs) <= set(PACK_NAMES), rule_id
        for name, refs in rule.pack_basis.items():
            assert PACK_BASIS[name][rule_id] == refs
    assert {(n, r) for n, t in PACK_BASIS.items() for r in t} == {(n, r) for r, c in rules.items() for n in c.pack_basis}


def test_every_rule_is_in_a_pack_and_every_pack_names_real_rules() -> None:
    rules = set(all_rules())
    in_packs = {rule_id for pack in PACKS.values() for rule_id in pack}
    assert not rules - in_packs, f"rules in no pack (they never run): {sorted(rules - in_packs)}"
    assert not in_packs - rules, f"packs name unknown rules: {sorted(in_packs - rules)}"


def test_the_default_severity_is_the_default_packs_and_the_catalogue_shows_one() -> None:
    defaults = combine(Options().packs)
    for entry in catalogue("en"):
        assert entry["severity"] == default_severity(entry["id"]) == defaults.get(entry["id"])
    assert PACKS["nl"]["image-only"] == default_severity("image-only") == "info"  # was "warning" in the rule file
    markdown = catalogue_markdown("en")
    for rule_id in all_rules():
        section = markdown.split(f"\n## {rule_id}\n", 1)[1].split("\n## ", 1)[0]
        assert section.count("- Default severity") == 1, rule_id


@pytest.mark.parametrize(
    ("attributes", "refused"),
    [
        ({"packs": {}}, "packs must name at least one pack"),
        ({"packs": {"nl": "fatal"}}, "severity 'fatal' in pack 'nl'"),
        ({"pack_basis": {"de": ("ddg-5",)}}, "pack_basis names pack 'de'"),
        ({"pack_basis": {"nl": ("no-such-source",)}}, "pack_basis 'no-such-source'"),
        ({"order": 0}, "order must be a positive whole number"),
        ({"order": "10"}, "order must be a positive whole number"),
    ],
)
def test_the_rule_contract_refuses_a_bad_declaration(attributes: dict, refused: str) -> None:
    body = {
        "__doc__": "A rule.\n\n**Why** x\n\n**Bad** x\n\n**Good** x",
        "id": "contract-probe",
        "title": {"nl": "x", "en": "x"},
        "basis": ("tripolis-7",),
        "packs": {"nl": "info"},
        "order": 99999,
        "messages": {"x": {"nl": "x", "en": "x"}},
        "fixes": {"x": {"nl": "x", "en": "x"}},
        **attributes,
    }
    with pytest.raises(RuleDefinitionError, match=refused):
        type("ContractProbe", (Rule,), body)


def test_a_rule_cites_exactly_the_checklist_lines_that_list_it() -> None:
    lines = {item["source"] for item in CHECKLIST}
    disagree = {}
    for rule_id, rule in all_rules().items():
        cited = {ref for ref in rule.basis if ref in lines}
        listed = {item["source"] for item in CHECKLIST if rule_id in item["rules"]}
        if cited != listed:
            disagree[rule_id] = {"basis only": sorted(cited - listed), "checklist only": sorted(listed - cited)}
    assert not disagree, disagree
