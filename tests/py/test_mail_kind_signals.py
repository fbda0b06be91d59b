"""Mailing or personal mail (issue 10): the signals that tell a broadcast from a personal message
beyond Dutch, English, German and French opt-out wording: opt-out and sales wording in Portuguese,
Spanish, Turkish and Chinese, a sales pitch's promises and boasts, a numbered issue in the subject, a
department's From address, a sender excusing itself for mailing unasked, and Chinese text counted
in words. Each signal with a personal message in the same words that must stay personal."""

from __future__ import annotations

from typing import Any

import pytest

from py_core.engine import check
from py_core.mail_kind import PROMO, UNSOLICITED, _word_count
from py_core.mail_kind_words import OPT_OUT, OPT_OUT_CJK_RE, PROMO_CJK_RE, PROMO_RE, SERIAL_SUBJECT_RE
from py_core.model import Draft, Options

NOW = "2026-12-02T10:00:00+00:00"
#: A message as it arrived (an .eml with transport headers): no "one recipient" sign.
RECEIVED = {"Received": "from mx.example.org by mail.example.nl", "From": "x", "To": "y"}


def report_of(draft: Draft, **options: Any) -> dict[str, Any]:
    options.setdefault("platform", "gmail")
    return check(draft, Options(now=NOW, **options))


def signals(report: dict[str, Any]) -> dict[str, int]:
    return {s["id"]: s["weight"] for s in report["mail_kind_signals"]}


def received(text: str, subject: str = "", sender: str = "someone@example.org", **more: Any) -> Draft:
    return Draft(
        text=text, subject=subject, from_address=sender, to=["me@example.nl"], headers=dict(RECEIVED), is_message=True, **more
    )


# -- opt-out wording in more languages ------------------------------------------------------------
OPT_OUTS = {
    "pt-cadastro": "Para se retirar do cadastro, favor responder sem assunto.",
    "pt-descadastrar": "Clique aqui para descadastrar o seu e-mail.",
    "pt-mais-receber": "Se não deseja mais receber nossos e-mails, responda com REMOVER.",
    "es-baja": "Si desea darse de baja, responda a este correo.",
    "es-lista": "Si desea ser eliminado de nuestra lista, escriba a baja@ejemplo.es.",
    "es-recibir": "Si ya no desea recibir más correos, haga clic en el enlace.",
    "tr-liste": "Bizden e-posta almak istemiyorsanız bu iletiyi boş olarak cevaplayın.",
    "tr-ascii": "Satisa sundugumuz listelerden cikmak istiyorsaniz bos cevap verin.",
    "tr-abonelik": "Abonelikten çıkmak için tıklayın.",
    "zh-hant": "若不想再收到此封郵件，請按此連結。",
    "zh-hans": "如果您不希望再收到我们的邮件，请点击退订。",
}


@pytest.mark.parametrize("name", sorted(OPT_OUTS))
def test_opt_out_wording_in_more_languages_makes_a_mailing(name: str) -> None:
    text = "Oferta / Offer / Teklif / 优惠\n\n" + OPT_OUTS[name]
    report = report_of(Draft(text=text, subject="x", to=["a@example.org"]))
    assert signals(report).get("opt-out") == 4, report["mail_kind_signals"]
    assert report["mail_kind"] == "mailing"


PERSONAL_LOOKALIKES = {
    # pt: take her name off the (guest) list; he does not want to get messages at work
    "pt-convidados": "Oi Ana, pode tirar o nome dela da lista de convidados? Ele não quer receber mensagens no trabalho.",
    # es: sick leave; delete her from the guest list; he does not want mail at work
    "es-baja-medica": "Hola Juan, mañana voy a darme de baja médica. ¿Puedes borrarla de la lista de invitados?",
    "es-correos": "Hola Marta, no quiere recibir correos en el trabajo, llámale mejor.",
    # tr: take my name off the list; I do not want mail from him
    "tr-liste": "Merhaba Ali, lütfen adımı listeden çıkar. Ondan e-posta almak istemiyorum.",
    # zh: I do not want to receive the parcel late again? (no "receive again" + mail)
    "zh": "小王，明天下午三点开会，请准时参加。谢谢！",
}


