"""``keywords.WordScan`` gives the spans of its pattern's own ``finditer`` and ``search``, and a
first-character guard (``keywords.first_char_guard``) only filters: the pattern without it finds
the same spans.

The rules read the keyword unions over a whole text through a :class:`WordScan` (issue 15: the
lookbehind form is tried at every position; the scan's form, behind one consumed non-word
character, lets ``re`` skip to the places a word can start). Checked for every scan the engine
uses and for every union of the tables it accepts, on every real template and message of the
shared corpus, on the fixture drafts, and on random text built from the tables' own words with
the characters that decide a word boundary (and digits of other scripts, which ``\\d`` in a
guard stands for), from random start positions.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from py_core.rules import _objection, objection_notice_missing
from py_core.tables import keywords, phrases
from py_core.tables.keywords import _GUARDED_HEAD, WordScan, _lead_form, first_char_guard

from .helpers import visible_texts

#: The scans the rules read whole texts with: each must take the fast form (else this file would
#: only test the fallback).
ENGINE_SCANS = {
    "UNSUBSCRIBE_SCAN": keywords.UNSUBSCRIBE_SCAN,
    "UNSUBSCRIBE_LOWER_SCAN": keywords.UNSUBSCRIBE_LOWER_SCAN,
    "phrases._REASON_SCAN": phrases._REASON_SCAN,
    "_objection._QUALIFIER_SCAN": _objection._QUALIFIER_SCAN,
    "_objection._EXPLICIT_SCAN": _objection._EXPLICIT_SCAN,
    "objection_notice_missing._LIST_WORDS_SCAN": objection_notice_missing._LIST_WORDS_SCAN,
    "PROMOTIONAL_SCAN": phrases.PROMOTIONAL_SCAN,
    "PROMOTIONAL_LOWER_SCAN": phrases.PROMOTIONAL_LOWER_SCAN,
}
#: Every other union of the tables, as a scan (fast form or not: the spans must agree either way).
OTHER_SCANS = {
    name: WordScan(value)
    for module in (keywords, phrases)
    for name, value in vars(module).items()
    if isinstance(value, re.Pattern) and value.pattern.startswith(("(?=[", "(?<!\\w)"))
}
SCANS = {**ENGINE_SCANS, **{f"{name} (table)": scan for name, scan in OTHER_SCANS.items()}}

WORDS = [
    "afmelden", "Afmelden", "uitschrijven", "je", "af", "te", "melden", "nieuwsbrief", "nieuwsbrieven", "ontvang",
    "omdat", "je", "klant", "bent", "aangemeld", "op", "elk", "moment", "altijd", "kosteloos", "recht", "van",
    "bezwaar", "unsubscribe", "you", "are", "receiving", "this", "because", "subscribed", "at", "any", "time",
    "right", "to", "object", "mailing", "list", "newsletter", "jederzeit", "abmelden", "Widerspruchsrecht",
    "Verteiler", "désabonner", "désinscrire", "à", "tout", "moment", "droit", "d'opposition", "d’opposition",
    "inscrite", "abonnée", "e-mail", "E-Mails", "x@y.nl", "/afmelden", "afmelden_nu", "2afmelden", "afmeldenx",
    "ß", "İstanbul", "é", "_", "-", "'", "’", "?", ".", ",", ":", "(", ")", "\n", "\n\n", " ", "\t", "1",
    "korting", "20%", "٣٠%", "１０%", "%", "off", "gratis", "koop", "shop", "sale",
]  # fmt: skip


def finditer_spans(pattern: re.Pattern[str], text: str, pos: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos)]


def unguarded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without its first-character guard (None when it has none)."""
    head = _GUARDED_HEAD.match(pattern.pattern)
    return None if head is None else re.compile(pattern.pattern[head.end() - len(r"(?<!\w)") :], pattern.flags)


UNGUARDED = {name: unguarded(scan.pattern) for name, scan in SCANS.items()}


def agree(text: str, pos: int = 0) -> None:
    for name, scan in SCANS.items():
        expected = finditer_spans(scan.pattern, text, pos)
        assert list(scan.spans(text, pos)) == expected, (name, pos)
        found = scan.pattern.search(text, pos)
        assert scan.search(text, pos) == (found.span() if found else None), (name, pos)
        plain = UNGUARDED[name]
        if plain is not None:
            assert finditer_spans(plain, text, pos) == expected, (name, "guard", pos)


def test_the_engine_scans_take_the_fast_form() -> None:
    for name, scan in ENGINE_SCANS.items():
        assert scan._lead is not None, name
    assert len(OTHER_SCANS) >= 10
    # The promotional words hold r"\d+%": their guard names \d (so they take the fast form).
    assert r"\d" in phrases.PROMOTIONAL_LOWER_RE.pattern.split("(?<!")[0]


def test_refused_patterns_are_read_as_they_are() -> None:
    # A guard that lets a match start with a non-word character: the next match may start right
    # where the last one ended, on the character the scan's form would consume.
    guard = first_char_guard("x-|-y")
    assert guard == r"(?=[\-x])"
    dashes = re.compile(rf"{guard}(?<!\w)(?:x-|-y)(?!\w)")
    assert _lead_form(dashes) is None
    text = "x--y"
    assert finditer_spans(dashes, text) == [(0, 2), (2, 4)]
    scan = WordScan(dashes)
    assert list(scan.spans(text)) == [(0, 2), (2, 4)]
    assert scan.search(text, 1) == (2, 4)
    # What the scan's form would have found: the second match is lost.
    naive = re.compile(rf"\W({guard}(?:x-|-y)(?!\w))")
    assert [m.span(1) for m in naive.finditer(text, 2)] == []
    assert _lead_form(re.compile(r"(?=[ab])(?<!\w)(a|b)(?!\w)")) is None  # a group of its own
    assert _lead_form(re.compile(r"(?<!\w)(?:a|b)(?!\w)")) is None  # no guard


@pytest.mark.parametrize(
    ("text", "pos"),
    [
        ("afmelden", 0),  # a match at the start of the text (no character before it)
        ("afmelden afmelden", 0),
        ("xafmelden afmelden", 1),  # at pos itself, after a word character: no match there
        ("x afmelden", 2),  # at pos, after a non-word character before pos
        ("afmelden,afmelden", 9),
        ("afmelden?afmelden", 0),  # the next match right after the non-word character that ends one
        ("", 0),
        ("afmelden", 8),
    ],
)
def test_edges(text: str, pos: int) -> None:
    agree(text, pos)
    agree(text.lower(), pos)


def test_scans_agree_on_corpus_and_fixtures() -> None:
    texts = visible_texts()
    assert len(texts) > 300, "the shared corpus and the fixtures give the texts compared here"
    for text in texts:
        agree(text)
        agree(text.lower())
        agree(text.lower(), len(text) // 2)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.randoms(), st.integers(min_value=0, max_value=400))
def test_scans_agree_on_random_wording(words: list[str], rnd, pos: int) -> None:
    text = "".join(w + rnd.choice(["", " ", " ", "\n", ",", "-"]) for w in words)
    text = "".join(c.upper() if rnd.random() < 0.2 else c for c in text)
    agree(text, min(pos, len(text)))
    agree(text.lower(), min(pos, len(text)))
