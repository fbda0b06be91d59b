"""Rule ``sender-name-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding, Location
from ..registry import Rule
from ._identity import is_address, is_generic_sender, name_contains, name_in_text, normalise_name
from ._organisation import organisation

_FIELD = Location(field="from_name")


class SenderNameMissing(Rule):
    """The From name does not say which organisation sends the mail.

    Tripolis rule 7: "Dit kan door standaard de bedrijfsnaam in de ‘From-naam’ op te nemen." A From
    name fails when it is empty (only an address shows), is itself an email address, or is a
    generic word that names no one ("Nieuwsbrief", "Newsletter", "info", "noreply", "Marketing",
    "Team", "Admin"). When the organisation profile has a name, the From name must contain it;
    case and legal forms do not matter ("ACME" matches "Acme B.V."; "Anna van Acme" is fine).

    In a platform's editor the From name is often set on another screen: when Mailwacht sees
    neither a From name nor a From address it asks you to check it (review) instead of failing,
    unless the draft itself names the organisation (the profile's name in the text, or without a
    profile a name in the footer such as "De Boer Accountants B.V."; see ``organisation-missing``):
    then the sender is recognisable and a question the user cannot answer here is left out.

    **Why** The From name is the first thing a recipient reads. A name they do not recognise, or
    "noreply", gets the mail ignored or reported as spam.

    **Bad** From: ``Nieuwsbrief <nieuws@acme.nl>``

    **Good** From: ``Acme <nieuws@acme.nl>`` or ``Anna van Acme <anna@acme.nl>``
    """

    id = "sender-name-missing"
    title = {"nl": "Afzendernaam noemt de organisatie niet", "en": "From name does not name the organisation"}
    basis = ("tripolis-7", "carerix-sender")
    packs = {
        "nl": "warning",  # tripolis-7
        "us-can-spam": "warning",
        "ca-casl": "error",
        "bulk-sender": "warning",
        "be": "warning",  # XII.12: the advertiser identifiable
    }
    pack_basis = {"be": ("be-wer-xii-12",)}
    order = 80
    messages = {
        "unknown": {
            "nl": "De afzendernaam (From) is hier niet te zien; controleer dat die de naam van je organisatie bevat.",
            "en": "The From name cannot be seen here; check that it contains your organisation's name.",
        },
        "empty": {
            "nl": "Er is geen afzendernaam: de ontvanger ziet alleen het adres {address}.",
            "en": "There is no From name: the recipient sees only the address {address}.",
        },
        "address": {
            "nl": "De afzendernaam is een e-mailadres ({name}), geen naam.",
            "en": "The From name is an email address ({name}), not a name.",
        },
        "generic": {
            "nl": "De afzendernaam '{name}' zegt niet van wie de e-mail komt.",
            "en": "The From name '{name}' does not say who the email is from.",
        },
        "not-org": {
            "nl": "De afzendernaam '{name}' noemt de organisatie '{org}' niet.",
            "en": "The From name '{name}' does not name the organisation '{org}'.",
        },
    }
    fixes = {
        key: {
            "nl": "Zet de naam van de organisatie in de afzendernaam, bijvoorbeeld 'Acme' of 'Anna van Acme'.",
            "en": "Put the organisation's name in the From name, for example 'Acme' or 'Anna from Acme'.",
        }
        for key in ("unknown", "empty", "address", "generic", "not-org")
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        name = ctx.draft.from_name.strip().strip('"').strip()
        address = ctx.draft.from_address.strip()
        org = ctx.options.org.name.strip()
        if not name and not address:
            named = organisation(ctx)
            if named is None or (named.source == "profile" and not name_in_text(ctx, named.name)):
                yield self.finding(ctx, "unknown", location=_FIELD, review=True)
        elif not name:
            yield self.finding(ctx, "empty", location=_FIELD, evidence=address, address=address)
        elif is_address(name):
            yield self.finding(ctx, "address", location=_FIELD, evidence=name, name=name)
        elif is_generic_sender(name) or not normalise_name(name):
            yield self.finding(ctx, "generic", location=_FIELD, evidence=name, name=name)
        elif org and normalise_name(org) and not name_contains(name, org):
            yield self.finding(ctx, "not-org", location=_FIELD, evidence=name, name=name, org=org)