@pytest.mark.parametrize("name", sorted(PERSONAL_LOOKALIKES))
def test_personal_sentences_in_those_languages_are_no_opt_out(name: str) -> None:
    text = PERSONAL_LOOKALIKES[name]
    assert OPT_OUT.search(text, text.lower()) is None
    assert OPT_OUT_CJK_RE.search(text) is None
    report = report_of(Draft(text=text, subject="vraag", to=["friend@example.org"]))
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]


# -- promotional wording ---------------------------------------------------------------------------
PROMISES = {
    "nl": ("Geen verborgen kosten. Nederlands grootste webwinkel in fietsen.", 2),
    "en": ("No hidden charges. The UK's leading PC specialist.", 2),
    "de": ("Keine versteckten Kosten. Deutschlands größter Fahrradhändler.", 2),
    "fr": ("Sans frais cachés. Le leader du marché des vélos.", 2),
    "pt": ("Promoção! Frete grátis e 20% de desconto. Clique aqui. Camera R$ 36,00.", 5),
    "es": ("¡Rebajas! Envío gratis y descuentos. Haga clic aquí.", 4),
    "tr": ("Büyük kampanya: %50 indirim, ücretsiz kargo, 400.000 TL yerine 250.000 TL.", 4),
}


@pytest.mark.parametrize("lang", sorted(PROMISES))
def test_sales_wording_is_counted_in_every_language(lang: str) -> None:
    text, at_least = PROMISES[lang]
    found = PROMO.distinct(text, text.lower())
    assert len(found) >= at_least, found
    # the anchored search finds what the plain pattern finds
    assert found == {m.group(0).lower() for m in PROMO.pattern.finditer(text)}


def test_an_optional_space_in_a_phrase_may_be_left_out() -> None:
    """`` ?`` in a phrase is an optional space: prices and percentages written together count."""
    for text, word in [("nu $100", "$100"), ("30% off", "30% off"), ("30% korting", "30% korting"), ("30% Rabatt", "30% rabatt"),
                       ("30% de réduction", "30% de réduction"), ("€19,95", "€19,95"), ("get it now", "get it now")]:  # fmt: skip
        match = PROMO_RE.search(text)
        assert match is not None and match.group(0).lower() == word, text


def test_chinese_promotional_words_count_without_spaces() -> None:
    text = "50元获得机会！广告营销、网站推广，限时优惠。"
    assert set(PROMO_CJK_RE.findall(text)) >= {"50元", "广告", "营销", "推广", "限时", "优惠"}
    note = "明天下午三点开会，请准时参加。"
    assert PROMO_CJK_RE.findall(note) == []


def test_a_boast_word_alone_in_a_personal_note_is_no_promotion() -> None:
    for text in ["Hoi Piet, dat was de grootste taart ooit!", "Hi Tom, the leading actor was great.",
                 "Hallo Jonas, der größte Fehler war meiner.", "Salut Marie, le leader du groupe arrive."]:  # fmt: skip
        assert PROMO.distinct(text, text.lower()) == set(), text


# -- a short sales pitch ---------------------------------------------------------------------------
PITCHES = {
    "nl": ("Neem contact op met de specialist", "info@pcdokter.example",
           "Landelijke pc-reparatie.\n\n* Geen voorrijkosten.\n* Wij verslaan elke prijs: laagste prijs gegarandeerd.\n"
           "Klik hier voor meer informatie:\nhttps://pcdokter.example/"),
    "en": ("The UK's leading PC specialist", "info@pcclinic.example",
           "Nationwide PC repairs.\n\n* No call out charges.\n* We will beat any price.\n\n"
           "For more information click on the link below;\nhttps://pcclinic.example/"),
    "de": ("Deutschlands führender PC-Service", "info@pcdienst.example",
           "PC-Reparatur bundesweit.\n\n* Keine Anfahrtskosten.\n* Jetzt bestellen, Angebot gilt nur heute.\n"
           "Hier klicken:\nhttps://pcdienst.example/"),
    "fr": ("Le leader du marché de la réparation PC", "contact@pcservice.example",
           "Réparation PC partout en France.\n\n* Sans frais de déplacement.\n* Offre spéciale ce mois-ci.\n"
           "Cliquez ici :\nhttps://pcservice.example/"),
}  # fmt: skip


