"""The compliance summary (HTML, Markdown, JSON; Dutch and English) and the quick-fix footer."""

from __future__ import annotations

import json
import re
import tomllib
from fnmatch import fnmatch
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from py_core.engine import check
from py_core.export import render_footer, render_summary
from py_core.export._env import TEMPLATES
from py_core.export.messages import MESSAGES
from py_core.model import LOCALES, Draft, DraftError, Options, Organisation
from py_core.tables import placeholders
from py_core.tables.guidelines import CHECKLIST

from .helpers import ROOT

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
NOW = "2026-11-24T10:00:00+00:00"


class _Doc(HTMLParser):
    """Collects tags, attributes and text of a rendered HTML summary."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def hostile_report(locale: str = "nl") -> dict:
    draft = Draft(
        html=f"<p>{HOSTILE}</p><p>Tot ziens</p>",
        subject=f"Sale {HOSTILE}",
        from_name='"><script>x</script>',
        source="<b>file</b>",
    )
    return check(draft, Options(platform="webmail", locale=locale, now=NOW, mail_kind="mailing"))


@pytest.mark.parametrize("locale", LOCALES)
def test_html_summary_escapes_everything_from_the_draft(locale: str) -> None:
    report = hostile_report(locale)
    report["findings"].append({**report["findings"][0], "evidence": HOSTILE, "message": f"msg {HOSTILE}", "fix": HOSTILE})
    result = render_summary(report, "html", locale)
    content = result["content"]
    doc = _Doc()
    doc.feed(content)
    assert "script" not in doc.tags and "img" not in doc.tags
    assert not any(name.startswith("on") for name, _ in doc.attrs)
    assert "&lt;script&gt;" in content
    assert result["mime"].startswith("text/html")
    assert result["filename"] == f"mailwacht-summary-2026-11-24-{report['draft']['fingerprint'][:8]}.html"


def test_html_summary_is_self_contained_and_printable() -> None:
    content = render_summary(hostile_report(), "html", "nl")["content"]
    doc = _Doc()
    doc.feed(content)
    assert "link" not in doc.tags and "script" not in doc.tags
    urls = [value for name, value in doc.attrs if name in ("src", "href") and value]
    # Nothing fetched, nothing linked outside the file (links to the appendix only: "#loc-N").
    assert [u for u in urls if not re.fullmatch(r"#loc-\d+", u)] == []
    assert "@media print" in content and "url(" not in content
    assert "@page { size: A4" in content  # prints on A4
    assert "@media (max-width: 36rem)" in content  # one column in narrow windows


@pytest.mark.parametrize("locale", LOCALES)
def test_summary_contents_in_both_languages(locale: str) -> None:
    report = hostile_report("nl")
    html = render_summary(report, "html", locale)["content"]
    md = render_summary(report, "markdown", locale)["content"]
    title = MESSAGES["title"][locale]
    for content in (html, md):
        assert title in content
        assert report["draft"]["fingerprint"] in content
        # Without a time zone from the caller: UTC, and said so.
        assert "2026-11-24 10:00" in content and MESSAGES["time_zone_default"][locale] in content
        assert "unsubscribe-missing" in content
        for item in CHECKLIST:  # every duty the sender confirms, with a tick box
            confirm = item["confirm"].get(locale, "")
            assert (escape(confirm) if content is html else confirm) in content
        assert MESSAGES["signature"][locale] in content
    assert f'datetime="{NOW}"' in html  # the exact moment stays machine-readable
    assert "- [ ] " in md
    assert "☐" in html
    other = "en" if locale == "nl" else "nl"
    assert MESSAGES["checklist"][other] not in html


def test_markdown_escapes_markup() -> None:
    md = render_summary(hostile_report(), "markdown", "en")["content"]
    for line in md.splitlines():
        if "Sale" in line:
            assert "\\<script\\>" in line


def test_json_summary_has_groups_and_checklist() -> None:
    result = render_summary(hostile_report(), "json", "en")
    view = json.loads(result["content"])
    assert result["mime"] == "application/json" and result["filename"].endswith(".json")
    assert [g["key"] for g in view["groups"]] == ["error", "warning", "info", "review", "dismissed"]
    assert view["verdict"] == "fail"
    statuses = {line["status"] for line in view["checklist"]}
    assert statuses <= {"pass", "fail", "review", "confirm"}
    errors = view["groups"][0]["findings"]
    assert any(f["rule"] == "unsubscribe-missing" for f in errors)
    basis = next(f for f in errors if f["rule"] == "unsubscribe-missing")["basis"]
    # In English the Dutch law is named in English, its own name after it (issue 11).
    assert basis[0]["document"] == "Dutch Telecommunications Act art. 11.7 — Dutch: “Telecommunicatiewet art. 11.7”"


def test_dismissed_findings_are_listed_apart() -> None:
    first = hostile_report()
    fingerprint = next(f["fingerprint"] for f in first["findings"] if f["rule"] == "unsubscribe-missing")
    report = check(
        Draft(
            html=f"<p>{HOSTILE}</p><p>Tot ziens</p>",
            subject=f"Sale {HOSTILE}",
            from_name='"><script>x</script>',
            source="<b>file</b>",
        ),
        Options(platform="webmail", now=NOW, dismissed=[fingerprint], mail_kind="mailing"),
    )
    view = json.loads(render_summary(report, "json", "en")["content"])
    dismissed = next(g for g in view["groups"] if g["key"] == "dismissed")["findings"]
    assert [f["rule"] for f in dismissed] == ["unsubscribe-missing"]


@pytest.mark.parametrize(
    "report",
    [
        None,
        [],
        "text",
        {},
        {"draft": {}, "findings": "x", "checklist": []},
        {"draft": {}, "findings": [{"rule": "x"}], "checklist": []},
        {"draft": {}, "findings": [], "checklist": [{"id": "tripolis-1", "status": "maybe"}]},
    ],
)
def test_garbage_report_is_a_draft_error(report: object) -> None:
    with pytest.raises(DraftError):
        render_summary(report, "html", "nl")  # type: ignore[arg-type]


def test_unknown_format_and_locale() -> None:
    with pytest.raises(DraftError):
        render_summary(hostile_report(), "pdf", "nl")
    with pytest.raises(DraftError):
        render_summary(hostile_report(), "html", "fr")


def test_every_message_in_both_languages() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LOCALES), key
        assert all(texts.values()), key


def test_templates_are_package_data() -> None:
    """A wheel built from py_core must carry the templates: pyproject declares them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["py_core"]
    folder = ROOT / "py_core" / "export" / "templates"
    on_disk = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert on_disk == sorted(TEMPLATES)
    for name in TEMPLATES:
        assert any(fnmatch(f"export/templates/{name}", g) for g in globs), name


