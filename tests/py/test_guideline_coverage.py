"""Every line of both guideline documents maps to a rule or a checklist line (issue 16).

The documents live in ``shared/guidelines/`` (outside the repository); the tests that read them
skip, saying so, when it is absent. The repository keeps a copy of both documents' line structure
(``GUIDELINE_LINES``) and the generated mapping (``docs/guideline-coverage.md``), so the other
tests have teeth without it: no duty line can lose its checklist line, and the docs cannot go stale.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from py_core.registry import RULES
from py_core.tables.guidelines import (
    CHECKLIST,
    DOCUMENTS,
    GUIDELINE_LINES,
    NOT_DUTIES,
    SCOPES,
    SOURCES,
    coverage,
    coverage_markdown,
)

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "guidelines"
DOC = ROOT / "docs" / "guideline-coverage.md"


def _numbered_lines(path: Path) -> dict[int, str]:
    """The document's non-blank lines by line number, blanks folded, first 60 characters."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {i: " ".join(line.split())[:60] for i, line in enumerate(lines, 1) if line.strip()}


@pytest.mark.parametrize("doc", sorted(DOCUMENTS))
def test_the_shared_documents_match_the_kept_copy(doc: str) -> None:
    path = SHARED / DOCUMENTS[doc]
    if not path.exists():
        pytest.skip(f"{path} is absent (shared/ not mounted): the kept copy in GUIDELINE_LINES is checked instead")
    assert _numbered_lines(path) == GUIDELINE_LINES[doc], (
        f"{DOCUMENTS[doc]} changed: update GUIDELINE_LINES/NOT_DUTIES/CHECKLIST and regenerate docs/guideline-coverage.md"
    )


@pytest.mark.parametrize("doc", sorted(DOCUMENTS))
def test_every_line_of_the_shared_documents_is_mapped(doc: str) -> None:
    path = SHARED / DOCUMENTS[doc]
    if not path.exists():
        pytest.skip(f"{path} is absent (shared/ not mounted)")
    rows = coverage()[doc]
    for number in _numbered_lines(path):
        row = rows.get(number)
        assert row is not None, f"{doc}:{number} is not in the table"
        assert row["checklist"] or row["not_a_duty"], f"{doc}:{number} maps to nothing"


def test_every_duty_line_maps_to_a_checklist_line_and_no_line_twice() -> None:
    for doc, rows in coverage().items():
        for number, row in rows.items():
            if row["not_a_duty"]:
                assert not row["checklist"], f"{doc}:{number} is both a duty and no duty"
            else:
                assert row["checklist"], f"{doc}:{number} ({row['excerpt']!r}) has no checklist line"
    # Every line a checklist item names exists in the documents.
    for item in CHECKLIST:
        assert item["lines"], item["id"]
        for ref in item["lines"]:
            doc, _, number = ref.partition(":")
            assert int(number) in GUIDELINE_LINES[doc], f"{item['id']} names {ref}, not a line of {DOCUMENTS[doc]}"
            assert int(number) not in NOT_DUTIES[doc], f"{item['id']} names {ref}, marked as no duty"


def test_the_issue_16_duties_are_on_the_checklist() -> None:
    """The seven duties the issue found missing and the three found in part."""
    ids = {item["id"] for item in CHECKLIST}
    for wanted in (
        "carerix-groups",
        "tripolis-b2b",
        "tripolis-senders",
        "tripolis-2-informed",
        "tripolis-complaints",
        "tripolis-respect-info",
        "tripolis-technical",
        "tripolis-specific-sender",
        "tripolis-2-double-optin",
        "tripolis-respect",
    ):
        assert wanted in ids
    respect = next(i for i in CHECKLIST if i["id"] == "tripolis-respect")
    assert "non-response" in respect["confirm"]["en"] and "non-response" in respect["confirm"]["nl"]
    complaints = next(i for i in CHECKLIST if i["id"] == "tripolis-complaints")
    assert "48" in complaints["confirm"]["nl"] and "opt-in" in complaints["confirm"]["en"]


def test_checklist_lines_are_complete_in_both_languages() -> None:
    from py_core import rules as _rules  # noqa: F401 - registers the rules

    for item in CHECKLIST:
        assert item["source"] in SOURCES, item["id"]
        source = SOURCES[item["source"]]
        assert source["title"]["nl"] and source["title"]["en"] and source["quote"]
        assert item["scope"] in SCOPES, item["id"]
        for rule in item["rules"]:
            assert rule in RULES, f"{item['id']} names an unknown rule {rule}"
        if item["scope"] == "draft":
            assert item["rules"] and not item["confirm"], f"{item['id']}: a draft line is shown by rules only"
        else:
            assert set(item["confirm"]) == {"nl", "en"}, f"{item['id']}: a duty needs its line in nl and en"
            assert all(text.strip() for text in item["confirm"].values())


def test_list_dependent_duties_are_flagged() -> None:
    """Consent for this list (B2B included) is asked per mailing: the list may have changed."""
    by_id = {item["id"]: item for item in CHECKLIST}
    for duty in ("tripolis-1", "tripolis-specific-sender", "tripolis-b2b", "tripolis-5", "carerix-optin"):
        assert by_id[duty]["scope"] == "list", duty
    for duty in ("tripolis-complaints", "tripolis-respect", "tripolis-senders", "carerix-provider"):
        assert by_id[duty]["scope"] == "organisation", duty


def test_the_coverage_document_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == coverage_markdown(), (
        "docs/guideline-coverage.md is stale: .venv/bin/python -m py_core.tables.guidelines > docs/guideline-coverage.md"
    )