@pytest.mark.parametrize("lang", sorted(PITCHES))
def test_a_short_sales_pitch_from_a_department_address_is_a_mailing(lang: str) -> None:
    subject, sender, text = PITCHES[lang]
    report = report_of(received(text, subject, sender))
    found = signals(report)
    assert found.get("bulk-sender") == 1 and found.get("promotional") == 3, report["mail_kind_signals"]
    assert report["mail_kind"] == "mailing", report["mail_kind_signals"]


@pytest.mark.parametrize(
    ("sender", "text"),
    [
        (
            "info@bakkerij-jansen.example",
            "Beste mevrouw De Vries,\n\nUw taart ligt vanaf 10 uur klaar.\n\nGroet,\nBakkerij Jansen",
        ),
        ("info@schreinerei.example", "Hallo Herr Weber,\n\nder Schrank ist fertig, wann passt es Ihnen?\n\nGruß\nThomas"),
        ("contact@atelier.example", "Bonjour Madame Leroy,\n\nvos rideaux sont prêts.\n\nCordialement,\nJulie"),
        (
            "mail@janjansen.example",
            "Hi Tom,\n\nThe PC repair place was great: no call out charges and they beat any price. Click here: https://x.example",
        ),
    ],
)
def test_a_note_from_a_department_address_stays_personal(sender: str, text: str) -> None:
    report = report_of(received(text, "Uw bestelling" if "Jansen" in text else "note", sender))
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]
    if sender.startswith("mail@"):  # a person's own domain: no department
        assert "bulk-sender" not in signals(report)


# -- a numbered issue in the subject ----------------------------------------------------------------
SERIALS = [
    "Nieuwsbrief 12: de plannen voor 2027",
    "Weekly Digest #180",
    "Ausgabe 3/2026 - Neuigkeiten aus dem Verein",
    "Lettre n°12 : les nouveautés de décembre",
    "Viridis Note 00412: cities",
    "Clubblad editie 45",
    "Journal of Things, Vol. 4, No. 2",
]


@pytest.mark.parametrize("subject", SERIALS)
def test_a_numbered_issue_in_the_subject_is_a_sign_of_a_publication(subject: str) -> None:
    assert SERIAL_SUBJECT_RE.search(subject) is not None
    report = report_of(Draft(text="Dit is de tekst.", subject=subject, to=["a@example.org"]))
    assert signals(report).get("numbered-issue") == 3


NOT_SERIALS = [
    "Issue 12: crash bij inloggen",
    "Factuur 2026-0012",
    "Re: Nieuwsbrief 12",
    "Fwd: Weekly Digest #180",
    "AW: Ausgabe 3/2026",
    "Hoofdstuk 3: opmerkingen",
    "Kapitel 3: Korrekturen",
    "Chapitre 3 : relecture",
    "Réservation chambre numéro 12",
    "Tickets edition 2026: gaan we?",
    "Bus vol 2 -",
    "Suse 7.2 install notes",
]


@pytest.mark.parametrize("subject", NOT_SERIALS)
def test_a_ticket_invoice_chapter_reply_or_year_is_no_numbered_issue(subject: str) -> None:
    report = report_of(Draft(text="Hoi Piet,\n\nkun je hier even naar kijken?\n\nAnna", subject=subject, to=["p@example.org"]))
    assert "numbered-issue" not in signals(report)
    assert report["mail_kind"] == "personal"


