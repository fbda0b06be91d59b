"""Issue 11, one language everywhere in the engine's texts: an English reader is not cited Dutch
guideline names untranslated, a Dutch summary does not show the report's values in English
("Doelgroep: opt-in list"), and the postal-address fix gives an example address of the sender's own
country (its pack), never a US one to a Dutch sender.

How a source is named to a reader is :func:`py_core.tables.guidelines.cite`: Dutch-language sources
in English carry their own name after an English one ("… — Dutch: “Tripolis anti-spam richtlijnen,
regel 2”"), so the words checked below are looked for only before that gloss.
"""

from __future__ import annotations

import json
import re

import pytest

from py_core.api import dispatch
from py_core.catalogue import catalogue
from py_core.engine import check
from py_core.export import render_records, render_summary
from py_core.export.messages import MESSAGES
from py_core.model import AUDIENCES, LOCALES, Draft, Options
from py_core.packs import PACKS
from py_core.tables.guidelines import CHECKLIST, CITES, SOURCES, cite

NOW = "2026-12-02T10:00:00+00:00"
#: Words of a Dutch guideline or law name that an English name does not use.
DUTCH_WORDS = re.compile(
    r"\b(richtlijnen|regel|inleiding|slot|klachten|voorheen|lid|herkenbaar|voorkom|reden|voorwaarden|eigen|tot)\b"
)
#: Words of an English description that a Dutch name does not use.
ENGLISH_WORDS = re.compile(
    r"\b(formerly|guidelines|success criterion|level|decision|recommendation|requirements|documentation|"
    r"Court of Justice|Directive|and|of the|on the|in force|applies)\b"
)
GLOSS = " — Dutch: "


def _before_gloss(text: str) -> str:
    """What an English cite says before the original's own (Dutch) name."""
    return text.split(GLOSS, 1)[0]


def _leaks(text: str, locale: str) -> list[str]:
    if locale == "en":
        return DUTCH_WORDS.findall(_before_gloss(text))
    return ENGLISH_WORDS.findall(text)


def test_every_source_is_cited_in_every_language() -> None:
    assert set(CITES) == set(SOURCES)
    for ref in SOURCES:
        assert set(CITES[ref]) == set(LOCALES), ref
        assert all(CITES[ref][locale].strip() for locale in LOCALES), ref


@pytest.mark.parametrize("locale", LOCALES)
def test_no_source_is_named_in_the_other_language(locale: str) -> None:
    leaks = {ref: _leaks(cite(ref, locale), locale) for ref in SOURCES}
    assert {ref: words for ref, words in leaks.items() if words} == {}


def test_a_dutch_source_keeps_its_own_name_in_dutch_and_after_the_english_one() -> None:
    # The Dutch reader sees the guidelines' own words, as before (Dutch reports are unchanged).
    for item in CHECKLIST:
        assert cite(item["source"], "nl") == SOURCES[item["source"]]["document"]
    assert cite("tripolis-2", "en") == "Tripolis anti-spam guidelines, rule 2 — Dutch: “Tripolis anti-spam richtlijnen, regel 2”"
    assert cite("carerix-reason", "en").startswith("Carerix mailing guidelines: reason for receiving — Dutch: ")
    assert cite("tw-11.7", "en").startswith("Dutch Telecommunications Act art. 11.7")
    # Every Tripolis, Carerix and Telecommunicatiewet source names its Dutch original (the name it
    # goes by, from its start) after the English one.
    for ref, source in SOURCES.items():
        if source["document"].startswith(("Tripolis", "Carerix", "Telecommunicatiewet")):
            english, _, original = cite(ref, "en").partition(GLOSS)
            assert english and original.startswith("“") and original.endswith("”"), ref
            assert source["document"].startswith(original.strip("“”")), ref


