"""Phone number detection settings, as data.

Numbers are validated with ``phonenumbers`` (the ``phonenumberslite`` package: libphonenumber's
metadata without geocoding/carrier data, pure Python, runs in Pyodide). Running its matcher over a
whole 100 KB draft once per region is slow, so candidates are first cut out of the text with
:data:`CANDIDATE_RE` and only those are parsed and validated (``is_valid_number``) per region.
"""

from __future__ import annotations

import re

#: Regions a national-format number (no ``+``) is tried in, in this order. Source: the brief (NL,
#: BE, DE, GB, US; the markets of the Dutch guidelines and the packs ``us-can-spam``/``ca-casl``; US
#: covers Canada's numbering plan, NANP). Numbers with ``+`` or ``00`` carry their own country.
REGIONS: tuple[str, ...] = ("NL", "BE", "DE", "GB", "US")

#: A run that may be a phone number: optional ``+``/``00`` prefix, then digits with the separators
#: people write (space, dot, dash, slash, brackets), 8 to 20 characters. Source: ITU-T E.123
#: notation (``+31 20 123 4567``, ``(020) 123 4567``) and national habits (``020-1234567``,
#: ``0800 - 1234``, ``555.123.4567``).
CANDIDATE_RE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d\s().\-/]{6,18}\d(?![\w])")

#: Words that say a number is a phone number. A number next to one of these counts even when it
#: does not validate (templates ship sample numbers such as "(123) 456-7890"): the rule is about
#: whether the draft shows a way to call, not whether the number is real. Source: NL/EN/DE/FR.
PHONE_LABEL_RE = re.compile(
    r"(?<!\w)(?:tel(?:efoon|efoonnummer|ephone|éphone|efon)?\.?|phone|call(?: us)?|bel(?: ons)?|mobiel|mobile|"
    r"gsm|fon|fax|t\.|☎|📞)(?!\w)\s*[:.]?\s*$",
    re.I,
)
#: How far before a candidate a label may stand (characters).
LABEL_WINDOW = 24

#: Digits a real number has at least (shortest NL/BE/DE numbers: 9 national digits; short service
#: numbers like 0800-1234 have 8). Source: ITU-T E.164 national plans of NL, BE, DE.
MIN_DIGITS = 8
#: A date or a time is not a phone number ("25-11-2026", "14.00-17.00").
DATE_LIKE_RE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{2,4}$|^\d{1,2}[.:]\d{2}\s*-\s*\d{1,2}[.:]\d{2}$")