def test_a_numbered_essay_sent_to_its_readers_is_a_mailing_and_the_same_essay_as_a_reply_is_not() -> None:
    """A long essay with links and no greeting, numbered like an issue, arriving from its author."""
    links = "\n".join(f"Read more: https://site{i}.example/page" for i in range(9))
    essay = "Key ideas: cities, water, energy.\n\n" + links + "\n\n" + ("The city of tomorrow runs on sun and wind. " * 60)
    report = report_of(received(essay, "Viridis Note 00412: cities", "author@example.org"))
    assert report["mail_kind"] == "mailing", report["mail_kind_signals"]
    reply = report_of(received(essay, "Re: Viridis Note 00412: cities", "author@example.org"))
    assert reply["mail_kind"] == "personal", reply["mail_kind_signals"]


# -- excusing itself for mailing unasked -------------------------------------------------------------
UNASKED = {
    "nl": "Als u niet geïnteresseerd bent, kunt u deze e-mail verwijderen.",
    "en": "If you are not interested, please delete this message.",
    "de": "Falls Sie kein Interesse haben, löschen Sie bitte diese E-Mail.",
    "fr": "Si vous n'êtes pas intéressé, veuillez supprimer ce message.",
    "pt": "Caso não seja de seu interesse, solicito que exclua este e-mail.",
    "es": "Si este mensaje no es de su interés, bórrelo.",
    "zh": "如果此信打扰到您，我们深感抱歉，请将此信删除。",
    "nl-excuses": "Onze excuses voor deze ongevraagde e-mail.",
    "en-apology": "We apologize for this unsolicited email.",
    "de-entschuldigung": "Wir entschuldigen uns für diese unaufgeforderte E-Mail.",
    "fr-excuses": "Excusez-nous pour ce message non sollicité.",
}


@pytest.mark.parametrize("lang", sorted(UNASKED))
def test_excusing_itself_for_mailing_unasked_is_a_sign_of_a_mailing(lang: str) -> None:
    report = report_of(
        Draft(text="Onze diensten / our services / 我们的服务.\n\n" + UNASKED[lang], subject="x", to=["a@example.org"])
    )
    assert signals(report).get("unsolicited") == 2, report["mail_kind_signals"]


@pytest.mark.parametrize(
    "text",
    [
        "Hoi Piet, excuses voor het ongevraagde advies, maar neem die baan!",
        "Hi Tom, sorry for the unsolicited advice, but take that job.",
        "Hallo Jonas, entschuldige den ungebetenen Rat, aber nimm die Stelle.",
        "Salut Marie, désolée pour le conseil non sollicité, mais prends ce poste.",
        "Hi Tom, if you are not interested in the concert, tell me and I'll ask Jan.",
    ],
)
def test_unasked_advice_between_friends_is_no_unsolicited_mail(text: str) -> None:
    assert UNSOLICITED.search(text, text.lower()) is None
    report = report_of(Draft(text=text, subject="hey", to=["t@example.org"]))
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]


# -- Chinese text counted in words --------------------------------------------------------------------
def test_chinese_text_is_counted_in_words_not_in_runs_between_spaces() -> None:
    paragraph = "如果您需要进行企业网站推广或者产品信息发布，这是您进行网上电子商务不可避免的一项工作。" * 8
    assert len(paragraph.split()) == 1
    assert _word_count(paragraph) > 150
    assert _word_count("明天下午三点开会，请准时参加。") < 20
    assert _word_count("Hoi Piet, bel je me?") == 5


def test_a_chinese_sales_mail_that_excuses_itself_is_a_mailing_but_a_chinese_note_is_not() -> None:
    spam = (
        "您好：\n如果此信打扰到您，我们深感抱歉，请将此信删除。\n"
        "如果您需要进行企业网站推广或者产品信息发布，EMAIL广告营销是最廉价和最实用的方法。\n"
        "现在只需50元，限时优惠！请访问我们的网站获得最新资料。\n市场部"
    )
    assert report_of(received(spam, "50元的机会"))["mail_kind"] == "mailing"
    note = "小王：\n明天下午三点开会，请准时参加。会议室在三楼。\n谢谢！\n李明"
    assert report_of(received(note, "开会"))["mail_kind"] == "personal"


