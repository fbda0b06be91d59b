"""Issue 11: the quick fix's footer is written in the draft's language (Dutch, English, German,
French), detected by py_core.language, not in the interface's; the notes stay in the interface's."""

from __future__ import annotations

import json

import pytest

from py_core import api
from py_core.engine import check
from py_core.export import render_footer
from py_core.export.messages import FOOTER, FOOTER_LANGUAGES
from py_core.language import detect, detect_draft
from py_core.model import Draft, DraftError, Options, Organisation
from py_core.tables import placeholders

ORG = Organisation(
    name="Acme B.V.",
    address="Keizersgracht 1, 1015 AA Amsterdam",
    phone="+31 20 123 4567",
    website="https://acme.nl",
    domains=["acme.nl"],
)
NOW = "2026-11-24T10:00:00+00:00"

#: A newsletter opening, a note to a colleague and a reply, per language (written for this test).
TEXTS: dict[str, list[str]] = {
    "nl": [
        "Beste klant,\n\nDeze week hebben we een mooie aanbieding voor u: alle jassen met 20% korting. "
        "Bekijk het aanbod in onze webwinkel.\n\nMet vriendelijke groet,\nHet team van Acme",
        "Hoi Sanne, kun je de notulen van gisteren nog even sturen? Dan zet ik ze op de site. Groetjes, Piet",
        "Nieuwsbrief december: het jaar zit er bijna op. Wij blikken terug op een jaar vol nieuwe producten "
        "en bedanken u voor het vertrouwen.",
    ],
    "en": [
        "Dear customer,\n\nThis week we have a great offer for you: all coats 20% off. See the offer in our "
        "web shop.\n\nKind regards,\nThe Acme team",
        "Hi Sam, could you send me the minutes from yesterday? Then I will put them on the site. Cheers, Pete",
        "December newsletter: the year is almost over. We look back on a year full of new products and thank you for your trust.",
    ],
    "de": [
        "Liebe Kundin, lieber Kunde,\n\ndiese Woche haben wir ein tolles Angebot für Sie: alle Jacken 20 % "
        "günstiger. Sehen Sie sich das Angebot in unserem Shop an.\n\nMit freundlichen Grüßen\nIhr Acme-Team",
        "Hallo Sabine, kannst du mir bitte das Protokoll von gestern schicken? Dann stelle ich es auf die "
        "Seite. Viele Grüße, Peter",
        "Newsletter Dezember: Das Jahr ist fast vorbei. Wir blicken zurück auf ein Jahr voller neuer "
        "Produkte und danken Ihnen für Ihr Vertrauen.",
    ],
    "fr": [
        "Chère cliente, cher client,\n\nCette semaine nous avons une belle offre pour vous : tous les "
        "manteaux à -20 %. Découvrez l'offre dans notre boutique.\n\nCordialement,\nL'équipe Acme",
        "Salut Sophie, peux-tu m'envoyer le compte rendu d'hier ? Je le mettrai sur le site. Bises, Pierre",
        "Lettre d'information de décembre : l'année touche à sa fin. Nous revenons sur une année pleine de "
        "nouveaux produits et vous remercions de votre confiance.",
    ],
}


def _html(text: str) -> str:
    return "".join(f"<p>{p}</p>" for p in text.split("\n\n"))


@pytest.mark.parametrize("language", FOOTER_LANGUAGES)
def test_each_language_is_detected(language: str) -> None:
    for text in TEXTS[language]:
        assert detect(text) == language, text
        assert detect_draft(Draft(html=_html(text))) == language, text
        assert detect_draft(Draft(text=text)) == language, text


@pytest.mark.parametrize(
    "text",
    [
        "Hola Juan, ¿me puedes enviar las notas de la reunión de ayer? Las pondré en la web. Saludos",
        "Ciao Marco, mi puoi mandare il verbale di ieri? Lo metto sul sito.",
        "Acme B.V. Keizersgracht 1 Amsterdam",  # too little text to say
        "OK",
        "",
        "de de de de de de en en en",  # one or two shared words repeated decide nothing
    ],
)
def test_unclear_or_other_languages_give_none(text: str) -> None:
    assert detect(text) is None


def test_quoted_reply_in_another_language_does_not_count() -> None:
    """The writer's own words decide: a Dutch reply above a quoted English message is Dutch."""
    quoted = "\n".join("> " + line for line in TEXTS["en"][0].splitlines())
    draft = Draft(text=f"{TEXTS['nl'][1]}\n\nOp 2 dec. 2026 schreef Sam:\n{quoted}\n{quoted}\n{quoted}")
    assert detect_draft(draft) == "nl"


def test_every_footer_string_in_every_language() -> None:
    for key, texts in FOOTER.items():
        assert set(texts) == set(FOOTER_LANGUAGES), key
        assert all(texts.values()), key


