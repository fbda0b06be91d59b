"""One source per fact in the engine (issue 12): a rule's severity is written in ``py_core/packs.py``
only, and the guidelines a rule cites (its ``basis``) are exactly the checklist lines that list it.
"""

from __future__ import annotations

from py_core.catalogue import catalogue, catalogue_markdown
from py_core.model import Options
from py_core.packs import PACKS, combine, default_severity
from py_core.registry import Rule, all_rules
from py_core.tables.guidelines import CHECKLIST


def test_no_rule_writes_its_own_severity() -> None:
    assert not hasattr(Rule, "default_severity")
    written = sorted(rule_id for rule_id, cls in all_rules().items() if "default_severity" in vars(cls))
    assert not written, f"severities are written in py_core/packs.py PACKS only: remove default_severity from {written}"


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


def test_a_rule_cites_exactly_the_checklist_lines_that_list_it() -> None:
    lines = {item["source"] for item in CHECKLIST}
    disagree = {}
    for rule_id, rule in all_rules().items():
        cited = {ref for ref in rule.basis if ref in lines}
        listed = {item["source"] for item in CHECKLIST if rule_id in item["rules"]}
        if cited != listed:
            disagree[rule_id] = {"basis only": sorted(cited - listed), "checklist only": sorted(listed - cited)}
    assert not disagree, disagree