# -- footer -------------------------------------------------------------------------------------
ORG = Organisation(
    name="Voorbeeld BV",
    address="Dorpsstraat 1, 3511 AB Utrecht",
    phone="030-1234567",
    website="https://voorbeeld.nl",
    domains=["voorbeeld.nl"],
)
PLATFORMS_WITH_TAG = [name for name, d in placeholders.DIALECTS.items() if d.unsubscribe_href]


def _footer_findings(platform: str, locale: str, fmt: str) -> tuple[dict, list[dict]]:
    options = Options(platform=platform, locale=locale, org=ORG, audience="opt-in list", now=NOW)
    footer = render_footer(options, fmt)
    body = f"<p>{'Nieuws' if locale == 'nl' else 'News'}</p>" if fmt == "html" else ""
    draft = (
        Draft(html=body + footer["content"], from_name=ORG.name, from_address="nieuws@voorbeeld.nl")
        if fmt == "html"
        else Draft(text="Hallo,\n\n" + footer["content"], from_name=ORG.name, from_address="nieuws@voorbeeld.nl")
    )
    report = check(draft, options)
    return footer, [f for f in report["findings"] if f["severity"] in ("error", "warning")]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("platform", PLATFORMS_WITH_TAG)
def test_footer_passes_the_checks_on_every_platform(platform: str, locale: str) -> None:
    for fmt in ("html", "text"):
        footer, findings = _footer_findings(platform, locale, fmt)
        assert footer["needs_unsubscribe_url"] is False and footer["notes"] == []
        assert placeholders.DIALECTS[platform].unsubscribe_href in footer["content"]  # unescaped merge tag
        assert findings == [], (fmt, [f["rule"] + ": " + f["message"] for f in findings])


