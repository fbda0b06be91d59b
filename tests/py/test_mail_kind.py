"""Mailing or personal mail (issue 10, :mod:`py_core.mail_kind`): the decision, its reasons in
the report, and what it does to the rules: personal notes in four languages and replies stay quiet,
a 40-Bcc newsletter, a list address, an email platform, a template file and the user's own choice
make a mailing, and the user can say otherwise both ways."""

from __future__ import annotations

import io
from typing import Any

import pytest

from py_core.engine import check, check_dict
from py_core.mail_kind import THRESHOLD, own_text
from py_core.model import Draft, DraftError, Options
from py_core.registry import ANY_MAIL_RULES, RULES
from py_core.tables.guidelines import CHECKLIST

NOW = "2026-12-02T10:00:00+00:00"
BULK_RULES = {"unsubscribe-missing", "contact-missing", "reason-missing", "postal-address-missing"}


def report_of(draft: Draft, **options: Any) -> dict[str, Any]:
    options.setdefault("platform", "gmail")
    return check(draft, Options(now=NOW, **options))


def live_rules(report: dict[str, Any]) -> set[str]:
    return {f["rule"] for f in report["findings"] if not f["dismissed"]}


PERSONAL_NOTES = {
    "nl": ("bellen", "Hoi Piet,\n\nZullen we morgen om 10 uur bellen over de offerte?\n\nGroet,\nAnna"),
    "en": (
        "Lunch",
        "Hi John,\n\nAre you free for lunch on Thursday? The new place near the station looks good.\n\nCheers,\nMary",
    ),
    "de": (
        "Termin",
        "Hallo Jonas,\n\nkönnen wir den Termin auf Freitag verschieben? Ich schicke dir die Unterlagen vorher.\n\nViele Grüße\nLena",
    ),
    "fr": ("Réunion", "Bonjour Marie,\n\nPeux-tu m'envoyer le compte rendu de la réunion d'hier ?\n\nMerci,\nPierre"),
}


@pytest.mark.parametrize("lang", sorted(PERSONAL_NOTES))
@pytest.mark.parametrize("as_html", [False, True])
def test_a_personal_note_to_one_person_is_personal_and_quiet(lang: str, as_html: bool) -> None:
    subject, body = PERSONAL_NOTES[lang]
    html = "".join(f"<p>{part}</p>" for part in body.split("\n\n")) if as_html else ""
    draft = Draft(
        html=html, text="" if as_html else body, subject=subject, to=["colleague@example.org"], from_address="me@firm.nl"
    )
    report = report_of(draft)
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]
    assert report["mail_kind_source"] == "auto"
    assert report["findings"] == []
    outcomes = {o["id"]: o for o in report["rules"]}
    assert outcomes["unsubscribe-missing"] == {"id": "unsubscribe-missing", "outcome": "inapplicable", "reason": "personal-mail"}
    assert all(line["status"] == "inapplicable" for line in report["checklist"])
    # The reason names what pointed to personal mail, in both languages.
    assert report["mail_kind_reason"]["nl"].startswith("Persoonlijke e-mail: ")
    assert report["mail_kind_reason"]["en"].startswith("Personal email: ")
    ids = {s["id"] for s in report["mail_kind_signals"]}
    assert {"one-recipient", "short-note", "name-greeting"} <= ids


def test_the_same_note_is_a_mailing_when_the_user_says_so_and_rules_fire() -> None:
    subject, body = PERSONAL_NOTES["nl"]
    draft = Draft(text=body, subject=subject, to=["piet@example.org"])
    report = report_of(draft, mail_kind="mailing")
    assert (report["mail_kind"], report["mail_kind_source"]) == ("mailing", "user")
    assert BULK_RULES <= live_rules(report)


