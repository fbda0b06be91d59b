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
        r"geen\s+(?:e-?mails?|nieuwsbrie(?:f|ven)|berichten)\s+meer\s+ontvangen", r"niet\s+(?:meer|langer)\s+ontvangen",
    ),
    "en": (r"unsubscribe", r"un-subscribe", r"opt[\s-]?out", r"remove\s+me", r"stop\s+receiving", r"manage\s+(?:your\s+)?subscription",
           r"no\s+longer\s+(?:wish\s+to\s+|want\s+to\s+|like\s+to\s+)?receiv\w*"),
    "de": (r"abmelden", r"abmeld\w*", r"abbestellen", r"austragen", r"newsletter\s+abbestellen", r"nicht\s+mehr\s+(?:erhalten|empfangen)"),
    "fr": (r"se\s+d[ée]sinscrire", r"d[ée]sinscri\w*", r"d[ée]sabonner", r"d[ée]sabonnement", r"ne\s+plus\s+recevoir"),
}  # fmt: skip

#: Fragments of an href that mark it as an unsubscribe endpoint (common ESP and CMS paths).
UNSUBSCRIBE_HREF: tuple[str, ...] = (
    r"unsub", r"unsubscribe", r"opt-?out", r"afmeld", r"uitschrijv", r"abmeld", r"desinscri", r"désinscri",
    r"list-manage\.com/unsubscribe", r"/manage/preferences", r"preferences?[-_]?center",
)  # fmt: skip