@pytest.mark.parametrize("platform", ["webmail", "gmail", "carerix"])
def test_footer_without_a_merge_tag_says_so_and_is_still_flagged(platform: str) -> None:
    footer, findings = _footer_findings(platform, "nl", "html")
    assert footer["needs_unsubscribe_url"] is True
    assert "[AFMELDLINK]" in footer["content"] and "[AFMELDLINK]" in footer["notes"][0]
    # The marker is not a working link; the engine must keep saying so until it is replaced.
    assert any(f["rule"].startswith("unsubscribe-") or f["rule"] == "placeholder-unresolved" for f in findings)


def test_footer_escapes_the_profile_and_lists_missing_fields() -> None:
    options = Options(platform="mailchimp", locale="en", org=Organisation(name="<b>Evil</b> & Co"))
    footer = render_footer(options, "html")
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in footer["content"]
    assert "postal address" in footer["notes"][0] and "phone number or website" in footer["notes"][0]
    empty = render_footer(Options(platform="mailchimp"), "text")
    assert "[naam van uw organisatie]" in empty["content"]
    with pytest.raises(DraftError):
        render_footer(options, "pdf")


_TEMPLATE_TAGS: set[str] | None = None


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80), st.sampled_from(["nl", "en"]))
def test_any_text_from_the_draft_stays_text(evil: str, other: str, locale: str) -> None:
    global _TEMPLATE_TAGS
    report = hostile_report(locale)
    report["draft"]["subject"] = evil
    report["draft"]["from_name"] = other
    report["draft"]["source"] = evil + other
    report["platform"] = other
    report["packs"] = [evil]
    for finding in report["findings"]:
        finding.update(message=evil, evidence=other + evil, fix=other, location={"selector": evil, "field": other})
    html = render_summary(report, "html", locale)["content"]
    doc = _Doc()
    doc.feed(html)
    if _TEMPLATE_TAGS is None:
        clean = _Doc()
        baseline = hostile_report(locale)
        for finding in baseline["findings"]:  # with the appendix of locations
            finding["location"] = {"selector": "p", "start": 0, "end": 1}
        clean.feed(render_summary(baseline, "html", locale)["content"])
        _TEMPLATE_TAGS = set(clean.tags)
    assert set(doc.tags) <= _TEMPLATE_TAGS  # nothing the draft wrote became markup
    assert not any(name.startswith("on") for name, _ in doc.attrs)
    render_summary(report, "markdown", locale)
    json.loads(render_summary(report, "json", locale)["content"])


@pytest.mark.parametrize("locale", LOCALES)
def test_summary_says_the_mail_kind_and_personal_mail_has_no_guideline_duties(locale: str) -> None:
    """Issue 10: the summary names the kind of mail and why; on personal mail every guideline line
    is not applicable and the sender is asked to confirm nothing."""
    personal = check(
        Draft(text="Hoi Piet, zullen we morgen bellen?\n\nAnna", subject="bellen", to=["piet@klant.nl"]),
        Options(platform="gmail", locale=locale, now=NOW),
    )
    view = json.loads(render_summary(personal, "json", locale)["content"])
    assert view["mail_kind"]["kind"] == "personal"
    assert view["mail_kind"]["reason"] == personal["mail_kind_reason"][locale]
    assert {line["status"] for line in view["checklist"]} == {"inapplicable"}
    assert view["confirmations"] == []
    html = render_summary(personal, "html", locale)["content"]
    assert str(escape(personal["mail_kind_reason"][locale])) in html
    assert MESSAGES["status_inapplicable"][locale] in html
    mailing = check(Draft(html="<p>Nieuws</p>"), Options(platform="mailchimp", locale=locale, now=NOW))
    view = json.loads(render_summary(mailing, "json", locale)["content"])
    assert view["mail_kind"]["kind"] == "mailing" and view["confirmations"]
    older = {k: v for k, v in mailing.items() if not k.startswith("mail_kind")}  # a report from before issue 10
    assert json.loads(render_summary(older, "json", locale)["content"])["mail_kind"] == {}


