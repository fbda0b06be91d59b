"""The draft parsed once: a BeautifulSoup tree plus the indexes every rule reads.

Rules never parse. The engine builds one :class:`DraftDocument` per check; it walks the tree once
and keeps what rules ask for most (elements by tag, links, images, the visible text with a map back
to its text nodes), so that a full check costs little more than the bare ``html.parser`` parse
(issue 2's target: at most 1.5x). Selector paths and text offsets are computed only for findings.

A draft with only a plain-text part (Roundcube's plain editor, a text/plain ``.eml``) becomes a
document in *text mode*: no tree, the text is the text, links are the URLs found in it, and
locations are offsets into the ``text`` field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag
from bs4.element import CData, Declaration, ProcessingInstruction

from .model import Location

if TYPE_CHECKING:
    from .css import Stylesheet

#: Elements whose text a reader never sees.
INVISIBLE_TAGS: frozenset[str] = frozenset(
    {"script", "style", "head", "title", "template", "noscript", "meta", "link", "xml", "o:p"}
)
#: Elements that start a new line of text; keeps sentences of different cells apart.
BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
        "tfoot", "th", "thead", "tr", "ul", "option", "label", "button",
    }
)  # fmt: skip
_SKIPPED_STRINGS = (Comment, Doctype, CData, Declaration, ProcessingInstruction)
_URL_IN_TEXT = re.compile(r"""(?i)\b(?:https?://|www\.|mailto:)[^\s<>"'()]+""")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Link:
    """A link a reader can follow: an ``<a href>`` (or an ``<area>``), or a bare URL in text mode."""

    href: str
    #: The link's visible text (its ``alt`` text for an image link), whitespace folded.
    text: str
    element: Tag | None
    #: Offsets of the link's text (text mode: the URL) in :attr:`DraftDocument.text`.
    start: int
    end: int


class DraftDocument:
    """A parsed draft. Build it with :func:`parse_html` or :func:`parse_text`."""

    def __init__(self, soup: BeautifulSoup | None, raw: str, *, text_mode: bool = False) -> None:
        self.soup = soup
        self.raw = raw
        self.text_mode = text_mode
        #: Every element in document order.
        self.elements: list[Tag] = []
        self.by_tag: dict[str, list[Tag]] = {}
        #: Visible text of the draft, blocks separated by newlines.
        self.text = ""
        #: ``(start offset in text, text node)`` for every visible text node, in order.
        self.segments: list[tuple[int, NavigableString]] = []
        self.links: list[Link] = []
        if soup is not None:
            self._index(soup)
        else:
            self.text = raw
            self.links = [
                Link(m.group(0).rstrip(".,;:!?"), m.group(0), None, m.start(), m.end()) for m in _URL_IN_TEXT.finditer(raw)
            ]

    # -- building -----------------------------------------------------------------------------
    def _index(self, soup: BeautifulSoup) -> None:
        parts: list[str] = []
        length = 0
        hidden_until: Tag | None = None  # inside an invisible element: skip its text
        link_starts: list[tuple[Tag, int]] = []
        for node in soup.descendants:
            if isinstance(node, Tag):
                name = node.name
                self.elements.append(node)
                self.by_tag.setdefault(name, []).append(node)
                if hidden_until is not None and _is_inside(node, hidden_until):
                    continue
                hidden_until = None
                if name in INVISIBLE_TAGS:
                    hidden_until = node
                    continue
                if name in BLOCK_TAGS and parts and not parts[-1].endswith("\n"):
                    parts.append("\n")
                    length += 1
                if name in ("a", "area") and node.get("href") is not None:
                    link_starts.append((node, length))
                continue
            if isinstance(node, _SKIPPED_STRINGS):
                continue
            if hidden_until is not None and _is_inside(node, hidden_until):
                continue
            hidden_until = None
            self.segments.append((length, node))
            parts.append(node)
            length += len(node)
        self.text = "".join(parts)
        for element, start in link_starts:
            text = _fold(element.get_text())
            if not text:
                img = element.find("img")
                if isinstance(img, Tag):
                    text = _fold(str(img.get("alt") or ""))
            visible_len = len(_visible_text_of(element))
            self.links.append(Link(_attr(element, "href").strip(), text, element, start, start + visible_len))

    # -- reading ------------------------------------------------------------------------------
    def all(self, *names: str) -> list[Tag]:
        """Elements with any of these tag names, in document order."""
        if len(names) == 1:
            return self.by_tag.get(names[0], [])
        found = [el for name in names for el in self.by_tag.get(name, [])]
        order = {id(el): i for i, el in enumerate(self.elements)} if len(found) > 1 else {}
        return sorted(found, key=lambda el: order.get(id(el), 0))

    @cached_property
    def text_lower(self) -> str:
        return self.text.lower()

    @cached_property
    def stylesheet(self) -> Stylesheet:
        """The draft's own ``<style>`` rules (outside ``@media``), parsed on first use."""
        from .css import Stylesheet

        return Stylesheet.from_elements(self.by_tag.get("style", []))

    def size_bytes(self) -> int:
        return len(self.raw.encode("utf-8", "surrogatepass"))

    # -- locating -----------------------------------------------------------------------------
    def selector_of(self, element: Tag) -> str:
        """A selector path from the draft root that matches exactly ``element``.

        Every step is ``tag:nth-of-type(n)``; resolve it as ``:scope > <path>`` from the root.
        """
        steps: list[str] = []
        node: Tag | None = element
        while node is not None and not isinstance(node, BeautifulSoup):
            parent = node.parent
            name = node.name
            index = 1
            if parent is not None:
                for sibling in node.previous_siblings:
                    if isinstance(sibling, Tag) and sibling.name == name:
                        index += 1
            steps.append(f"{_css_ident(name)}:nth-of-type({index})")
            node = parent
        return " > ".join(reversed(steps))

    def location_of(self, element: Tag | None = None) -> Location | None:
        if element is None or self.text_mode:
            return None
        return Location(selector=self.selector_of(element))

    def locate_span(self, start: int, end: int) -> Location:
        """The location of ``text[start:end]``: the smallest element holding it, with offsets
        into that element's ``textContent`` (text mode: offsets into the ``text`` field)."""
        if self.text_mode or not self.segments:
            return Location(field="text" if self.text_mode else None, start=start, end=end)
        first = self._segment_at(start)
        last = self._segment_at(max(start, end - 1))
        seg_start, node = self.segments[first]
        _, end_node = self.segments[last]
        element = node.parent
        while isinstance(element, Tag) and not isinstance(element, BeautifulSoup) and end_node not in _strings_set(element):
            element = element.parent
        if not isinstance(element, Tag) or isinstance(element, BeautifulSoup):
            return Location(start=start, end=end)
        offset = 0
        for string in element.descendants:
            if string is node:
                break
            if isinstance(string, NavigableString) and not isinstance(string, _SKIPPED_STRINGS):
                offset += len(string)
        local_start = offset + (start - seg_start)
        return Location(selector=self.selector_of(element), start=local_start, end=local_start + (end - start))

    def element_at(self, offset: int) -> Tag | None:
        """The element whose text node holds ``text[offset]``."""
        if self.text_mode or not self.segments:
            return None
        parent = self.segments[self._segment_at(offset)][1].parent
        return parent if isinstance(parent, Tag) and not isinstance(parent, BeautifulSoup) else None

    def _segment_at(self, offset: int) -> int:
        lo, hi = 0, len(self.segments) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.segments[mid][0] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def snippet(self, element: Tag | None = None, start: int | None = None, end: int | None = None) -> str:
        """Short evidence: an element's opening tag and text, or the text around a span."""
        if element is not None:
            attrs = "".join(f' {k}="{_attr(element, k)}"' for k in list(element.attrs)[:4])
            inner = _fold(element.get_text())
            return _clip(f"<{element.name}{attrs}>{inner}", 160)
        if start is not None and end is not None:
            left = max(0, start - 40)
            right = min(len(self.text), end + 40)
            return _clip(_fold(self.text[left:right]), 160)
        return ""


def parse_html(html: str) -> DraftDocument:
    """Parse ``html`` with the standard library's parser (the same in CPython and Pyodide)."""
    html = _CONTROL.sub("", html.replace("\r\n", "\n"))
    soup = BeautifulSoup(html, "html.parser")
    return DraftDocument(soup, html)


def parse_text(text: str) -> DraftDocument:
    """A document in text mode for a plain-text draft."""
    return DraftDocument(None, _CONTROL.sub("", text.replace("\r\n", "\n")), text_mode=True)


# -- helpers ---------------------------------------------------------------------------------
def _is_inside(node: Tag | NavigableString, ancestor: Tag) -> bool:
    parent = node.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False


def _strings_set(element: Tag) -> list[NavigableString]:
    return [s for s in element.descendants if isinstance(s, NavigableString)]


def _visible_text_of(element: Tag) -> str:
    return "".join(s for s in element.descendants if isinstance(s, NavigableString) and not isinstance(s, _SKIPPED_STRINGS))


def _attr(element: Tag, name: str) -> str:
    value = element.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


def attr(element: Tag, name: str) -> str:
    """An attribute as one string ('' when absent; class lists joined by spaces)."""
    return _attr(element, name)


def fold(text: str) -> str:
    """Whitespace folded to single spaces, trimmed."""
    return _fold(text)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_IDENT_SAFE = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")


def _css_ident(name: str) -> str:
    """Escape a tag name for a CSS selector (``o:p`` -> ``o\\:p``)."""
    if _IDENT_SAFE.match(name):
        return name
    return "".join(ch if ch.isalnum() or ch in "-_" else "\\" + ch for ch in name)
