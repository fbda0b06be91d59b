"""Rule ``imprint-missing``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ._contact import email_address, has_postal_address, postal_address

#: A link to the web imprint (its text or its address).
IMPRINT_LINK = re.compile(r"impressum|imprint|anbieterkennzeichnung|mentions[\s_-]*l[ée]gales|legal[\s_-]*notice", re.I)
#: A company name with a German (or common foreign) legal form.
_COMPANY = re.compile(
    r"(?<!\w)(?:GmbH|gGmbH|AG|UG|KG|OHG|SE|KGaA|GbR|PartG|e\.\s?K\.|e\.\s?V\.|Ltd\.?|Limited|LLC|Inc\.?|Corp\.?|"
    r"plc|B\.\s?V\.|BV|N\.\s?V\.|NV|S\.\s?A\.|SA|SAS|SARL|BVBA|VZW|SRL)(?!\w)"
)
#: Legal forms of a legal person or a registered partnership: those name a representative and a register.
_REGISTERED = re.compile(r"[A-ZÄÖÜ][\w&.-]*,?[ \t]+(?:GmbH|gGmbH|AG|UG|KG|OHG|SE|KGaA|e\.\s?V\.)(?!\w)")
_REPRESENTATIVE = re.compile(
    r"Geschäftsführ(?:er|erin|ung|ender)|Vorstand|vertreten\s+durch|Vertretungsberechtigt|Inhaber(?:in)?|"
    r"Managing\s+Director|represented\s+by",
    re.I,
)
_REGISTER = re.compile(r"Handelsregister|Registergericht|Amtsgericht|Vereinsregister|(?<!\w)(?:HRB|HRA|VR|PR|GnR)\s?\d{2,}", re.I)
_PO_BOX_ONLY = re.compile(r"(?<!\w)Postfach\s+\d+", re.I)

#: The fields, in the order they are named: (key, nl, en).
FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "naam met rechtsvorm", "name with legal form"),
    ("address", "volledig adres (geen postbus)", "full street address (no PO box)"),
    ("email", "e-mailadres", "email address"),
    ("representative", "vertegenwoordiger (Geschäftsführer/Vorstand)", "authorised representative (Geschäftsführer/Vorstand)"),
    ("register", "register en nummer (bijv. Amtsgericht, HRB)", "register and number (e.g. Amtsgericht, HRB)"),
)


class ImprintMissing(Rule):
    """A commercial email for Germany without the imprint (Impressum) of § 5 DDG, or a link to it.

    The German pack (``de``) asks every commercial email for the provider's identification: the
    name with its legal form, a full street address (a PO box is not enough), an email address (a
    phone number is usual but not required: CJEU C-298/07 accepts another fast channel), and for a company (GmbH, AG, UG, KG, OHG, e. V. …) an authorised
    representative and its register and number; a VAT id if there is one (not asked here: the draft
    cannot show whether one exists). A link to the web imprint ("Impressum", "Imprint") satisfies
    all of it. Each missing field is named. When nothing of the imprint is there (no name with a
    legal form and no address), the finding is certain; when some fields are there and others not,
    it is a question, because a field may be written in a form Mailwacht does not read.

    § 5 (1) DDG (formerly § 5 TMG): "Diensteanbieter haben für geschäftsmäßige, in der Regel gegen
    Entgelt angebotene digitale Dienste folgende Informationen leicht erkennbar, unmittelbar
    erreichbar und ständig verfügbar zu halten: 1. den Namen und die Anschrift, unter der sie
    niedergelassen sind, bei juristischen Personen zusätzlich die Rechtsform, den
    Vertretungsberechtigten [...] 2. Angaben, die eine schnelle elektronische Kontaktaufnahme und
    unmittelbare Kommunikation mit ihnen ermöglichen, einschließlich der Adresse der elektronischen
    Post, 4. das Handelsregister, Vereinsregister, Partnerschaftsregister oder
    Genossenschaftsregister, in das sie eingetragen sind, und die entsprechende Registernummer".

    **Why** German courts treat a commercial newsletter without an imprint as a breach of § 5 DDG
    that competitors may warn off (Abmahnung).

    **Bad** A newsletter of Müller GmbH whose footer says only "Müller GmbH, Postfach 1234, Hamburg".

    **Good** "Müller GmbH, Am Sandtorkai 41, 20457 Hamburg, info@mueller.de, +49 40 123456,
    Geschäftsführer: Anna Müller, Amtsgericht Hamburg HRB 12345", or a link "Impressum".
    """

    id = "imprint-missing"
    title = {"nl": "Impressum ontbreekt (Duitsland, § 5 DDG)", "en": "Imprint missing (Germany, § 5 DDG)"}
    basis = ("ddg-5",)
    packs = {
        "de": "warning",  # § 5 DDG: the Impressum, or a link to it
    }
    order = 310
    messages = {
        "missing": {
            "nl": "Geen impressum en geen link ernaar: § 5 DDG vraagt {fields}.",
            "en": "No imprint and no link to one: § 5 DDG asks for {fields}.",
        },
        "incomplete": {
            "nl": "Het impressum mist: {fields}.",
            "en": "The imprint lacks: {fields}.",
        },
    }
    fixes = {
        "missing": {
            "nl": "Zet het impressum onder de mail (naam met rechtsvorm, adres, e-mail, vertegenwoordiger, register), of een link “Impressum” naar de webpagina.",
            "en": "Put the imprint below the mail (name with legal form, address, email, representative, register), or a link “Impressum” to the web page.",
        },
        "incomplete": {
            "nl": "Vul aan: {fields}; of zet een link “Impressum” naar de webpagina.",
            "en": "Add: {fields}; or a link “Impressum” to the web page.",
        },
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        for link in ctx.doc.links:
            if IMPRINT_LINK.search(link.text) or IMPRINT_LINK.search(link.href):
                return
        text = ctx.doc.text
        company = _COMPANY.search(text)
        hit = postal_address(ctx)
        street = has_postal_address(ctx) and not (hit is not None and _PO_BOX_ONLY.search(hit.text))
        org_name = ctx.options.org.name.strip()
        present = {
            "name": company is not None or bool(org_name and org_name in text),
            "address": street,
            "email": email_address(ctx) is not None,
        }
        if _REGISTERED.search(text):
            present["representative"] = bool(_REPRESENTATIVE.search(text))
            present["register"] = bool(_REGISTER.search(text))
        lang = "nl" if ctx.options.locale == "nl" else "en"
        column = 1 if lang == "nl" else 2
        if not present["name"] and not present["address"]:
            names = ", ".join(f[column] for f in FIELDS)
            yield self.finding(ctx, "missing", evidence="", fields=names)
            return
        absent = [f[column] for f in FIELDS if f[0] in present and not present[f[0]]]
        if absent:
            yield self.finding(ctx, "incomplete", evidence="", review=True, fields=", ".join(absent))
