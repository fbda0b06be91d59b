"""A keystroke's edit applied to the kept parse instead of parsing the draft again (issue 15).

While someone writes, the editor watcher checks the draft at every pause, and most pauses follow
a few keystrokes inside one paragraph: the new HTML is the old one with one stretch of text
changed. Parsing 100 KB again is about half of a check in Pyodide; replacing one text node of the
kept tree (and moving the source columns of the tags after it on its line) is a fraction of a
millisecond. :class:`py_core.document.LastParse` asks :func:`edit_text` first and parses anew when
it answers None.

When the new tree is the one a new parse would build. The old and the new HTML differ in one
stretch (their common prefix and suffix), and:

- the changed characters hold no ``<`` or ``>`` (every construct of the tokenizer but a character
  reference starts at a ``<`` and ends at a ``>``), no quote (a quoted attribute value is read up
  to its closing quote, across a ``>``: a tag before the stretch could have read into it) and no
  line break;
- the text around them, from the last ``<`` or ``>`` before to the next ``<`` after, holds no
  character reference but ``&nbsp;`` (complete with its ``;``, read alike wherever it stands),
  before and after the edit;
- the fast tokenizer read a text node that begins where that text does (``py_core.soup``'s
  ``text_starts``: the tokens before it ended there, in both drafts), it is a plain text node (no
  comment, script, style or other container), and it equals that text as html.parser reads it:
  then it holds exactly that stretch of markup (any construct in it would start with a ``<``),
  and the new draft's text node holds the new text;
- that text is not only ASCII whitespace, before or after (bs4 folds such text, and text that is
  not whitespace ends an unclosed ``<head>``: the same in both);
- the node is not the text of an ``<iframe>``, ``<xmp>``, ``<noembed>`` or ``<noframes>``: raw
  text to Python 3.14's html.parser (Pyodide's), markup to 3.11's, which the fast tokenizer reads
  only while it holds no reference (an ``&nbsp;`` typed there would be read otherwise in Pyodide);
- the old tree was built by the fast tree builder from the draft's own markup (not rewritten by
  ``py_core.soup.build_soup``'s recoveries or ``defuse_unclosed_tail``), and so is the new one.

The text nodes after it begin ``delta`` characters later, and the tags after it on the same line
have their columns moved. The document's index is moved too (:func:`_reindexed`: the same elements;
the text, the segments after the node and the links around or after it by the change of length),
and its lazily built tables are built again (:class:`py_core.document.DraftDocument`).
tests/py/test_text_edit.py compares the updated tree, node by node with every link between nodes,
and the reports, with a new parse for random edit chains of every corpus draft.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bs4 import NavigableString, Tag

from .limits import defuse_unclosed_tail
from .soup import _RAW_FOR_NEW

if TYPE_CHECKING:
    from .document import DraftDocument

#: What ends the text around the edit: the end of a construct before it, the start of one after.
_BOUND = re.compile(r"[<>]")
#: What the changed characters may not hold: those, quotes (a quoted attribute value is read
#: up to its closing quote, across a ``>``) and line breaks (they would move the lines after).
_CHANGED = re.compile(r"[<>\"'\n]")
#: The one character reference the text around the edit may hold: browsers' editors write a space
#: at the end of a line, or beside another space, as ``&nbsp;`` (and a plain space again once
#: the next word is typed), so a check after a word and a space would otherwise parse anew.
_NBSP = "&nbsp;"
#: bs4's ``BeautifulSoup.ASCII_SPACES``: text of only these is folded to one space or newline.
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
#: Chunk of the common prefix and suffix compared at once (slices compared in C).
_CHUNK = 4096
_new_string = str.__new__


def edit_text(doc: DraftDocument, raw: str) -> DraftDocument | None:
    """The document of ``raw`` (already cleaned, as ``DraftDocument.raw``) made from ``doc``'s
    tree when ``raw`` differs from ``doc.raw`` only inside one text node (see the module's
    docstring); else None, with ``doc`` untouched. On success ``doc`` must not be read again:
    its tree now belongs to the new document, and its own tables are cleared."""
    soup = doc.soup
    if soup is None or doc.text_mode:
        return None
    state = vars(soup)
    nodes = state.get("nodes")
    starts = state.get("text_starts")
    if nodes is None or starts is None or state.get("rewritten") or defuse_unclosed_tail(raw) is not raw:
        return None
    old = doc.raw
    prefix = _common_prefix(old, raw)
    suffix = _common_suffix(old, raw, min(len(old), len(raw)) - prefix)
    old_end = len(old) - suffix
    new_end = len(raw) - suffix
    if _CHANGED.search(old, prefix, old_end) is not None or _CHANGED.search(raw, prefix, new_end) is not None:
        return None
    start = max(old.rfind("<", 0, prefix), old.rfind(">", 0, prefix)) + 1
    after = _BOUND.search(old, old_end)
    at = starts.get(start)
    if at is None or after is None or old[after.start()] != "<":
        return None
    end = after.start()
    delta = len(raw) - len(old)
    node = nodes[at]
    old_text = _text_of(old[start:end])
    new_text = _text_of(raw[start : end + delta])
    if (
        old_text is None
        or new_text is None
        or type(node) is not NavigableString
        or node != old_text
        or not node.strip(_ASCII_SPACES)
        or not new_text.strip(_ASCII_SPACES)
    ):
        return None
    parent = node.parent
    if parent is None or parent.name in _RAW_FOR_NEW:
        # Raw text in Pyodide's html.parser (3.14), markup in CPython 3.11's: the fast tokenizer
        # reads it only while it holds no reference, so a typed ``&nbsp;`` would be read otherwise.
        return None
    place = _place(parent.contents, node)
    previous, following = node.previous_element, node.next_element
    before, beside = node.previous_sibling, node.next_sibling
    if (
        place < 0
        or (previous is not None and previous.next_element is not node)
        or (following is not None and following.previous_element is not node)
        or (before is not None and before.next_sibling is not node)
        or (beside is not None and beside.previous_sibling is not node)
    ):
        return None
    # Checked: from here on the tree is changed, and ends as a new parse of ``raw`` builds it.
    string = _new_string(NavigableString, new_text)
    vars(string).update(vars(node))
    parent.contents[place] = string
    if previous is not None:
        previous.next_element = string
    if following is not None:
        following.previous_element = string
    if before is not None:
        before.next_sibling = string
    if beside is not None:
        beside.previous_sibling = string
    nodes[at] = string
    vars(node).clear()
    if delta:
        # Later text nodes begin delta characters later; later tags on the edit's line too.
        state["text_starts"] = {(key + delta if key > start else key): value for key, value in starts.items()}
        if "\n" not in old[old_end:end]:
            line = old.count("\n", 0, end) + 1
            for later in nodes[at + 1 :]:
                if type(later) is Tag:
                    if later.sourceline != line:
                        break
                    later.sourcepos += delta
    return _reindexed(doc, node, string, raw)


def _reindexed(doc: DraftDocument, node: NavigableString, string: NavigableString, raw: str) -> DraftDocument:
    """The document of the edited tree: ``doc``'s index with ``string`` in place of ``node``
    (the elements are the same, the text after it moves by the change of length); built anew
    when the edit changes whether the text ends in a line break (a block's separator follows
    from that). ``doc`` is cleared."""
    from .document import DraftDocument, Link, _fold

    if node.endswith("\n") != string.endswith("\n"):
        soup = doc.soup
        vars(doc).clear()
        return DraftDocument(soup, raw)
    new = DraftDocument(None, "")  # an empty shell, filled from doc's tables
    new.soup, new.raw, new.text_mode = doc.soup, raw, False
    new.elements, new.by_tag = doc.elements, doc.by_tag
    new.text, new.segments, new.links = doc.text, doc.segments, doc.links
    vars(doc).clear()
    segments = new.segments
    at = next((i for i, (_, segment) in enumerate(segments) if segment is node), -1)
    if at < 0:  # hidden text: the document's text is the same
        return new
    start = segments[at][0]
    end = start + len(node)
    grown = len(string) - len(node)
    text = new.text
    new.text = text = text[:start] + string + text[end:]
    new.segments = [*segments[:at], (start, string), *((offset + grown, later) for offset, later in segments[at + 1 :])]
    links: list[Link] = []
    for link in new.links:
        if link.end <= start:  # before the text (or empty, right before it)
            links.append(link)
        elif link.start >= end:
            links.append(Link(link.href, link.text, link.element, link.start + grown, link.end + grown))
        else:  # around it: its text is the new one
            links.append(Link(link.href, _fold(text[link.start : link.end + grown]), link.element, link.start, link.end + grown))
    new.links = links
    return new


def _text_of(markup: str) -> str | None:
    """The text html.parser reads from ``markup`` (no ``<`` or ``>`` in it) when every ``&`` in it
    starts an ``&nbsp;`` (a no-break space); None when it holds another reference."""
    if "&" not in markup:
        return markup
    if markup.count("&") != markup.count(_NBSP):
        return None
    return markup.replace(_NBSP, "\xa0")


def _place(siblings: list, node: object) -> int:
    """The index of ``node`` itself in ``siblings`` (``list.index`` compares text by value)."""
    for at, sibling in enumerate(siblings):
        if sibling is node:
            return at
    return -1


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of ``a`` and ``b`` (slices compared in C)."""
    limit = min(len(a), len(b))
    low = 0
    while low + _CHUNK <= limit and b.startswith(a[low : low + _CHUNK], low):
        low += _CHUNK
    high = min(low + _CHUNK, limit)
    while low < high:  # a[:low] == b[:low]; the answer is in [low, high]
        middle = (low + high + 1) // 2
        if b.startswith(a[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """The length of the longest common suffix of ``a`` and ``b``, at most ``limit``."""
    la, lb = len(a), len(b)
    low = 0
    while low + _CHUNK <= limit and a[la - low - _CHUNK : la - low] == b[lb - low - _CHUNK : lb - low]:
        low += _CHUNK
    high = min(low + _CHUNK, limit)
    while low < high:  # the last ``low`` characters match; the answer is in [low, high]
        middle = (low + high + 1) // 2
        if a[la - middle : la - low] == b[lb - middle : lb - low]:
            low = middle
        else:
            high = middle - 1
    return low
