"""Keyword lists per language, as data. Each list names its source.

Matching is case-insensitive on the draft's visible text (and link texts/hrefs where a rule says
so). Patterns are regular expressions; keep them anchored on word boundaries so that, say,
"afmelden" does not fire inside an unrelated longer word.
"""

from __future__ import annotations

import re

#: Words that name an unsubscribe action, NL/EN/DE/FR (issue 2; Tripolis rule 6 "uitschrijflink",
#: Carerix "Opt-in / Opt-out"). Used on link texts, link hrefs and the text around a link.
UNSUBSCRIBE: dict[str, tuple[str, ...]] = {
    "nl": (
        r"afmelden", r"afmeld\w*", r"uitschrijven", r"uitschrijf\w*", r"schrijf\s+(?:je|u|jezelf)\s+uit",
        r"meld\s+(?:je|u|jezelf)\s+af", r"(?:je|u|jezelf)\s+af\s+te\s+melden", r"(?:je|u|jezelf)\s+uit\s+te\s+schrijven",
        r"geen\s+(?:e-?mails?|nieuwsbrie(?:f|ven)|berichten)\s+meer\s+ontvangen",
    ),
    "en": (r"unsubscribe", r"un-subscribe", r"opt[\s-]?out", r"remove\s+me", r"stop\s+receiving", r"manage\s+(?:your\s+)?subscription"),
    "de": (r"abmelden", r"abbestellen", r"austragen", r"newsletter\s+abbestellen"),
    "fr": (r"se\s+d[ée]sinscrire", r"d[ée]sinscri\w*", r"d[ée]sabonner", r"d[ée]sabonnement"),
}  # fmt: skip

#: Fragments of an href that mark it as an unsubscribe endpoint (common ESP and CMS paths).
UNSUBSCRIBE_HREF: tuple[str, ...] = (
    r"unsub", r"unsubscribe", r"opt-?out", r"afmeld", r"uitschrijv", r"abmeld", r"desinscri", r"désinscri",
    r"list-manage\.com/unsubscribe", r"/manage/preferences", r"preferences?[-_]?center",
)  # fmt: skip


def union(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any entry of any language, on word boundaries."""
    alternatives = "|".join(p for patterns in table.values() for p in patterns)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)


UNSUBSCRIBE_RE = union(UNSUBSCRIBE)
UNSUBSCRIBE_HREF_RE = re.compile("|".join(UNSUBSCRIBE_HREF), re.I)
