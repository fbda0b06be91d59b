"""Every fixed string of the exports (compliance summary, footer) in Dutch and English; the
footer's own words (:data:`FOOTER`) also in German and French.

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
    # Issue 11: the report's values in words of the summary's language (a Dutch summary said
    # "Doelgroep: opt-in list", "Regelpakketten: nl, bulk-sender"). audience_<value, spaces as _>,
    # pack_<pack>, platform_<platform> for the platforms without a brand name, language_<locale>.
    "audience_opt-in_list": {"nl": "Opt-inlijst (mensen die zich hebben aangemeld)", "en": "Opt-in list (people who signed up)"},
    "audience_existing_customers": {"nl": "Bestaande klanten", "en": "Existing customers"},
    "audience_first_mailing": {
        "nl": "Eerste mailing aan deze ontvangers (of een welkomstmail)",
        "en": "First mailing to these recipients (or a welcome mail)",
    },
    "audience_unknown": {"nl": "Onbekend of gemengd", "en": "Not known or mixed"},
    "pack_nl": {"nl": "Nederland", "en": "Netherlands"},
    "pack_us-can-spam": {"nl": "Verenigde Staten (CAN-SPAM)", "en": "United States (CAN-SPAM)"},
    "pack_ca-casl": {"nl": "Canada (CASL)", "en": "Canada (CASL)"},
    "pack_bulk-sender": {"nl": "Gmail en Yahoo: eisen voor bulkverzenders", "en": "Gmail and Yahoo: bulk sender requirements"},
    "pack_eu-tracking": {"nl": "EU: toestemming voor e-mailtracking", "en": "EU: consent for email tracking"},
    "pack_de": {"nl": "Duitsland", "en": "Germany"},
    "pack_be": {"nl": "België", "en": "Belgium"},
    "pack_accessibility": {"nl": "Toegankelijkheid", "en": "Accessibility"},
    "platform_auto": {"nl": "automatisch herkend", "en": "recognised automatically"},
    "platform_gmail": {"nl": "Gmail", "en": "Gmail"},
    "platform_outlook": {"nl": "Outlook", "en": "Outlook"},
    "platform_roundcube": {"nl": "Roundcube", "en": "Roundcube"},
    "platform_webmail": {"nl": "webmail", "en": "webmail"},
    "platform_generic-esp": {"nl": "een ander verzendplatform", "en": "another sending platform"},
    "language_nl": {"nl": "Nederlands", "en": "Dutch"},
    "language_en": {"nl": "Engels", "en": "English"},
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
    "rules": {"nl": "Regels", "en": "Rules"},
    "severity": {"nl": "Ernst", "en": "Severity"},
    "evidence": {"nl": "Gevonden", "en": "Evidence"},
    "location": {"nl": "Plaats", "en": "Location"},
    "fix": {"nl": "Oplossing", "en": "Fix"},
    # Issue 11: where each finding sits (CSS selectors, text offsets) is for the technical reader,
    # in an appendix; the body quotes the text found.
    "appendix_locations": {"nl": "Bijlage: plaats in de broncode", "en": "Appendix: location in the source"},
    "appendix_locations_intro": {
        "nl": "Waar elke bevinding in de HTML van de e-mail staat (CSS-selector en tekenpositie), voor wie de broncode bewerkt.",
        "en": "Where each finding sits in the email's HTML (CSS selector and character offsets), for whoever edits the source.",
    },
    "see_appendix": {"nl": "plaats: bijlage, nr. {ref}", "en": "location: appendix, no. {ref}"},
    "time_zone_default": {
        "nl": "UTC (geen tijdzone opgegeven)",
        "en": "UTC (no time zone given)",
    },
    "basis": {"nl": "Grondslag", "en": "Basis"},
    # Issue 14: the size meter (Gmail clips a message above ~102 KB of HTML) and the tracking line.
    "size": {"nl": "Grootte (Gmail-knipgrens)", "en": "Size (Gmail clipping)"},
    "size_room": {
        "nl": "HTML van de draft: {size} KB van ~{limit} KB ({percent}%); nog {left} KB voordat Gmail het bericht afknipt (“[Bericht ingekort]”).",
        "en": "The draft's HTML: {size} KB of ~{limit} KB ({percent}%); {left} KB left before Gmail clips the message (“[Message clipped]”).",
    },
    "size_clipped": {
        "nl": "HTML van de draft: {size} KB, {over} KB boven de ~{limit} KB waarna Gmail het bericht afknipt (“[Bericht ingekort]”): wat daarna komt, ziet de lezer pas na ‘Volledig bericht weergeven’.",
        "en": "The draft's HTML: {size} KB, {over} KB over the ~{limit} KB after which Gmail clips the message (“[Message clipped]”): readers see what follows only after ‘View entire message’.",
    },
    "size_text_mode": {
        "nl": "Platte tekst van de draft: {size} KB (Gmail knipt HTML-berichten af boven ~{limit} KB).",
        "en": "The draft's plain text: {size} KB (Gmail clips HTML messages above ~{limit} KB).",
    },
    "size_note": {
        "nl": "Het verzonden bericht is meestal groter (tracking-links en code van het verzendplatform).",
        "en": "The message as sent is usually larger (the sending platform's tracking links and code).",
    },
    "tracking_consent_confirm": {
        "nl": "De ontvangers hebben apart toestemming gegeven voor het meten van openen en klikken in deze mailing (ook voor wat het verzendplatform zelf toevoegt), en elke e-mail biedt een manier om die toestemming in te trekken.",
        "en": "The recipients gave separate consent to measuring opens and clicks in this mailing (including what the sending platform adds itself), and every email offers a way to withdraw that consent.",
    },
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
    # -- footer: the notes to the user (the footer's own words are in FOOTER, below) ------------
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
    # The record of sends (issue 16): py_core/export/records.py.
    "rec_title": {"nl": "Mailwacht-verzendrecord", "en": "Mailwacht send record"},
    "rec_title_period": {"nl": "Mailwacht-verzendrecords {start} – {end}", "en": "Mailwacht send records {start} – {end}"},
    "rec_intro": {
        "nl": "Per verzonden mailing: wat Mailwacht controleerde, wat de afzender bevestigde en wat werd overschreven, en waarom. De inhoud van de mailing zelf wordt niet bewaard.",
        "en": "Per mailing sent: what Mailwacht checked, what the sender confirmed and what was overridden, and why. The mailing's content itself is not kept.",
    },
    "rec_chain": {"nl": "Controle van de keten", "en": "Chain verification"},
    "rec_chain_intact": {
        "nl": "De keten is intact: {count} records, elk met de hash van het vorige; geen record is gewijzigd, verwijderd of verplaatst.",
        "en": "The chain is intact: {count} records, each carrying the previous one's hash; no record was edited, removed or moved.",
    },
    # One record (messages.count's rule: "_one" for exactly one): no "1 records", no "each … the previous one".
    "rec_chain_intact_one": {
        "nl": "De keten is intact: 1 record, en het is niet gewijzigd.",
        "en": "The chain is intact: 1 record, and it was not edited.",
    },
    "rec_chain_empty": {"nl": "Geen records in deze periode.", "en": "No records in this period."},
    "rec_chain_after": {
        "nl": "Het eerste record volgt op het record met hash {hash} (buiten deze export).",
        "en": "The first record follows the record with hash {hash} (outside this export).",
    },
    "rec_chain_broken": {
        "nl": "De keten is VERBROKEN bij record {index} van {count} (nr. {seq}): {problem}. Dit record of een eerder record is gewijzigd of verwijderd.",
        "en": "The chain is BROKEN at record {index} of {count} (no. {seq}): {problem}. This record or an earlier one was edited or removed.",
    },
    "rec_problem_hash": {"nl": "de inhoud past niet bij de eigen hash", "en": "its content does not match its own hash"},
    "rec_problem_prev": {
        "nl": "het draagt niet de hash van het vorige record",
        "en": "it does not carry the previous record's hash",
    },
    "rec_problem_seq": {"nl": "de nummering heeft een gat", "en": "the numbering has a gap"},
    "rec_problem_shape": {"nl": "het is geen geldig record", "en": "it is not a valid record"},
    "rec_record": {"nl": "Record {seq}", "en": "Record {seq}"},
    "rec_time": {"nl": "Verzonden op", "en": "Sent at"},
    "rec_action": {"nl": "Verzending", "en": "Sending"},
    "rec_action_sent": {"nl": "verzonden (geen blokkerende bevindingen)", "en": "sent (no blocking findings)"},
    "rec_action_sent-anyway": {"nl": "toch verzonden (“Toch verzenden”)", "en": "sent anyway (“Send anyway”)"},
    "rec_reason": {"nl": "Reden", "en": "Reason"},
    "rec_no_reason": {"nl": "(geen reden opgegeven)", "en": "(no reason given)"},
    "rec_mail_kind": {"nl": "Soort mail", "en": "Kind of mail"},
    "rec_organisation": {"nl": "Organisatie", "en": "Organisation"},
    "rec_findings": {"nl": "Bevindingen en wat ermee gebeurde", "en": "Findings and what became of them"},
    "rec_no_findings": {"nl": "Geen bevindingen.", "en": "No findings."},
    "rec_outcome": {"nl": "Uitkomst", "en": "Outcome"},
    "rec_outcome_fixed": {"nl": "opgelost", "en": "fixed"},
    "rec_outcome_dismissed": {"nl": "genegeerd", "en": "dismissed"},
    "rec_outcome_overridden": {"nl": "overschreven met “Toch verzenden”", "en": "overridden with “Send anyway”"},
    "rec_outcome_open": {"nl": "open bij verzending (niet blokkerend)", "en": "open at send (not blocking)"},
    "rec_confirmations": {"nl": "Bevestigingen van kracht", "en": "Confirmations in force"},
    "rec_no_confirmations": {"nl": "Geen bevestigingen van kracht.", "en": "No confirmations in force."},
    "rec_confirmed_by": {"nl": "bevestigd door {by} op {date}", "en": "confirmed by {by} on {date}"},
    "rec_scope_organisation": {"nl": "per organisatie", "en": "per organisation"},
    "rec_scope_list": {"nl": "voor deze lijst", "en": "for this list"},
    "rec_hash": {"nl": "Hash", "en": "Hash"},
    "rec_prev": {"nl": "Vorige hash", "en": "Previous hash"},
    "rec_verify_cli": {
        "nl": "Controleer de JSON-export zelf met: python -m py_core verify BESTAND",
        "en": "Verify the JSON export yourself with: python -m py_core verify FILE",
    },
}


#: The footer's own words (py_core/export/footer.py), in the language of the draft it goes into
#: (issue 11: py_core.language detects it), so in the four languages Mailwacht reads: Dutch,
#: English, German, French. The notes about the footer (``footer_note_*`` above) are for the user
#: and stay in the interface's language. Each reason sentence and unsubscribe question is worded so
#: that the engine's own rules recognise it (reason-missing, the opt-out wording of
#: tables/keywords.py); tests/py/test_footer_language.py checks that in every language.
FOOTER: dict[str, dict[str, str]] = {
    "footer_reason_optin": {
        "nl": "U ontvangt deze e-mail omdat u zich heeft aangemeld bij {org}.",
        "en": "You receive this email because you signed up with {org}.",
        "de": "Sie erhalten diese E-Mail, weil Sie sich bei {org} angemeldet haben.",
        "fr": "Vous recevez cet e-mail car votre adresse est inscrite auprès de {org}.",
    },
    "footer_reason_customer": {
        "nl": "U ontvangt deze e-mail omdat u klant bent van {org}.",
        "en": "You receive this email because you are a customer of {org}.",
        "de": "Sie erhalten diese E-Mail, weil Sie Kunde von {org} sind.",
        "fr": "Vous recevez cet e-mail car vous êtes client de {org}.",
    },
    "footer_reason_unknown": {
        "nl": "U ontvangt deze e-mail omdat u zich heeft aangemeld bij {org} of klant bent van {org}.",
        "en": "You receive this email because you signed up with or are a customer of {org}.",
        "de": "Sie erhalten diese E-Mail, weil Sie sich bei {org} angemeldet haben oder Kunde von {org} sind.",
        "fr": "Vous recevez cet e-mail car votre adresse est inscrite auprès de {org} ou car vous êtes client de {org}.",
    },
    "footer_unsubscribe_sentence": {
        "nl": "Geen berichten meer ontvangen?",
        "en": "No longer want to receive these emails?",
        "de": "Sie möchten diese E-Mails nicht mehr erhalten?",
        "fr": "Vous ne souhaitez plus recevoir ces e-mails\u00a0?",
    },
    "footer_unsubscribe_link": {"nl": "Afmelden", "en": "Unsubscribe", "de": "Abmelden", "fr": "Se désabonner"},
    "footer_phone": {"nl": "Telefoon", "en": "Phone", "de": "Telefon", "fr": "Téléphone"},
    "footer_your_org": {
        "nl": "[naam van uw organisatie]",
        "en": "[your organisation's name]",
        "de": "[Name Ihrer Organisation]",
        "fr": "[nom de votre organisation]",
    },
    "footer_url_marker": {
        "nl": "[AFMELDLINK]",
        "en": "[UNSUBSCRIBE-LINK]",
        "de": "[ABMELDELINK]",
        "fr": "[LIEN-DE-DESABONNEMENT]",
    },
}
#: The languages of :data:`FOOTER`.
FOOTER_LANGUAGES: tuple[str, ...] = ("nl", "en", "de", "fr")


def footer_table(language: str) -> dict[str, str]:
    """The footer's words in ``language`` (one of :data:`FOOTER_LANGUAGES`; else Dutch)."""
    return {key: entry.get(language) or entry["nl"] for key, entry in FOOTER.items()}


