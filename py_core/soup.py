"""The HTML parser: bs4 with the standard library's ``html.parser`` (CPython's and Pyodide's
own), patched where stock bs4 is slow or reads a draft otherwise than a browser.

:func:`build_soup` is the only entry (``py_core.document.parse_html`` calls it). The patches: void
elements counted instead of listed (:class:`_ClosedVoids`, quadratic in bs4 4.15), legacy
entities without ``;`` read as browsers read them, no idle ancestor walk while building
(:class:`_Soup`), a browser's recoveries of unclosed links and head content
(:class:`_RecoveringSoup`), and markup html.parser rejects read as a comment. Moved out of
``document.py`` unchanged (issue 12): the draft model there, the parser here.

A fast tokenizer (:meth:`_Parser.goahead`, issues 9 and 15: the parse was two thirds of a
check) reads the markup html.parser's versions read alike (CPython 3.11 here, 3.14 in Pyodide:
they differ on raw-text elements, comments and attribute entities) with one regex per token, and
hands the rest to html.parser's own ``goahead``; the tree is the same
(``tests/py/test_fast_tokens.py``).

One file over ~400 lines on purpose: the patches override one bs4 tree builder together and
must be read (and checked against bs4's own code) side by side.
"""

from __future__ import annotations

import re
from html.entities import html5 as html5_entities

import bs4
from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.dammit import EntitySubstitution
from bs4.element import AttributeDict, HTMLAttributeDict

from .model import DraftError


class _ClosedVoids:
    """The bookkeeping bs4's html.parser builder keeps of void elements it closed itself
    (``already_closed_empty_element``), with the list operations it uses (append, in, remove)
    in O(1). bs4 4.15 keeps a list that grows by one per ``<img>``/``<br>``/``<meta>`` and scans it
    on every end tag, so parsing is quadratic in drafts with many images: 1 MB of newsletter
    blocks took 1.6 s, 2 MB 5.4 s. Membership is all bs4 asks, so a counter gives the same tree."""

    __slots__ = ("_counts",)

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}

    def append(self, tag: str) -> None:
        self._counts[tag] = self._counts.get(tag, 0) + 1

    def __contains__(self, tag: object) -> bool:
        return self._counts.get(tag, 0) > 0  # type: ignore[call-overload]

    def remove(self, tag: str) -> None:
        count = self._counts.get(tag, 0)
        if count <= 0:
            raise ValueError(tag)
        self._counts[tag] = count - 1


#: The fast paths below rebuild bs4 4.15.0's own steps (``Tag.__init__``, ``pushTag``,
#: ``NavigableString.__new__``, ``object_was_parsed``) with the same attributes and values,
#: without their general cases (keyword arguments, other builders, ``parse_only``, custom element
#: classes). Another bs4 takes bs4's own code.
_FAST = bs4.__version__ == "4.15.0"
_new_tag = Tag.__new__
_new_string = str.__new__

_LIST_ATTRIBUTES: list[tuple[object, frozenset[str]]] = []


def _list_attributes(cdata: dict[str, set[str]]) -> frozenset[str]:
    """Every attribute name bs4 splits into a list on some tag (``class``, ``rel``, …): a tag
    with none of them is left as it is by ``_replace_cdata_list_attribute_values``."""
    if _LIST_ATTRIBUTES and _LIST_ATTRIBUTES[0][0] is cdata:
        return _LIST_ATTRIBUTES[0][1]
    names = frozenset(name for values in cdata.values() for name in values)
    _LIST_ATTRIBUTES[:] = [(cdata, names)]
    return names


#: Entities bs4 knows, and the HTML5 legacy ones browsers also read without a ``;`` (``&amp``, ``&eacute``).
_ENTITY = EntitySubstitution.HTML_ENTITY_TO_CHARACTER
_LEGACY: dict[str, str] = {name: char for name, char in html5_entities.items() if not name.endswith(";")}
_LEGACY_MAX = max(map(len, _LEGACY))

