"""The opt-out wording tables (``tables/keywords.py``): the lower-case fast path gives the
answers of the case-insensitive patterns, and the wider wording of issue 9 stays precise.

``UNSUBSCRIBE_LOWER_RE`` on ``text.lower()`` stands for ``UNSUBSCRIBE_RE`` on the text (the
case-insensitive scan of a whole draft was 2-3x slower); the same for the href patterns. Checked
on every real template and message of the shared corpus, on the fixture drafts and on random text
built from the tables' own words, in mixed case.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from py_core.tables.keywords import (
    UNSUBSCRIBE_HREF_LOWER_RE,
    UNSUBSCRIBE_HREF_RE,
    UNSUBSCRIBE_LOWER_RE,
    UNSUBSCRIBE_RE,
)

from .helpers import visible_texts

WORDS = [
    "Unsubscribe", "to", "be", "REMOVED", "from", "our", "mailing", "list", "Afmelden", "je", "af", "te", "melden",
    "uitschrijven", "voor", "de", "cursus", "sich", "aus", "dem", "Verteiler", "austragen", "keine", "E-Mails", "mehr",
    "ne", "souhaitez", "plus", "recevoir", "désabonner", "do", "not", "wish", "receive", "these", "emails", "İstanbul",
    "x@y.nl", "leave-list@x.nl", "remove", "me", "stain", "E-mailvoorkeuren", "ß", "Opt-Out", "\n", ",", ".",
]  # fmt: skip


def spans(pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def agree(text: str) -> None:
    lower = text.lower()
    if len(lower) == len(text):  # the engine falls back to the slow pattern otherwise
        assert spans(UNSUBSCRIBE_LOWER_RE, lower) == spans(UNSUBSCRIBE_RE, text)


def test_lower_case_scan_agrees_on_corpus_and_fixtures() -> None:
    texts = visible_texts()
    assert len(texts) > 300
    for text in texts:
        agree(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.randoms())
def test_lower_case_scan_agrees_on_random_wording(words: list[str], rnd) -> None:
    text = " ".join(w.upper() if rnd.random() < 0.3 else w for w in words)
    agree(text)


@pytest.mark.parametrize(
    "href",
    [
        "http://x.nl/REMOVE.html", "http://x.nl/remover", "MAILTO:Remove@x.nl", "mailto:a@x.nl?Subject=REMOVE",
        "https://lists.x.org/Mailman/ListInfo/fork", "https://x.nl/products/stain-remover", "https://x.nl/Afmelden?id=1",
    ],
)  # fmt: skip
def test_lower_case_href_scan_agrees(href: str) -> None:
    assert bool(UNSUBSCRIBE_HREF_LOWER_RE.search(href.lower())) == bool(UNSUBSCRIBE_HREF_RE.search(href))


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("To be removed from our mailing list, click here", True),
        ("Remove the stain with our new cleaner", False),
        ("Old paint needs to be removed first by hand", False),
        ("Uitschrijven voor de cursus kan tot 1 mei", False),
        ("Wil je geen e-mails meer ontvangen?", True),
        ("Wir werden im Mai einen Wettbewerb austragen", False),
        ("Hier können Sie sich aus dem Verteiler austragen", True),
        ("Si vous ne souhaitez plus recevoir nos e-mails", True),
        ("If you do not want to receive a paper invoice", False),
        ("If you do not want to receive these emails", True),
        ("Update your cookie preferences", False),
        ("Go to the Applications screen and tap on Preferences", False),
        ("Klik hier om je voorkeuren aan te passen", True),
    ],
)
def test_wording_precision(text: str, found: bool) -> None:
    assert (UNSUBSCRIBE_RE.search(text) is not None) == found