@pytest.mark.parametrize("language", FOOTER_LANGUAGES)
@pytest.mark.parametrize("platform", ["mailchimp", "brevo"])
@pytest.mark.parametrize("fmt", ["html", "text"])
def test_footer_in_the_drafts_language_passes_the_checks(language: str, platform: str, fmt: str) -> None:
    """An English interface, a draft in each language: the footer is in the draft's language and,
    added to the draft, leaves no error or warning (the engine reads its reason and opt-out)."""
    options = Options(platform=platform, locale="en", org=ORG, audience="opt-in list", now=NOW)
    body = TEXTS[language][0]
    draft = Draft(html=_html(body)) if fmt == "html" else Draft(text=body)
    footer = render_footer(options, fmt, draft=draft)
    assert footer["language"] == language
    assert FOOTER["footer_unsubscribe_link"][language] in footer["content"]
    reason = FOOTER["footer_reason_optin"][language].format(org=ORG.name)
    assert (reason.replace("'", "&#39;") if fmt == "html" else reason) in footer["content"]
    for other in FOOTER_LANGUAGES:
        if other != language:
            assert FOOTER["footer_unsubscribe_link"][other] not in footer["content"], other
    assert placeholders.DIALECTS[platform].unsubscribe_href in footer["content"]
    full = (
        Draft(html=draft.html + footer["content"], from_name=ORG.name, from_address="nieuws@acme.nl")
        if fmt == "html"
        else Draft(text=f"{body}\n\n{footer['content']}", from_name=ORG.name, from_address="nieuws@acme.nl")
    )
    report = check(full, Options(platform=platform, locale="en", org=ORG, audience="opt-in list", now=NOW))
    problems = [f"{f['rule']}: {f['message']}" for f in report["findings"] if f["severity"] in ("error", "warning")]
    assert problems == [], (language, fmt, problems)


@pytest.mark.parametrize("language", FOOTER_LANGUAGES)
@pytest.mark.parametrize("audience", ["opt-in list", "existing customers", "unknown"])
def test_each_reason_is_read_as_a_reason(language: str, audience: str) -> None:
    options = Options(platform="mailchimp", locale="nl", org=ORG, audience=audience, now=NOW)
    footer = render_footer(options, "html", language=language)
    report = check(Draft(html=_html(TEXTS[language][0]) + footer["content"]), options)
    assert "reason-missing" not in {f["rule"] for f in report["findings"]}, (language, audience)


@pytest.mark.parametrize("language", FOOTER_LANGUAGES)
def test_webmail_marker_in_the_drafts_language_notes_in_the_interfaces(language: str) -> None:
    """Without a merge tag the link is the draft language's visible marker, which the engine keeps
    flagging; the note that says so is in the interface's language and names that marker."""
    options = Options(platform="webmail", locale="nl", org=ORG, audience="opt-in list", now=NOW)
    draft = Draft(html=_html(TEXTS[language][0]))
    footer = render_footer(options, "html", draft=draft)
    marker = FOOTER["footer_url_marker"][language]
    assert footer["needs_unsubscribe_url"] is True
    assert f'href="{marker}"' in footer["content"]
    assert footer["notes"][0].startswith("In webmail vult niets een samenvoegveld in") and marker in footer["notes"][0]
    report = check(Draft(html=draft.html + footer["content"], from_name=ORG.name), options)
    assert any(f["rule"].startswith("unsubscribe-") for f in report["findings"]), language


def test_missing_profile_name_marker_in_the_drafts_language() -> None:
    options = Options(platform="mailchimp", locale="en")
    footer = render_footer(options, "text", draft=Draft(text=TEXTS["de"][0]))
    assert "[Name Ihrer Organisation]" in footer["content"]
    assert "Still to fill in in the organisation profile" in footer["notes"][-1]


def test_unclear_draft_falls_back_to_the_interface_language() -> None:
    for locale in ("nl", "en"):
        options = Options(platform="mailchimp", locale=locale, org=ORG)
        footer = render_footer(options, "html", draft=Draft(html="<p>Acme</p>"))
        assert footer["language"] == locale
        assert FOOTER["footer_unsubscribe_link"][locale] in footer["content"]
        assert render_footer(options, "html")["language"] == locale  # no draft: as before


def test_a_named_language_wins_and_a_bad_one_is_refused() -> None:
    options = Options(platform="mailchimp", locale="nl", org=ORG)
    footer = render_footer(options, "html", language="FR", draft=Draft(text=TEXTS["de"][0]))
    assert footer["language"] == "fr" and "Se désabonner" in footer["content"]
    with pytest.raises(DraftError):
        render_footer(options, "html", language="es")


def test_api_footer_takes_the_draft_or_a_language() -> None:
    def ask(request: dict) -> dict:
        return json.loads(api.handle(json.dumps(request)))

    opts = {"platform": "mailchimp", "locale": "en", "org": {"name": "Acme B.V."}}
    reply = ask({"kind": "footer", "options": opts, "format": "html", "draft": {"html": _html(TEXTS["nl"][0])}})
    assert reply["ok"] and reply["result"]["language"] == "nl" and "Afmelden" in reply["result"]["content"]
    reply = ask({"kind": "footer", "options": opts, "format": "text", "language": "de"})
    assert reply["ok"] and reply["result"]["language"] == "de" and "Abmelden" in reply["result"]["content"]
    reply = ask({"kind": "footer", "options": opts, "format": "html"})
    assert reply["ok"] and reply["result"]["language"] == "en"
    assert ask({"kind": "footer", "options": opts, "language": "xx"})["error"]["code"] == "bad-input"
    assert ask({"kind": "footer", "options": opts, "draft": "not a draft"})["error"]["code"] == "bad-input"
