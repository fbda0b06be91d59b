"""Rule ``contact-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ._contact import TEXT_PART, email_address, has_postal_address, phone_number, postal_address, profile_phone_found, web_address


class ContactMissing(Rule):
    """The recipient has no way to reach the sender that the chosen packs ask for.

    Tripolis rule 7 (pack ``nl``): "Het moet voor de ontvangers direct duidelijk zijn hoe ze
    contact kunnen opnemen via een geldig postadres of telefoonnummer." A postal address or a phone
    number is enough; an email address alone is not. An address counts as in
    ``postal-address-missing``. A phone number counts when it is a ``tel:`` link, when
    libphonenumber validates it for the Netherlands, Belgium, Germany, the UK, France or the US (or
    it has its own ``+``/``00`` country code), when a label such as "Tel.", "Phone:" or "Bel ons"
    stands right before it, or when it is the phone number of the organisation profile; not a
    dummy of one repeated digit ("0000 000 000"), digits inside a URL or a date path, or a number
    in the recipient's own shipping or billing block. In a message with an HTML and a text/plain
    part, an address or phone number given in either part counts.

    CASL (pack ``ca-casl``): the Electronic Commerce Protection Regulations (CRTC), SOR/2012-36,
    s. 2(1)(d), ask for "the mailing address, and either a telephone number providing access to an
    agent or a voice messaging system, an email address or a web address" of the sender. The
    mailing address is ``postal-address-missing``'s check (an error in that pack); this rule then
    asks for one of the other three next to it: a phone number as above (Mailwacht cannot tell
    whether a person or voice mail answers), an email address (a ``mailto:`` link or an address in
    the text; not a no-reply address, not the recipient's own, not the unsubscribe link) or a web
    address (a link or a written URL on the sender's own domain, which the organisation profile and
    the From address tell; without them any web address except social networks, maps, app stores
    and the email platform's own). The finding points at the mailing address the contact belongs
    next to. With both packs, a draft must meet both.

    **Why** A sender who can only be reached through a no-reply mailbox leaves the recipient one
    option: the spam button.

    **Bad** a footer with only the organisation's name and an unsubscribe link; for CASL, a footer
    with only ``Acme Inc., 100 King Street West, Toronto, ON M5X 1A9`` and the unsubscribe link

    **Good** ``<p>Vragen? Bel <a href="tel:+31201234567">020 123 4567</a></p>``; for CASL,
    ``<p>Acme Inc., 100 King Street West, Toronto, ON M5X 1A9 · <a href="mailto:info@acme.ca">info@acme.ca</a></p>``
    """

    id = "contact-missing"
    title = {"nl": "Contactgegevens ontbreken", "en": "Contact details missing"}
    basis = ("tripolis-7", "casl")
    packs = {
        "nl": "error",  # tripolis-7: "geldig postadres of telefoonnummer"
        # SOR/2012-36 s. 2(1)(d): "the mailing address, and either a telephone number [...], an email
        # address or a web address": the address is postal-address-missing's check, the second contact
        # contact-missing's (which reads this pack's requirement instead of Tripolis' when it is chosen).
        "ca-casl": "error",
    }
    order = 50
    messages = {
        "missing": {
            "nl": "Deze e-mail heeft geen postadres en geen telefoonnummer: de ontvanger kan de afzender niet bereiken.",
            "en": "This email has neither a postal address nor a phone number: the recipient cannot reach the sender.",
        },
        "casl-missing": {
            "nl": "CASL vraagt naast het postadres een telefoonnummer, e-mailadres of webadres van de afzender; deze e-mail heeft geen van drieën.",
            "en": "Besides the mailing address, CASL requires a phone number, email address or web address of the sender; this email has none of them.",
        },
    }
    fixes = {
        "missing": {
            "nl": "Zet een postadres of telefoonnummer van de organisatie in de voettekst.",
            "en": "Put a postal address or phone number of the organisation in the footer.",
        },
        "casl-missing": {
            "nl": "Zet naast het postadres het telefoonnummer, een e-mailadres of de website van de organisatie.",
            "en": "Put the organisation's phone number, an email address or its website next to the mailing address.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        # A body hidden by broken markup is reported as unreadable, not as missing details.
        return (bool(ctx.doc.text.strip()) or bool(ctx.draft.html.strip())) and not ctx.doc.unreadable

    def check(self, ctx: Context) -> Iterator[Finding]:
        packs = ctx.options.packs
        casl = "ca-casl" in packs
        # Tripolis' "postadres of telefoonnummer" is the rule's own test (pack nl, or the rule
        # switched on outside any pack that names it).
        if "nl" in packs or not casl:
            if not (has_postal_address(ctx) or phone_number(ctx) or profile_phone_found(ctx)):
                yield self.finding(ctx, "missing")
                return
        if casl and not (phone_number(ctx) or profile_phone_found(ctx) or email_address(ctx) or web_address(ctx)):
            # SOR/2012-36 s. 2(1)(d): the mailing address AND a phone, email or web address.
            address = postal_address(ctx)
            in_body = address is not None and not address.how.startswith(TEXT_PART)
            yield self.finding(ctx, "casl-missing", span=(address.start, address.end) if in_body else None)
