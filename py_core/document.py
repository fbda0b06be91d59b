"""The draft parsed once: a BeautifulSoup tree plus the indexes every rule reads.

Rules never parse. The engine builds one :class:`DraftDocument` per check; it walks the tree once
and keeps what rules ask for most (elements by tag, links, images, the visible text with a map back
to its text nodes), so that a full check costs little more than the bare ``html.parser`` parse
(issue 2's target: at most 1.5x). Selector paths and text offsets are computed only for findings.

A draft with only a plain-text part (Roundcube's plain editor, a text/plain ``.eml``) becomes a
document in *text mode*: no tree, the text is the text, links are the URLs found in it, and
locations are offsets into the ``text`` field.

One file over ~400 lines on purpose: the index is built in one walk and read back by the
locating methods (selectors, text offsets) from the same private tables; the parser is already
apart (:mod:`py_core.soup`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag
from bs4.element import CData, Declaration, ProcessingInstruction

from .model import Location
from .soup import build_soup

if TYPE_CHECKING:
    from .css import Stylesheet

#: Elements whose text a reader never sees. An ``<iframe>`` shows the page of its ``src``, never
#: its children (HTML5 parsers read them as raw text). Word's ``<o:p>`` is not here: browsers show
#: what it holds, and an unclosed ``<o:p>`` in a real newsletter hid everything after it.
INVISIBLE_TAGS: frozenset[str] = frozenset(
    {"script", "style", "head", "title", "template", "noscript", "meta", "link", "xml", "iframe"}
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
#: Findings deeper than this are located at their ancestor at this depth. Real email templates
#: nest 10 to 40 levels; only hostile drafts go deeper, where a full path would be megabytes.
MAX_SELECTOR_DEPTH = 256
_URL_IN_TEXT = re.compile(r"""(?i)\b(?:https?://|www\.|mailto:)[^\s<>"'()]+""")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: Lone surrogates (bytes decoded with ``surrogateescape``, JSON ``"\udc80"``) cannot be encoded
#: and make BeautifulSoup raise; they become U+FFFD like any undecodable byte.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Anything :func:`_clean` changes; most drafts have none, and one scan is cheaper than three.
_DIRTY = re.compile(r"[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f\ud800-\udfff]")
#: The ASCII part of :data:`_DIRTY` as bytes (in UTF-8 these bytes only ever stand for themselves).
_DIRTY_BYTES = bytes(range(0x00, 0x09)) + b"\x0b\x0c\x0d" + bytes(range(0x0E, 0x20)) + b"\x7f"


def _is_dirty(text: str) -> bool:
    """``_DIRTY.search(text)`` in C at memory speed (~5x faster on the corpus; the same answer
    for every code point): strict UTF-8 refuses exactly the lone surrogates, and deleting the
    control bytes shortens the encoding exactly when one is there."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return len(data.translate(None, _DIRTY_BYTES)) != len(data)


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
        #: id(element) -> (depth, the element's anchor: itself, or its ancestor at MAX_SELECTOR_DEPTH).
        self._anchors: dict[int, tuple[int, Tag | None]] = {}
        #: id(parent) -> {id(child): nth-of-type} for parents with many children.
        self._nth: dict[int, dict[int, int]] = {}
        #: id(element) -> its step in :meth:`selector_of` (``td:nth-of-type(2)``), once computed.
        self._steps: dict[int, str] = {}
        if soup is not None:
            self._index(soup)
        else:
            self.text = raw
            self.links = [
                Link(m.group(0).rstrip(".,;:!?"), m.group(0), None, m.start(), m.end()) for m in _URL_IN_TEXT.finditer(raw)
            ]

    # -- building -----------------------------------------------------------------------------
    def _index(self, soup: BeautifulSoup) -> None:
        # One pass over ``descendants`` (linked by next_element, no recursion). A stack of open
        # elements gives "leaving an element" events, so hidden subtrees and link texts cost O(n)
        # even in hostile drafts (100,000 nested ``<a>`` or ``<noscript><div>…``), where asking
        # each element for its own text or ancestors would be quadratic.
        parts: list[str] = []
        length = 0
        open_tags: list[Tag] = []
        hidden: Tag | None = None  # the outermost invisible element we are inside
        #: Open links: [element, start, first img inside, order]; finished ones go to ``spans``.
        open_links: list[list] = []
        spans: list[tuple[Tag, int, int, Tag | None, int]] = []
        elements = self.elements
        by_tag = self.by_tag
        segments = self.segments
        # The parser's list of the nodes it made, in document order (py_core.soup), when it has
        # one: the same nodes as ``descendants`` without a generator step per node.
        made = vars(soup).get("nodes")
        for node in soup.descendants if made is None else made:
            parent = node.parent
            while open_tags and open_tags[-1] is not parent:
                closed = open_tags.pop()
                if closed is hidden:
                    hidden = None
                if open_links and open_links[-1][0] is closed:
                    _close_link(open_links, spans, length)
            if isinstance(node, Tag):
                name = node.name
                elements.append(node)
                bucket = by_tag.get(name)
                if bucket is None:
                    by_tag[name] = [node]
                else:
                    bucket.append(node)
                open_tags.append(node)
                if name == "img" and open_links and open_links[-1][2] is None:
                    open_links[-1][2] = node
                if hidden is not None:
                    continue
                if name in INVISIBLE_TAGS:
                    hidden = node
                    continue
                if name in BLOCK_TAGS and parts and not parts[-1].endswith("\n"):
                    parts.append("\n")
                    length += 1
                if (name == "a" or name == "area") and node.get("href") is not None:
                    open_links.append([node, length, None, len(spans) + len(open_links)])
                continue
            if hidden is not None or isinstance(node, _SKIPPED_STRINGS):
                continue
            segments.append((length, node))
            parts.append(node)
            length += len(node)
        while open_links:
            _close_link(open_links, spans, length)
        self.text = text = "".join(parts)
        spans.sort(key=lambda item: item[4])  # document order of the opening tags
        for element, start, end, img, _order in spans:
            label = _fold(text[start:end])
            if not label and img is not None:
                label = _fold(_attr(img, "alt"))
            self.links.append(Link(_attr(element, "href").strip(), label, element, start, end))

    def release(self) -> int:
        """Break the tree's reference cycles (parent and child, next and previous element), so
        that reference counting frees it now; the document is unusable afterwards. Returns how
        many nodes were let go. Only for a document nobody reads any more (:class:`LastParse`).
        For a 100 KB draft ~0.3 ms in CPython, ~2.8 ms in Pyodide (mostly the deallocation)."""
        soup = self.soup
        nodes: list = []
        if soup is not None:
            made = vars(soup).get("nodes")
            nodes = list(soup.descendants) if made is None else made
            for node in nodes:
                vars(node).clear()
            vars(soup).clear()
        vars(self).clear()
        return len(nodes)

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
    def prose(self) -> str:
        """:attr:`text` with its soft line breaks read as spaces: the same length and offsets
        (every changed character is one ``\n`` that became one space), so a match in ``prose`` is
        located like a match in ``text``.

        A line break is soft where the reader sees one paragraph: in HTML, a newline inside a text
        node (source wrapping; not in ``<pre>``/``<textarea>``); in either mode, a break after a
        line that does not end a sentence when the next line goes on in lower case, or the line
        ends in a comma or a hyphen; in plain text also a break after a long line
        (plain-text mail is hard-wrapped at 60-76 characters; issue 9 class 4) or after a line
        that ends in a space (``format=flowed``, RFC 3676). A break before a list marker, a quote
        (``>``) or an empty line stays. Rules that read sentences (a reason of receipt written
        over three lines of a plain-text mail) match on this."""
        text = self.text
        if "\n" not in text:
            return text
        chars: list[str] | None = None
        kept: list[tuple[int, int]] = []  # text offsets of preformatted text: its breaks are hard
        if not self.text_mode:
            keep: set[int] = set()
            for name in ("pre", "textarea", "plaintext", "listing"):
                for element in self.by_tag.get(name, ()):
                    keep.update(id(s) for s in element.strings)
            pieces: list[str] = []
            last = 0
            for start, node in self.segments:
                if id(node) in keep:
                    kept.append((start - 1, start + len(node) + 1))  # and the breaks around it
                elif "\n" in node:
                    body = node.rstrip()
                    if "\n" in body and body.strip():
                        pieces.append(text[last:start])
                        pieces.append(body.replace("\n", " ") + node[len(body) :])
                        last = start + len(node)
            if pieces:
                pieces.append(text[last:])
                text = "".join(pieces)
        for match in _LINE_BREAK.finditer(text):
            at = match.start()
            if kept and (i := bisect_right(kept, (at, len(text)))) and kept[i - 1][0] <= at < kept[i - 1][1]:
                continue
            if _soft_break(text, at, self.text_mode):
                if chars is None:
                    chars = list(text)
                chars[at] = " "
        return text if chars is None else "".join(chars)

    @cached_property
    def unreadable(self) -> bool:
        """True when the HTML holds text a reader would see but the parse found (almost) none:
        fewer than 3 visible words, no link and no image, while the markup outside style,
        script, title and complete comments holds at least :data:`UNREADABLE_WORDS` words (an
        unclosed ``<!--``, ``<title>`` or ``<script>`` that swallows the body). A browser may
        show more of such a draft than Mailwacht can judge; the report says so instead of
        judging an empty body (issue 9 class 5)."""
        if self.text_mode or self.links or self.by_tag.get("img") or len(self.text.split()) >= 3:
            return False
        outside = _MARKUP.sub(" ", _HIDDEN_BLOCKS.sub(" ", self.raw))
        return len(outside.split()) >= UNREADABLE_WORDS

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
        An element deeper than :data:`MAX_SELECTOR_DEPTH` is located by its ancestor at that
        depth (only hostile drafts nest so deep; a selector of 100,000 steps would be megabytes).
        """
        steps: list[str] = []
        known = self._steps
        node: Tag | None = self.anchor(element)
        while node is not None and not isinstance(node, BeautifulSoup):
            # Findings cluster (a footer's placeholders share their 15 ancestors): each element's
            # step is worked out once per check, not once per finding below it.
            step = known.get(id(node))
            if step is None:
                step = known[id(node)] = f"{_css_ident(node.name)}:nth-of-type({self._nth_of_type(node)})"
            steps.append(step)
            node = node.parent
        return " > ".join(reversed(steps))

    def anchor(self, element: Tag) -> Tag:
        """``element`` itself, or its ancestor at :data:`MAX_SELECTOR_DEPTH` when it is deeper.

        Depths are cached along each climb, so locating many findings in a deep draft stays linear.
        """
        path: list[Tag] = []
        node: Tag | None = element
        anchors = self._anchors
        while node is not None and not isinstance(node, BeautifulSoup) and id(node) not in anchors:
            path.append(node)
            node = node.parent
        depth, anchor = (0, None) if node is None or isinstance(node, BeautifulSoup) else anchors[id(node)]
        for step in reversed(path):
            depth += 1
            if depth <= MAX_SELECTOR_DEPTH:
                anchor = step
            anchors[id(step)] = (depth, anchor)
        return anchors[id(element)][1] or element

    def _nth_of_type(self, node: Tag) -> int:
        parent = node.parent
        if parent is None:
            return 1
        if len(parent.contents) <= 64:
            index = 1
            name = node.name
            for sibling in node.previous_siblings:
                if isinstance(sibling, Tag) and sibling.name == name:
                    index += 1
            return index
        table = self._nth.get(id(parent))
        if table is None:  # a parent with many children: number them all once
            table = {}
            seen: dict[str, int] = {}
            for child in parent.contents:
                if isinstance(child, Tag):
                    seen[child.name] = seen.get(child.name, 0) + 1
                    table[id(child)] = seen[child.name]
            self._nth[id(parent)] = table
        return table[id(node)]

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
        # The smallest element holding both nodes: the first ancestor of ``node`` that is also
        # an ancestor of ``end_node`` (identity, not string equality; linear in the depth).
        element = node.parent
        if end_node is not node:
            end_ancestors = {id(a) for a in end_node.parents}
            while isinstance(element, Tag) and not isinstance(element, BeautifulSoup) and id(element) not in end_ancestors:
                element = element.parent
        if not isinstance(element, Tag) or isinstance(element, BeautifulSoup):
            return Location(start=start, end=end)
        anchor = self.anchor(element)
        if anchor is not element:  # nested beyond MAX_SELECTOR_DEPTH: the ancestor, no offsets
            return Location(selector=self.selector_of(anchor))
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
            attrs = "".join(f' {k}="{_clip(_attr(element, k), 160)}"' for k in list(element.attrs)[:4])
            return _clip(f"<{element.name}{attrs}>{_text_start(element, 200)}", 160)
        if start is not None and end is not None:
            left = max(0, start - 40)
            right = min(len(self.text), end + 40)
            return _clip(_fold(self.text[left:right]), 160)
        return ""


#: Words outside markup that a draft must hold before an empty parse counts as unreadable.
UNREADABLE_WORDS = 12
#: Complete blocks whose text nobody sees (for :attr:`DraftDocument.unreadable`).
_HIDDEN_BLOCKS = re.compile(r"(?is)<!--.*?-->|<(style|script|title|noscript|template|xml)\b.*?</\1\s*>")
_MARKUP = re.compile(r"<[^>]*>")
#: A line break between two lines with text (the candidates :func:`_soft_break` judges).
_LINE_BREAK = re.compile(r"(?<=[^\s])\n(?=[ \t]*\S)|(?<=[^\s] )\n(?=[ \t]*\S)")
#: Plain-text lines at least this long were wrapped by the mail program, not ended by the writer.
_WRAPPED_LINE = 55
#: A line starting with one of these is a list item, a quote or a rule, never a continuation.
_LINE_MARKERS = ("-", "*", "•", "=", "_", "#", ">", "|")


def _soft_break(text: str, at: int, text_mode: bool) -> bool:
    """Whether the ``\n`` at ``text[at]`` (between two lines with text) only wraps a paragraph."""
    line_start = text.rfind("\n", 0, at) + 1
    line = text[line_start:at]
    stripped = line.strip()
    end = text.find("\n", at + 1)
    head = text[at + 1 : end if end >= 0 else len(text)].lstrip()[:1]
    if not stripped or not head or head in _LINE_MARKERS or stripped[-1] in ".!?:;":
        return False
    if stripped[-1] in ",-" or head.islower():
        return True
    return text_mode and (len(stripped) >= _WRAPPED_LINE or line.endswith(" "))


def parse_html(html: str) -> DraftDocument:
    """Parse ``html`` with the standard library's parser (the same in CPython and Pyodide)."""
    return _parse_clean(_clean(html))


def _parse_clean(html: str) -> DraftDocument:
    """:func:`parse_html` of HTML :func:`_clean` has cleaned already."""
    from .limits import defuse_unclosed_tail  # issue 13: html.parser is quadratic on a tail of unclosed '<'

    return DraftDocument(build_soup(defuse_unclosed_tail(html)), html)


class LastParse:
    """The last draft parsed, kept for the next check of the same HTML (issue 15).

    The same draft is checked again and again without a character changing: the editor watcher
    checks it when the writer pauses, the send gate checks it again when Send is pressed (with
    other options), the popup when it opens. A :class:`DraftDocument` depends on the HTML alone
    (its lazily filled tables too: selectors, the stylesheet, the prose), and no rule changes it,
    so those checks can share one parse: in Pyodide the parse is about a third of a check.

    One document is kept. When other HTML comes, the kept one is released
    (:meth:`DraftDocument.release`), so its tree is freed by reference counting instead of being
    left, as cyclic garbage in an old generation, for a full collection (the engine worker runs
    only young collections between requests). Released at once by default; with
    ``release_later`` it is retired instead and released by :meth:`release_retired`, which the
    engine worker has called after each reply (``py_core.api.after_request``): freeing a 100 KB tree
    takes ~3 ms in Pyodide, which then falls outside the request, as the young collection that
    used to free it did. A retired document not yet released when the next one retires is
    released then, so at most two trees are ever held.

    Only the owner of a ``LastParse`` may hand its documents out: a document it releases must
    have no other reader. HTML longer than ``max_chars`` is parsed but not kept.
    """

    def __init__(self, max_chars: int = 2 * 1024 * 1024) -> None:
        self.max_chars = max_chars
        #: Retire replaced documents for :meth:`release_retired` instead of releasing them at once.
        self.release_later = False
        self._html: str | None = None
        self._doc: DraftDocument | None = None
        self._retired: DraftDocument | None = None
        #: How many parses were saved, made, and saved by an edit of the kept tree's text
        #: (:func:`py_core.text_edit.edit_text`; diagnostics and tests).
        self.hits = 0
        self.misses = 0
        self.edits = 0

    def parse(self, html: str) -> DraftDocument:
        """:func:`parse_html` of ``html``; the same document again when the HTML is the same."""
        if self._doc is not None and html == self._html:
            self.hits += 1
            return self._doc
        clean = _clean(html)
        if self._doc is not None and len(html) <= self.max_chars:
            from .text_edit import edit_text

            doc = edit_text(self._doc, clean)
            if doc is not None:
                self.edits += 1
                self._html, self._doc = html, doc
                return doc
        self.clear()
        self.misses += 1
        doc = _parse_clean(clean)
        if len(html) <= self.max_chars:
            self._html, self._doc = html, doc
        return doc

    def clear(self) -> None:
        """Let go of the kept document (if any): released, or retired with ``release_later``."""
        doc, self._html, self._doc = self._doc, None, None
        if doc is None:
            return
        if self.release_later:
            self.release_retired()
            self._retired = doc
        else:
            doc.release()

    def release_retired(self) -> int:
        """Release the retired document, if there is one; returns how many nodes it had (or 0)."""
        doc, self._retired = self._retired, None
        return doc.release() if doc is not None else 0


def _clean(text: str) -> str:
    """CRLF to LF, control characters dropped, lone surrogates to U+FFFD (one scan when clean)."""
    if not _is_dirty(text):
        return text
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text.replace("\r\n", "\n")))