REPLIES = [
    (
        "Re: offerte",
        {},
        "Dank je, dat klinkt goed.\n\nOp 1 dec. 2026 om 10:00 schreef Jan <jan@klant.nl>:\n> Kunt u ons een offerte sturen?\n> Met vriendelijke groet",
    ),
    ("AW: Rechnung", {}, "Danke, ist angekommen.\n\nAm 1. Dez. 2026 schrieb Max <max@kunde.de>:\n> Anbei die Rechnung."),
    (
        "RE: your question",
        {},
        "Sure, see below.\n\n-----Original Message-----\nFrom: Ann\nSent: Monday\nSubject: question\n\nCan you unsubscribe me from the list?",
    ),
    (
        "Ton message",
        {"In-Reply-To": "<abc@x.fr>"},
        "Oui, c'est d'accord.\n\nLe 1 déc. 2026, Paul a écrit :\n> On se voit demain ?",
    ),
]


@pytest.mark.parametrize(("subject", "headers", "text"), REPLIES)
def test_a_reply_is_personal_even_when_the_quoted_text_talks_about_unsubscribing(subject: str, headers: dict, text: str) -> None:
    draft = Draft(text=text, subject=subject, to=["someone@example.org"], headers=headers)
    report = report_of(draft)
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]
    assert "reply" in {s["id"] for s in report["mail_kind_signals"]}
    # Quoted text is not the writer's: its "unsubscribe" does not count.
    assert "opt-out" not in {s["id"] for s in report["mail_kind_signals"]}


NEWSLETTER = (
    "<h1>Nieuwsbrief december</h1><p>Beste lezer,</p><p>Deze maand: onze nieuwe openingstijden en de "
    "winnaars van de kerstactie.</p><p>Met vriendelijke groet,<br>De Boer Accountants</p>"
)


def test_forty_bcc_newsletter_without_an_unsubscribe_link_is_a_held_mailing() -> None:
    draft = Draft(
        html=NEWSLETTER,
        subject="Nieuwsbrief december",
        from_name="De Boer Accountants",
        from_address="nieuws@deboer.nl",
        to=["nieuws@deboer.nl"],
        bcc=[f"klant{i}@bedrijf{i}.nl" for i in range(40)],
    )
    report = report_of(draft)
    assert (report["mail_kind"], report["mail_kind_source"]) == ("mailing", "auto")
    assert report["mail_kind_score"] >= THRESHOLD
    assert "recipients" in {s["id"] for s in report["mail_kind_signals"]}
    assert "unsubscribe-missing" in live_rules(report)
    assert any(f["severity"] == "error" and f["kind"] == "violation" for f in report["findings"])


def test_forty_bcc_recipients_alone_make_a_mailing() -> None:
    draft = Draft(text="Hoi allemaal, zaterdag is de buurtborrel!", to=["me@x.nl"], bcc=[f"p{i}@y{i}.nl" for i in range(40)])
    assert report_of(draft)["mail_kind"] == "mailing"


@pytest.mark.parametrize(
    "to",
    [["undisclosed-recipients:;"], ["nieuwsbrief@vereniging.nl"], ["leden@vereniging.nl"], ["all-staff@acme.com"]],
)
def test_a_list_or_group_address_with_a_newsletter_is_a_mailing(to: list[str]) -> None:
    draft = Draft(
        html="<p>Dear members,</p><p>Our spring programme is out. Read it on the website.</p>"
        '<p><a href="https://club.example/unsubscribe">Unsubscribe</a></p>',
        to=to,
        headers={"To": ", ".join(to)},
    )
    report = report_of(draft)
    assert report["mail_kind"] == "mailing"
    assert "list-address" in {s["id"] for s in report["mail_kind_signals"]}


def test_undisclosed_recipients_header_of_a_message() -> None:
    draft = Draft(
        text="Special offer: 50% off all printer cartridges this week only. Order now at http://toner.example/",
        subject="Toner sale",
        headers={"To": "undisclosed-recipients:;", "From": "sales@toner.example"},
        is_message=True,
    )
    report = report_of(draft, platform="auto")
    assert report["mail_kind"] == "mailing", report["mail_kind_signals"]