#: The fast tokenizer (:meth:`_Parser.goahead`) reads the markup it is sure of itself and hands
#: everything from the first construct it is not sure of to ``html.parser``'s own ``goahead``.
#: "Sure of" means that CPython 3.11's ``html.parser`` and 3.14's (Pyodide) read it alike, and
#: the fast tokenizer like both: a start tag whose name is letters, digits and ``-.:_``, whose
#: attributes are separated by ASCII whitespace and whose values are quoted, or bare without
#: whitespace of any kind; an end tag ``</name>``; a comment both versions end at the same
#: ``-->``; a ``<!DOCTYPE …>``; character and entity references both read alike; ``<`` before
#: a character no tag starts with. ``<script>``/``<style>`` only when the first ``</`` in them
#: closes them, ``<title>``/``<textarea>`` only when they hold no ``<`` (3.14 reads them as
#: escapable raw text, 3.11 as markup); ``<iframe>``, ``<xmp>``, ``<noembed>`` and ``<noframes>``
#: (raw text for 3.14 only) only when they hold neither ``<`` nor ``&``; ``<plaintext>`` is
#: always handed over, with all that follows.
_START_TAG = re.compile(
    r"""<([a-zA-Z][-.a-zA-Z0-9:_]*+)"""
    r"""((?:[\t\n\r\f ]++[^\s/>"'=<][^\s/=>"'<]*+(?:[\t\n\r\f ]*+=[\t\n\r\f ]*+(?:"[^"]*+"|'[^']*+'|[^\s>"'=][^\s>]*+))?+)*+)"""
    r"""[\t\n\r\f ]*+(/?)>"""
)
_ATTRIBUTE = re.compile(
    r"""[\t\n\r\f ]++([^\s/>"'=<][^\s/=>"'<]*+)(?:[\t\n\r\f ]*+(=)[\t\n\r\f ]*+(?:"([^"]*+)"|'([^']*+)'|([^\s>"'=][^\s>]*+)))?+"""
)
_END_TAG = re.compile(r"</([a-zA-Z][-.a-zA-Z0-9:_]*+)[\t\n\r\f ]*+>")
_TEXT_END = re.compile(r"[<&]")
#: How many different attribute texts one parse remembers (their pairs, read once; see ``_read_fast``).
_READ_PAIRS_MAX = 4096
#: 3.11 ends a comment at ``--\s*>``, 3.14 at ``--!?>`` (or at once after ``<!-->``/``<!--->``).
_COMMENT_END_311 = re.compile(r"--\s*>")
_COMMENT_END_314 = re.compile(r"--!?>")
_RAWTEXT = frozenset({"script", "style"})
_RCDATA = frozenset({"title", "textarea"})
_RAW_FOR_NEW = frozenset({"iframe", "xmp", "noembed", "noframes", "plaintext"})
_SPECIAL = _RAWTEXT | _RCDATA | _RAW_FOR_NEW
#: What html.parser's ``starttagopen`` (``<[a-zA-Z]``) accepts after the ``<``.
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
try:
    from html import parser as _stdlib_parser

    _CHARREF = _stdlib_parser.charref
    _ENTITYREF = _stdlib_parser.entityref
    _INCOMPLETE = _stdlib_parser.incomplete
    #: How this Python's ``html.parser`` unescapes an attribute value (3.14 leaves ``&copy=`` alone).
    _UNESCAPE_ATTRIBUTE = getattr(_stdlib_parser, "_unescape_attrvalue", None) or _stdlib_parser.unescape
    _FAST_TOKENS = _FAST
except AttributeError:  # pragma: no cover - another html.parser
    _FAST_TOKENS = False


