"""Rule ``unsubscribe-manual``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ..tables.keywords import MANUAL_CONDITIONS
from ._unsubscribe import automatic_routes, is_alternative, manual_routes


class UnsubscribeManual(Rule):
    """Opting out takes a manual step or comes with conditions.

    Tripolis rule 6: "Er mogen geen voorwaarden gesteld worden aan het uitschrijven en het mag geen
    handmatig proces zijn." Manual steps: reply with STOP or with "remove" in the subject, send an
    email to an address, call us, a ``mailto:`` unsubscribe link, an opt-out address such as
    ``leave-…@`` or ``…-unsubscribe@``. Conditions: log in to an account or portal first, fill in a
    questionnaire first, pay a fee ("administratiekosten € 2,50"); a condition said not to apply
    ("zonder in te loggen") is none. The wording is found (NL/EN/DE/FR, ``tables/keywords.py``)
    only in a sentence that also speaks of unsubscribing, so "bel ons gerust" in a contact block is
    not read as an opt-out instruction; "reply STOP" counts on its own. A draft whose only way out
    is manual gets this finding, not ``unsubscribe-missing``.

    When the email ALSO has an automatic unsubscribe link, a manual alternative ("or reply STOP")
    does no harm and is not reported; a condition (login, questionnaire) still is, as *review*:
    the link may lead straight to the login, the questionnaire or the payment, which a draft cannot show.

    **Why** Unsubscribing must be free of effort and conditions; a recipient who has to write,
    phone or log in gives up and reports the mail as spam (CASL: "without login").

    **Bad** ``<p>Wil je geen nieuwsbrief meer? Stuur een mail naar info@voorbeeld.nl om je af te melden.</p>``

    **Good** ``<p>Geen nieuwsbrief meer? <a href="https://voorbeeld.nl/afmelden?id=1">Meld je direct af</a>.</p>``
    """

    id = "unsubscribe-manual"
    title = {"nl": "Afmelden kost handwerk of heeft voorwaarden", "en": "Unsubscribing is manual or conditional"}
    basis = ("tripolis-6", "casl", "carerix-optin")
    packs = {
        "nl": "error",  # tripolis-6: "geen handmatig proces"
        "us-can-spam": "warning",
        "ca-casl": "error",  # no login, no conditions
    }
    order = 60
    messages = {
        "reply": {
            "nl": "Afmelden gaat hier door te antwoorden ('{text}'): dat is een handmatig proces.",
            "en": "Unsubscribing works by replying here ('{text}'): that is a manual process.",
        },
        "email": {
            "nl": "Afmelden gaat hier door een e-mail te sturen ('{text}'): dat is een handmatig proces.",
            "en": "Unsubscribing works by sending an email here ('{text}'): that is a manual process.",
        },
        "phone": {
            "nl": "Afmelden gaat hier per telefoon ('{text}'): dat is een handmatig proces.",
            "en": "Unsubscribing works by phone here ('{text}'): that is a manual process.",
        },
        "mailto": {
            "nl": "De afmeldlink '{text}' opent een e-mail naar {address}: afmelden wordt zo een handmatig proces.",
            "en": "The unsubscribe link '{text}' opens an email to {address}: unsubscribing becomes a manual process.",
        },
        "login": {
            "nl": "Afmelden vraagt hier eerst om in te loggen ('{text}'): aan afmelden mogen geen voorwaarden hangen.",
            "en": "Unsubscribing asks to log in first here ('{text}'): unsubscribing must come without conditions.",
        },
        "questionnaire": {
            "nl": "Afmelden vraagt hier om een vragenlijst of formulier ('{text}'): aan afmelden mogen geen voorwaarden hangen.",
            "en": "Unsubscribing asks for a questionnaire or form here ('{text}'): unsubscribing must come without conditions.",
        },
        "cost": {
            "nl": "Afmelden kost hier geld ('{text}'): aan afmelden mogen geen voorwaarden hangen.",
            "en": "Unsubscribing costs money here ('{text}'): unsubscribing must come without conditions.",
        },
    }
    _manual = {
        "nl": "Geef een afmeldlink die met één klik afmeldt (de afmeldlink van je verzendplatform); een handmatige weg mag hooguit een extra mogelijkheid zijn.",
        "en": "Give an unsubscribe link that unsubscribes in one click (your sending platform's link); a manual route may only be an extra option.",
    }
    _condition = {
        "nl": "Laat de afmeldlink direct en kosteloos afmelden, zonder inloggen of vragenlijst; vraag feedback hooguit na het afmelden, vrijblijvend.",
        "en": "Let the unsubscribe link unsubscribe at once and free of charge, without login or questionnaire; ask for feedback only after unsubscribing, optionally.",
    }
    fixes = {
        "reply": _manual,
        "email": _manual,
        "phone": _manual,
        "mailto": _manual,
        "login": _condition,
        "questionnaire": _condition,
        "cost": _condition,
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        automatic = automatic_routes(ctx)
        for route in manual_routes(ctx):
            if automatic and (route.kind not in MANUAL_CONDITIONS or is_alternative(ctx, route)):
                continue  # a manual alternative next to a working link does no harm
            if route.kind == "mailto" and route.link is not None:
                if route.link.element is None:
                    yield self.finding(ctx, "mailto", span=(route.start, route.end), text=route.text, address=route.address)
                else:
                    yield self.finding(ctx, "mailto", element=route.link.element, text=route.text, address=route.address)
            else:
                yield self.finding(ctx, route.kind, span=(route.start, route.end), review=automatic, text=route.text)