def union(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any entry of any language, on word boundaries."""
    alternatives = "|".join(p for patterns in table.values() for p in patterns)
    # The first-character guard goes before the word-boundary lookbehind: both are zero-width
    # tests at the same position, and the guard's character set fails most positions faster
    # than the lookbehind's Unicode \w test (~20% off a scan of the text).
    return re.compile(rf"{first_char_guard(alternatives, fold_case=True)}(?<!\w)(?:{alternatives})(?!\w)", re.I)


def first_char_guard(pattern: str, *, fold_case: bool = False) -> str:
    """A lookahead ``(?=[…])`` naming every character a match of ``pattern`` can start with, or ''
    when that cannot be read off the pattern. Python's ``re`` tries every alternative at every
    position; the guard lets it skip most positions at the cost of one character test (3-4x
    faster on the keyword and placeholder unions)."""
    chars = _first_chars(pattern)
    if not chars:
        return ""
    if fold_case:
        chars = {c for ch in chars for c in (ch.lower(), ch.upper())}
    return "(?=[" + "".join(re.escape(c) if c in "\\]^-[" else c for c in sorted(chars)) + "])"


def _structure(pattern: str) -> list[tuple[int, str, int]] | None:
    """``(index, char, depth)`` of every ``(``, ``)`` and ``|`` outside escapes and character
    classes, with the group depth before the character; None when a class is not closed."""
    out: list[tuple[int, str, int]] = []
    depth = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            end = _class_end(pattern, i)
            if end is None:
                return None
            i = end + 1
            continue
        if ch in "()|":
            out.append((i, ch, depth))
            depth += {"(": 1, ")": -1}.get(ch, 0)
        i += 1
    return out


def _split_alternatives(pattern: str) -> list[str] | None:
    marks = _structure(pattern)
    if marks is None:
        return None
    cuts = [i for i, ch, depth in marks if ch == "|" and depth == 0]
    starts = [0, *(i + 1 for i in cuts)]
    ends = [*cuts, len(pattern)]
    return [pattern[start:end] for start, end in zip(starts, ends, strict=True)]


def _class_end(pattern: str, start: int) -> int | None:
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i
        i += 1
    return None


_LITERAL_ESCAPES = set("{}[]()*+?|.^$\\/-:%<>'\"")


def _first_chars(pattern: str) -> set[str] | None:
    """The characters a match can start with; None when unsure (then no guard is used)."""
    alternatives = _split_alternatives(pattern)
    if alternatives is None:
        return None
    out: set[str] = set()
    for alt in alternatives:
        found = _first_of(alt)
        if not found:
            return None
        out |= found
    return out


def _group_end(alt: str) -> int | None:
    """Index of the ``)`` closing the group that opens ``alt`` (escapes and classes skipped)."""
    for i, ch, depth in _structure(alt) or ():
        if ch == ")" and depth == 1:
            return i
    return None


def _first_of(alt: str) -> set[str] | None:
    if not alt:
        return None
    ch = alt[0]
    if ch == "\\":
        if len(alt) > 1 and alt[1] in _LITERAL_ESCAPES:
            first, rest = {alt[1]}, alt[2:]
        else:
            return None  # \s, \w, \d, …
    elif ch == "[":
        end = _class_end(alt, 0)
        if end is None:
            return None
        body = alt[1:end]
        if body.startswith("^") or "\\" in body or "-" in body.strip("-"):
            return None  # ranges and escapes: not worth reading
        first, rest = set(body), alt[end + 1 :]
    elif ch == "(":
        if alt.startswith("(?:"):
            close = _group_end(alt)
            if close is None:
                return None
            inner, rest = alt[3:close], alt[close + 1 :]
            found = _first_chars(inner)
            if found is None:
                return None
            first = found
        else:
            return None  # lookarounds, named groups: unsure
    elif ch in ".^$)|*+?{":
        return None
    else:
        first, rest = {ch}, alt[1:]
    if rest[:1] in ("?", "*") or rest[:2] == "{0":
        return None  # the first item may be absent: what follows could start the match
    return first


UNSUBSCRIBE_RE = union(UNSUBSCRIBE)
UNSUBSCRIBE_HREF_RE = re.compile("|".join(UNSUBSCRIBE_HREF), re.I)


#: Wording that makes opting out a manual step or puts a condition on it, by kind, NL/EN/DE/FR.
#: Tripolis rule 6: "Er mogen geen voorwaarden gesteld worden aan het uitschrijven en het mag geen
#: handmatig proces zijn"; REFERENCES.md: not "reply STOP", not "log in first", not "call us", no
#: questionnaire first; CASL: "works without login". A rule matches these only inside a sentence
#: that also names unsubscribing (:data:`UNSUBSCRIBE`), so "bel ons" in a contact block is not
#: read as an opt-out instruction. ``reply``/``email``/``phone`` are manual steps; ``login`` and
#: ``questionnaire`` are conditions.
MANUAL_UNSUBSCRIBE: dict[str, dict[str, tuple[str, ...]]] = {
    "reply": {
        "nl": (
            r"(?:beantwoord|antwoord\s+op)\s+(?:deze|dit|onze)\s+(?:e-?mail|mail|bericht|nieuwsbrief)",
            r"(?:antwoord|reageer|mail|sms|stuur)\s+(?:met|terug\s+met)\s+(?:het\s+woord\s+)?[\"'“‘]?(?:stop|afmelden|uitschrijven)",
            r"(?:reply|antwoord)\s+(?:met\s+)?[\"'“‘]?stop\b",
        ),
        "en": (
            r"reply(?:ing)?\s+(?:to\s+(?:this|our)\s+(?:e-?mail|message|newsletter)\s*)?(?:with\s+)?(?:the\s+word\s+)?[\"'“‘]?(?:stop|unsubscribe|remove)\b",
            r"(?:simply\s+|just\s+)?reply\s+to\s+(?:this|our)\s+(?:e-?mail|message|newsletter)",
            r"(?:text|sms)\s+[\"'“‘]?stop\b",
        ),
        "de": (
            r"antworten\s+sie\s+(?:auf\s+diese\s+(?:e-?mail|nachricht)\s+)?mit\s+[\"'„“]?(?:stop|abmelden)",
            r"beantworten\s+sie\s+diese\s+(?:e-?mail|nachricht)",
        ),
        "fr": (
            r"r[ée]pond(?:ez|re)\s+(?:à\s+(?:ce|cet)\s+(?:message|courriel|e-?mail)\s+)?(?:avec\s+|par\s+)?(?:le\s+mot\s+)?[\"'«“]?\s*stop\b",
            r"r[ée]pond(?:ez|re)\s+à\s+(?:ce|cet)\s+(?:message|courriel|e-?mail)",
        ),
    },
    "email": {
        "nl": (
            r"(?:stuur|zend|mail|stuurt|zendt)\s+(?:ons\s+|u\s+|je\s+)?(?:een\s+)?(?:e-?mail|mail(?:tje)?|bericht)\s+(?:naar|aan)",
            r"mail\s+(?:ons|naar)\b",
            r"(?:e-?mail|mail)\s+(?:ons|naar)\s+\S+@\S+",
        ),
        "en": (
            r"(?:send|write|drop)\s+(?:us\s+)?(?:an?\s+)?(?:e-?mail|message|note|line)\s+(?:to|at)",
            r"e-?mail\s+us\s+(?:at|to|on)\b",
            r"(?:contact|write\s+to)\s+us\s+at\s+\S+@\S+",
        ),
        "de": (
            r"(?:senden|schreiben|schicken)\s+sie\s+(?:uns\s+)?(?:eine\s+)?(?:e-?mail|nachricht)\s+an",
            r"per\s+e-?mail\s+an\s+\S+@\S+",
        ),
        "fr": (
            r"(?:envoy|[ée]criv)(?:ez|er)(?:-nous)?\s+(?:un\s+)?(?:e-?mail|courriel|message|mail)\s+à",
            r"[ée]crivez-nous\s+à",
        ),
    },
    "phone": {
        "nl": (r"bel\s+(?:ons|met|naar)\b", r"(?:telefonisch|per\s+telefoon)\b", r"neem\s+telefonisch\s+contact"),
        "en": (r"(?:call|phone|ring)\s+(?:us|our\s+(?:customer\s+service|helpdesk|support|office))\b", r"by\s+(?:phone|telephone)\b"),
        "de": (r"rufen\s+sie\s+(?:uns\s+)?(?:unter\s+\S+\s+)?an\b", r"telefonisch\b"),
        "fr": (r"appelez(?:-nous)?\b", r"par\s+t[ée]l[ée]phone\b"),
    },
    "login": {
        "nl": (
            r"log\s+(?:eerst\s+)?in\s+(?:op|bij|via)\b", r"(?:eerst\s+|na\s+het\s+)?inloggen\b", r"in\s+te\s+loggen\b",
            r"(?:mijn|je|uw)\s+(?:account|portaal|portal|profielomgeving|klantomgeving)\b",
        ),
        "en": (
            r"(?:log|sign)\s*(?:in|on)\s+(?:to|into|at)\b", r"(?:after\s+)?(?:logging|signing)\s+in\b",
            r"(?:log|sign)\s*(?:in|on)\s+first\b", r"(?:your|the)\s+(?:account|customer)\s+(?:portal|settings|area|page)\b",
        ),
        "de": (r"(?:loggen\s+sie\s+sich|melden\s+sie\s+sich)\s+(?:zuerst\s+)?(?:in|bei|auf)\s+\S+\s+(?:ein|an)\b", r"einloggen\b", r"kundenkonto\b"),
        "fr": (r"connectez-vous\b", r"se\s+connecter\b", r"identifiez-vous\b", r"votre\s+espace\s+client\b"),
    },
    "questionnaire": {
        "nl": (r"vragenlijst\w*", r"enqu[êe]te\w*", r"formulier\s+in\s+te\s+vullen", r"vul\s+(?:eerst\s+)?(?:het|ons|een)\s+formulier"),
        "en": (r"questionnaire", r"survey", r"fill\s+(?:in|out)\s+(?:a|the|our|this)\s+(?:short\s+)?form"),
        "de": (r"fragebogen\w*", r"umfrage\w*", r"formular\s+aus(?:füllen|zufüllen)"),
        "fr": (r"questionnaire", r"sondage", r"remplir\s+(?:un|le|ce)\s+formulaire"),
    },
}  # fmt: skip

#: Kinds of :data:`MANUAL_UNSUBSCRIBE` that are conditions (a problem even next to a working link).
MANUAL_CONDITIONS: frozenset[str] = frozenset({"login", "questionnaire"})

#: "Reply STOP" is an opt-out instruction by itself (the capital keyword is the convention of SMS
#: and email opt-outs), so it counts even when no other unsubscribe word is in the sentence.
REPLY_STOP_RE = re.compile(
    r"(?<!\w)(?=[aAbBrRsStT])(?i:reply|respond|text|sms|antwoord|beantwoord|reageer|stuur|antworten\s+sie|r[ée]pondez)\b[^.\n]{0,40}?(?<!\w)[\"'“‘„«]?\s*STOP(?!\w)"
)

#: One pattern per kind, any language, case-insensitive, on word boundaries.
MANUAL_RE: dict[str, re.Pattern[str]] = {kind: union(table) for kind, table in MANUAL_UNSUBSCRIBE.items()}