try:  # bs4 internals (pinned 4.15.0); without them we parse with the stock builder.
    from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder

    class _Parser(BeautifulSoupHTMLParser):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            self.already_closed_empty_element = _ClosedVoids()  # type: ignore[assignment]

        def handle_starttag(  # type: ignore[override]
            self, tag: str, attrs: list[tuple[str, str | None]], handle_empty_element: bool = True
        ) -> None:
            """bs4's own for its default settings (later duplicate attributes replace earlier ones,
            line numbers kept), with the attribute dict built in one step: html.parser gives
            only strings (or None, read as ""), which ``AttributeDict`` (a plain dict) and
            ``HTMLAttributeDict.__setitem__`` store unchanged."""
            soup = self.soup
            dict_class = self.attribute_dict_class
            if (
                not _FAST
                or self.on_duplicate_attribute not in (None, self.REPLACE)
                or (dict_class is not AttributeDict and dict_class is not HTMLAttributeDict)
                or not soup.builder.store_line_numbers
            ):
                super().handle_starttag(tag, attrs, handle_empty_element)
                return
            attr_dict = dict_class([(key, "" if value is None else value) for key, value in attrs])
            tag_obj = soup.handle_starttag(tag, None, None, attr_dict, sourceline=self.lineno, sourcepos=self.offset)
            if tag_obj is not None and handle_empty_element and not tag_obj.contents and tag_obj.can_be_empty_element:
                # A void element: closed at once, and a later ``</img>`` is ignored (bs4's own).
                self.handle_endtag(tag, check_already_closed=False)
                self.already_closed_empty_element.append(tag)
            if self._root_tag_name is None:
                self._root_tag_encountered(tag)

        def goahead(self, end: bool) -> None:
            """``html.parser``'s own, after the fast tokenizer has read what it is sure of (see
            :data:`_START_TAG`): it stops at the first construct it is not sure of, leaves the
            parser's state (unread markup, line and column) as ``goahead`` would have left it
            there, and ``goahead`` reads the rest."""
            if not end and _FAST_TOKENS and self.cdata_elem is None and not self.convert_charrefs:
                i = self._read_fast()
                if i:
                    self.rawdata = self.rawdata[i:]
            super().goahead(end)

        def _read_fast(self) -> int:
            """Read ``rawdata`` from 0 as :meth:`goahead` does, calling the same handlers with the
            same arguments, up to the first construct it is not sure of; returns where it stopped,
            with ``lineno``/``offset`` set for that position (``updatepos``)."""
            soup = self.soup
            dict_class = self.attribute_dict_class
            if (
                self.on_duplicate_attribute not in (None, self.REPLACE)
                or (dict_class is not AttributeDict and dict_class is not HTMLAttributeDict)
                or not soup.builder.store_line_numbers
                or type(self.already_closed_empty_element) is not _ClosedVoids
            ):
                return 0
            rawdata = self.rawdata
            n = len(rawdata)
            starttag = soup.handle_starttag
            soup_endtag = soup.handle_endtag
            endtag = self.handle_endtag
            voids = self.already_closed_empty_element._counts
            # The soups' own handle_starttag, inlined below when it would take its fast path:
            # _RecoveringSoup's recoveries (a head that ends, an <a> in an <a>) go through it.
            inline = _FAST and type(soup) in (_Soup, _RecoveringSoup) and not soup.parse_only and not soup.element_classes
            recovering = type(soup) is _RecoveringSoup
            open_tag = soup._open
            counter = soup.open_tag_counter
            start_tag = _START_TAG.match
            end_tag = _END_TAG.match
            attributes = _ATTRIBUTE.findall
            text_end = _TEXT_END.search
            read_pairs: dict[str, list[tuple[str, str]]] = {}  # attribute text -> its (name, value) pairs
            find = rawdata.find
            startswith = rawdata.startswith
            lineno = self.lineno
            offset = self.offset
            seen = 0  # lineno/offset are for this position
            last_tag = None
            i = 0
            while i < n:
                found = text_end(rawdata, i)
                j = found.start() if found is not None else n
                if i < j:
                    data = soup.current_data
                    if not data:
                        soup.text_at = i  # a text node starts here (py_core.text_edit)
                    data.append(rawdata[i:j])
                    i = j
                    if i == n:
                        break
                char = rawdata[i + 1 : i + 2]
                if rawdata[i] == "<":
                    if char in _ASCII_LETTERS:
                        match = start_tag(rawdata, i)
                        if match is None:
                            break
                        name, pairs, closing = match.groups()
                        name = name.lower()
                        k = match.end()
                        ended = None
                        if name in _SPECIAL:
                            if name in _RAW_FOR_NEW:  # raw text for 3.14, markup for 3.11
                                if name == "plaintext":
                                    break
                                if not closing:  # alike only when it holds plain text
                                    body_end = find("<", k)
                                    ended = end_tag(rawdata, body_end) if body_end >= 0 else None
                                    if ended is None or ended.group(1).lower() != name or "&" in rawdata[k:body_end]:
                                        break
                                    ended = None  # read on as text, then the end tag
                            elif not closing and name in _RAWTEXT:
                                body_end = find("</", k)
                                ended = end_tag(rawdata, body_end) if body_end >= 0 else None
                                if ended is None or ended.group(1).lower() != name:
                                    break
                            elif not closing:  # _RCDATA
                                body_end = find("<", k)
                                ended = end_tag(rawdata, body_end) if body_end >= 0 else None
                                if ended is None or ended.group(1).lower() != name:
                                    break
                        # sourceline/sourcepos: html.parser's updatepos() up to this tag.
                        lines = rawdata.count("\n", seen, i)
                        if lines:
                            lineno += lines
                            offset = i - rawdata.rindex("\n", seen, i) - 1
                        else:
                            offset += i - seen
                        seen = i
                        last_tag = (name, i, k)
                        if pairs:
                            # The pairs of a tag's attributes depend on their text alone, and a
                            # newsletter repeats that text (styles, classes): read once per parse.
                            attrs = read_pairs.get(pairs)
                            if attrs is None:
                                attrs = []
                                for key, equals, double, single, bare in attributes(pairs):
                                    if not equals:
                                        attrs.append((key.lower(), ""))
                                        continue
                                    value = double or single or bare
                                    if "&" in value:
                                        value = _UNESCAPE_ATTRIBUTE(value)
                                    attrs.append((key.lower(), value))
                                if len(read_pairs) < _READ_PAIRS_MAX:
                                    read_pairs[pairs] = attrs  # only ever copied (dict_class) below
                            attr_dict = dict_class(attrs)
                        else:
                            attr_dict = dict_class()
                        # bs4's handle_starttag (handle_startendtag for <tag/>), as _Parser's own
                        # (soup.current_data is read at each use: bs4 replaces it at endData()).
                        if not inline or (
                            recovering
                            and (
                                (soup.currentTag.name == "head" and name not in _HEAD_CONTENT)
                                or (name == "a" and counter.get("a"))
                            )
                        ):
                            tag_obj = starttag(name, None, None, attr_dict, sourceline=lineno, sourcepos=offset)
                        else:
                            if soup.current_data:
                                soup.endData()
                            tag_obj = open_tag(name, attr_dict, lineno, offset, None)
                        if closing:
                            if self._root_tag_name is None:
                                self._root_tag_encountered(name)
                            soup_endtag(name)  # handle_endtag(name, check_already_closed=False)
                        else:
                            if tag_obj is not None and not tag_obj.contents and tag_obj.can_be_empty_element:
                                soup_endtag(name)
                                voids[name] = voids.get(name, 0) + 1  # already_closed_empty_element.append
                            if self._root_tag_name is None:
                                self._root_tag_encountered(name)
                        if ended is not None and name in _RAWTEXT:
                            if body_end > k:
                                soup.current_data.append(rawdata[k:body_end])
                            endtag(name)
                            k = ended.end()
                        i = k
                    elif char == "/":
                        match = end_tag(rawdata, i)
                        if match is None:
                            break
                        name = match.group(1).lower()
                        if voids.get(name):  # the end tag of a void element bs4 closed (handle_endtag)
                            voids[name] -= 1
                        else:
                            soup_endtag(name)
                        i = match.end()
                    elif char == "!":
                        if startswith("<!--", i):
                            if startswith(">", i + 4) or startswith("->", i + 4):
                                break
                            old = _COMMENT_END_311.search(rawdata, i + 4)
                            new = _COMMENT_END_314.search(rawdata, i + 4)
                            if old is None or new is None or old.span() != new.span():
                                break
                            self.handle_comment(rawdata[i + 4 : old.start()])
                            i = old.end()
                        elif rawdata[i : i + 9].lower() == "<!doctype":
                            gt = find(">", i + 9)
                            if gt < 0:
                                break
                            self.handle_decl(rawdata[i + 2 : gt])
                            i = gt + 1
                        else:
                            break
                    elif char and char != "?":
                        soup.current_data.append("<")
                        i += 1
                    else:
                        break
                elif char == "#":
                    match = _CHARREF.match(rawdata, i)
                    if match is None:
                        break
                    self.handle_charref(match.group()[2:-1])
                    k = match.end()
                    i = k if rawdata[k - 1] == ";" else k - 1
                else:
                    match = _ENTITYREF.match(rawdata, i)
                    if match is not None:
                        if not soup.current_data:
                            soup.text_at = i  # a text node starts here (py_core.text_edit)
                        self.handle_entityref(match.group(1))
                        k = match.end()
                        i = k if rawdata[k - 1] == ";" else k - 1
                    elif char and _INCOMPLETE.match(rawdata, i) is None:
                        soup.current_data.append("&")
                        i += 1
                    else:
                        break
            lines = rawdata.count("\n", seen, i)
            if lines:
                lineno += lines
                offset = i - rawdata.rindex("\n", seen, i) - 1
            else:
                offset += i - seen
            self.lineno = lineno
            self.offset = offset
            if last_tag is not None:
                self.lasttag = last_tag[0]
                self._HTMLParser__starttag_text = rawdata[last_tag[1] : last_tag[2]]
            return i

        def handle_data(self, data: str) -> None:
            """``soup.handle_data(data)`` (which appends ``data`` to ``current_data``), inlined."""
            self.soup.current_data.append(data)

        def handle_endtag(self, tag: str, check_already_closed: bool = True) -> None:
            """bs4's own, with the void bookkeeping (:class:`_ClosedVoids`) read in place."""
            closed = self.already_closed_empty_element
            if check_already_closed and type(closed) is _ClosedVoids:
                counts = closed._counts
                if counts.get(tag, 0) > 0:
                    counts[tag] -= 1  # the end tag of a void element bs4 already closed
                    return
                self.soup.handle_endtag(tag)
                return
            super().handle_endtag(tag, check_already_closed)

        def handle_entityref(self, name: str) -> None:
            """bs4's own, except that a name it does not know is read as browsers read it in
            text (HTML5 "named character reference state"): its longest prefix that is a legacy
            entity written without ``;`` (``&oacuten.`` -> ``ón.``); else literally, as bs4 does."""
            if name in _ENTITY or not isinstance(self.soup, _RecoveringSoup):
                super().handle_entityref(name)
                return
            for end in range(min(len(name), _LEGACY_MAX), 1, -1):
                character = _LEGACY.get(name[:end])
                if character is not None:
                    self.handle_data(character + name[end:])
                    return
            super().handle_entityref(name)

    class _Builder(HTMLParserTreeBuilder):
        def feed(self, markup: str, _parser_class: type = _Parser) -> None:  # type: ignore[override]
            super().feed(markup, _parser_class=_parser_class)