@pytest.mark.parametrize("lang_text", [
    "Wilt u geen e-mails meer ontvangen? Afmelden",
    "To stop receiving these emails, unsubscribe here.",
    "Newsletter abbestellen",
    "Pour ne plus recevoir nos messages, cliquez ici pour vous désabonner.",
])  # fmt: skip
def test_opt_out_wording_in_four_languages_makes_a_mailing(lang_text: str) -> None:
    draft = Draft(html=f"<p>Nieuws van deze maand.</p><p>{lang_text}</p>")
    report = report_of(draft)
    assert report["mail_kind"] == "mailing", report["mail_kind_signals"]
    assert "opt-out" in {s["id"] for s in report["mail_kind_signals"]}


@pytest.mark.parametrize(
    "snippet",
    [
        "Bekijk deze e-mail in je browser",
        "View this email in your browser",
        "E-Mail im Browser ansehen",
        "Voir la version en ligne",
    ],
)
def test_view_in_browser_in_four_languages_makes_a_mailing(snippet: str) -> None:
    report = report_of(Draft(html=f'<p><a href="https://x.example/web">{snippet}</a></p><p>Hallo!</p>'))
    assert report["mail_kind"] == "mailing"


def test_merge_tags_make_a_mailing_in_webmail_auto() -> None:
    draft = Draft(html="<p>Beste *|FNAME|*,</p><p>Kom naar ons event.</p>")
    report = check(draft, Options(now=NOW))  # platform auto: the merge tags say Mailchimp
    assert report["mail_kind"] == "mailing"
    assert report["mail_kind_source"] == "auto"
    assert "merge-tags" in {s["id"] for s in report["mail_kind_signals"]}


@pytest.mark.parametrize("platform", ["mailchimp", "brevo", "tripolis", "carerix", "generic-esp"])
def test_every_email_platform_is_a_mailing(platform: str) -> None:
    draft = Draft(text="Hoi Piet, zullen we bellen?", to=["piet@example.nl"])
    report = report_of(draft, platform=platform)
    assert (report["mail_kind"], report["mail_kind_source"]) == ("mailing", "platform")
    assert "unsubscribe-missing" in live_rules(report)


def test_the_user_can_call_a_platform_draft_personal() -> None:
    report = report_of(Draft(text="Hoi Piet"), platform="mailchimp", mail_kind="personal")
    assert (report["mail_kind"], report["mail_kind_source"]) == ("personal", "user")
    assert live_rules(report) == set()


def test_a_template_is_a_mailing_unless_told_otherwise() -> None:
    draft = Draft(html="<p>Hallo</p>")
    assert report_of(draft, template=True)["mail_kind_source"] == "template"
    assert report_of(draft, template=True)["mail_kind"] == "mailing"
    assert report_of(draft, template=True, mail_kind="personal")["mail_kind"] == "personal"
    assert report_of(draft)["mail_kind"] == "personal"  # the same text written in webmail


def test_personal_mail_still_gets_the_rules_that_hold_for_any_mail() -> None:
    draft = Draft(
        html="<p>Hoi {{voornaam}},</p><p>tot morgen!</p>",
        to=[f"vriend{i}@domein{i}.nl" for i in range(12)],
    )
    report = report_of(draft, mail_kind="personal")
    assert report["mail_kind"] == "personal"
    assert live_rules(report) == {"placeholder-unresolved", "recipients-exposed"}
    outcomes = {o["id"]: o["outcome"] for o in report["rules"]}
    for rule_id in RULES:
        if rule_id not in ANY_MAIL_RULES:
            assert outcomes[rule_id] in ("inapplicable", "not-in-pack"), rule_id


def test_the_any_mail_table_names_real_rules_and_no_checklist_duty() -> None:
    assert ANY_MAIL_RULES <= set(RULES)
    for item in CHECKLIST:
        assert not ANY_MAIL_RULES & set(item["rules"]), item["id"]


def test_the_json_protocol_takes_and_checks_mail_kind() -> None:
    report = check_dict({"draft": {"text": "Hoi"}, "options": {"mail_kind": "mailing"}})
    assert (report["mail_kind"], report["mail_kind_source"]) == ("mailing", "user")
    with pytest.raises(DraftError):
        check_dict({"draft": {"text": "Hoi"}, "options": {"mail_kind": "bulk"}})
    signals = check_dict({"draft": {"text": "Hoi", "to": "a@b.nl"}, "options": {"platform": "gmail"}})["mail_kind_signals"]
    assert all(set(s) == {"id", "weight", "nl", "en"} for s in signals)


