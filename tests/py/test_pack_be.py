"""Issue 14: the Belgian pack (``be``: WER/CDE art. XII.12, XII.13, royal decree of 4 April 2003),
the sources packs add to their rules' findings (``packs.PACK_BASIS``), and the ``first mailing``
audience."""

from __future__ import annotations

import pytest

from py_core.engine import check, check_dict
from py_core.model import AUDIENCES, Draft, DraftError, Options
from py_core.packs import PACK_BASIS, PACKS, pack_basis
from py_core.registry import all_rules
from py_core.tables.guidelines import SOURCES

NOW = "2026-12-02T10:00:00+00:00"
GOOD = (
    "<p>Beste klant, dit is het nieuws van deze maand.</p>"
    "<p>Acme BV, Meir 1, 2000 Antwerpen, info@acme.be. U ontvangt deze e-mail omdat u klant bent van Acme. "
    'U kunt zich op elk moment kosteloos afmelden: <a href="https://acme.be/afmelden">afmelden</a>.</p>'
)


def _findings(html: str, *, subject: str = "Acme: nieuws van december", **options: object) -> dict[str, dict]:
    draft = Draft(html=html, subject=subject, from_name="Acme", from_address="nieuws@acme.be")
    report = check(draft, Options(now=NOW, mail_kind="mailing", packs=["be"], **options))
    assert report["problems"] == []
    return {f["rule"]: f for f in report["findings"]}


def test_the_pack_names_real_rules_and_its_sources_resolve() -> None:
    rules = set(all_rules())
    assert set(PACKS["be"]) <= rules
    for pack, table in PACK_BASIS.items():
        assert pack in PACKS
        for rule_id, refs in table.items():
            assert rule_id in PACKS[pack], (pack, rule_id)
            assert all(ref in SOURCES for ref in refs), refs
    # The Belgian law is stated as what it is: a summary (the code's wording was not at hand).
    for ref in ("be-wer-xii-12", "be-wer-xii-13", "be-kb-2003", "tw-11.7-3"):
        assert SOURCES[ref]["quote"].startswith("(Samenvatting"), ref
    # § 7 (3) UWG and GDPR art. 21 are quoted in their own words.
    assert "jederzeit widersprechen kann" in SOURCES["uwg-7-3"]["quote"]
    assert "first communication" in SOURCES["gdpr-21-4"]["quote"]


def test_no_opt_out_is_an_error_citing_xii_13() -> None:
    found = _findings("<p>Beste klant, dit is het nieuws van deze maand.</p><p>Acme BV, Meir 1, 2000 Antwerpen</p>")
    missing = found["unsubscribe-missing"]
    assert missing["severity"] == "error" and missing["kind"] == "violation"
    assert "be-wer-xii-13" in missing["basis"] and "tw-11.7" in missing["basis"]


def test_a_reply_prefix_on_a_mailing_cites_xii_12() -> None:
    found = _findings(GOOD, subject="Re: ons gesprek")
    unrecognisable = found["advertising-unrecognisable"]
    assert unrecognisable["severity"] == "warning"
    assert "be-wer-xii-12" in unrecognisable["basis"] and "ecommerce-6" in unrecognisable["basis"]


def test_a_compliant_belgian_mailing_has_no_errors_or_warnings() -> None:
    found = _findings(GOOD, audience="first mailing")
    live = {rule: f for rule, f in found.items() if f["severity"] in ("error", "warning") and f["kind"] == "violation"}
    assert live == {}, live
    assert "objection-notice-missing" not in found  # the notice is there


def test_first_mailing_without_the_notice_asks_with_the_belgian_basis() -> None:
    html = GOOD.replace("U kunt zich op elk moment kosteloos afmelden:", "Afmelden:")
    finding = _findings(html, audience="first mailing")["objection-notice-missing"]
    assert finding["kind"] == "review" and finding["severity"] == "warning"
    assert finding["basis"] == ["gdpr-21-4", "tw-11.7-3", "be-wer-xii-13", "be-kb-2003"]
    assert "op elk moment kosteloos afmelden" in finding["fix"]


def test_other_packs_add_no_belgian_sources() -> None:
    assert pack_basis("unsubscribe-missing", ["nl", "de"]) == ()
    assert pack_basis("unsubscribe-missing", ["be", "be"]) == ("be-wer-xii-13",)
    report = check(Draft(html="<p>Nieuws</p>"), Options(now=NOW, mail_kind="mailing"))
    assert not any(ref.startswith("be-") for f in report["findings"] for ref in f["basis"])


@pytest.mark.parametrize(
    ("given", "audience"), [("first mailing", "first mailing"), ("first-mailing", "first mailing"), ("welcome", "first mailing")]
)
def test_the_first_mailing_audience(given: str, audience: str) -> None:
    assert "first mailing" in AUDIENCES
    report = check_dict({"draft": {"html": "<p>Nieuws</p>"}, "options": {"audience": given, "mail_kind": "mailing"}})
    assert report["audience"] == audience
    assert any(f["rule"] == "objection-notice-missing" for f in report["findings"])


def test_an_unknown_audience_is_still_refused() -> None:
    with pytest.raises(DraftError, match="first mailing"):
        Options.from_dict({"audience": "everyone"})


@pytest.mark.parametrize(
    ("html", "language", "words"),
    [
        (
            "<p>Willkommen! Sie sind jetzt für unseren Newsletter angemeldet und erhalten die Neuigkeiten.</p>",
            "de",
            "jederzeit widersprechen",
        ),
        (
            "<p>Bienvenue ! Vous êtes inscrit à notre lettre et vous recevez les nouvelles.</p>",
            "fr",
            "vous opposer à tout moment",
        ),
        (
            "<p>Welcome! You are now subscribed to our newsletter and you will get the news.</p>",
            "en",
            "unsubscribe from these emails at any time",
        ),
    ],
)
def test_the_fix_gives_the_notice_in_the_drafts_language(html: str, language: str, words: str) -> None:
    report = check(Draft(html=html, subject="Welcome"), Options(now=NOW, mail_kind="mailing", audience="first mailing"))
    finding = next(f for f in report["findings"] if f["rule"] == "objection-notice-missing")
    assert words in finding["fix"], (language, finding["fix"])
