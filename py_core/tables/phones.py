"""Phone number detection settings, as data.

Numbers are validated with ``phonenumbers`` (the ``phonenumberslite`` package: libphonenumber's
metadata without geocoding/carrier data, pure Python, runs in Pyodide). Running its
``PhoneNumberMatcher`` over a whole 100 KB draft for five regions costs 140-280 ms in CPython, so
candidates are first cut out of the text with :data:`CANDIDATE_RE`, routed to the regions their
shape allows, and only those are parsed and validated (``parse`` + ``is_valid_number``, ~0.05 ms
per candidate against ~0.28 ms for the matcher on the same candidate).
"""

from __future__ import annotations

import re

#: Regions a national number (no ``+``/``00``) is validated for. Source: the brief (NL, BE, DE, GB,
#: US; FR since issue 9, French being one of the languages read: the markets of the Dutch guidelines and the packs ``us-can-spam``/``ca-casl``; parsing as US
#: covers Canada too, one numbering plan, NANP). International numbers may be of any country.
REGIONS: tuple[str, ...] = ("NL", "BE", "DE", "GB", "FR", "US")
#: Which regions a national number is tried in depends on how it starts: NL, BE, DE, GB and FR
#: national numbers start with the trunk prefix 0 (ITU-T E.164 national plans); NANP numbers never start
#: with 0 or 1 after the country code, and are written in 3-3-4 groups (NANPA). Numbers with ``+``
#: or ``00`` carry their own country code and are parsed as international.
TRUNK_ZERO_REGIONS: tuple[str, ...] = ("NL", "BE", "DE", "GB", "FR")
#: A US/Canadian number as people write it: ``(408) 341-0600``, ``408-341-0600``, ``1 (250) 222-2232``,
#: ``408.341.0600``. A bare run of ten digits is more often an order number or a coupon code.
NANP_SHAPE_RE = re.compile(r"^(?:1\s?[-.]?\s?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}$")

#: A run that may be a phone number: optional ``+``/``00`` prefix, then digits with the separators
#: people write (space, dot, dash, slash, brackets), 8 to 20 characters. Source: ITU-T E.123
#: notation (``+31 20 123 4567``, ``(020) 123 4567``) and national habits (``020-1234567``,
#: ``0800 - 1234``, ``555.123.4567``, ``+90 535 482.97.19``). One space may follow the ``+``
#: (``GSM:+ 90 535 482.97.19``, real mail), except after a number and a space, where ``5 + 31 ...``
#: is a sum. The lookahead names the characters a match can start with (``+``, ``(``, a digit): the
#: regex engine passes every other position at a glance (2.2x faster over the corpus's text).
CANDIDATE_RE = re.compile(r"(?=[+(\d])(?<![\w+])(?:\+(?:(?<!\d\s\+)[ \xa0])?|00)?\(?\d[\d\s().\-/]{6,18}\d(?![\w])")

#: Words that say a number is a phone number. A number next to one of these counts even when it
#: does not validate (templates ship sample numbers such as "(123) 456-7890"): the rule is about
#: whether the draft shows a way to call, not whether the number is real. Source: NL/EN/DE/FR, and
#: the Spanish words for a telephone and a switchboard (``Teléfono``, ``Conmutador``; real mail
#: sa-spam2-00756: ``Conmutador 01 993 914 - 40 85``, a Mexican number no region here validates).
PHONE_LABEL_RE = re.compile(
    r"(?<!\w)(?:tel(?:efoon|efoonnummer|ephone|éphone|efon|éfono|efono)?\.?|phone|call(?: us)?|bel(?: ons)?|mobiel|mobile|"
    r"gsm|fon|fax|t\.|conmutador|☎|📞)(?!\w)\s*[:.]?\s*$",
    re.I,
)
#: How far before a candidate a label may stand (characters).
LABEL_WINDOW = 24

#: Digits a real number has at least (shortest NL/BE/DE numbers: 9 national digits; short service
#: numbers like 0800-1234 have 8). Source: ITU-T E.164 national plans of NL, BE, DE.
MIN_DIGITS = 8
#: A date or a time is not a phone number ("25-11-2026", "14.00-17.00").
DATE_LIKE_RE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{2,4}$|^\d{1,2}[.:]\d{2}\s*-\s*\d{1,2}[.:]\d{2}$")

#: At most this many unlabelled candidates are validated per check (from the end of the text). A
#: failed validation tries up to four regions (~0.05 ms in CPython); 100 bounds a draft full of
#: order numbers and coupon codes to a few milliseconds.
MAX_VALIDATIONS = 100