def _located_report() -> dict:
    """A report with a finding that has a place (selector and offsets) and evidence text."""
    report = check(
        Draft(html="<p>Nieuws</p><p>Afmelden? Stuur een e-mail naar info@webwinkel.example.</p>", subject="Actie"),
        Options(platform="webmail", locale="nl", now=NOW, mail_kind="mailing"),
    )
    assert any(f["location"] and f["evidence"] for f in report["findings"]), report["findings"]
    return report


@pytest.mark.parametrize("locale", LOCALES)
def test_summary_quotes_evidence_in_the_body_and_keeps_selectors_for_the_appendix(locale: str) -> None:
    report = _located_report()
    located = next(f for f in report["findings"] if f["location"] and f["evidence"])
    selector = located["location"]["selector"]
    html = render_summary(report, "html", locale)["content"]
    body, _, appendix = html.partition(MESSAGES["appendix_locations"][locale])
    assert appendix, "the appendix is there"
    assert escape(located["evidence"]) in body  # what was found, in the body
    assert escape(selector) not in body and escape(selector) in appendix  # where, in the appendix only
    md = render_summary(report, "markdown", locale)["content"]
    md_body, _, md_appendix = md.partition(MESSAGES["appendix_locations"][locale])
    assert located["evidence"] in md_body and selector not in md_body and selector in md_appendix
    view = json.loads(render_summary(report, "json", locale)["content"])
    refs = [f["ref"] for g in view["groups"] for f in g["findings"] if f["ref"]]
    assert [loc["ref"] for loc in view["locations"]] == refs == list(range(1, len(refs) + 1))
    assert any(selector in loc["location"] for loc in view["locations"])
    # The body points to its appendix entry, in both formats.
    see = MESSAGES["see_appendix"][locale].format(ref=1)
    assert see in body and see in md_body


@pytest.mark.parametrize(
    ("options", "text", "zone"),
    [
        ({"tz_offset": 60, "tz_name": "Europe/Amsterdam"}, "2026-11-24 11:00", "UTC+01:00 (Europe/Amsterdam)"),
        ({"tz_offset": -300}, "2026-11-24 05:00", "UTC-05:00"),
        ({"tz_offset": 330, "tz_name": "Asia/Kolkata"}, "2026-11-24 15:30", "UTC+05:30 (Asia/Kolkata)"),
        ({"tz_offset": -600, "tz_name": "<b>x</b>"}, "2026-11-24 00:00", "UTC-10:00"),  # a bad name is left out
    ],
)
def test_summary_times_are_local_with_their_offset(options: dict, text: str, zone: str) -> None:
    report = hostile_report()
    for fmt in ("html", "markdown"):
        content = render_summary(report, fmt, "en", options=options)["content"]
        assert text in content and zone in content, fmt
        assert MESSAGES["time_zone_default"]["en"] not in content
    view = json.loads(render_summary(report, "json", "en", options=options)["content"])
    assert view["checked_at"] == NOW and view["checked_at_local"] == {"text": text, "zone": zone}


@pytest.mark.parametrize("bad", [{"tz_offset": 9999}, {"tz_offset": "60"}, {"tz_offset": True}, {}, None])
def test_summary_without_a_usable_offset_says_utc(bad: dict | None) -> None:
    view = json.loads(render_summary(hostile_report(), "json", "nl", options=bad)["content"])
    assert view["checked_at_local"] == {"text": "2026-11-24 10:00", "zone": MESSAGES["time_zone_default"]["nl"]}


def test_summary_cites_only_the_chosen_packs() -> None:
    report = check(Draft(html="<p>Nieuws</p>"), Options(platform="webmail", now=NOW, mail_kind="mailing"))
    assert any("casl" in f["basis"] for f in report["findings"]), "a finding rests on CASL among others"
    dutch = render_summary(report, "html", "en")["content"]
    assert "CASL" not in dutch and "CAN-SPAM" not in dutch
    assert "Telecommunicatiewet" in dutch
    canadian = check(
        Draft(html="<p>Nieuws</p>"), Options(platform="webmail", now=NOW, mail_kind="mailing", packs=["nl", "ca-casl"])
    )
    assert "Anti-Spam Legislation (CASL)" in render_summary(canadian, "html", "en")["content"]
