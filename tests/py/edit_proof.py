"""The proof that an edit in the kept parse builds the tree of a new parse (py_core.text_edit): chains
of edits as a writer makes them, and the tree and document written out with every link between
nodes as positions, to compare with a new parse's.

Used by tests/py/test_text_edit.py (CPython) and, written into Pyodide's file system, by
tests/js/parity.test.mjs (Python 3.14's html.parser reads some markup otherwise than 3.11's).
Imports nothing of the test suite, so Pyodide can import it on its own.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from bs4 import BeautifulSoup, Tag

from py_core.document import DraftDocument, LastParse, parse_html

#: Characters a writer types: mostly letters and spaces, some that are markup.
TYPED = "abcdefghijklmnopqrstuvwxyz      ABCéëü0123456789.,;:!?-=/#*()[]€'\"<>&\n\t"
WORDS = [
    "nieuws", " en ", "Afmelden", "uitschrijven", "www.example.nl", "foto's", "a -- b", "x;y", "  ",
    "&nbsp;", " &nbsp;", "&nbsp;&nbsp;", "&nbsp", "&amp;", "&#160;", "&nbsp;x", "&copy",
]  # fmt: skip


def edits(html: str, rng: random.Random, count: int) -> Iterator[str]:
    """``count`` drafts, each one edit away from the one before."""
    for _ in range(count):
        if not html:
            html = "x"
        choice = rng.random()
        if choice < 0.8:  # at a letter: mostly in text (after a ">"), else anywhere (names, attributes)
            letters = [i for i in (rng.randrange(len(html)) for _ in range(40)) if html[i].isalpha()]
            if choice < 0.5:
                letters = [i for i in letters if html.rfind(">", 0, i) > html.rfind("<", 0, i)] or letters
            at = letters[0] if letters else rng.randrange(len(html))
        else:
            at = rng.randrange(len(html) + 1)
        kind = rng.random()
        if kind < 0.45:
            html = html[:at] + rng.choice(TYPED) + html[at:]
        elif kind < 0.7:
            html = html[:at] + html[at + 1 :]
        elif kind < 0.9:
            html = html[:at] + rng.choice(TYPED) + html[at + 1 :]
        else:
            html = html[:at] + rng.choice(WORDS) + html[at:]
        yield html


def tree(soup: BeautifulSoup) -> list[tuple]:
    """Every node of ``soup`` with every link between nodes written as positions."""
    order = [soup, *soup.descendants]
    index = {id(node): i for i, node in enumerate(order)}

    def at(node: object) -> int | str | None:
        return None if node is None else index.get(id(node), "outside the tree")

    rows: list[tuple] = []
    for node in order:
        links = (
            type(node).__name__,
            at(node.parent),
            at(node.previous_element),
            at(node.next_element),
            at(node.previous_sibling),
            at(node.next_sibling),
            tuple(sorted(vars(node))),
        )
        if isinstance(node, Tag):
            attrs = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in node.attrs.items())
            rows.append((*links, node.name, attrs, node.sourceline, node.sourcepos, tuple(at(c) for c in node.contents)))
        else:
            rows.append((*links, str(node)))
    made = vars(soup).get("nodes")
    rows.append(("nodes", None if made is None else tuple(at(node) for node in made)))
    rows.append(("text starts", tuple(sorted(vars(soup).get("text_starts", {}).items()))))
    return rows


def document(doc: DraftDocument) -> dict[str, Any]:
    """What rules read of a document, with nodes as their positions in the tree."""
    assert doc.soup is not None
    order = [doc.soup, *doc.soup.descendants]
    index = {id(node): i for i, node in enumerate(order)}
    return {
        "raw": doc.raw,
        "text": doc.text,
        "segments": [(start, index[id(node)]) for start, node in doc.segments],
        "links": [(link.href, link.text, link.start, link.end, index[id(link.element)]) for link in doc.links],
        "elements": [index[id(element)] for element in doc.elements],
        "by_tag": {name: [index[id(e)] for e in elements] for name, elements in doc.by_tag.items()},
        "tree": tree(doc.soup),
    }


def prove(drafts: list[str], seed: int = 15, count: int = 10) -> tuple[int, int]:
    """A chain of ``count`` edits of each draft: how many were edited in place, and how many of
    those gave another document than a new parse."""
    rng = random.Random(seed)
    edited = differ = 0
    for html in drafts:
        last = LastParse()
        last.parse(html)
        for new in edits(html, rng, count):
            before = last.edits
            doc = last.parse(new)
            if last.edits > before:
                edited += 1
                differ += document(doc) != document(parse_html(new))
    return edited, differ
