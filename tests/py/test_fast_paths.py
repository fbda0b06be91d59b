"""The engine's fast paths give the answers of the plain code they replace.

``document._is_dirty`` stands for ``document._DIRTY.search`` (does the draft hold anything
``_clean`` must change?) and ``placeholders.find_in_tokens`` scans placeholder tokens joined by
NUL instead of one by one. Both were measured faster on the corpus (bench/core.py); these tests
keep them equal to the slow forms: every code point for the first, random and real token lists for
every dialect's unsubscribe pattern for the second. ``phrases._BLANKS`` folds only the runs of
blanks that are not one plain space (``has_reason``): the same text as folding every run.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from py_core.document import _DIRTY, _is_dirty, parse_html
from py_core.tables import placeholders
from py_core.tables.phrases import _BLANKS

from .helpers import CORPUS

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_is_dirty_agrees_with_the_regex_on_every_code_point() -> None:
    for code in range(0x110000):
        char = chr(code)
        assert _is_dirty(char) == bool(_DIRTY.search(char)), hex(code)


@PROPERTY
@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=60))
def test_is_dirty_agrees_with_the_regex_on_text(text: str) -> None:
    assert _is_dirty(text) == bool(_DIRTY.search(text))


def slow(pattern, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The per-token scan the joined scan replaces."""
    return [(start + m.start(), m.group(0)) for start, text in found for m in pattern.finditer(text)]


PATTERNS = [(name, placeholders.unsubscribe_pattern(name)) for name in placeholders.DIALECTS]
PATTERNS = [(name, p) for name, p in PATTERNS if p is not None]
# Fragments of the dialects' own syntax, so random tokens come close to (and sometimes are) matches.
PIECES = [
    "*|",
    "|*",
    "UNSUB",
    "{{",
    "}}",
    " unsubscribe ",
    "[",
    "]",
    "UNSUBSCRIBE",
    "{%",
    "%}",
    "<%",
    "%>",
    "asm_group_unsubscribe_raw_url",
    "[[",
    "]]",
    "UNSUB_LINK_EN",
    "{$",
    "unsubscribe",
    "}",
    "{",
    "%UNSUBSCRIBELINK%",
    "<unsubscribe>",
    "</unsubscribe>",
    "::",
    "unsubscribeUrl",
    "_url",
    "x",
    " ",
]
TOKEN = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, 5000), TOKEN), min_size=0, max_size=8))
def test_find_in_tokens_agrees_with_the_per_token_scan(found: list[tuple[int, str]]) -> None:
    joined = placeholders.join_tokens(found)
    for name, pattern in PATTERNS:
        assert placeholders.find_in_tokens(pattern, found, joined) == slow(pattern, found), name
        assert placeholders.find_in_tokens(pattern, found) == slow(pattern, found), name


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not next to this checkout")
def test_find_in_tokens_agrees_on_the_corpus() -> None:
    paths = sorted(CORPUS.glob("*.html"))
    assert paths, f"no templates in {CORPUS}"
    for path in paths:
        found = placeholders.tokens(path.read_text(encoding="utf-8", errors="replace"))
        for name, pattern in PATTERNS:
            assert placeholders.find_in_tokens(pattern, found) == slow(pattern, found), (path.name, name)


#: Every blank ``has_reason`` may meet: the whitespace code points (``\s``), line breaks, letters.
_BLANK_TEXT = st.text(
    alphabet=st.sampled_from(
        [" ", "\n", "\t", "\r", "\x0b", "\x0c", "\x85", "\xa0", "\u2002", "\u2028", "\u3000", "a", "B", "é", "."]
    ),
    max_size=40,
)


def every_run(text: str) -> str:
    """The fold ``phrases._BLANKS`` replaces: every run of blanks other than line breaks to one space."""
    return re.sub(r"[^\S\n]+", " ", text)


@PROPERTY
@given(_BLANK_TEXT)
def test_blanks_fold_like_every_run(text: str) -> None:
    """``phrases._BLANKS`` skips a lone plain space; folding what it matches to one space is
    folding every run of blanks to one space."""
    assert _BLANKS.sub(" ", text) == every_run(text)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not next to this checkout")
def test_blanks_fold_like_every_run_on_the_corpus() -> None:
    paths = sorted(CORPUS.glob("*.html"))
    assert paths, f"no templates in {CORPUS}"
    for path in paths:
        prose = parse_html(path.read_text(encoding="utf-8", errors="replace")).prose.lower()
        assert _BLANKS.sub(" ", prose) == every_run(prose), path.name
