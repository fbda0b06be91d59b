"""Wording for ``advertising-unrecognisable``: subject prefixes that dress a mailing up as a reply,
a forward or a transaction, and words that show a subject or From line is commercial.

Dutch, English, German and French, as mail clients write them (``Re:``, ``AW:``, ``Antw:``,
``Fwd:``, ``WG:``, ``TR:``, ``Doorst:``) and as order and booking mails begin.
"""

from __future__ import annotations

import re

#: A reply or forward prefix at the start of a subject.
REPLY_PREFIX = re.compile(r"^\s*(?:re|aw|antw|fwd?|wg|tr|doorst|rif)\s*(?:\[\d+\])?\s*:", re.I)

#: A subject that opens like a mail about the recipient's own transaction.
TRANSACTION_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|antw|fwd?|wg|tr)\s*:\s*)?"
    r"(?:(?:uw|je|jouw)\s+(?:bestelling|order|reservering|boeking|factuur|pakket|zending)"
    r"|your\s+(?:order|booking|reservation|invoice|purchase|parcel|package|delivery)"
    r"|ihre?\s+(?:bestellung|buchung|rechnung|reservierung|lieferung|sendung)"
    r"|(?:votre|ta)\s+(?:commande|réservation|facture|colis|livraison))\b",
    re.I,
)

#: What a real transactional mail names: an order, booking or invoice number.
TRANSACTION_NUMBER = re.compile(
    r"(?:bestel|order|boekings?|reserverings?|factuur|invoice|booking|reservation|bestell|buchungs|rechnungs|"
    r"commande|réservation|facture)\s*-?\s*(?:nummer|number|no\.?|nr\.?|#|id|numéro)?\s*:?\s*#?\s*[A-Z0-9-]*\d{3,}",
    re.I,
)

#: Words in a subject or From name that say the mail is commercial (an offer, a sale, a newsletter, an ad).
COMMERCIAL = re.compile(
    r"(?<!\w)(?:aanbieding\w*|actie|korting\w*|uitverkoop|sale|deal\w*|promo\w*|reclame|advertentie|nieuwsbrief|"
    r"offer\w*|discount\w*|coupon\w*|newsletter|advert\w*|sponsored|"
    r"angebot\w*|rabatt\w*|gutschein\w*|werbung|anzeige|sonderangebot\w*|"
    r"offre\w*|soldes|réduction\w*|publicité|lettre d'information|bon plan)(?!\w)|\d+\s?%|€|\$",
    re.I,
)