def parse_text(text: str) -> DraftDocument:
    """A document in text mode for a plain-text draft."""
    return DraftDocument(None, _clean(text), text_mode=True)


# -- helpers ---------------------------------------------------------------------------------
def _text_start(element: Tag, limit: int) -> str:
    """The folded start of ``element.get_text()``, at least ``limit`` characters when there are
    that many: the same as folding all of it and cutting, without reading a 5 MB body per snippet."""
    parts: list[str] = []
    size = 0
    budget = 2 * limit
    for string in element.strings:
        parts.append(string)
        size += len(string)
        if size >= budget:
            if len(_fold("".join(parts))) > limit:
                break
            budget *= 2
    return _fold("".join(parts))


def _close_link(open_links: list[list], spans: list[tuple[Tag, int, int, Tag | None, int]], end: int) -> None:
    """Finish the innermost open link at text offset ``end``; its first image also counts for
    the enclosing link (nested links are invalid HTML but occur)."""
    element, start, img, order = open_links.pop()
    spans.append((element, start, end, img, order))
    if img is not None and open_links and open_links[-1][2] is None:
        open_links[-1][2] = img


def attr(element: Tag, name: str) -> str:
    """An attribute as one string ('' when absent; class lists joined by spaces)."""
    # ``attrs.get`` is what ``Tag.get`` does, one call less: rules ask this ~20,000 times a corpus.
    value = element.attrs.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


_attr = attr


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
