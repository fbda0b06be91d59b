"""Rule ``organisation-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ._identity import from_name_parts, name_in_text, org_placeholders
from ._organisation import organisation


class OrganisationMissing(Rule):
    """The organisation's name appears nowhere in the message.

    Carerix: "Geef in je bericht daarom duidelijk aan dat de mailing van jou afkomstig is"; Tripolis
    rule 7 wants "het logo, de naam en de adresgegevens" in the template. The name comes from the
    organisation profile. Without a profile, the draft itself can show it (issue 10; the report's
    ``organisation`` says which source was used): the From name repeated in the text ("Acme", or
    "Acme" in "Anna van Acme"), the From domain named in the text ("De Boer" or "deboer.nl" for
    ``nieuws@deboer.nl``), or a name in the footer with a legal form ("De Boer Accountants B.V.",
    "Müller GmbH"), after "Stichting"/"Vereniging", or after a copyright sign ("© 2026 Acme").
    Matching ignores case, spacing, ``&``/"en" and legal forms (B.V., Ltd, GmbH); the alt text of an
    image (a logo) counts. A platform placeholder that prints the company name (Mailchimp
    ``*|LIST:COMPANY|*``) counts on that platform.

    When nothing in the draft names an organisation and the only name is the From name, which may
    be a person's, the finding asks for review; without any name Mailwacht asks you to enter one in
    the options.

    **Why** A recipient must see at a glance who sends the mail; a message from an unnamed sender
    looks like spam and breaks the guidelines of both Tripolis and Carerix.

    **Bad** a newsletter signed "Het team" with no company name anywhere

    **Good** ``<p>Acme B.V. · Kerkstraat 12 · 1234 AB Amsterdam</p>`` in the footer
    """

    id = "organisation-missing"
    title = {"nl": "Naam van de organisatie ontbreekt", "en": "Organisation name missing"}
    basis = ("carerix-sender", "tripolis-7")
    packs = {
        "nl": "warning",
        "ca-casl": "error",
        "be": "warning",
    }
    pack_basis = {"be": ("be-wer-xii-12",)}
    order = 90
    messages = {
        "missing": {
            "nl": "De naam van de organisatie ({org}) staat nergens in de e-mail.",
            "en": "The organisation's name ({org}) appears nowhere in the email.",
        },
        "from-name": {
            "nl": "De afzendernaam '{org}' komt niet terug in de e-mail; staat de naam van de organisatie erin?",
            "en": "The From name '{org}' does not appear in the email; does the email name the organisation?",
        },
        "unknown": {
            "nl": "Mailwacht weet de naam van je organisatie niet; controleer zelf dat die in de e-mail staat.",
            "en": "Mailwacht does not know your organisation's name; check yourself that the email names it.",
        },
    }
    fixes = {
        "missing": {
            "nl": "Noem de organisatie in de kop of de voettekst, bijvoorbeeld '{org} · adres · telefoon'.",
            "en": "Name the organisation in the header or footer, for example '{org} · address · phone'.",
        },
        "from-name": {
            "nl": "Noem de organisatie in de voettekst, of vul de naam in bij het organisatieprofiel in de opties.",
            "en": "Name the organisation in the footer, or enter its name in the organisation profile in the options.",
        },
        "unknown": {
            "nl": "Vul de naam van je organisatie in bij het organisatieprofiel in de opties.",
            "en": "Enter your organisation's name in the organisation profile in the options.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.doc.text.strip()) or bool(ctx.draft.html.strip())

    def check(self, ctx: Context) -> Iterator[Finding]:
        if org_placeholders(ctx):
            return
        org = ctx.options.org.name.strip()
        if org:
            if not name_in_text(ctx, org):
                yield self.finding(ctx, "missing", org=org)
            return
        if organisation(ctx) is not None:
            return  # the draft names the organisation itself (From name, From domain or footer)
        parts = from_name_parts(ctx.draft.from_name.strip().strip('"'))
        if not parts:
            yield self.finding(ctx, "unknown", review=True)
        else:
            yield self.finding(ctx, "from-name", review=True, org=parts[0])