except (ImportError, AttributeError, TypeError):  # pragma: no cover - another bs4
    _Builder = None  # type: ignore[assignment,misc]


class _Soup(BeautifulSoup):
    """BeautifulSoup without the ancestor walk of ``_linkage_fixer`` during an html.parser build.

    bs4 calls ``_linkage_fixer(parent)`` whenever it appends to an element that already has a
    ``next_element`` (text after a child, e.g. ``<label><input> text``); its last step climbs
    from ``parent`` to the root looking for an ancestor with a next sibling. While html.parser
    builds the tree it only appends to the innermost open element, and every open element is the
    last child of its parent, so that climb never finds one and changes nothing: it only costs
    O(depth) per append (50,000 nested ``<div>`` around 1,000 labels took 6 s). The rest of the
    fixer runs as before; ``tests/py/test_hostile.py`` checks the trees are identical to stock bs4's.
    """

    #: Every node the fast paths made, in the order they were made, which is document order (each
    #: node is appended to the innermost open element, the end of the document so far); None once
    #: a node was made another way. :class:`py_core.document.DraftDocument` walks this list
    #: instead of ``descendants``.
    nodes: list[PageElement] | None = None
    #: True when the tree is of markup :func:`build_soup` rewrote (a bogus ``<![``/``<!`` read as
    #: a comment): an edit of the draft's text cannot be applied to it (py_core.text_edit).
    rewritten: bool = False
    #: Where in the markup the pending text began, when the fast tokenizer read it from there as
    #: text (not a reference, not a ``<`` read as text); taken by :meth:`_add_string`.
    text_at: int | None = None
    #: Markup offset -> index in :attr:`nodes` of the text node that begins there (the text nodes
    #: :attr:`text_at` knows the start of): what ``py_core.text_edit`` edits in place.
    text_starts: dict[int, int]

    def reset(self) -> None:
        super().reset()
        self.nodes = []
        self.text_starts = {}
        self.text_at = None

    def string_container(self, base_class: type[NavigableString] | None = None) -> type[NavigableString]:
        """bs4's own, without its ``cast(Type[...], ...)``: subscripting ``typing.Type`` on every
        text node goes through typing's cache and was ~3% of a parse."""
        container = base_class or NavigableString
        container = self.element_classes.get(container, container)
        if self.string_container_stack and container is NavigableString:
            container = self.builder.string_containers.get(self.string_container_stack[-1].name, container)
        return container

    def handle_starttag(  # type: ignore[override]
        self,
        name: str,
        namespace: str | None,
        nsprefix: str | None,
        attrs: dict[str, str],
        sourceline: int | None = None,
        sourcepos: int | None = None,
        namespaces: dict[str, str] | None = None,
    ) -> Tag | None:
        """bs4's own, without its per-tag ``cast(Type[Tag], ...)`` (see :meth:`string_container`)."""
        if self.current_data:  # endData() does nothing without pending text
            self.endData()
        if _FAST and not self.parse_only and not self.element_classes and namespace is None and nsprefix is None:
            return self._open(name, attrs, sourceline, sourcepos, namespaces)
        return self._open_stock(name, namespace, nsprefix, attrs, sourceline, sourcepos, namespaces)

    def _open_stock(
        self,
        name: str,
        namespace: str | None,
        nsprefix: str | None,
        attrs: dict[str, str],
        sourceline: int | None,
        sourcepos: int | None,
        namespaces: dict[str, str] | None,
    ) -> Tag | None:
        """bs4's own ``handle_starttag`` after its pending text: the path for what :meth:`_open`
        does not make (a ``parse_only`` strainer, element classes, a namespace)."""
        self.nodes = None  # made by bs4's own code from here on: ``nodes`` would miss it
        if self.parse_only and len(self.tagStack) <= 1 and not self.parse_only.allow_tag_creation(nsprefix, name, attrs):
            return None
        tag = self.element_classes.get(Tag, Tag)(
            self,
            self.builder,
            name,
            namespace,
            nsprefix,
            attrs,
            self.currentTag,
            self._most_recent_element,
            sourceline=sourceline,
            sourcepos=sourcepos,
            namespaces=namespaces,
        )
        if tag is None:
            return tag
        if self._most_recent_element is not None:
            self._most_recent_element.next_element = tag
        self._most_recent_element = tag
        self.pushTag(tag)
        return tag

    def endData(self, containerClass: type[NavigableString] | None = None) -> None:
        """bs4's own, with its character-by-character "only ASCII spaces?" loop done by
        ``str.strip`` (the same answer: stripping those five characters leaves nothing)."""
        if self.current_data:
            current_data = "".join(self.current_data)
            if not self.preserve_whitespace_tag_stack and not current_data.strip(self.ASCII_SPACES):
                current_data = "\n" if "\n" in current_data else " "
            self.current_data = []
            self._add_string(current_data, containerClass)

    def _add_string(self, data: str, containerClass: type[NavigableString] | None) -> None:
        """``self.object_was_parsed(self.string_container(containerClass)(data))`` after bs4's
        ``parse_only`` test. The fast path sets the attributes ``NavigableString.__new__`` and
        ``object_was_parsed`` set (two ``setup`` calls), in their order, with their final values."""
        at = self.text_at
        self.text_at = None
        if self.parse_only and len(self.tagStack) <= 1 and (not self.parse_only.allow_string_creation(data)):
            return
        if not _FAST or self.element_classes:
            self.nodes = None
            self.object_was_parsed(self.string_container(containerClass)(data))
            return
        if containerClass is None and not self.string_container_stack:
            cls: type[NavigableString] = NavigableString
        else:
            cls = self.string_container(containerClass)
        string = _new_string(cls, data)
        parent = self.currentTag
        previous = self._most_recent_element
        fix = parent.next_element is not None
        string.hidden = False
        string.parent = parent
        string.previous_element = previous
        if previous is not None:
            previous.next_element = string
        string.next_element = None
        string.next_sibling = None
        siblings = parent.contents
        previous_sibling = siblings[-1] if siblings else None
        string.previous_sibling = previous_sibling
        if previous_sibling is not None:
            previous_sibling.next_sibling = string
        self._most_recent_element = string
        nodes = self.nodes
        if nodes is not None:
            if at is not None:
                self.text_starts[at] = len(nodes)
            nodes.append(string)
        siblings.append(string)
        if fix:
            self._linkage_fixer(parent)

    def _open(
        self, name: str, attrs: dict[str, str], sourceline: int | None, sourcepos: int | None, namespaces: dict[str, str] | None
    ) -> Tag:
        """``Tag(self, self.builder, name, None, None, attrs, self.currentTag,
        self._most_recent_element, sourceline=…, sourcepos=…)`` then ``pushTag``: the same
        attributes, set in ``Tag.__init__``'s order with its values for an HTML builder."""
        builder = self.builder
        parent = self.currentTag
        previous = self._most_recent_element
        tag = _new_tag(Tag)
        tag.parser_class = self.__class__
        tag.name = name
        tag.namespace = None
        tag._namespaces = namespaces or {}
        tag.prefix = None
        tag.sourceline = sourceline
        tag.sourcepos = sourcepos
        tag.attribute_value_list_class = builder.attribute_value_list_class
        cdata = builder.cdata_list_attributes
        if attrs and cdata and not _list_attributes(cdata).isdisjoint(attrs):
            attrs = builder._replace_cdata_list_attribute_values(name, attrs)  # type: ignore[assignment]
        tag.attrs = attrs
        tag.known_xml = builder.is_xml
        tag.contents = []
        # PageElement.setup(parent, previous)
        tag.parent = parent
        tag.previous_element = previous
        if previous is not None:
            previous.next_element = tag
        tag.next_element = None
        tag.next_sibling = None
        siblings = parent.contents if parent is not None else None
        previous_sibling = siblings[-1] if siblings else None
        tag.previous_sibling = previous_sibling
        if previous_sibling is not None:
            previous_sibling.next_sibling = tag
        tag.hidden = False
        if name == "meta":
            builder.set_up_substitutions(tag)
        empty = builder.empty_element_tags  # builder.can_be_empty_element(name), inlined
        tag.can_be_empty_element = True if empty is None else name in empty
        tag.cdata_list_attributes = builder.cdata_list_attributes
        preserve = tag.preserve_whitespace_tags = builder.preserve_whitespace_tags
        containers = builder.string_containers
        container = containers.get(name)
        tag.interesting_string_types = {container} if container is not None else Tag.MAIN_CONTENT_STRING_TYPES
        self._most_recent_element = tag
        nodes = self.nodes
        if nodes is not None:
            nodes.append(tag)
        # pushTag(tag)
        if parent is not None:
            siblings.append(tag)  # type: ignore[union-attr]
        self.tagStack.append(tag)
        self.currentTag = tag
        if name != self.ROOT_TAG_NAME:
            self.open_tag_counter[name] += 1
        if name in preserve:
            self.preserve_whitespace_tag_stack.append(tag)
        if container is not None:
            self.string_container_stack.append(tag)
        return tag

    def handle_endtag(self, name: str, nsprefix: str | None = None) -> None:
        """bs4's own (``endData`` then ``_popToTag``), with ``popTag`` inlined for the common
        case: the end tag closes the innermost open element."""
        if self.current_data:  # endData() does nothing without pending text
            self.endData()
        stack = self.tagStack
        if not _FAST or len(stack) < 2 or name == self.ROOT_TAG_NAME:
            self._popToTag(name, nsprefix)
            return
        tag = stack[-1]
        counter = self.open_tag_counter
        if tag.name != name or tag.prefix != nsprefix or not counter.get(name):
            self._popToTag(name, nsprefix)
            return
        stack.pop()
        counter[name] -= 1
        if self.preserve_whitespace_tag_stack and tag == self.preserve_whitespace_tag_stack[-1]:
            self.preserve_whitespace_tag_stack.pop()
        if self.string_container_stack and tag == self.string_container_stack[-1]:
            self.string_container_stack.pop()
        self.currentTag = stack[-1]

    def _linkage_fixer(self, el: Tag) -> None:
        first = el.contents[0]
        child = el.contents[-1]
        descendant = child
        if child is first and el.parent is not None:
            el.next_element = child
            prev_el = child.previous_element
            if prev_el is not None and prev_el is not el:
                prev_el.next_element = None
            child.previous_element = el
            child.previous_sibling = None
        child.next_sibling = None
        if isinstance(child, Tag) and child.contents:
            descendant = child._last_descendant(False)  # type: ignore[assignment]
        descendant.next_element = None
        descendant.next_sibling = None
        if el is not self.currentTag:  # not the sequential build described above: bs4's own walk
            target: Tag | None = el
            while target is not None:
                if target.next_sibling is not None:
                    descendant.next_element = target.next_sibling
                    target.next_sibling.previous_element = child
                    break
                target = target.parent