def text(key: str, locale: str, **params: str) -> str:
    """The string ``key`` in ``locale`` (Dutch when the locale is unknown), fields filled."""
    entry = MESSAGES[key]
    value = entry.get(locale) or entry["nl"]
    return value.format(**params) if params else value


def label(kind: str, value: str, locale: str) -> str:
    """A value of the report (``kind``: audience, pack, platform, language) in words of ``locale``
    ("opt-in list" -> "Opt-inlijst (mensen die zich hebben aangemeld)"); the value itself when no
    words are written for it (a platform's brand name is looked up by :func:`platform_label`)."""
    key = f"{kind}_{value.replace(' ', '_')}"
    return text(key, locale) if key in MESSAGES else value


def platform_label(platform: str, locale: str) -> str:
    """The sending platform by its name ("mailchimp" -> "Mailchimp", "generic-esp" -> "een ander
    verzendplatform"); an unknown value as it is."""
    from ..rules.placeholder_unresolved import _PLATFORM_LABEL

    if f"platform_{platform}" in MESSAGES:
        return text(f"platform_{platform}", locale)
    return _PLATFORM_LABEL.get(platform, platform)


def count(kind: str, number: int, locale: str) -> str:
    """``number`` findings of ``kind`` (error, warning, info, review, dismissed) in words: "1 fout",
    "2 fouten", "0 errors". Dutch and English take the singular for exactly one and the plural for
    every other number, zero included (CLDR plural rules for nl and en: "one" is n = 1)."""
    return f"{number} {text(f'count_{kind}_one' if number == 1 else f'count_{kind}', locale)}"


def table(locale: str) -> dict[str, str]:
    """All strings in one locale, for templates (``t.title``)."""
    return {key: entry.get(locale) or entry["nl"] for key, entry in MESSAGES.items()}
