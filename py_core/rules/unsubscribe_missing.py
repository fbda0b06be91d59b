"""Rule ``unsubscribe-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ..tables import placeholders
from ._unsubscribe import (
    form_routes,
    list_unsubscribe_header,
    manual_routes,
    own_placeholders,
    text_url_routes,
    unsubscribe_links,
    unsubscribe_placeholders,
)


class UnsubscribeMissing(Rule):
    """No unsubscribe link and no unsubscribe placeholder of the platform.

    Every bulk or commercial message must let the recipient opt out with an automatic link
    (Telecommunicatiewet art. 11.7; Tripolis rule 6: "Elke e-mail [...] moet voorzien zijn van een
    automatische uitschrijflink"; Carerix: "geef de ontvanger altijd een duidelijke mogelijkheid").
    A link counts when its text, its address or the sentence around it names unsubscribing
    (afmelden, uitschrijven, unsubscribe, opt out, "to be removed from our list", abmelden,
    se désinscrire, …; an address such as ``/remove.html`` or a list server's ``/mailman/listinfo/``
    page), or when the draft carries the platform's own unsubscribe placeholder (``*|UNSUB|*``,
    ``{{ unsubscribe }}``, …). A draft whose only way out is manual ("reply with REMOVE in the
    subject", a ``mailto:`` link, "call us") is not reported here but by ``unsubscribe-manual``.

    A complete message (``.eml``) whose only automatic route is a one-click ``List-Unsubscribe``
    header (an https address and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``, RFC 8058)
    can be unsubscribed from the mailbox's own button: then this is a warning that the body should
    still show a link (not every mail program shows the button).

    In webmail nothing fills placeholders, so a placeholder does not count there and the finding
    is an error. On a platform that adds its own unsubscribe footer when the draft has none
    (Mailchimp, Klaviyo, Campaign Monitor) it is a warning that says so; so it is on Laposta, which
    puts its own link under every campaign whether the draft has one or not.

    **Why** A recipient who cannot opt out will mark the mail as spam; sending without an opt-out
    breaks the law and costs the sender their sending rights.

    **Bad** ``<p>Tot de volgende keer!</p>`` (no way to opt out)

    **Good** ``<p><a href="https://example.nl/afmelden?id=123">Afmelden</a></p>`` or, in Mailchimp,
    ``<a href="*|UNSUB|*">unsubscribe</a>``
    """

    id = "unsubscribe-missing"
    title = {"nl": "Afmeldlink ontbreekt", "en": "Unsubscribe link missing"}
    basis = ("tw-11.7", "tripolis-6", "carerix-optin")
    packs = {
        "nl": "error",  # tw-11.7, tripolis-6: every message
        "us-can-spam": "error",
        "ca-casl": "error",
        "bulk-sender": "error",
        "de": "error",  # § 7 UWG: a way to object in every advertising message
        "be": "error",  # XII.13: an electronic means to object in every advertising email
    }
    pack_basis = {"be": ("be-wer-xii-13",)}
    order = 10
    messages = {
        "missing": {
            "nl": "Deze e-mail heeft geen afmeldlink: de ontvanger kan zich niet automatisch afmelden.",
            "en": "This email has no unsubscribe link: the recipient cannot opt out automatically.",
        },
        "platform-adds": {
            "nl": "Geen afmeldlink gevonden; {platform} voegt dan zelf een afmeldvoettekst toe. Zet de link liever zelf op een duidelijke plek.",
            "en": "No unsubscribe link found; {platform} then adds its own unsubscribe footer. Better place the link yourself where it is clearly visible.",
        },
        "placeholder-in-webmail": {
            "nl": "De afmeldcode {placeholder} wordt in webmail niet ingevuld: de ontvanger krijgt die tekst letterlijk en kan zich niet afmelden.",
            "en": "The unsubscribe code {placeholder} is not filled in by webmail: the recipient gets it literally and cannot opt out.",
        },
        "header-only": {
            "nl": "Afmelden kan alleen via de List-Unsubscribe-header (één klik in het mailprogramma); zet ook een afmeldlink in de e-mail zelf, want niet elk mailprogramma toont die knop.",
            "en": "Unsubscribing works only through the List-Unsubscribe header (one click in the mail program); put an unsubscribe link in the email itself too, since not every mail program shows that button.",
        },
        "platform-footer": {
            "nl": "Geen afmeldlink gevonden; {platform} zet zelf een afmeldlink onderaan elke mailing, die je niet kunt weghalen.",
            "en": "No unsubscribe link found; {platform} puts its own unsubscribe link at the bottom of every mailing, which cannot be removed.",
        },
    }
    fixes = {
        "missing": {
            "nl": "Voeg onderaan een werkende afmeldlink toe, bijvoorbeeld met de snelle oplossing 'Voettekst invoegen'.",
            "en": "Add a working unsubscribe link at the bottom, for example with the quick fix 'Insert footer'.",
        },
        "platform-adds": {
            "nl": "Plaats {placeholder} als link in de voettekst.",
            "en": "Place {placeholder} as a link in the footer.",
        },
        "placeholder-in-webmail": {
            "nl": "Vervang de code door een echte afmeldlink, of verstuur de mailing vanuit het verzendplatform.",
            "en": "Replace the code with a real unsubscribe link, or send the mailing from the email platform.",
        },
        "header-only": {
            "nl": "Zet onderaan de e-mail een zichtbare afmeldlink naar hetzelfde adres ({address}).",
            "en": "Put a visible unsubscribe link to the same address ({address}) at the bottom of the email.",
        },
        "platform-footer": {
            "nl": "Kijk in het voorbeeld van {platform} of die afmeldlink goed te zien is; de tekst eromheen pas je bij de campagne aan.",
            "en": "Check in {platform}'s preview that the unsubscribe link is clearly visible; the text around it is set in the campaign.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if unsubscribe_links(ctx) or own_placeholders(ctx) or text_url_routes(ctx) or form_routes(ctx) or manual_routes(ctx):
            return  # a manual route only: unsubscribe-manual names it
        dialect = placeholders.DIALECTS.get(ctx.platform)
        header = list_unsubscribe_header(ctx)
        if header is not None and header.one_click:
            evidence = f"List-Unsubscribe: {header.fields[0]}"[:160]
            yield self.finding(ctx, "header-only", severity="warning", evidence=evidence, address=header.https[0])
        elif ctx.is_webmail and unsubscribe_placeholders(ctx):
            hit = unsubscribe_placeholders(ctx)[0]
            yield self.finding(ctx, "placeholder-in-webmail", evidence=hit.text, placeholder=hit.text)
        elif dialect is not None and dialect.adds_footer and not dialect.unsubscribe_href:
            # Laposta: no merge tag to place, the platform's own link is always there (REFERENCES.md).
            yield self.finding(ctx, "platform-footer", severity="warning", platform=ctx.platform.capitalize())
        elif dialect is not None and dialect.adds_footer:
            yield self.finding(
                ctx,
                "platform-adds",
                severity="warning",
                platform=ctx.platform,
                placeholder=dialect.unsubscribe_href or "",
            )
        else:
            yield self.finding(ctx, "missing")