def test_a_newsletter_template_in_webmail_is_recognised_by_its_structure() -> None:
    rows = "".join(
        f'<tr><td><img src="https://acme.example/{i}.jpg" alt=""><a href="https://acme.example/a/{i}">Lees meer</a></td></tr>'
        for i in range(10)
    )
    html = f'<table role="presentation"><tr><td><table>{rows}</table></td></tr></table><p>Deze maand bij Acme.</p>'
    report = report_of(Draft(html=html))
    assert report["mail_kind"] == "mailing", report["mail_kind_signals"]
    ids = {s["id"] for s in report["mail_kind_signals"]}
    assert {"layout", "images"} <= ids
    # A structural sign decides at once: the soft signs are then not looked for (nor listed).
    reason = report_of(Draft(html=html + "<p>Je ontvangt deze nieuwsbrief omdat je klant bent bij Acme.</p>"))
    assert reason["mail_kind"] == "mailing"
    assert "reason" in {s["id"] for s in reason["mail_kind_signals"]}
    assert "images" not in {s["id"] for s in reason["mail_kind_signals"]}


def test_promotional_wording_alone_is_not_enough_but_with_structure_it_is() -> None:
    one = report_of(Draft(text="Hoi Sanne, die korting bij de bakker is echt goed, zullen we gaan?", to=["s@x.nl"]))
    assert one["mail_kind"] == "personal"
    promo = report_of(
        Draft(
            html="<h1>Sale!</h1><p>30% korting op alles. Bestel nu, gratis verzending.</p>"
            + "".join(f'<a href="https://shop.example/p/{i}"><img src="https://shop.example/{i}.jpg"></a>' for i in range(8))
        )
    )
    assert promo["mail_kind"] == "mailing", promo["mail_kind_signals"]


PROMOTION_TO_A_GROUP = {
    "nl": "<p>Beste klant,</p><p>Onze herfstuitverkoop begint vandaag: 30% korting op alle jassen.</p><p>Groet, de Voorbeeldwinkel</p>",
    "en": "<p>Dear customer,</p><p>Our autumn sale starts today: 30% off every jacket in the shop.</p><p>Kind regards, the Example shop</p>",
    "de": "<p>Liebe Kundinnen und Kunden,</p><p>heute startet unser Herbst-Sale: 30% Rabatt auf alle Jacken.</p><p>Ihr Beispielladen</p>",
    "fr": "<p>Chers clients,</p><p>Nos soldes d'automne commencent aujourd'hui : 30% de réduction sur toutes les vestes.</p><p>Votre boutique</p>",
}


@pytest.mark.parametrize("lang", sorted(PROMOTION_TO_A_GROUP))
def test_a_short_promotion_greeting_a_group_is_a_mailing(lang: str) -> None:
    """Commercial communication (Telecommunicatiewet 11.7) to 'Dear customer': short, but no note
    to someone the writer knows; the same greeting on a service message stays personal."""
    report = report_of(Draft(html=PROMOTION_TO_A_GROUP[lang]))
    assert report["mail_kind"] == "mailing", report["mail_kind_signals"]
    service = report_of(
        Draft(html="<p>Beste klant,</p><p>Uw bestelling ligt klaar om op te halen.</p><p>Groet, Bakkerij Jansen</p>")
    )
    assert service["mail_kind"] == "personal", service["mail_kind_signals"]


def test_forwarded_newsletter_to_one_friend_is_personal() -> None:
    text = (
        "Kijk, dit lijkt me wat voor jou!\n\n---------- Forwarded message ---------\nVan: Acme <nieuws@acme.nl>\n"
        "Bekijk deze e-mail in je browser\nNieuwsbrief\n...\nAfmelden"
    )
    report = report_of(Draft(text=text, subject="Fwd: Nieuwsbrief", to=["vriend@x.nl"]))
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]