def test_the_anchored_searches_of_the_new_tables_find_what_their_plain_patterns_find() -> None:
    from .test_mail_kind import _texts

    texts = _texts() + list(OPT_OUTS.values()) + list(PERSONAL_LOOKALIKES.values()) + list(UNASKED.values())
    texts += [text for text, _ in PROMISES.values()] + [text for _, _, text in PITCHES.values()]
    for text in texts:
        lower = text.lower()
        for table in (OPT_OUT, UNSOLICITED):
            assert (table.search(text, lower) is None) == (table.pattern.search(text) is None), text[:80]
        assert PROMO.distinct(text, lower) == {m.group(0).lower() for m in PROMO.pattern.finditer(text)}, text[:80]


# -- the word-bounded patterns ------------------------------------------------------------------------
def test_the_word_bounded_patterns_match_what_their_lookbehind_form_matches() -> None:
    """words() puts letter-initial phrases behind \\b and the others behind \\B instead of one
    lookbehind (three times faster): the same matches, on the corpus and the tests' phrases."""
    from py_core import mail_kind_words as mw

    from .test_mail_kind import _texts

    texts = _texts() + list(OPT_OUTS.values()) + list(UNASKED.values()) + [text for text, _ in PROMISES.values()]
    texts += ["$5 and €19,95; x$5; 30% off; #1; n°1 en France", "_unsubscribe_ unsubscribed un-subscribe", "a\u00a0$\u00a05"]
    tables = [mw.OPT_OUT_RE, mw.VIEW_ONLINE_RE, mw.REASON_RE, mw.NEWSLETTER_RE, mw.PROMO_RE, mw.UNSOLICITED_RE]
    for table in tables:
        assert not table.pattern.startswith(r"(?<!\w)"), "every table's phrases were told apart"
        plain = mw.plain_words(table)
        for text in texts:
            for variant in (text, text.lower()):
                assert [m.span() for m in table.finditer(variant)] == [m.span() for m in plain.finditer(variant)], variant[:80]
                # and from a position inside the text, as the anchored search runs it
                assert [m.span() for m in table.finditer(variant, 3, 90)] == [m.span() for m in plain.finditer(variant, 3, 90)]


def test_a_phrase_that_may_start_either_way_keeps_the_lookbehind() -> None:
    from py_core.mail_kind_words import _first_kinds, words

    assert _first_kinds("afmelden") == {True}
    assert _first_kinds(r"[$€£]\s*\d") == {False}
    assert _first_kinds(r"(?:the\s+)?(?:uk|europe)['’]s") == {True}
    assert _first_kinds(r"\d{1,2}\s*%") == {True}
    assert _first_kinds(r"\W{0,3}x") == {True, False}
    assert _first_kinds(r"(?=a)a") is None
    assert words("abc", r"\W?x").pattern.startswith(r"(?<!\w)")
    assert words("abc", r"[$€]\d").pattern.startswith(r"(?:\b")


@pytest.mark.parametrize("greeting", ["Oi Ana,", "Olá Maria,", "Hola Juan,", "Querida Marta,", "Merhaba Ali,", "Ciao Luca,"])
def test_a_greeting_by_name_in_more_languages_points_to_personal_mail(greeting: str) -> None:
    """A shop's note to one customer in Portuguese with a price, a discount and 'clique aqui', sent
    from info@, is commercial wording; greeting her by name it stays personal mail."""
    text = f"{greeting}\n\no hotel custa R$ 300, com desconto de 10%. Clique aqui para ver: https://x.example\n\nRita"
    report = report_of(received(text, "hotel", "info@pousada.example"))
    assert signals(report).get("name-greeting") == -1, report["mail_kind_signals"]
    assert report["mail_kind"] == "personal", report["mail_kind_signals"]
    anonymous = report_of(received(text.replace(greeting, "Olá,"), "hotel", "info@pousada.example"))
    assert anonymous["mail_kind"] == "mailing", anonymous["mail_kind_signals"]
