"""Keyword lists per language, as data. Each list names its source.

Matching is case-insensitive on the draft's visible text (and link texts/hrefs where a rule says
so). Patterns are regular expressions; keep them anchored on word boundaries so that, say,
"afmelden" does not fire inside an unrelated longer word.

Over ~400 lines because it is a data table (keyword lists per language, each with its source),
with the code that turns the lists into patterns and reads them fast (:func:`union`,
:func:`first_char_guard`, :class:`WordScan`), which the other tables use too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Words that name an unsubscribe action, NL/EN/DE/FR (issue 2; Tripolis rule 6 "uitschrijflink",
#: Carerix "Opt-in / Opt-out"; issue 9 class 1: the wording of real sent mail). Used on link texts
#: and on the sentence around every link (``rules/_unsubscribe.py``). "remove" or "austragen" alone
#: are ordinary verbs ("remove the stain", "einen Wettbewerb austragen"): they count only with an
#: object that is a list, an address or the reader ("remove me", "to be removed from our list",
#: "sich aus dem Verteiler austragen"). A preference centre counts (it can unsubscribe), a bare
#: "preferences" does not ("Go to Preferences" in an app tip).
UNSUBSCRIBE: dict[str, tuple[str, ...]] = {
    "nl": (
        r"afmelden", r"afmeld\w*", r"uitschrijven", r"uitschrijf\w*", r"uitschrijv\w*", r"schrijf\s+(?:je|u|jezelf)\s+(?:hier\s+)?uit",
        r"meld\s+(?:je|u|jezelf)\s+(?:hier\s+)?af", r"(?:je|u|jezelf)\s+af\s+te\s+melden", r"(?:je|u|jezelf)\s+uit\s+te\s+schrijven",
        r"geen\s+(?:e-?mails?|mails?|nieuwsbrie(?:f|ven)|berichten|mailings?)\s+meer(?:\s+van\s+ons)?\s+(?:ontvangen|krijgen)",
        r"niet\s+(?:meer|langer)\s+ontvangen",
        r"(?:wil|wilt)\s+(?:je|u)\s+(?:minder\s+of\s+)?geen\s+(?:e-?mails?|mails?|nieuwsbrie(?:f|ven)|berichten|mailings?)(?:\s+meer)?(?:\s+van\s+ons)?(?=\s*\?)",
        r"(?:e-?mail|nieuwsbrief|mail|communicatie)-?(?:voorkeuren|instellingen)", r"(?:e-?mail(?:meldingen|notificaties)|meldingen|notificaties)\s+(?:beheren|aanpassen|uitzetten|wijzigen)",
        r"(?:je|uw|jouw)\s+voorkeuren\s+(?:wijzigen|aanpassen|beheren)",
        r"voorkeuren\s+(?:wijzigen|aanpassen|beheren)", r"(?:je|uw|jouw)\s+voorkeuren\s+(?:aan\s+te\s+passen|te\s+wijzigen|te\s+beheren)",
        r"(?:uit|van)\s+(?:de|deze|onze|ons)\s+(?:mailing|verzend|adres|e-?mail)?-?(?:lijst|bestand)\s+(?:te\s+)?(?:verwijder\w*|(?:te\s+)?(?:laten\s+)?halen|gehaald)",
    ),
    "en": (
        r"unsubscrib\w*", r"un-subscribe", r"opt[\s-]?out", r"remove\s+me", r"stop\s+receiving",
        r"remove\s+(?:your|my)\s+(?:e-?mail\s+)?(?:address|name|e-?mail)", r"remove\s+(?:you|yourself|myself)\s+from",
        r"be\s+(?:permanently\s+|immediately\s+)?removed\s+from\s+(?:our|this|the|any|all|future|further|these|my|your)\s+(?:[\w-]+\s+){0,3}?(?:list|lists|mailings?|e-?mails?|database|distribution|offers?|newsletters?|subscribers?|mailing|messages?|communications?|correspondence)",
        r"to\s+be\s+(?:permanently\s+)?removed(?=\s*(?:[.!,;:]|$|from\b|click|please|simply|just|reply|send|e-?mail|write|visit|go\b|call|here|and\s+(?:send|e-?mail|reply|write|visit|click)))",
        r"(?:remove|removal)\s+(?:link|instructions|request|page)",
        r"leave\s+(?:the|this|our)\s+(?:mailing\s+)?list", r"excluded\s+from\s+(?:future|further|our|all)\s+(?:mailings|e-?mails|offers|communications|messages)",
        r"(?:do\s+not|don'?t|no\s+longer|not|rather\s+not|prefer\s+not\s+to)\s+(?:wish\s+|want\s+|like\s+)?(?:to\s+)?receiv\w*\s+(?:[\w'-]+\s+){0,4}?(?:e-?mails?|mails?|mailings?|messages?|newsletters?|communications?|information|offers|updates|announcements|advertisements|these|this|further|future|any\s+more)",
        r"no\s+longer\s+(?:wish\s+to\s+|want\s+to\s+|like\s+to\s+)?receiv\w*",
        r"(?:don['’]?t|do\s+not)\s+want\s+(?:any\s+)?(?:these|our|more|further)\s+(?:e-?mails?|mails?|newsletters?|messages?|mailings?)(?=\s*\?)",
        r"(?:receive|get)\s+no\s+(?:further|more)\s+(?:e-?mails|mailings|messages|offers|newsletters|advertisements|information)",
        r"manage\s+(?:your\s+|my\s+)?(?:e-?mail\s+)?subscriptions?",
        r"(?:manage|update|change|edit)\s+(?:your\s+|my\s+)?(?:e-?mail|subscription|mailing|newsletter|communication)\s+(?:preferences|settings|options)",
        r"(?:e-?mail|subscription|mailing|newsletter|communication)\s+preferences", r"preference\s+(?:center|centre)",
        r"(?:update|manage|change|edit)\s+your\s+preferences",
        r"manage\s+(?:your\s+)?(?:e-?mail\s+)?notifications", r"(?:e-?mail\s+notification|notification)\s+(?:settings|preferences)",
        r"subscription\s+(?:management|center|centre|changes)", r"(?:change|modify)\s+(?:your\s+)?subscription",
        r"cancel\s+(?:your\s+|a\s+|the\s+|this\s+)?subscription\s+to\s+(?:this|our|the)\s+(?:newsletter|list|mailing|e-?mail)",
    ),
    "de": (
        r"abmelden", r"abmeld\w*", r"abzumelden", r"abbestellen", r"abbestell\w*", r"abzubestellen",
        r"(?:sich|dich|mich|euch|uns|sie|hier)\s+(?:[\w-]+\s+){0,4}?aus(?:zu)?tragen",
        r"(?:newsletter|verteiler|e-?mail-?verteiler|mailingliste|liste)\s+(?:[\w-]+\s+){0,2}?aus(?:zu)?tragen",
        r"newsletter\s+abbestellen", r"nicht\s+mehr\s+(?:erhalten|empfangen|bekommen)",
        r"keinen?\s+(?:e-?mails?|mails?|newsletter|nachrichten|werbung|informationen)\s+mehr",
        r"(?:möchtest\s+du|möchten\s+sie|willst\s+du)\s+(?:weniger\s+oder\s+)?keine\s+(?:e-?mails?|mails?|newsletter|nachrichten)(?:\s+mehr)?(?:\s+von\s+uns)?(?=\s*\?)",
        r"(?:e-?mail|newsletter)-?einstellungen", r"benachrichtigungen\s+(?:verwalten|ändern|abbestellen)",
        r"(?:newsletter|abonnement)\s+(?:verwalten|kündigen|beenden)",
    ),
    "fr": (
        r"se\s+d[ée]sinscrire", r"d[ée]sinscri\w*", r"d[ée]sabonn\w*", r"ne\s+plus\s+recevoir",
        r"ne\s+(?:souhaitez|voulez|désirez|desirez|souhaites|veux|souhaite)\s+plus\s+recevoir",
        r"g[ée]rer\s+(?:vos|mes|tes)\s+(?:pr[ée]f[ée]rences|abonnements)", r"param[èe]tres\s+(?:d['’]|de\s+)(?:e-?mail|communication|abonnement|newsletter|notification)s?", r"g[ée]rer\s+(?:vos|tes|les)\s+notifications",
        r"(?:ne\s+(?:souhaitez|voulez|veux|souhaites)|souhaitez|voulez|veux|souhaites)[\s-](?:vous|tu)\s+(?:moins\s+ou\s+)?(?:ne\s+)?plus\s+d['’]e-?mails?(?=\s*\?)", r"pr[ée]f[ée]rences\s+(?:d'|de\s+)(?:e-?mail|communication|abonnement)",
        r"(?:être|etre)\s+retir[ée]e?s?\s+de\s+(?:notre|la|cette|nos)\s+(?:liste|fichier)",
    ),
}  # fmt: skip

#: What follows an unsubscribe word when it is about something else than the mailing: a course,
#: an event or an exam one signs off from ("uitschrijven voor de cursus", "sich vom Kurs abmelden"
#: comes first and is not caught, "se désinscrire de l'atelier"), or sick leave ("ziek afmelden").
NOT_MAILING: tuple[str, ...] = (
    r"\s+(?:voor|van|bij|for|from|of|für|von|vom|zur|zum|de|du|à|au|pour)\s+(?:(?:de|het|een|deze|dit|the|this|a|an|dem|der|die|den|das|le|la|les|l'|ce|cette|cet|ton|mon|ma|je|jouw|uw|your|my|meine[mn]?|unsere[mn]?|unser)\s+)?"
    r"(?:[\w-]+\s+)?(?:cursus|training|workshop|opleiding|les|lessen|evenement|event|activiteit|webinar|congres|wedstrijd|examen|tentamen|toets|vak|"
    r"course|class|classes|lesson|seminar|exam|conference|kurs|kurse|veranstaltung|prüfung|cours|formation|atelier|[ée]v[ée]nement|stage|sportles|"
    r"lidmaatschap|membership|mitgliedschaft|adhésion|rooster|dienst|shift|schicht)",
)

#: Link texts that name unsubscribing only as the whole text of a link ("Remove", "Austragen").
UNSUBSCRIBE_LINK_TEXT = re.compile(
    r"^\s*(?:remove(?:\s+me)?|removal|austragen|abbestellen|d[ée]sabonnement|stop)\s*[.!]?\s*$", re.I
)

#: Fragments of an href that mark it as an unsubscribe endpoint: common ESP and CMS paths, a path
#: segment ``remove``/``removal`` (``/remove.html``, ``/removal/remove.htm``), a list server's own
#: page (Mailman's ``/mailman/listinfo/``, where the reader unsubscribes), a ``mailto:`` to a removal
#: address (``mailto:remove@…``, ``leave-…@``, ``…-unsubscribe@``) or with subject "remove".
UNSUBSCRIBE_HREF: tuple[str, ...] = (
    r"unsub", r"unsubscribe", r"opt-?out", r"afmeld", r"uitschrijv", r"abmeld", r"desinscri", r"désinscri", r"d[eé]sabonn",
    r"abbestell", r"list-manage\.com/unsubscribe", r"/manage/preferences", r"preferences?[-_]?center",
    r"/remov(?:e|al|eme)(?:\.[a-z]{2,5})?(?=$|[?#/])", r"[?&](?:action|cmd|a)=(?:remove|optout)\b",
    r"/(?:mailman|lists)/(?:listinfo|options)/",
    r"^\s*mailto:(?:remove|leave-|signoff|stop-|afmelden|uitschrijven|abmelden)", r"^\s*mailto:[^?@]*-(?:leave|remove)@",
    r"^\s*mailto:[^?]*\?(?:[^#]*&)?subject=[\"'%22]*(?:remove|stop\b|afmelden|uitschrijven|abmelden|signoff)",
)  # fmt: skip

#: An e-mail address that is itself an opt-out route (a list server's leave address, a remove box):
#: ``leave-…@``, ``…-unsubscribe@``, ``remove@``, ``unsub-…@``. Wherever it stands in the text, it
#: is a manual way out (``unsubscribe-manual``), not a missing one.
OPTOUT_ADDRESS = re.compile(
    r"(?<![\w.+-])(?:(?:remove|unsub|optout|opt-out|signoff|stop-|leave-|afmelden|uitschrijven|abmelden|d[eé]sabonnement)[\w.+-]*"
    r"|[\w.+-]*-(?:unsubscribe|leave|remove|signoff))@[\w-]+(?:\.[\w-]+)+",
    re.I,
)


def union(table: dict[str, tuple[str, ...]], *, not_followed_by: tuple[str, ...] = (), fold_case: bool = True) -> re.Pattern[str]:
    """One case-insensitive pattern matching any entry of any language, on word boundaries;
    ``not_followed_by`` patterns exclude a match they follow (a negative lookahead).
    ``fold_case=False``: a case-sensitive pattern for lower-cased text."""
    entries = [p for patterns in table.values() for p in patterns]
    alternatives = "|".join(entries) if fold_case else _by_first_letter(entries)
    after = "".join(f"(?!{p})" for p in not_followed_by)
    # The first-character guard goes before the word-boundary lookbehind: both are zero-width
    # tests at the same position, and the guard's character set fails most positions faster
    # than the lookbehind's Unicode \w test (~20% off a scan of the text).
    return re.compile(
        rf"{first_char_guard(alternatives, fold_case=fold_case)}(?<!\w)(?:{alternatives})(?!\w){after}", re.I if fold_case else 0
    )


def _by_first_letter(entries: list[str]) -> str:
    r"""The alternatives grouped by a plain first letter (``a(?:fmelden|fmeld\w*)|b(?:…)|…``), the
    rest after them in their order: without ``re.I``, Python's ``re`` then tries one group per word
    instead of every alternative. Two alternatives with different first letters never match at the
    same place; one that starts otherwise may, so the result is checked against the flat alternation
    (tests/py/test_unsubscribe_wording.py)."""
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for entry in [piece for item in entries for piece in _expand_lead(item)]:
        first = entry[:1]
        if first.isalpha() and first.islower() and entry[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(first, []).append(entry[1:])
        else:
            rest.append(entry)
    return "|".join([*(f"{first}(?:{'|'.join(tails)})" for first, tails in groups.items()), *rest])


_LEAD_GROUP = re.compile(r"^\(\?:([^()\[\]]*)\)(.*)$", re.S)


def _expand_lead(entry: str) -> list[str]:
    r"""``(?:je|u)\s+af`` as ``je\s+af``, ``u\s+af`` (the same matches, tried in the same order)."""
    match = _LEAD_GROUP.match(entry)
    if match is None or match.group(2)[:1] in ("?", "*", "+", "{") or "\\|" in match.group(1):
        return [entry]
    return [choice + match.group(2) for choice in match.group(1).split("|")]


def first_char_guard(pattern: str, *, fold_case: bool = False) -> str:
    """A lookahead ``(?=[…])`` naming every character a match of ``pattern`` can start with, or ''
    when that cannot be read off the pattern. Python's ``re`` tries every alternative at every
    position; the guard lets it skip most positions at the cost of one character test (3-4x
    faster on the keyword and placeholder unions)."""
    chars = _first_chars(pattern)
    if not chars:
        return ""
    if fold_case:
        chars = {c for ch in chars for c in ((ch,) if ch in _CLASS_ESCAPES else (ch.lower(), ch.upper()))}
    return "(?=[" + "".join(re.escape(c) if c in "\\]^-[" else c for c in sorted(chars)) + "])"


#: A keyword pattern's head: its first-character guard, then the lookbehind (:func:`union`).
_GUARDED_HEAD = re.compile(r"\(\?=\[((?:\\.|[^\\\]])+)\]\)\(\?<!\\w\)")
_WORD_CHAR = re.compile(r"\w")


class WordScan:
    r"""A whole-word keyword pattern (``guard (?<!\w)(?:…)(?!\w)…``, :func:`union`) read faster
    over a long text, with the same matches as the pattern's own ``finditer`` and ``search``.

    ``re`` tries the pattern at every position of the text: the guard's character set fails most
    of them, but each try costs a call into the matcher (in Pyodide 1.8x what it costs in
    CPython: docs/design/issue-15.md, "Where the ratio comes from"). The same pattern behind one
    consumed non-word character, ``\W(guard(?:…)(?!\w)…)``, begins with a character set, so
    ``re`` skips to each non-word character in its own loop and tries only there; the match is
    group 1. That finds a match at ``p`` exactly where the lookbehind form does for any ``p``
    after ``pos`` (the character before ``p`` is a non-word one); one at ``pos`` itself is read
    with the pattern's own ``match``. After a match that ends at ``e`` the next try is at
    ``e + 1``, which skips no match: the ``(?!\w)`` says ``text[e]`` is no word character, and
    every character the guard lets a match start with is one. Patterns without such a guard, or
    with groups of their own, are read with the pattern itself. The same spans
    (``tests/py/test_word_scan.py``); a scan of the 100 KB newsletter's 35 KB of text 15-30%
    faster (CPython 1.12 -> 0.89 ms, Pyodide 2.03 -> 1.47 for the unsubscribe words), a check
    of it ~3% (interleaved, four rounds: Pyodide 35.3 -> 34.3 ms, CPython 21.6 -> 21.1).
    """

    __slots__ = ("_lead", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._lead = _lead_form(pattern)

    def spans(self, text: str, pos: int = 0) -> Iterator[tuple[int, int]]:
        """``m.span()`` for each ``m`` of ``pattern.finditer(text, pos)``, in their order."""
        lead = self._lead
        if lead is None:
            for m in self.pattern.finditer(text, pos):
                yield m.span()
            return
        first = self.pattern.match(text, pos)
        if first is not None:
            yield first.span()
            pos = first.end()
        for m in lead.finditer(text, pos):
            yield m.span(1)

    def search(self, text: str, pos: int = 0) -> tuple[int, int] | None:
        """The span of ``pattern.search(text, pos)``, or None."""
        lead = self._lead
        if lead is None:
            found = self.pattern.search(text, pos)
            return None if found is None else found.span()
        first = self.pattern.match(text, pos)
        if first is not None:
            return first.span()
        found = lead.search(text, pos)
        return None if found is None else found.span(1)


def _lead_form(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """:class:`WordScan`'s form of ``pattern``, or None when it has no guard of word characters
    right before its lookbehind, or has groups (group 1 is the lead form's)."""
    head = _GUARDED_HEAD.match(pattern.pattern)
    if head is None or pattern.groups:
        return None
    # Each item of the guard's set: a character (escaped ones are "\\]^-[", none a word
    # character) or a class escape (``\d``: decimal digits, all word characters).
    for item in re.findall(r"\\.|.", head.group(1), re.S):
        if item not in _CLASS_ESCAPES and (item[0] == "\\" or not _WORD_CHAR.match(item)):
            return None
    guard = head.group(0)[: -len(r"(?<!\w)")]
    return re.compile(r"\W(" + guard + pattern.pattern[head.end() :] + ")", pattern.flags)


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
#: Class escapes a guard names as they are: ``\d`` (a percentage, "20% korting"), any decimal digit.
_CLASS_ESCAPES = frozenset({r"\d"})


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
        elif alt[:2] in _CLASS_ESCAPES:
            first, rest = {alt[:2]}, alt[2:]  # kept as the class it is ("\d" in the guard's set)
        else:
            return None  # \s, \w, …
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
        # The first item may be absent (``(?:please )?confirm``): what follows may start the
        # match too, so its first characters count as well (unsure of those: no guard).
        after = rest[rest.find("}") + 1 :] if rest[:1] == "{" else rest[1:]
        if rest[:1] == "{" and "}" not in rest:
            return None
        if after[:1] in ("?", "+"):  # lazy or possessive
            after = after[1:]
        following = _first_of(after)
        return first | following if following else None
    return first


UNSUBSCRIBE_RE = union(UNSUBSCRIBE, not_followed_by=NOT_MAILING)
UNSUBSCRIBE_HREF_RE = re.compile("|".join(UNSUBSCRIBE_HREF), re.I)
#: The same two patterns without ``re.I``, for text already lower-cased (``str.lower``): Python's
#: ``re`` skips an alternative whose first literal does not match only when case matters, which
#: makes a scan of a whole draft 2-3x faster. The tables are written in lower case.
UNSUBSCRIBE_LOWER_RE = union(UNSUBSCRIBE, not_followed_by=NOT_MAILING, fold_case=False)
#: The two read over a whole text (:class:`WordScan`: the same spans, found faster).
UNSUBSCRIBE_SCAN = WordScan(UNSUBSCRIBE_RE)
UNSUBSCRIBE_LOWER_SCAN = WordScan(UNSUBSCRIBE_LOWER_RE)
UNSUBSCRIBE_HREF_LOWER_RE = re.compile("|".join(UNSUBSCRIBE_HREF))


#: Wording that makes opting out a manual step or puts a condition on it, by kind, NL/EN/DE/FR.
#: Tripolis rule 6: "Er mogen geen voorwaarden gesteld worden aan het uitschrijven en het mag geen
#: handmatig proces zijn"; REFERENCES.md: not "reply STOP", not "log in first", not "call us", no
#: questionnaire first; CASL: "works without login". A rule matches these only inside a sentence
#: that also names unsubscribing (:data:`UNSUBSCRIBE`), so "bel ons" in a contact block is not
#: read as an opt-out instruction. ``reply``/``email``/``phone`` are manual steps; ``login``,
#: ``questionnaire`` and ``cost`` ("administratiekosten € 2,50") are conditions.
MANUAL_UNSUBSCRIBE: dict[str, dict[str, tuple[str, ...]]] = {
    "reply": {
        "nl": (
            r"(?:beantwoord|antwoord\s+(?:dan\s+|gewoon\s+|even\s+|simpelweg\s+)?op)\s+(?:deze|dit|onze)\s+(?:e-?mail|mail|bericht|nieuwsbrief)",
            r"(?:antwoord|reageer|mail|sms|stuur)\s+(?:met|terug\s+met)\s+(?:het\s+woord\s+)?[\"'“‘]?(?:stop|afmelden|uitschrijven)",
            r"(?:reply|antwoord)\s+(?:met\s+)?[\"'“‘]?stop\b",
        ),
        "en": (
            r"reply(?:ing)?\s+(?:to\s+(?:this|our)\s+(?:e-?mail|message|newsletter)\s*)?(?:with\s+)?(?:the\s+word\s+)?[\"'“‘]?(?:stop|unsubscribe|remove)\b",
            r"(?:simply\s+|just\s+)?reply\s+to\s+(?:this|our)\s+(?:e-?mail|message|newsletter)",
            r"(?:text|sms)\s+[\"'“‘]?stop\b", r"(?:hit|press|click|use)\s+(?:the\s+|your\s+)?reply(?:\s+button)?", r"send\s+(?:us\s+)?a\s+reply",
        ),
        "de": (
            r"antworten\s+sie\s+(?:auf\s+diese\s+(?:e-?mail|nachricht)\s+)?mit\s+[\"'„“]?(?:stop|abmelden)",
            r"beantworten\s+sie\s+diese\s+(?:e-?mail|nachricht)", r"antworte\s+(?:einfach\s+)?(?:auf\s+diese\s+(?:e-?mail|nachricht)\s+)?mit",
        ),
        "fr": (
            r"r[ée]pond(?:ez|re)\s+(?:à\s+(?:ce|cet)\s+(?:message|courriel|e-?mail)\s+)?(?:avec\s+|par\s+)?(?:le\s+mot\s+)?[\"'«“]?\s*stop\b",
            r"r[ée]pond(?:ez|re|s)\s+à\s+(?:ce|cet)\s+(?:message|courriel|e-?mail)", r"r[ée]pond(?:ez|s)\s+avec",
        ),
    },
    "email": {
        "nl": (
            r"(?:stuur|zend|mail|stuurt|zendt)\s+(?:ons\s+|u\s+|je\s+)?(?:een\s+)?(?:lege\s+)?(?:e-?mail|mail(?:tje)?|bericht)\s+(?:naar|aan)",
            r"mail\s+(?:ons|naar)\b",
            r"(?:e-?mail|mail)\s+(?:ons|naar)\s+\S+@\S+",
            r"(?:met|als)\s+(?:als\s+)?onderwerp\s*[:\"'“‘]*\s*(?:afmelden|stop|uitschrijven)", r"in\s+de\s+onderwerpregel",
        ),
        "en": (
            r"(?:send|write|drop)\s+(?:us\s+)?(?:an?\s+)?(?:blank\s+|empty\s+)?(?:e-?mail|mail|message|note|line)\s+(?:to|at)",
            r"send\s+(?:a\s+)?(?:blank|empty)\s+(?:e-?mail|mail|message)", r"send\s+(?:all\s+)?(?:addresses|requests?)\s+to",
            r"e-?mail\s+us\s+(?:at|to|on)\b",
            r"(?:contact|write\s+to)\s+us\s+at\s+\S+@\S+",
            r"e-?mail(?:ing)?\s+(?:to\s+)?(?:mailto:)?[\w.+-]+@",
            r"[\"'“‘]?(?:remove|unsubscribe|stop)[\"'”’]?\s+(?:in|as)\s+the\s+subject", r"subject(?:\s+line)?\s*[=:]\s*[\"'“‘]?(?:remove|unsubscribe|stop)",
        ),
        "de": (
            r"(?:senden|schreiben|schicken)\s+sie\s+(?:uns\s+)?(?:eine\s+)?(?:leere\s+)?(?:e-?mail|nachricht|mail)\s+an",
            r"(?:schreib|sende|schick)e?\s+(?:uns\s+)?(?:eine\s+)?(?:leere\s+)?(?:e-?mail|mail|nachricht)\s+an",
            r"per\s+e-?mail\s+an\s+\S+@\S+", r"(?:mit\s+dem\s+)?betreff\s*[:\"'„“]*\s*(?:abmelden|stop|austragen|abbestellen)",
        ),
        "fr": (
            r"(?:envoy|[ée]criv)(?:ez|er)(?:-nous)?\s+(?:un\s+)?(?:e-?mail|courriel|message|mail)\s+(?:vide\s+)?à",
            r"[ée]crivez-nous\s+à", r"(?:avec|en)\s+(?:l'|pour\s+)?objet\s*[:«\"'“]*\s*(?:stop|d[ée]sabonnement|d[ée]sinscription)",
        ),
    },
    "phone": {
        "nl": (r"bel\s+(?:ons|met|naar)\b", r"(?:telefonisch|per\s+telefoon)\b", r"neem\s+telefonisch\s+contact", r"bel\s+(?:onze\s+|de\s+)?klantenservice"),
        "en": (r"(?:call|phone|ring)\s+(?:us|our\s+(?:customer\s+service|helpdesk|support|office))\b", r"by\s+(?:phone|telephone)\b",
               r"(?:call|phone)\s+(?:our\s+)?customer\s+(?:service|care|support)"),
        "de": (r"rufen\s+sie\s+(?:uns\s+)?(?:unter\s+\S+\s+)?an\b", r"telefonisch\b", r"(?:kundenservice|kundendienst|hotline)\s+an(?:rufen)?\b"),
        "fr": (r"appelez(?:-nous)?\b", r"par\s+t[ée]l[ée]phone\b", r"contactez\s+(?:notre\s+)?service\s+client"),
    },
    "login": {
        "nl": (
            r"log\s+(?:eerst\s+)?in\s+(?:op|bij|via|en)\b", r"(?:eerst\s+|na\s+het\s+)?inloggen\b", r"in\s+te\s+loggen\b",
            r"(?:mijn|je|uw)\s+(?:account|portaal|portal|profielomgeving|klantomgeving)\b", r"(?:je|uw)\s+profiel\s+(?:aanpassen|wijzigen|bewerken)",
        ),
        "en": (
            r"(?:log|sign)\s*(?:in|on)\s+(?:to|into|at|and)\b", r"log\s*into\b", r"(?:after\s+)?(?:logging|signing)\s+in\b",
            r"(?:log|sign)\s*(?:in|on)\s+first\b", r"(?:your|the)\s+(?:account|customer)\s+(?:portal|settings|area|page)\b",
            r"(?:edit|modify|change|update)\s+your\s+(?:user\s+)?(?:profile|account)\b", r"your\s+user\s+page\b",
        ),
        "de": (r"(?:loggen\s+sie\s+sich|melden\s+sie\s+sich|logge\s+dich|log\s+dich|melde\s+dich)\s+(?:zuerst\s+)?(?:in|bei|auf|im)\s+(?:\S+\s+){1,3}?(?:ein|an)\b", r"einloggen\b", r"kundenkonto\b",
               r"ihr\s+profil\s+(?:bearbeiten|ändern)"),
        "fr": (r"connectez-vous\b", r"connecte-toi\b", r"se\s+connecter\b", r"identifiez-vous\b", r"votre\s+espace\s+client\b", r"modifiez\s+votre\s+profil\b"),
    },
    "questionnaire": {
        "nl": (r"vragenlijst\w*", r"enqu[êe]te\w*", r"formulier\s+in\s+te\s+vullen", r"vul\s+(?:eerst\s+)?(?:het|ons|een)\s+formulier"),
        "en": (r"questionnaire", r"survey", r"fill\s+(?:in|out)\s+(?:a|the|our|this)\s+(?:short\s+)?form"),
        "de": (r"fragebogen\w*", r"umfrage\w*", r"formular\s+aus(?:füllen|zufüllen)"),
        "fr": (r"questionnaire", r"sondage", r"remplir\s+(?:un|le|ce)\s+formulaire"),
    },
    "cost": {
        "nl": (r"(?:administratie|afmeld|verwerkings|behandel|uitschrijf)kosten", r"(?:kost|kosten|bedraagt|betaal|betalen|rekenen\s+wij)\s+(?:[\w-]+\s+){0,3}?(?:€|eur\b|euro)\s*\d",
               r"€\s*\d+(?:[.,]\d+)?\s+(?:administratie|kosten)"),
        "en": (r"(?:administration|administrative|processing|handling|cancellation)\s+(?:fee|charge|cost)s?", r"(?:a|small)\s+fee\s+of",
               r"(?:fee|charge)\s+of\s+(?:€|\$|£|eur|usd)\s*\d"),
        "de": (r"(?:bearbeitungs|verwaltungs|abmelde)geb[üu]hr\w*", r"geb[üu]hr\s+von\s+(?:€|eur)\s*\d", r"kostenpflichtig"),
        "fr": (r"frais\s+(?:de\s+(?:dossier|traitement|gestion)|administratifs)",),
    },
}  # fmt: skip

#: Kinds of :data:`MANUAL_UNSUBSCRIBE` that are conditions (a problem even next to a working link).
MANUAL_CONDITIONS: frozenset[str] = frozenset({"login", "questionnaire", "cost"})

#: A questionnaire or login that comes after unsubscribing or is optional is no condition on it
#: (the guideline's own advice: ask for feedback only after unsubscribing, optionally).
NOT_REQUIRED = re.compile(
    r"(?<!\w)(?:optional(?:ly)?|vrijblijvend|optioneel|freiwillig|facultati(?:f|ve|vement)|after\s+(?:unsubscribing|you(?:'ve|\s+have)?\s+unsubscribed)"
    r"|na\s+het\s+(?:afmelden|uitschrijven)|nach\s+(?:der|ihrer|deiner)\s+abmeldung|apr[èe]s\s+(?:votre\s+|la\s+)?d[ée]sinscription)(?!\w)",
    re.I,
)

#: A condition said not to apply ("zonder in te loggen", "no fee", "ohne Anmeldung", "sans frais"):
#: looked for just before a condition's wording, in its own sentence ("Wil je geen e-mails? Log in
#: op …": the "geen" of the question does not negate the login).
NEGATION_BEFORE = re.compile(
    r"(?:^|\W)(?:geen|zonder|gratis|kosteloos|no|without|free|keine[mnrs]?|ohne|kostenlos|sans|aucuns?|pas\s+de|not)[^\w.!?]+(?:\w+[^\w.!?]+){0,2}$",
    re.I,
)

#: "Reply STOP" is an opt-out instruction by itself (the capital keyword is the convention of SMS
#: and email opt-outs), so it counts even when no other unsubscribe word is in the sentence.
REPLY_STOP_RE = re.compile(
    r"(?<!\w)(?=[aAbBrRsStT])(?i:reply|respond|text|sms|antwoord|beantwoord|reageer|stuur|antworten\s+sie|r[ée]pondez)\b(?:[^.\n]|\n(?![ \t]*\n)){0,40}?(?<!\w)[\"'“‘„«]?\s*STOP(?!\w)"
)

#: One pattern per kind, any language, case-insensitive, on word boundaries.
MANUAL_RE: dict[str, re.Pattern[str]] = {kind: union(table) for kind, table in MANUAL_UNSUBSCRIBE.items()}