def test_own_text_drops_quotes_and_list_footers() -> None:
    text = (
        "I agree with Bob.\n\n> earlier text\n> more\n\n"
        "_______________________________________________\nExmh-users mailing list\nExmh-users@redhat.com\n"
        "https://listman.redhat.com/mailman/listinfo/exmh-users\n"
    )
    own, quoted = own_text(text)
    assert quoted
    assert "earlier" not in own and "listinfo" not in own and "I agree" in own


def test_reason_is_one_line_with_the_strongest_signals() -> None:
    draft = Draft(
        html=NEWSLETTER + '<p><a href="https://x.example/afmelden">Afmelden</a></p>', bcc=[f"a{i}@b{i}.nl" for i in range(30)]
    )
    reason = report_of(draft, locale="en")["mail_kind_reason"]
    assert reason["en"].startswith("Mailing: 30 recipients")
    assert "\n" not in reason["en"] and "\n" not in reason["nl"]


def received(text: str, subject: str, **headers: str) -> Draft:
    """A message as it arrived (an .eml with Received headers): one visible recipient."""
    base = {"Received": "from mx.example by mx.example", "To": "me@example.org", "From": "x@example.com"}
    return Draft(text=text, subject=subject, to=["me@example.org"], headers={**base, **headers}, is_message=True)


def test_a_received_newsletter_addressed_to_one_person_is_still_a_mailing() -> None:
    draft = received("Our news of this week.\n\nTo be removed from our mailing list, reply with REMOVE.", "Weekly news")
    report = report_of(draft, platform="auto")
    assert report["mail_kind"] == "mailing"
    assert "one-recipient" not in {s["id"] for s in report["mail_kind_signals"]}


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("ADV: cheap toner", "Toner for every printer."),
        ("未承諾広告※出会い", "こんにちは"),
    ],
)
def test_a_legal_advertisement_label_makes_a_mailing(subject: str, text: str) -> None:
    report = report_of(received(text, subject), platform="auto")
    assert report["mail_kind"] == "mailing"
    assert "ad-label" in {s["id"] for s in report["mail_kind_signals"]}


def test_hard_wrapped_opt_out_wording_is_found() -> None:
    text = (
        "Special offer for you.\n\nIf you wish to receive no further advertisements, reply with the\nword REMOVE in the subject."
    )
    report = report_of(received(text, "Offer"), platform="auto")
    assert "opt-out" in {s["id"] for s in report["mail_kind_signals"]}


def test_a_list_servers_footer_is_not_the_writers_opt_out() -> None:
    text = (
        "Has anyone seen this error with version 2?\n\nThanks, Chris\n\n"
        "------------------------ Yahoo! Groups Sponsor ---------------------~-->\nAd text\n"
        "---------------------------------------------------------------------~->\n\n"
        "To unsubscribe from this group, send an email to:\nforteana-unsubscribe@egroups.com\n"
    )
    draft = received(text, "[forteana] error", **{"List-Unsubscribe": "<mailto:forteana-unsubscribe@egroups.com>"})
    report = report_of(draft, platform="auto")
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]


def test_a_spammers_own_footer_under_a_rule_is_read() -> None:
    text = 'Make money at home!\n\n______________________________\n\nTo Be Removed From Our Mailing List, Simply Put The Word "Remove" In The Subject Line.'
    report = report_of(received(text, "Money"), platform="auto")
    assert report["mail_kind"] == "mailing"


@pytest.mark.parametrize("sender", ["news@acme.nl", "nieuwsbrief@acme.nl", "noreply@acme.nl", "weather@alerts.weather.com"])
def test_a_bulk_sender_address_with_any_newsletter_sign_is_a_mailing(sender: str) -> None:
    draft = Draft(html="<p>Het weer van deze week: zon.</p>", from_address=sender, subject="Weerbericht")
    report = report_of(draft)
    assert "bulk-sender" in {s["id"] for s in report["mail_kind_signals"]}
    assert report["mail_kind"] == "mailing"