def _draft_report(locale: str, packs: list[str], audience: str = "opt-in list") -> dict:
    html = '<p>Hoi {{ voornaam }}, onze actie!</p><p><input type="checkbox" checked> Ja, stuur mij de nieuwsbrief</p>'
    options = Options(locale=locale, packs=packs, audience=audience, now=NOW, mail_kind="mailing")
    return check(Draft(html=html, subject="Actie"), options)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_surface_names_the_sources_in_the_readers_language(locale: str) -> None:
    """The report's checklist, the catalogue (cards, popup, options), the duties (popup, send gate)
    and every summary format."""
    report = _draft_report(locale, list(PACKS))
    texts = [line["document"] for line in report["checklist"]]
    texts += [b["document"] for entry in catalogue(locale) for b in entry["basis"]]
    duties = dispatch({"kind": "duties"})
    assert all(set(d["cite"]) == set(LOCALES) for d in duties)
    texts += [d["cite"][locale] for d in duties]
    view = json.loads(render_summary(report, "json", locale)["content"])
    texts += [b["document"] for g in view["groups"] for f in g["findings"] for b in f["basis"]]
    texts += [line["document"] for line in view["checklist"]]
    assert texts and {t for t in texts if _leaks(t, locale)} == set()
    if locale == "en":
        for fmt in ("html", "markdown"):
            content = render_summary(report, fmt, "en")["content"]
            assert "(Tripolis anti-spam richtlijnen" not in content and "richtlijnen, regel 2)" not in content, fmt
            assert "Tripolis anti-spam guidelines, rule 2" in content, fmt


def _line(content: str, label: str) -> str:
    """The Markdown summary's line for ``label`` ("- **Doelgroep**: …")."""
    return next(line for line in content.splitlines() if line.startswith(f"- **{label}**"))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_dutch_summary_names_the_audience_in_dutch_and_the_english_one_in_english(audience: str) -> None:
    for locale, label in (("nl", "Doelgroep"), ("en", "Audience")):
        key = f"audience_{audience.replace(' ', '_')}"
        assert key in MESSAGES, f"no words for audience {audience!r}"
        report = _draft_report(locale, ["nl"], audience)
        md = render_summary(report, "markdown", locale)["content"]
        assert _line(md, label) == f"- **{label}**: {MESSAGES[key][locale]}"
        html = render_summary(report, "html", locale)["content"]
        assert f"<dd>{MESSAGES[key][locale]}</dd>" in html
        view = json.loads(render_summary(report, "json", locale)["content"])
        assert view["audience"] == audience and view["audience_label"] == MESSAGES[key][locale]
    # The Dutch words are not the English value ("opt-in list" leaked into a Dutch summary).
    report = _draft_report("nl", ["nl"], audience)
    assert audience not in _line(render_summary(report, "markdown", "nl")["content"], "Doelgroep")


def test_the_summary_names_the_packs_platform_and_language_in_its_own_language() -> None:
    for pack in PACKS:
        assert all(MESSAGES[f"pack_{pack}"][locale] for locale in LOCALES), pack
    report = _draft_report("en", ["nl", "bulk-sender", "us-can-spam"])
    report["platform"] = "generic-esp"
    dutch = render_summary(report, "markdown", "nl")["content"]
    assert (
        _line(dutch, "Regelpakketten")
        == "- **Regelpakketten**: Nederland, Gmail en Yahoo: eisen voor bulkverzenders, Verenigde Staten (CAN-SPAM)"
    )
    assert _line(dutch, "Platform").startswith("- **Platform**: een ander verzendplatform")
    # The findings came from an English check: the note names the language in Dutch.
    assert "De meldingen staan in de taal waarin de controle is uitgevoerd (Engels)." in dutch
    english = render_summary(_draft_report("nl", ["nl", "bulk-sender"]), "markdown", "en")["content"]
    assert _line(english, "Rule packs") == "- **Rule packs**: Netherlands, Gmail and Yahoo: bulk sender requirements"
    assert "Finding messages are in the language the check ran in (Dutch)." in english
    mailchimp = {**report, "platform": "mailchimp"}
    assert _line(render_summary(mailchimp, "markdown", "nl")["content"], "Platform").startswith("- **Platform**: Mailchimp")
    # A value the engine does not know (a report that crossed JSON) is shown as it is.
    odd = {**report, "packs": ["xx"], "audience": "someone"}
    odd_md = render_summary(odd, "markdown", "nl")["content"]
    assert _line(odd_md, "Regelpakketten").endswith(": xx") and _line(odd_md, "Doelgroep").endswith(": someone")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_checklist_names_the_rules_that_failed_by_their_titles(locale: str) -> None:
    report = _draft_report(locale, ["nl"])
    view = json.loads(render_summary(report, "json", locale)["content"])
    failed = [line for line in view["checklist"] if line["failed_rules"]]
    assert failed
    from py_core.registry import RULES

    for line in failed:
        assert line["failed_rule_titles"] == [RULES[r].title[locale] for r in line["failed_rules"]]
    md = render_summary(report, "markdown", locale)["content"]
    table = md.split("|---|---|", 1)[1].split("\n\n", 1)[0]
    for line in failed:
        assert ", ".join(line["failed_rule_titles"]) in table
        assert ", ".join(line["failed_rules"]) not in table  # the ids, English words, are not the label


