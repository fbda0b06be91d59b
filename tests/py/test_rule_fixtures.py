"""One driver for every rule's fixture file (house style: sqlfluff's std_rule_cases).

``tests/fixtures/rules/<rule-id>.yml`` holds cases: a draft (and options) plus the findings of that
rule the engine must report, with their exact locations. A case with ``expect: []`` must pass.
Every rule must have a fixture file with at least one failing and one passing case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from py_core.engine import check_dict
from py_core.registry import RULES

from .helpers import resolve

FIXTURES = Path(__file__).parents[1] / "fixtures" / "rules"


def _cases() -> list[Any]:
    out = []
    for path in sorted(FIXTURES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data["cases"]):
            out.append(pytest.param(data["rule"], case, id=f"{data['rule']}:{i}:{case['name']}"))
    return out


def test_every_rule_has_fixtures_that_fail_and_pass() -> None:
    for rule_id in RULES:
        path = FIXTURES / f"{rule_id}.yml"
        assert path.exists(), f"{rule_id} has no fixture file"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        assert any(c["expect"] for c in cases), f"{rule_id}: no failing case"
        assert any(not c["expect"] for c in cases), f"{rule_id}: no passing case"


@pytest.mark.parametrize(("rule_id", "case"), _cases())
def test_rule_case(rule_id: str, case: dict[str, Any]) -> None:
    # A rule's fixture draft is a mailing unless the case says otherwise (issue 10: rules of bulk
    # mail do not run on personal mail; cases with ``mail_kind: auto``/``personal`` test that).
    options = {"packs": ["nl"], "mail_kind": "mailing", **(case.get("options") or {})}
    report = check_dict({"draft": case["draft"], "options": options})
    assert report["problems"] == []
    found = [f for f in report["findings"] if f["rule"] == rule_id]
    expected = case["expect"]
    assert len(found) == len(expected), [f["message"] for f in found]
    html = case["draft"].get("html", "")
    for finding, want in zip(found, expected, strict=True):
        location = finding["location"] or {}
        for key in ("severity", "kind"):
            if key in want:
                assert finding[key] == want[key]
        for key in ("selector", "start", "end", "field"):
            if key in want:
                assert location.get(key) == want[key], (key, location)
        if "message_contains" in want:
            assert want["message_contains"] in finding["message"]
        if "evidence_contains" in want:
            assert want["evidence_contains"] in finding["evidence"]
        if location.get("selector"):
            matched = resolve(html, location["selector"])
            assert len(matched) == 1, f"selector {location['selector']} matched {len(matched)} elements"
            if "start" in location:
                text = matched[0].get_text()
                assert 0 <= location["start"] <= location["end"] <= len(text)
                if "text" in want:
                    assert text[location["start"] : location["end"]].lower() == want["text"].lower()
