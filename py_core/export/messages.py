"""Every fixed string of the exports (compliance summary, footer) in Dutch and English.

One table, apart from the templates, so that a translator edits one file; a test checks that both
languages have every key. Footer wording follows the Carerix guideline's own example ("U ontvangt
deze nieuwsbrief omdat u zich heeft ingeschreven bij [naam van jouw organisatie]").
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "title": {"nl": "Mailwacht-nalevingsoverzicht", "en": "Mailwacht compliance summary"},
    "intro": {
        "nl": "Controle van een e-maildraft tegen de Telecommunicatiewet art. 11.7 en de richtlijnen van Tripolis en Carerix.",
        "en": "Check of an email draft against the Dutch Telecommunications Act art. 11.7 and the Tripolis and Carerix guidelines.",
    },
    "checked_at": {"nl": "Gecontroleerd op", "en": "Checked at"},
    "fingerprint": {"nl": "Vingerafdruk van de draft (sha256)", "en": "Draft fingerprint (sha256)"},
    "subject": {"nl": "Onderwerp", "en": "Subject"},
    "from": {"nl": "Afzender", "en": "From"},
    "source": {"nl": "Bron", "en": "Source"},
    "platform": {"nl": "Platform", "en": "Platform"},
    "platform_inferred": {"nl": "(afgeleid uit de samenvoegvelden)", "en": "(inferred from the merge tags)"},
    "platform_default": {
        "nl": "(geen samenvoegvelden gevonden; beoordeeld als webmail)",
        "en": "(no merge tags found; judged as webmail)",
    },
    "packs": {"nl": "Regelpakketten", "en": "Rule packs"},
    "audience": {"nl": "Doelgroep", "en": "Audience"},
    "engine": {"nl": "Versie van Mailwacht", "en": "Mailwacht version"},
    "recipients": {"nl": "Zichtbare ontvangers", "en": "Visible recipients"},
    "none": {"nl": "(geen)", "en": "(none)"},
    "counts": {"nl": "Resultaat", "en": "Result"},
    # A count's noun, through count(): "_one" for exactly one, the plain key for any other number.
    "count_error_one": {"nl": "fout", "en": "error"},
    "count_error": {"nl": "fouten", "en": "errors"},
    "count_warning_one": {"nl": "waarschuwing", "en": "warning"},
    "count_warning": {"nl": "waarschuwingen", "en": "warnings"},
    "count_info_one": {"nl": "advies", "en": "note"},
    "count_info": {"nl": "adviezen", "en": "notes"},
    "count_review_one": {"nl": "te beoordelen", "en": "to review"},
    "count_review": {"nl": "te beoordelen", "en": "to review"},
    "count_dismissed_one": {"nl": "genegeerd", "en": "dismissed"},
    "count_dismissed": {"nl": "genegeerd", "en": "dismissed"},
    "verdict_fail": {
        "nl": "Niet verzenden: er zijn fouten die de wet of de richtlijnen schenden.",
        "en": "Do not send: there are errors that break the law or the guidelines.",
    },
    "verdict_warn": {
        "nl": "Geen fouten gevonden, wel punten om na te lopen.",
        "en": "No errors found, but there are points to look at.",
    },
    "verdict_pass": {"nl": "Geen fouten of waarschuwingen gevonden.", "en": "No errors or warnings found."},
    "findings": {"nl": "Bevindingen", "en": "Findings"},
    "group_error": {"nl": "Fouten", "en": "Errors"},
    "group_warning": {"nl": "Waarschuwingen", "en": "Warnings"},
    "group_info": {"nl": "Adviezen", "en": "Notes"},
    "group_review": {"nl": "Te beoordelen door een mens", "en": "Needs review by a person"},
    "group_dismissed": {"nl": "Door de gebruiker genegeerd", "en": "Dismissed by the user"},
    "no_findings": {"nl": "Geen bevindingen.", "en": "No findings."},
    "rule": {"nl": "Regel", "en": "Rule"},
    "severity": {"nl": "Ernst", "en": "Severity"},
    "evidence": {"nl": "Gevonden", "en": "Evidence"},
    "location": {"nl": "Plaats", "en": "Location"},
    "fix": {"nl": "Oplossing", "en": "Fix"},
    "basis": {"nl": "Grondslag", "en": "Basis"},
    "sev_error": {"nl": "fout", "en": "error"},
    "sev_warning": {"nl": "waarschuwing", "en": "warning"},
    "sev_info": {"nl": "advies", "en": "note"},
    "checklist": {"nl": "Checklist per richtlijn", "en": "Checklist per guideline"},
    "guideline": {"nl": "Richtlijn", "en": "Guideline"},
    "status": {"nl": "Status", "en": "Status"},
    "status_pass": {"nl": "voldoet", "en": "pass"},
    "status_fail": {"nl": "voldoet niet", "en": "fail"},
    "status_review": {"nl": "te beoordelen", "en": "needs review"},
    "status_confirm": {"nl": "zelf bevestigen", "en": "to confirm"},
    "status_inapplicable": {"nl": "niet van toepassing", "en": "not applicable"},
    "mail_kind": {"nl": "Soort e-mail", "en": "Kind of email"},
    "mail_kind_mailing": {"nl": "mailing", "en": "mailing"},
    "mail_kind_personal": {"nl": "persoonlijke e-mail", "en": "personal email"},
    "confirmations": {"nl": "Verklaring van de verzender", "en": "Sender's declaration"},
    "confirm_intro": {
        "nl": "Deze punten kan een draft niet laten zien. Vink aan wat klopt en onderteken.",
        "en": "A draft cannot show these points. Tick what is true and sign.",
    },
    "signature": {"nl": "Handtekening", "en": "Signature"},
    "name": {"nl": "Naam", "en": "Name"},
    "date": {"nl": "Datum", "en": "Date"},
    "problems": {"nl": "Problemen van de controle zelf", "en": "Problems of the check itself"},
    "messages_locale_note": {
        "nl": "De meldingen staan in de taal waarin de controle is uitgevoerd ({locale}).",
        "en": "Finding messages are in the language the check ran in ({locale}).",
    },
    "generated_by": {
        "nl": "Gemaakt door Mailwacht {version}. Dit overzicht is een hulpmiddel, geen juridisch advies.",
        "en": "Made by Mailwacht {version}. This summary is an aid, not legal advice.",
    },
    # -- footer -------------------------------------------------------------------------------
    "footer_reason_optin": {
        "nl": "U ontvangt deze e-mail omdat u zich heeft aangemeld bij {org}.",
        "en": "You receive this email because you signed up with {org}.",
    },
    "footer_reason_customer": {
        "nl": "U ontvangt deze e-mail omdat u klant bent van {org}.",
        "en": "You receive this email because you are a customer of {org}.",
    },
    "footer_reason_unknown": {
        "nl": "U ontvangt deze e-mail omdat u zich heeft aangemeld bij {org} of klant bent van {org}.",
        "en": "You receive this email because you signed up with or are a customer of {org}.",
    },
    "footer_unsubscribe_sentence": {
        "nl": "Geen berichten meer ontvangen?",
        "en": "No longer want to receive these emails?",
    },
    "footer_unsubscribe_link": {"nl": "Afmelden", "en": "Unsubscribe"},
    "footer_phone": {"nl": "Telefoon", "en": "Phone"},
    "footer_your_org": {"nl": "[naam van uw organisatie]", "en": "[your organisation's name]"},
    "footer_url_marker": {"nl": "[AFMELDLINK]", "en": "[UNSUBSCRIBE-LINK]"},
    "footer_note_webmail": {
        "nl": "In webmail vult niets een samenvoegveld in: vervang {marker} door de echte afmeldlink van uw afmeldpagina voordat u verzendt.",
        "en": "In webmail nothing fills merge tags: replace {marker} with the real link to your unsubscribe page before sending.",
    },
    "footer_note_unknown_platform": {
        "nl": "Van {platform} is geen afmeldcode bekend: vervang {marker} door de afmeldcode of -link van het platform.",
        "en": "No unsubscribe code is known for {platform}: replace {marker} with the platform's unsubscribe code or link.",
    },
    "footer_note_missing": {
        "nl": "Vul in het organisatieprofiel nog in: {fields}.",
        "en": "Still to fill in in the organisation profile: {fields}.",
    },
    "field_name": {"nl": "naam", "en": "name"},
    "field_address": {"nl": "postadres", "en": "postal address"},
    "field_contact": {"nl": "telefoonnummer of website", "en": "phone number or website"},
}


def text(key: str, locale: str, **params: str) -> str:
    """The string ``key`` in ``locale`` (Dutch when the locale is unknown), fields filled."""
    entry = MESSAGES[key]
    value = entry.get(locale) or entry["nl"]
    return value.format(**params) if params else value


def count(kind: str, number: int, locale: str) -> str:
    """``number`` findings of ``kind`` (error, warning, info, review, dismissed) in words: "1 fout",
    "2 fouten", "0 errors". Dutch and English take the singular for exactly one and the plural for
    every other number, zero included (CLDR plural rules for nl and en: "one" is n = 1)."""
    return f"{number} {text(f'count_{kind}_one' if number == 1 else f'count_{kind}', locale)}"


def table(locale: str) -> dict[str, str]:
    """All strings in one locale, for templates (``t.title``)."""
    return {key: entry.get(locale) or entry["nl"] for key, entry in MESSAGES.items()}