def test_german_reason_of_receipt_as_people_write_it() -> None:
    report = report_of(Draft(text="Hallo, du erhälst dieses Mail, weil du dich angemeldet hast."))
    assert "reason" in {s["id"] for s in report["mail_kind_signals"]}


def test_a_shouting_advert_is_a_mailing_but_one_capitalised_word_is_not() -> None:
    ad = report_of(
        received("DON'T MISS OUT ON AN AMAZING BUSINESS OPPORTUNITY! PLEASE VISIT www.example.com", "GET IN AT THE TOP!")
    )
    assert {"shouting", "promotional"} <= {s["id"] for s in ad["mail_kind_signals"]}
    note = report_of(Draft(text="Hoi Piet, het is URGENT: bel je me?", to=["p@x.nl"]))
    assert "shouting" not in {s["id"] for s in note["mail_kind_signals"]}
    assert note["mail_kind"] == "personal"


def _texts() -> list[str]:
    """The visible text of every corpus template and message (when shared/ is there) and of the
    phrases these tests use: what the anchored search is compared on."""
    from py_core.cli import load
    from py_core.document import parse_html, parse_text

    from .helpers import CORPUS

    texts = [body for _, body in PERSONAL_NOTES.values()] + [t for _, _, t in REPLIES] + [NEWSLETTER]
    texts += [
        "If you wish to receive no further advertisements, reply with the\nword REMOVE in the subject.",
        "Newsletter abbestellen · E-Mail im Browser ansehen · Sie erhalten diesen Newsletter, weil",
        "Voir la version en ligne. Pour ne plus recevoir nos messages, désabonnez-vous. Vous recevez cet e-mail",
        "30% korting! Bestel nu, gratis verzending. Was €19,95. Click here; order now; $100,000 guaranteed.",
        "İstanbul: unsubscribe",  # a character whose lower case is longer: the plain regex path
    ]
    folders = [CORPUS, CORPUS.parent / "mail"]
    for path in sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir()):
        if path.suffix not in (".html", ".eml"):
            continue
        draft, _ = load(path, io.StringIO())
        doc = parse_html(draft.html) if draft.html.strip() else parse_text(draft.text)
        texts.append(doc.text)
    return texts


def test_the_anchored_search_finds_what_the_plain_pattern_finds() -> None:
    from py_core.mail_kind import OPT_OUT, PROMO, REASON, VIEW_ONLINE

    texts = _texts()
    compared = 0
    for text in texts:
        lower = text.lower()
        for table in (OPT_OUT, VIEW_ONLINE, REASON):
            fast = table.search(text, lower)
            assert (fast is None) == (table.pattern.search(text) is None), (table.anchors[:3], text[:80])
            compared += 1
        assert PROMO.distinct(text, lower) == {m.group(0).lower() for m in PROMO.pattern.finditer(text)}, text[:80]
        # and the case-sensitive pattern on the lower-cased text is the case-blind one on the text
        assert len(lower) != len(text) or [m.span() for m in OPT_OUT.lower_pattern.finditer(lower)] == [
            m.span() for m in OPT_OUT.pattern.finditer(text)
        ]
    assert compared >= 3 * 20


QUOTE_HEADER_TEXTS = [
    "Thanks!\n\nOn Mon, 1 Dec 2026 at 10:00, Jan <jan@x.nl> wrote:\n> hi",
    "Prima.\n\nOp 1 dec. 2026 om 10:00 schreef Jan <jan@klant.nl>:\n> Kunt u",
    "Gut.\n\nAm 01.12.2026 um 10:00 schrieb Jan Meier:\n> Hallo",
    "Oui.\n\nLe lun. 1 déc. 2026 à 10:00, Jan a écrit :\n> Bonjour",
    "See below\n-----Original Message-----\nFrom: a",
    "See below\n-----\n\n \t\nOriginal Message-----\nFrom: a",  # dashes, blank lines, then the words
    "FYI\n\nFrom: Jan Jansen <jan@x.nl>\nSent: Monday\nTo: me",
    "FYI\n\nVan\n: Jan Jansen <jan@x.nl>\nVerzonden: maandag",  # the colon on a line of its own
    "Begin forwarded message:\n\nFrom: x",
    "An update on the consent we sent, dated today; present and original.\nFrom the team",
    "De datum is bekend.\nOp maandag sturen we het origineel.\nVan harte, de club",
    "İstanbul\nOn Monday Ali wrote:\n> merhaba",  # a character whose lower case is longer
]


