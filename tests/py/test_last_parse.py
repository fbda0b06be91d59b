"""The engine reuses the last parse for the same HTML (issue 15, :class:`py_core.document.LastParse`):
the report is the same as after a new parse, with any options, in any order of drafts; other HTML
is parsed anew and the kept tree released (at once, or later when the caller says it will ask);
a large draft is not kept.

tests/py/test_report_snapshot.py checks every draft of the corpus and every fixture twice in a
row (its own packs, then every pack), so each of its 792 digests also covers a reused parse.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from py_core import engine
from py_core.document import LastParse
from py_core.model import Draft, Options

from .helpers import ROOT

NOW = "2026-12-01T10:00:00+00:00"


def _report(draft: Draft, **options: Any) -> str:
    report = engine.check(draft, Options.from_dict({"now": NOW, **options}))
    report.pop("duration_ms")
    return json.dumps(report, sort_keys=True)


@pytest.fixture
def fresh() -> LastParse:
    """The engine's LastParse emptied, so hits and misses count from zero."""
    engine.LAST_PARSE.clear()
    engine.LAST_PARSE.hits = engine.LAST_PARSE.misses = 0
    return engine.LAST_PARSE


def _drafts() -> list[Draft]:
    a = Draft(
        html=(ROOT / "examples" / "actie-met-problemen.html").read_text(encoding="utf-8"),
        subject="Actie",
        from_name="Acme",
        from_address="actie@acme.nl",
    )
    b = Draft.from_dict(json.loads((ROOT / "examples" / "nieuwsbrief-in-orde.json").read_text(encoding="utf-8"))["draft"])
    return [a, b]


def test_the_same_html_is_parsed_once_and_reported_the_same(fresh: LastParse) -> None:
    a, b = _drafts()
    first = _report(a)
    assert (fresh.misses, fresh.hits) == (1, 0)
    assert _report(a) == first
    assert (fresh.misses, fresh.hits) == (1, 1)
    # Other options on the same HTML (the send gate checks with others than the watcher).
    every_pack = _report(
        a, packs=["nl", "us-can-spam", "ca-casl", "bulk-sender", "eu-tracking", "de", "be", "accessibility"], locale="en"
    )
    assert fresh.hits == 2
    engine.LAST_PARSE.clear()
    assert (
        _report(a, packs=["nl", "us-can-spam", "ca-casl", "bulk-sender", "eu-tracking", "de", "be", "accessibility"], locale="en")
        == every_pack
    )
    # A, B, A: B is parsed anew, then A again, and A's report is unchanged.
    second_b = _report(b)
    assert _report(a) == first
    engine.LAST_PARSE.clear()
    assert _report(b) == second_b


def test_other_html_is_parsed_anew_and_the_kept_tree_released(fresh: LastParse) -> None:
    a, b = _drafts()
    doc = fresh.parse(a.html)
    assert fresh.parse(a.html) is doc
    other = fresh.parse(b.html)
    assert other is not doc
    assert not vars(doc), "the released document keeps nothing"
    assert other.links and other.text  # the new one is whole
    # One character more is other HTML.
    assert fresh.parse(b.html + " ") is not other


def test_a_draft_over_the_limit_is_parsed_but_not_kept() -> None:
    last = LastParse(max_chars=100)
    small, large = "<p>kort</p>", "<p>" + "lang " * 50 + "</p>"
    kept = last.parse(small)
    assert last.parse(small) is kept
    big = last.parse(large)
    assert big.text.strip().startswith("lang")
    assert last.parse(large) is not big  # not kept: parsed again
    assert last.misses == 3 and last.hits == 1
    assert vars(big), "a document that was never kept is never released"


def test_with_release_later_a_replaced_tree_waits_for_release_retired() -> None:
    a, b = _drafts()
    last = LastParse()
    last.release_later = True
    first = last.parse(a.html)
    second = last.parse(b.html)
    assert vars(first), "retired, not yet released"
    last.release_retired()
    assert not vars(first)
    assert vars(second), "the kept one stays"
    # Retired twice without release_retired between: the older one is released then.
    third = last.parse(a.html)
    last.parse(a.html + " ")
    assert not vars(second) and vars(third)
    last.release_retired()
    assert not vars(third)
