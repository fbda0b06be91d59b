"""Postal address patterns per country, as data.

An address is found in the visible text when a *line* pattern matches (a street with a house
number, a PO box) or a *locality* pattern matches (postcode with place, or a US "City, ST 12345").
Either counts: the rule asks whether the draft shows where the sender can be reached by post
(Tripolis rule 7 "adresgegevens", "een geldig postadres"; CAN-SPAM "a valid physical postal address
(street, PO box or registered private mailbox)"), not whether the address is correct. A template's
sample address ("123 Fake Street, SpringField, OR, 97477") has the form of an address and counts:
the sender fills in their own; Mailwacht cannot tell a real address from an invented one.

Patterns are case-sensitive unless marked ``(?i)``: a postcode's letters and a place name's capital
are part of what makes them recognisable. Every row names its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class AddressPattern:
    """One way an address (part) is written in one country."""

    country: str
    kind: str  # "line" (street + number, PO box) or "locality" (postcode + place)
    pattern: str
    source: str
    #: A weak pattern ("10115 Berlin", "Suite 100") counts only next to another match (within
    #: :data:`NEAR_CHARS`): alone it is as likely a year before a name ("2024 Acme") as an address.
    weak: bool = False


#: A house number (12, 12a, 12-14), never a year: "Kerkstraat 2026" is a heading, not an address.
_NUM = r"(?!(?:19|20)\d\d\b)\d{1,5}(?:\s?-\s?\d{1,5})?(?:\s?[a-zA-Z](?![a-zA-Z]))?"
#: Dutch (and Flemish) street name endings. Source: BAG openbare ruimte names (Kadaster); the
#: endings cover most Dutch and Flemish street names.
_NL_STREET = (
    r"straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|park|pad|steeg|markt|baan|wal|boulevard|"
    r"veld|plantsoen|poort|burgwal|kwartier|erf|ring|zijl|lei|vest|heuvel|straatje"
)
#: Left out on purpose: -dam, -berg, -dal, -zoom, -hoven, -haven end street names but also the names
#: of places ("Amsterdam 2026", "Eindhoven 12 juni").
#: German street endings. Source: Deutsche Post address guidelines (Straße/Str., Weg, Platz, Allee ...).
_DE_STREET = r"straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|chaussee|steig|pfad|markt"
#: English street types. Source: USPS Publication 28 appendix C1 (street suffix abbreviations) and
#: Royal Mail PAF thoroughfare descriptors.
_EN_STREET = (
    r"Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Parkway|Pkwy|"
    r"Highway|Hwy|Circle|Cir|Terrace|Ter|Square|Sq|Crescent|Cres|Close|Row|Walk|Gardens|Plaza|Trail|Trl|Pike|"
    r"Broadway|Mews|Hill|Green|Park"
)
#: US states and territories (USPS Publication 28 appendix B) and Canadian provinces (Canada Post).
_US_STATES = (
    r"A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
    r"V[TA]|W[AVIY]|PR|GU|VI"
)
_CA_PROVINCES = r"AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT"
#: Spaces within one line: a street name and its number are never split over two lines, while a
#: line break between them joins a heading to a list ("Control Pad\n\n8 ...").
_SP = r"[ \t\xa0]"
#: German street types written as a word of their own ("Zülpicher Straße", "Am Markt") or after a
#: hyphen ("Franz-Ehret-Straße"). Source: Deutsche Post address guidelines.
_DE_STREET_WORD = r"Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring|Damm|Ufer|Chaussee|Steig|Pfad|Markt"
#: A secondary unit after a street line ("Suite 100"); USPS Publication 28 appendix C2.
_US_UNIT = r"(?:Suite|Ste\.?|Unit|Floor|Fl\.?|Apt\.?|Room|Rm\.?|Building|Bldg\.?|#)[ \t\xa0]*#?[\w-]+"
#: A US street line: number, optional direction, one to four words of the name (a word starts with
#: a capital or is an ordinal such as 5th), suffix.
_US_LINE = (
    rf"\b\d{{1,6}}(?:-\d{{1,5}})?{_SP}+(?:[NSEW]\.?{_SP}+)?(?:(?:[A-Z][\w.'’-]*|\d{{1,3}}(?:st|nd|rd|th))[ \t\xa0]+){{1,4}}"
    rf"(?:{_EN_STREET})\b\.?"
)

ADDRESS_PATTERNS: tuple[AddressPattern, ...] = (
    # Netherlands
    AddressPattern(
        "NL",
        "locality",
        r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b,?\s+(?:[A-Z]|'[st]-)\w",
        "PostNL: postcode is 4 digits (no leading 0) + 2 capitals, never SA/SD/SS, then the place",
    ),
    AddressPattern("NL", "line", r"(?i)\bpostbus\s+\d{1,6}\b", "PostNL: 'Postbus' + number"),
    AddressPattern(
        "NL", "line", rf"\b[A-Z][\w'’.-]*(?:{_NL_STREET}){_SP}+{_NUM}\b", "BAG street name + house number (NL/BE order)"
    ),
    AddressPattern(
        "NL",
        "line",
        rf"\b[A-Z][\w'’-]*{_SP}+(?i:{_NL_STREET}){_SP}+{_NUM}\b",
        "BAG: two-word street names ('Nieuwe Gracht 12', 'Oude Markt 3')",
    ),
    # Belgium
    AddressPattern(
        "BE",
        "locality",
        r"\b(?:B-)?[1-9]\d{3}[ \t\xa0]+(?:[A-Z][a-zà-ÿ]+(?:[- ][A-Z][a-zà-ÿ]+)*)(?=\s*(?:$|[\n,(]|Belgi))",
        "bpost: 4-digit postcode before the municipality, at the end of the address line",
        weak=True,
    ),
    AddressPattern(
        "BE",
        "line",
        rf"(?i)\b(?:rue|avenue|boulevard|chaussée|place|quai|chemin|allée|square|drève)\s+[\w'’ -]{{2,40}}?,?\s+{_NUM}\b",
        "bpost: French street types before the name, number after",
    ),
    # France
    AddressPattern(
        "FR",
        "line",
        rf"\b\d{{1,4}}(?:{_SP}?(?:bis|ter))?,?{_SP}+(?i:rue|avenue|av\.|boulevard|bd|place|quai|chemin|allée|impasse|cours|route|square|passage|rond-point){_SP}+(?i:de |du |des |de la |d['’])?[A-ZÀ-Ý][\w'’-]{{1,40}}",
        "La Poste (norme AFNOR NF Z10-011): number, street type, name ('12 rue de la Paix', '5 bis avenue Foch')",
    ),
    # Germany
    AddressPattern(
        "DE",
        "locality",
        r"\b(?:D-)?\d{5}[ \t\xa0]+[A-ZÄÖÜ][a-zäöüß]+(?:[- ][A-ZÄÖÜa-zäöüß.]+)?",
        "Deutsche Post: 5-digit Postleitzahl before the place",
        weak=True,
    ),
    AddressPattern(
        "DE",
        "line",
        rf"\b[A-ZÄÖÜ][\w.'’-]*(?:{_DE_STREET}|-(?:{_DE_STREET_WORD})){_SP}*{_NUM}\b",
        "Deutsche Post: street + Hausnummer ('Goethestraße 5', 'Hauptstr. 5', 'Franz-Ehret-Straße 7')",
    ),
    AddressPattern(
        "DE",
        "line",
        rf"\b[A-ZÄÖÜ][\w'’-]*{_SP}+(?:{_DE_STREET_WORD}){_SP}*{_NUM}\b",
        "Deutsche Post: two-word street names ('Zülpicher Straße 10', 'Kölner Str. 3', 'Am Markt 3')",
    ),
    AddressPattern("DE", "line", r"\bPostfach\s+\d[\d ]{2,8}\b", "Deutsche Post: Postfach + number"),
    AddressPattern(
        "DE",
        "line",
        rf"\b(?:(?:[A-ZÄÖÜ][\w'’.-]*|an|am|auf|im|in|zum|zur|der|die|dem|den){_SP}+){{0,3}}[A-ZÄÖÜ][\w'’.-]*{_SP}+{_NUM}"
        rf"{_SP}*(?:[,|·•]{_SP}*|\n\s*)(?:D-)?\d{{5}}[ \t\xa0]+[A-ZÄÖÜ][a-zäöüß]+",
        "Deutsche Post: a street without a street-type word ('Am Sandtorkai 41', 'Neuer Wall 10') before a "
        "Postleitzahl and place ('Am Sandtorkai 41 · 20457 Hamburg'): the postcode and place make it an address",
    ),
    # United Kingdom
    AddressPattern(
        "UK",
        "locality",
        r"\b(?:GIR[ \xa0]0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ \xa0]\d[ABD-HJLNP-UW-Z]{2})\b",
        "Royal Mail postcode format (outward code, space, inward code), ONS/GOV.UK postcode regex; the space is "
        "required: written together ('GC89BB') it is as likely a code or an id",
    ),
    # United States and Canada
    AddressPattern(
        "US",
        "line",
        rf"{_US_LINE}(?=(?:{_SP}+(?:North|South|East|West|NE|NW|SE|SW|[NSEW])\b\.?)?{_SP}*(?:[,|·•]{_SP}*|\n\s*)(?:{_US_UNIT}{_SP}*(?:[,|·•]{_SP}*|\n\s*))?(?!{_US_UNIT})[A-Z][a-z])",
        "USPS Publication 28: primary number, street name, suffix, then a place (after a comma or on the next line)",
    ),
    AddressPattern(
        "US",
        "line",
        _US_LINE,
        "USPS Publication 28: primary number, street name, suffix; without a place after it a street is as likely "
        "a phrase of the text ('16 of 17 Wall Street analysts', '100 5400RPM IDE Hard Drive')",
        weak=True,
    ),
    AddressPattern("US", "line", r"(?i)\b(?:P\.?\s?O\.?\s?Box|Post Office Box)\s+\d+", "USPS Publication 28: PO Box"),
    AddressPattern(
        "US", "line", r"\b(?:Suite|Ste\.?|Unit|Floor)\s+#?\d+[A-Z]?\b", "USPS Publication 28: secondary unit", weak=True
    ),
    AddressPattern(
        "US",
        "locality",
        rf"\b[A-Z][A-Za-z.'’ -]{{1,40}},\s*(?:{_US_STATES})\b[ \t\xa0]*[,|·•]?\s*\d{{5}}(?:-\d{{4}})?\b",
        "USPS Publication 28: City, ST 12345 or ZIP+4 (also 'Medford, MA | 02155' as footers write it)",
    ),
    AddressPattern(
        "CA",
        "locality",
        rf"\b(?:{_CA_PROVINCES})\b,?\s+[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d\b",
        "Canada Post: province + postal code (A1A 1A1)",
    ),
)

#: Words that introduce the *recipient's* address (an order or shipping mail): an address right after
#: them is not the sender's. Source: the labels of order confirmations in NL/EN/DE/FR shops.
RECIPIENT_LABEL_RE = re.compile(
    r"(?i)(?:shipping|delivery|billing|invoice|ship(?:ped)? to|deliver(?:ed)? to|your)\s+address|ship to|bill to|"
    r"(?:bezorg|aflever|factuur|verzend)adres|uw adres|je adres|liefer(?:adresse|anschrift)|rechnungs(?:adresse|anschrift)|"
    r"adresse de (?:livraison|facturation)"
)
#: How far before an address such a label may stand (characters of visible text).
RECIPIENT_LABEL_CHARS = 120

#: How close (characters of visible text) a weak match must be to another match: one address block.
NEAR_CHARS = 160

#: Every pattern compiled once, at import (for tests and tools; the rules use :data:`SCANNERS`).
COMPILED: tuple[tuple[AddressPattern, re.Pattern[str]], ...] = tuple((p, re.compile(p.pattern)) for p in ADDRESS_PATTERNS)


def _lead(pattern: str) -> str:
    """What a pattern's first character is: a digit, a capital, or a keyword (case-insensitive)."""
    body = pattern.removeprefix("(?i)").removeprefix(r"\b")
    if pattern.startswith("(?i)"):
        return "keyword"
    if body.startswith((r"\d", "[1-9]", "(?:B-)", "(?:D-)")):
        return "digit"
    if body.startswith(("(?:Suite", "Postfach")):
        return "keyword"
    return "upper"