#: Start tags that belong in ``<head>`` (HTML5 tree construction, "in head" insertion mode); any
#: other start tag, and any text that is not whitespace, ends an unclosed ``<head>``.
_HEAD_CONTENT: frozenset[str] = frozenset(
    {"base", "basefont", "bgsound", "link", "meta", "title", "noscript", "noframes", "style", "script", "template", "head"}
)
#: Elements that keep an ``<a>`` outside them from being closed by an ``<a>`` inside them (the
#: "markers" of HTML5's list of active formatting elements: table cells, captions, objects).
_LINK_SCOPE: frozenset[str] = frozenset({"td", "th", "caption", "table", "marquee", "object", "applet", "template", "html"})
#: How far down the stack of open elements an open ``<a>`` is looked for (hostile nesting stays linear).
_LINK_SCOPE_DEPTH = 64


class _RecoveringSoup(_Soup):
    """:class:`_Soup` with the recoveries of an HTML5 parser (a browser) that decide what a reader
    sees, where bs4's ``html.parser`` tree keeps the markup as written:

    - a ``<head>`` that is never closed ends at the first start tag that does not belong in a head
      (``<body>``, ``<div>``, ``<map>``) or the first text that is not whitespace. ``html.parser``
      kept the whole body inside ``<head>``, where nothing is visible: a real newsletter whose
      ``<BODY>`` follows ``<style>`` without ``</head>`` came out with 0 links and 3 characters;
    - an ``<a>`` started while another ``<a>`` is open (not inside a table cell of it) closes the
      open one, as browsers do: an unclosed ``<a href=…><img></a>`` no longer swallows the rest
      of the mail (and its "Unsubscribe" text) into its link text;
    - a named character reference without ``;`` that is not an entity is read as its longest
      legacy prefix (``&oacuten`` -> ``ón``), as browsers read it in text.

    Each recovery is an end tag the parser inserts where a browser does, so the tree is bs4's
    tree of the markup with those end tags written out (``tests/py/test_hostile.py``).
    """

    def handle_starttag(  # type: ignore[override]
        self,
        name: str,
        namespace: str | None,
        nsprefix: str | None,
        attrs: dict[str, str],
        sourceline: int | None = None,
        sourcepos: int | None = None,
        namespaces: dict[str, str] | None = None,
    ) -> Tag | None:
        if self.currentTag.name == "head" and name not in _HEAD_CONTENT:
            self.endData()  # text before the tag may have ended the head already
            if self.currentTag.name == "head":
                self.popTag()
        elif name == "a" and self.open_tag_counter.get("a"):
            self.endData()
            stack = self.tagStack
            for i in range(len(stack) - 1, max(0, len(stack) - 1 - _LINK_SCOPE_DEPTH), -1):
                open_name = stack[i].name
                if open_name == "a":
                    self._popToTag("a")
                    break
                if open_name in _LINK_SCOPE:
                    break
        # What follows is :meth:`_Soup.handle_starttag`, inlined: one Python call less per tag.
        if self.current_data:  # endData() does nothing without pending text
            self.endData()
        if _FAST and not self.parse_only and not self.element_classes and namespace is None and nsprefix is None:
            return self._open(name, attrs, sourceline, sourcepos, namespaces)
        return self._open_stock(name, namespace, nsprefix, attrs, sourceline, sourcepos, namespaces)

    def endData(self, containerClass: type[NavigableString] | None = None) -> None:
        """:meth:`_Soup.endData`, where text that is not whitespace ends an open ``<head>``."""
        if self.current_data:
            current_data = "".join(self.current_data)
            if not current_data.strip(self.ASCII_SPACES):
                if not self.preserve_whitespace_tag_stack:
                    current_data = "\n" if "\n" in current_data else " "
            elif containerClass is None and self.currentTag.name == "head":
                self.popTag()  # text in <head>: the head has ended, the text is the body's
            self.current_data = []
            self._add_string(current_data, containerClass)