def test_the_quote_header_is_found_where_a_search_of_the_whole_text_finds_it() -> None:
    from py_core.mail_kind import QUOTE_HEADER_RE, _quote_header

    texts = QUOTE_HEADER_TEXTS + _texts()
    found = 0
    for text in texts:
        fast = _quote_header(text, text.lower())
        plain = QUOTE_HEADER_RE.search(text)
        assert (fast and fast.span()) == (plain and plain.span()), text[:80]
        found += plain is not None
    assert found >= len(QUOTE_HEADER_TEXTS) - 2


def test_the_shouting_count_is_the_count_of_ascii_capitals() -> None:
    import re

    from py_core.mail_kind import _shouting

    for text in ["BUY NOW AND SAVE BIG TODAY", "Buy now and save", "ÄÖÜ ÉÈ ÇA VA TRÈS BIEN", "short", "KORTING OP ALLES!! 50%"]:
        upper, lower = len(re.findall("[A-Z]", text)), len(re.findall("[a-z]", text))
        assert _shouting(text) == (upper + lower >= 12 and upper >= 0.8 * (upper + lower)), text


def test_a_designed_newsletter_pasted_into_webmail_is_a_mailing_without_any_opt_out() -> None:
    """A coupon mail laid out like a template (nested tables at 600 px, a button) and no
    unsubscribe link at all: exactly the mail that must not go out unchecked."""
    html = (
        '<table width="100%"><tr><td><table width="600" align="center"><tr><td>'
        '<table width="100%"><tr><td><h1>Your coupon</h1><p>Use code 2OB3-32CC for 20% off.</p>'
        '<a href="https://shop.example/activate" style="background:#e33;padding:12px 20px;color:#fff">Activate</a>'
        "</td></tr></table></td></tr></table></td></tr></table>"
    )
    report = report_of(Draft(html=html, to=["klant@example.org"]))
    assert report["mail_kind"] == "mailing", report["mail_kind_signals"]
    ids = {s["id"] for s in report["mail_kind_signals"]}
    assert {"layout", "buttons", "promotional"} <= ids
    assert "unsubscribe-missing" in live_rules(report)


def test_a_personal_mail_with_a_signature_table_stays_personal() -> None:
    signature = (
        '<table cellpadding="0" cellspacing="0"><tr><td><img src="https://acme.example/logo.png" width="80"></td>'
        "<td><b>Anna de Vries</b><br>Accountmanager · Acme<br>"
        '<a href="https://acme.example">acme.example</a> · 030-1234567</td></tr></table>'
    )
    html = f"<p>Hoi Piet,</p><p>Bijgaand de offerte waar je om vroeg. Laat maar weten of het past.</p><p>Groet,</p>{signature}"
    report = report_of(Draft(html=html, subject="Offerte", to=["piet@klant.nl"], from_address="anna@acme.example"))
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]
    assert report["findings"] == []


def test_a_short_invitation_to_twelve_friends_in_to_is_personal_but_their_addresses_are_still_exposed() -> None:
    friends = [f"vriend{i}@domein{i}.nl" for i in range(12)]
    report = report_of(Draft(text="Hoi allemaal, zaterdag vier ik mijn verjaardag. Komen jullie?", to=friends))
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]
    assert live_rules(report) == {"recipients-exposed"}
    newsletter = report_of(Draft(html=NEWSLETTER, subject="Nieuwsbrief december", to=friends))
    assert newsletter["mail_kind"] == "mailing"
    hidden = report_of(Draft(text="Hoi allemaal, zaterdag is de borrel.", to=["me@x.nl"], bcc=friends[:10]))
    assert hidden["mail_kind"] == "mailing"
