"""Issue 14 in the compliance summary: the size meter (the draft's HTML against Gmail's ~102 KB
clipping point) and the checklist line asking whether recipients consented to tracking, in HTML,
Markdown and JSON, Dutch and English."""

from __future__ import annotations

import json

import pytest

from py_core.engine import check
from py_core.export import render_summary
from py_core.export.summary import size_meter
from py_core.model import Draft, Options
from py_core.rules.unsubscribe_clipped import CLIP_BYTES

NOW = "2026-12-02T10:00:00+00:00"
FOOTER = '<p>Acme B.V., Kerkstraat 1, 1011 AB Amsterdam. <a href="https://acme.nl/afmelden">Afmelden</a></p>'


def _report(html: str, **options: object) -> dict:
    return check(Draft(html=html, subject="Nieuws van Acme"), Options(now=NOW, mail_kind="mailing", **options))


def _all(report: dict, locale: str) -> dict[str, str]:
    return {fmt: render_summary(report, fmt, locale)["content"] for fmt in ("html", "markdown", "json")}


def test_size_meter_counts_the_room_left_in_every_format() -> None:
    html = "<p>" + "a" * 50_000 + "</p>" + FOOTER
    report = _report(html)
    size = report["draft"]["size_bytes"]
    view = json.loads(render_summary(report, "json", "en")["content"])["size"]
    assert view["bytes"] == size and view["limit"] == CLIP_BYTES == 102 * 1024
    assert view["left"] == CLIP_BYTES - size and view["clipped"] is False
    assert view["percent"] == round(size * 100 / CLIP_BYTES)
    kb_left = f"{(CLIP_BYTES - size) / 1024:.1f}"
    out = _all(report, "en")
    for fmt, content in out.items():
        assert kb_left in content, fmt
        assert "[Message clipped]" in content.replace("\\[", "[").replace("\\]", "]"), fmt
    assert f'<meter min="0" max="{CLIP_BYTES}"' in out["html"] and f'value="{size}"' in out["html"]
    marks = view["percent"] // 5  # a bar of 20 marks, about half full
    assert 8 <= marks <= 11 and f"`[{'#' * marks}{'.' * (20 - marks)}]`" in out["markdown"]
    dutch = _all(report, "nl")
    assert kb_left.replace(".", ",") in dutch["html"] and "Bericht ingekort" in dutch["markdown"]
    assert "Gmail-knipgrens" in dutch["html"]


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_size_meter_says_how_far_a_clipped_draft_is_over(locale: str) -> None:
    html = "<p>" + "b" * 120_000 + "</p>" + FOOTER
    report = _report(html, locale=locale)
    over = report["draft"]["size_bytes"] - CLIP_BYTES
    view = json.loads(render_summary(report, "json", locale)["content"])["size"]
    assert view["clipped"] is True and view["left"] == -over
    text = f"{over / 1024:.1f}"
    if locale == "nl":
        text = text.replace(".", ",")
    out = _all(report, locale)
    for fmt, content in out.items():
        assert text in content, fmt
    assert 'class="size-clipped"' in out["html"]
    assert f'value="{CLIP_BYTES}"' in out["html"]  # the meter stops at full
    assert "`[####################]`" in out["markdown"]


def test_size_meter_for_a_plain_text_draft_and_an_old_report() -> None:
    report = check(Draft(text="Nieuws\n\nAfmelden: https://acme.nl/afmelden"), Options(now=NOW, mail_kind="mailing"))
    view = json.loads(render_summary(report, "json", "en")["content"])["size"]
    assert view["mode"] == "text" and view["clipped"] is False and "plain text" in view["text"]
    assert "<meter" not in render_summary(report, "html", "en")["content"]
    del report["draft"]["size_bytes"]
    assert json.loads(render_summary(report, "json", "en")["content"])["size"] == {}
    assert "Size (Gmail" not in render_summary(report, "markdown", "en")["content"]
    assert size_meter({"size_bytes": True}, "en") == {} and size_meter({"size_bytes": -1}, "en") == {}


def test_tracking_consent_line_only_with_the_pack_or_tracking_found() -> None:
    plain = _report("<p>Nieuws</p>" + FOOTER)
    for content in _all(plain, "en").values():
        assert "measuring opens and clicks" not in content
    chosen = _report("<p>Nieuws</p>" + FOOTER, packs=["nl", "eu-tracking"])
    view = json.loads(render_summary(chosen, "json", "en")["content"])
    line = next(c for c in view["checklist"] if c["id"] == "eu-tracking-consent")
    assert line["status"] == "confirm" and line["failed_rules"] == []
    assert line in view["confirmations"]
    for fmt, content in _all(chosen, "en").items():
        assert "measuring opens and clicks" in content, fmt
        assert "2002/58/EC art. 5(3)" in content, fmt
    assert "meten van openen en klikken" in render_summary(chosen, "markdown", "nl")["content"]
    # Found in the nl pack alone (advice there): the line is asked too, as a question.
    tracked = _report("<p>Nieuws</p><div>{{ TrackView }}</div>" + FOOTER)
    assert any(f["rule"] == "tracking-pixel" for f in tracked["findings"])
    view = json.loads(render_summary(tracked, "json", "en")["content"])
    line = next(c for c in view["checklist"] if c["id"] == "eu-tracking-consent")
    assert line["status"] == "review" and line["failed_rules"] == ["tracking-pixel"]


def test_no_tracking_consent_line_on_personal_mail() -> None:
    report = check(
        Draft(html="<p>Hoi Anna, tot morgen!</p>", to=["anna@acme.nl"]),
        Options(now=NOW, mail_kind="personal", packs=["nl", "eu-tracking"]),
    )
    view = json.loads(render_summary(report, "json", "en")["content"])
    assert all(c["id"] != "eu-tracking-consent" for c in view["checklist"])


def test_belgian_and_uwg_sources_are_cited_only_with_their_pack() -> None:
    html = "<p>Nieuws van deze maand.</p>"
    dutch = _report(html)
    belgian = _report(html, packs=["be"])
    assert "XII.13" not in render_summary(dutch, "html", "en")["content"]
    assert "XII.13" in render_summary(belgian, "html", "en")["content"]
    german = _report(html, packs=["de"], audience="existing customers")
    assert "UWG" in render_summary(german, "markdown", "en")["content"]
