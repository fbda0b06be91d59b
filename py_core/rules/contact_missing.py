"""Rule ``contact-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..engine import Context
from ..model import Finding
from ..registry import Rule
from ._contact import has_postal_address, phone_number, profile_phone_found


class ContactMissing(Rule):
    """Neither a postal address nor a phone number: the recipient cannot reach the sender.

    Tripolis rule 7: "Het moet voor de ontvangers direct duidelijk zijn hoe ze contact kunnen
    opnemen via een geldig postadres of telefoonnummer." An address counts as in
    ``postal-address-missing``. A phone number counts when it is a ``tel:`` link, when
    libphonenumber validates it for the Netherlands, Belgium, Germany, the UK or the US (or it has
    its own ``+``/``00`` country code), when a label such as "Tel.", "Phone:" or "Bel ons" stands
    right before it, or when it is the phone number of the organisation profile. An email address
    alone is not enough for Tripolis.

    **Why** A sender who can only be reached through a no-reply mailbox leaves the recipient one
    option: the spam button.

    **Bad** a footer with only the organisation's name and an unsubscribe link

    **Good** ``<p>Vragen? Bel <a href="tel:+31201234567">020 123 4567</a></p>``
    """

    id = "contact-missing"
    title = {"nl": "Contactgegevens ontbreken", "en": "Contact details missing"}
    default_severity = "error"
    basis = ("tripolis-7", "casl")
    messages = {
        "missing": {
            "nl": "Deze e-mail heeft geen postadres en geen telefoonnummer: de ontvanger kan de afzender niet bereiken.",
            "en": "This email has neither a postal address nor a phone number: the recipient cannot reach the sender.",
        },
    }
    fixes = {
        "missing": {
            "nl": "Zet een postadres of telefoonnummer van de organisatie in de voettekst.",
            "en": "Put a postal address or phone number of the organisation in the footer.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.doc.text.strip()) or bool(ctx.draft.html.strip())

    def check(self, ctx: Context) -> Iterator[Finding]:
        if has_postal_address(ctx) or phone_number(ctx) or profile_phone_found(ctx):
            return
        yield self.finding(ctx, "missing")