def _scoped(pattern: str) -> str:
    body = pattern.removeprefix(r"\b")
    if pattern.startswith("(?i)"):
        body = "(?i:" + pattern.removeprefix("(?i)").removeprefix(r"\b") + ")"
    return body


#: What a scanner's first character must be; one guarded alternation per lead scans the text once
#: instead of once per pattern (15 scans of a 100 KB text cost ~30 ms in CPython, 3 cost ~12 ms).
_GUARDS = {"digit": r"\b(?=[\dBD])", "upper": r"\b(?=[A-ZÄÖÜ])", "keyword": r"\b(?=[A-Za-z])"}


def _scanners() -> tuple[tuple[re.Pattern[str], tuple[AddressPattern, ...]], ...]:
    out = []
    for lead, guard in _GUARDS.items():
        # strong patterns first: at one position the first matching branch wins
        members = tuple(sorted((p for p in ADDRESS_PATTERNS if _lead(p.pattern) == lead), key=lambda p: p.weak))
        alternatives = "|".join(f"(?P<g{i}>{_scoped(p.pattern)})" for i, p in enumerate(members))
        out.append((re.compile(f"{guard}(?:{alternatives})"), members))
    return tuple(out)


#: ``(scanner, patterns)``: ``match.lastgroup`` ``g<i>`` names ``patterns[i]``.
SCANNERS = _scanners()