def test_the_records_export_names_the_platform_and_the_duties_source_in_its_language() -> None:
    duty = next(item for item in CHECKLIST if item["confirm"])
    record = {
        "seq": 1,
        "time": "2026-12-02T10:00:00Z",
        "action": "sent",
        "platform": "generic-esp",
        "draft": {"fingerprint": "a" * 64, "subject": "Actie"},
        "findings": [],
        "confirmations": [{"id": duty["id"], "scope": duty["scope"], "by": "Anna", "at": "2026-12-01T09:00:00Z"}],
    }
    english = render_records([record], "markdown", "en")["content"]
    assert "another sending platform" in english and cite(duty["source"], "en") in english
    dutch = render_records([record], "markdown", "nl")["content"]
    assert "een ander verzendplatform" in dutch and f"({SOURCES[duty['source']]['document']};" in dutch


def _postal_fix(locale: str, packs: list[str], html: str = "<p>Nieuws van Acme.</p>") -> str:
    report = check(Draft(html=html), Options(locale=locale, packs=packs, now=NOW, mail_kind="mailing"))
    return next(f["fix"] for f in report["findings"] if f["rule"] == "postal-address-missing")


@pytest.mark.parametrize("locale", LOCALES)
def test_the_postal_address_fix_gives_an_address_of_the_senders_own_country(locale: str) -> None:
    from py_core.rules.postal_address_missing import EXAMPLE_ADDRESSES

    # A Dutch sender (the default pack), in either language: a Dutch address, never the US one.
    dutch = _postal_fix(locale, ["nl"])
    assert "Kerkstraat 12, 1234 AB Amsterdam" in dutch and "Springfield" not in dutch
    assert "Springfield" not in _postal_fix(locale, ["nl", "bulk-sender", "eu-tracking"])
    # The Dutch pack (the default) names the sender's country whatever else is chosen: a Dutch
    # sender who also mails US or Belgian recipients still has a Dutch address.
    assert "Springfield" not in _postal_fix(locale, ["nl", "us-can-spam"])
    assert "1234 AB Amsterdam" in _postal_fix(locale, ["be", "nl"])
    # Without it, the first chosen country's form: the US one only with the US pack.
    assert "10 Main Street, Springfield, OR 97477" in _postal_fix(locale, ["us-can-spam"])
    assert "Ottawa, ON K1P 1J9" in _postal_fix(locale, ["ca-casl", "us-can-spam"])
    assert "10115 Berlin" in _postal_fix(locale, ["de", "us-can-spam"])
    assert "Kerkstraat 12, 1000 Brussel" in _postal_fix(locale, ["be", "ca-casl"])
    # The rule runs in no other pack; the text's Dutch fallback is not reached through a report.
    # Each example is an address this rule reads as one: following the fix silences it.
    for pack, address in EXAMPLE_ADDRESSES.items():
        report = check(
            Draft(html=f"<p>Nieuws van Acme.</p><p>Acme, {address}</p>"),
            Options(locale=locale, packs=[pack], now=NOW, mail_kind="mailing"),
        )
        assert not [f for f in report["findings"] if f["rule"] == "postal-address-missing"], pack
