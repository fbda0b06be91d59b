"""Rule ``postal-address-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ._contact import address_placeholders, all_address_placeholders, has_postal_address

#: The example address the fix gives, in the form of a chosen country's pack (issue 11: a Dutch
#: sender, reading English, was shown a US address). Each passes this rule's own address reading
#: (tests/py/test_issue11_texts.py). A pack says whose law the mailing must meet, which is the
#: sender's own country's unless the sender mails abroad: so the Dutch form whenever the Dutch pack
#: (the default) is chosen, else the first chosen country's.
EXAMPLE_ADDRESSES: dict[str, str] = {
    "nl": "Kerkstraat 12, 1234 AB Amsterdam",
    "be": "Kerkstraat 12, 1000 Brussel",
    "de": "Hauptstraße 5, 10115 Berlin",
    "us-can-spam": "10 Main Street, Springfield, OR 97477",
    "ca-casl": "100 Queen Street, Ottawa, ON K1P 1J9",
}


def example_address(packs: list[str]) -> str:
    """The Dutch example when pack ``nl`` is chosen or no country's is; else the first country's."""
    if "nl" in packs:
        return EXAMPLE_ADDRESSES["nl"]
    return next((EXAMPLE_ADDRESSES[pack] for pack in packs if pack in EXAMPLE_ADDRESSES), EXAMPLE_ADDRESSES["nl"])


class PostalAddressMissing(Rule):
    """The draft shows no postal address of the sender.

    Tripolis rule 7 asks for "het logo, de naam en de adresgegevens" in every template; CAN-SPAM and
    CASL require a valid physical postal address. Mailwacht recognises address forms of the
    Netherlands (``Kerkstraat 12``, ``1234 AB Plaats``, ``Postbus 123``), Belgium, Germany
    (``Zülpicher Straße 10``, ``Franz-Ehret-Straße 7``, ``Hauptstr. 5``, ``Lindenallee 3``), the UK
    (``BT1 2NB``), France (``12 rue de la Paix``), the US and Canada (``10 Cabot Road, Medford, MA 02155``, ``PO Box 12``); the
    patterns are listed in ``py_core/tables/addresses.py``. A street and its number must stand on
    one line; a US street line counts with a place after it (a comma or the next line), so "17 Wall
    Street analysts" in an article is not an address. In a message with an HTML and a text/plain
    part, an address in either part counts. The platform's address placeholder
    (Mailchimp ``*|HTML:LIST_ADDRESS_HTML|*``, HubSpot's company address tokens, SendGrid
    ``[Sender_Address]``) counts when that platform sends the mail, and so does the address of the
    organisation profile when it appears in the text.

    The rule checks that an address is there, not that it is real: a template's sample address
    ("123 Fake Street, Springfield, OR 97477") has the form of an address and passes; replace it
    with your own before sending.

    **Why** A postal address shows the recipient who is behind the mail and where to complain;
    without one, the mail looks anonymous and breaks CAN-SPAM outright.

    **Bad** a footer with only ``Acme`` and an unsubscribe link

    **Good** ``<p>Acme B.V. · Kerkstraat 12 · 1234 AB Amsterdam</p>``
    """

    id = "postal-address-missing"
    title = {"nl": "Postadres ontbreekt", "en": "Postal address missing"}
    basis = ("tripolis-7", "can-spam", "casl")
    packs = {
        "nl": "warning",  # tripolis-7 asks for "adresgegevens"
        "us-can-spam": "error",
        # SOR/2012-36 s. 2(1)(d): "the mailing address, and either a telephone number [...], an email
        # address or a web address": the address is postal-address-missing's check, the second contact
        # contact-missing's (which reads this pack's requirement instead of Tripolis' when it is chosen).
        "ca-casl": "error",
    }
    order = 40
    messages = {
        "missing": {
            "nl": "Er staat geen postadres van de afzender in deze e-mail.",
            "en": "This email shows no postal address of the sender.",
        },
        "placeholder-not-filled": {
            "nl": "De adrescode {placeholder} wordt hier niet ingevuld: de ontvanger ziet geen adres.",
            "en": "The address code {placeholder} is not filled in here: the recipient sees no address.",
        },
    }
    fixes = {
        "missing": {
            "nl": "Zet het adres van de organisatie in de voettekst, bijvoorbeeld '{example}'.",
            "en": "Put the organisation's address in the footer, for example '{example}'.",
        },
        "placeholder-not-filled": {
            "nl": "Vervang de code door het adres zelf, of verstuur de mailing vanuit het platform dat de code kent.",
            "en": "Replace the code with the address itself, or send from the platform that knows the code.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        # A body hidden by broken markup is reported as unreadable, not as missing details.
        return (bool(ctx.doc.text.strip()) or bool(ctx.draft.html.strip())) and not ctx.doc.unreadable

    def check(self, ctx: Context) -> Iterator[Finding]:
        if has_postal_address(ctx):
            return
        foreign = [text for _platform, text in all_address_placeholders(ctx) if text not in address_placeholders(ctx)]
        if foreign:
            yield self.finding(ctx, "placeholder-not-filled", evidence=foreign[0], placeholder=foreign[0])
        else:
            yield self.finding(ctx, "missing", example=example_address(list(ctx.options.packs)))