#: ``<![`` not followed by a keyword html.parser knows for a marked section (``_markupbase``:
#: temp, cdata, ignore, include, rcdata, if, else, endif), up to the next ``>`` or the end.
#: CPython's html.parser up to 3.13 asserts on it (``<![ x``, a mangled Outlook ``<![if mso]>``)
#: and bs4 rejects the whole draft (ParserRejectedMarkup). Browsers (HTML spec, "incorrectly
#: opened comment") and Python 3.14's html.parser read it as a bogus comment; so do we.
_BAD_MARKED_SECTION = re.compile(r"<!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.A-Za-z0-9]))[^>]*>?", re.I)
#: Last resort: every ``<!`` that does not open a real comment, read as a bogus comment.
_DECLARATION = re.compile(r"<!(?!--)[^>]*>?")


def _as_comment(match: re.Match[str]) -> str:
    inner = match.group(0)[2:].removesuffix(">").replace("--", "- -")
    return f"<!--{inner}-->"


def build_soup(html: str, *, recover: bool = True) -> BeautifulSoup:
    """The tree of ``html``, with a browser's recoveries (:class:`_RecoveringSoup`) unless
    ``recover`` is false (then it is stock bs4's tree). Markup html.parser rejects is read as
    browsers read it (see :data:`_BAD_MARKED_SECTION`); a draft that still fails is a
    :class:`DraftError`."""
    from bs4.exceptions import ParserRejectedMarkup

    try:
        return _build(html, recover)
    except ParserRejectedMarkup:
        pass
    for pattern in (_BAD_MARKED_SECTION, _DECLARATION):
        try:
            soup = _build(pattern.sub(_as_comment, html), recover)
        except ParserRejectedMarkup:
            continue
        soup.rewritten = True  # the tree of other markup than ``html`` (py_core.text_edit)
        return soup
    raise DraftError("the draft's HTML cannot be read by the HTML parser")


def _build(html: str, recover: bool = True) -> BeautifulSoup:
    if _Builder is not None:
        try:
            return (_RecoveringSoup if recover else _Soup)(html, builder=_Builder())
        except TypeError:  # pragma: no cover - a bs4 whose feed() has another signature
            pass
    return BeautifulSoup(html, "html.parser")
