"""Just enough CSS to tell whether an element is visible: declarations, a draft's own stylesheet,
and the cascade of the few properties that hide things.

Email HTML styles itself with inline ``style`` attributes, legacy attributes (``bgcolor``,
``<font color size>``) and a ``<style>`` block. Rules inside ``@media`` are skipped on purpose: they
apply only on some screens (the mobile rules of a responsive template often hide desktop-only
parts), so they cannot make a link invisible to every reader.

One file over ~400 lines on purpose: declarations, the stylesheet and the cascade share the
same private parsing helpers and caches, and a split would only pass them across modules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import soupsieve
from bs4 import Tag

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_AT_BLOCK = re.compile(r"@[^{;]*\{")
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.I)


def parse_declarations(text: str) -> dict[str, str]:
    """``"color: red; display:none"`` -> ``{"color": "red", "display": "none"}`` (later wins)."""
    out: dict[str, str] = {}
    for part in text.split(";"):
        name, sep, value = part.partition(":")
        if not sep:
            continue
        name = name.strip().lower()
        value = value.strip()
        if "!" in value:  # only then can ``!important`` be there (most declarations have none)
            value = _strip_important(value)
        value = value.lower()
        if name and value:
            out[name] = value
    return out


_BRACE = re.compile(r"[{}]")


def _strip_important(value: str) -> str:
    r"""``_IMPORTANT.sub("", value).strip()`` without the regex: its ``\s*`` before ``!`` is
    retried from every blank of a long run of spaces (quadratic: 100 KB of them took seconds)."""
    value = value.strip()
    if value[-9:].lower() == "important":
        head = value[:-9].rstrip()
        if head.endswith("!"):
            return head[:-1].strip()
    return value


def _rules(css: str) -> list[tuple[str, str]]:
    """``(selector, declarations)`` of every ``selector{declarations}`` with no brace inside
    either: what ``_RULE.finditer`` finds, in one pass over the braces. The regex retried
    ``[^{}]+`` from every character of a brace-free run (issue 13: 80 KB of text inside
    ``<style>`` took 22.8 s); here each character is looked at once (one ``split`` in C)."""
    out: list[tuple[str, str]] = []
    # parts: text, brace, text, brace, …, text (each text is followed by its brace).
    parts = _BRACE_SPLIT.split(css)
    previous_text: str | None = None
    previous_brace = ""
    for i in range(1, len(parts), 2):
        text = parts[i - 1]
        mark = parts[i]
        if mark == "}" and previous_brace == "{" and previous_text:
            out.append((previous_text, text))
            previous_text, previous_brace = None, ""  # both segments are used up by this rule
        else:
            previous_text, previous_brace = text, mark
    return out


_BRACE_SPLIT = re.compile(r"([{}])")


def _at_starts(css: str, pos: int) -> tuple[int, int] | None:
    """``(start, end)`` of the first ``_AT_BLOCK`` match at or after ``pos``: an ``@`` whose next
    ``{`` comes before its next ``;``. The regex scanned from every ``@`` to the next ``{`` or ``;``
    (quadratic in a run of ``@`` without either); the next-brace and next-semicolon positions
    are kept here and only ever move forward."""
    next_open = -2
    next_semi = -2
    length = len(css)
    while True:
        at = css.find("@", pos)
        if at < 0:
            return None
        if next_open != -1 and next_open <= at:
            next_open = css.find("{", at + 1)
        if next_semi != -1 and next_semi <= at:
            next_semi = css.find(";", at + 1)
        if next_open < 0:
            return None  # no ``{`` after this ``@``, so none after any later one either
        if next_semi < 0 or next_open < next_semi:
            return at, next_open + 1
        pos = at + 1
        if pos >= length:
            return None


def _strip_comments(css: str) -> str:
    """``_COMMENT.sub("", css)`` by ``str.find`` (~10x faster on a template's style block: the
    regex tries ``.*?`` lazily one character at a time). Each ``/*`` runs to the first ``*/``
    after it; an unclosed one stays, as the regex leaves it."""
    if "/*" not in css:
        return css
    out: list[str] = []
    pos = 0
    while True:
        start = css.find("/*", pos)
        if start < 0:
            break
        end = css.find("*/", start + 2)
        if end < 0:
            break
        out.append(css[pos:start])
        pos = end + 2
    out.append(css[pos:])
    return "".join(out)


def _strip_at_blocks(css: str) -> str:
    """Remove ``@media``/``@supports``/``@font-face`` blocks (with their nested braces)."""
    out: list[str] = []
    pos = 0
    while True:
        match = _at_starts(css, pos)
        if not match:
            out.append(css[pos:])
            break
        out.append(css[pos : match[0]])
        depth = 1
        end = len(css)
        for brace in _BRACE.finditer(css, match[1]):
            depth += 1 if brace.group() == "{" else -1
            if not depth:
                end = brace.end()
                break
        pos = end
    return "".join(out)


class _Block:
    """The declarations of one ``selector, selector {…}`` block, parsed when first read (most
    rules of a template's stylesheet never match an element a rule asks about)."""

    __slots__ = ("_parsed", "body")

    def __init__(self, body: str) -> None:
        self.body = body
        self._parsed: dict[str, str] | None = None

    def declarations(self) -> dict[str, str]:
        if self._parsed is None:
            self._parsed = parse_declarations(self.body)
        return self._parsed


class _StyleRule:
    """One selector of the draft's stylesheet with its block's declarations."""

    __slots__ = ("_block", "_declarations", "_key", "broken", "compiled", "selector")

    def __init__(self, selector: str, declarations: dict[str, str] | _Block) -> None:
        self.selector = selector
        if type(declarations) is _Block:
            self._block: _Block | None = declarations
            self._declarations: dict[str, str] | None = None
        else:
            self._block = None
            self._declarations = declarations  # type: ignore[assignment]
        self.compiled: object | None = None
        self.broken = False
        self._key: tuple[str | None, frozenset[str], str | None] | bool | None = False

    @property
    def declarations(self) -> dict[str, str]:
        if self._declarations is None:
            self._declarations = self._block.declarations()  # type: ignore[union-attr]
        return self._declarations

    @property
    def body(self) -> str | None:
        """The block's source text (None for a rule made from a parsed dict)."""
        return self._block.body if self._block is not None else None

    def key(self) -> tuple[str | None, frozenset[str], str | None] | None:
        """What an element must have to match this selector (tag, classes, id of its last
        compound), or None when the selector is not plain enough to say (see :data:`_PLAIN`)."""
        if self._key is False:
            self._key = _selector_key(self.selector)
        return self._key  # type: ignore[return-value]


#: A selector :func:`_selector_key` reads: ASCII names, classes and ids joined by combinators and
#: CSS whitespace (space, tab, line feed, carriage return, form feed; soupsieve reads any other
#: character as part of a name), no escapes, attributes, pseudo-classes, strings, commas or namespaces.
_PLAIN = re.compile(r"[A-Za-z0-9_\-.#*>+~ \t\n\r\f]+")
_LAST_COMPOUND = re.compile(r"(?:^|[>+~ \t\n\r\f])((?:[A-Za-z][A-Za-z0-9-]*|\*)?(?:[.#][A-Za-z_-][A-Za-z0-9_-]*)*)[ \t\n\r\f]*\Z")
_PART = re.compile(r"[.#][A-Za-z0-9_-]+")


def _selector_key(selector: str) -> tuple[str | None, frozenset[str], str | None] | None:
    """``(tag, classes, id)`` an element needs to match ``selector``'s last compound, by the
    tests soupsieve makes for an HTML document (tag names case-insensitive, classes and ids
    exact); None when the selector holds anything else, or its last compound has two ids."""
    if not selector or _PLAIN.fullmatch(selector) is None:
        return None
    match = _LAST_COMPOUND.search(selector)
    if match is None or not match.group(1):
        return None
    compound = match.group(1)
    tag: str | None = None
    rest = compound
    if compound[0] == "*":
        rest = compound[1:]
    elif compound[0] not in ".#":
        end = len(compound)
        for mark in ".#":
            found = compound.find(mark)
            if found >= 0:
                end = min(end, found)
        tag, rest = compound[:end].lower(), compound[end:]
    parts = _PART.findall(rest)
    if "".join(parts) != rest:
        return None
    ids = [part[1:] for part in parts if part[0] == "#"]
    if len(ids) > 1:
        return None
    classes = frozenset(part[1:] for part in parts if part[0] == ".")
    return tag, classes, ids[0] if ids else None


@dataclass
class Stylesheet:
    """The draft's ``<style>`` rules outside at-rules, in source order."""

    rules: list[_StyleRule] = field(default_factory=list)
    #: When a dict (a caller that only reads styles sets it): :func:`own_style` keeps each
    #: element's style here, by ``id(element)``, and returns the same dict when asked again.
    style_cache: dict[int, dict[str, str]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_elements(cls, styles: list[Tag]) -> Stylesheet:
        """The rules of these ``<style>`` elements. A block's declarations are parsed when a rule
        is first asked for them; a block without a ``:`` declares nothing and is left out (as a
        block whose declarations parse to nothing was; such a rule never adds anything)."""
        sheet = cls()
        add = sheet.rules.append
        for style in styles:
            css = _strip_at_blocks(_strip_comments(style.get_text()))
            for selectors, body in _rules(css):
                if ":" not in body:
                    continue
                block = _Block(body)
                for selector in selectors.split(","):
                    selector = selector.strip()
                    if selector and ":" not in selector:  # pseudo-classes (hover, …) never hide for all
                        add(_StyleRule(selector, block))
        return sheet

    def declarations_for(self, element: Tag) -> dict[str, str]:
        """Declarations of every matching rule, in source order (specificity is not weighed).

        A rule whose last compound asks for a tag, class or id the element lacks is passed
        without asking soupsieve (it cannot match: :func:`_selector_key`)."""
        out: dict[str, str] = {}
        facts: tuple[str, set[str] | frozenset[str], str] | None = None
        for rule in self.rules:
            if rule.broken:
                continue
            key = rule.key()
            if key is not None:
                if facts is None:
                    facts = _element_facts(element)
                tag, needed, ident = key
                name, classes, own_id = facts
                if (tag is not None and tag != name) or (ident is not None and ident != own_id) or not needed <= classes:
                    continue
            if rule.compiled is None:
                try:
                    rule.compiled = soupsieve.compile(rule.selector)
                except Exception:  # noqa: BLE001 - a selector soupsieve cannot read is ignored
                    rule.broken = True
                    continue
            try:
                if rule.compiled.match(element):  # type: ignore[attr-defined]
                    out.update(rule.declarations)
            except Exception:  # noqa: BLE001
                rule.broken = True
        return out


def _element_facts(element: Tag) -> tuple[str, set[str] | frozenset[str], str]:
    """The element's tag name (lower case), classes and id, as soupsieve reads them."""
    classes = element.attrs.get("class")
    if classes is None:
        have: set[str] | frozenset[str] = frozenset()
    elif isinstance(classes, str):
        have = set(classes.split())
    else:
        have = set(classes)
    ident = element.attrs.get("id")
    name = element.name or ""
    # soupsieve lowers only ASCII letters of an HTML tag name (html.parser gave them lower already)
    return name.lower() if name.isascii() else name.translate(_ASCII_LOWER), have, ident if isinstance(ident, str) else ""


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def own_style(element: Tag, sheet: Stylesheet) -> dict[str, str]:
    """The element's own declared style: legacy attributes, then stylesheet, then inline style.

    With ``sheet.style_cache`` set, an element's style is worked out once and shared: the
    caller must not change the dict it gets."""
    cache = sheet.style_cache
    if cache is not None:
        known = cache.get(id(element))
        if known is not None:
            return known
    style: dict[str, str] = {}
    bgcolor = element.get("bgcolor")
    if isinstance(bgcolor, str):
        style["background-color"] = bgcolor.strip().lower()
    if element.name == "font":
        color = element.get("color")
        if isinstance(color, str):
            style["color"] = color.strip().lower()
    if element.get("hidden") is not None:
        style["display"] = "none"
    style.update(sheet.declarations_for(element))
    inline = element.get("style")
    if isinstance(inline, str):
        style.update(parse_declarations(inline))
    if "background" in style and "background-color" not in style:
        color = _first_colour(style["background"])
        if color:
            style["background-color"] = color
    if cache is not None:
        cache[id(element)] = style
    return style


@dataclass
class Visibility:
    """What the cascade says about one element."""

    hidden_by: str | None  # "display:none", "visibility:hidden", "opacity:0" on self or an ancestor
    font_size_px: float | None
    color: tuple[int, int, int] | None
    background: tuple[int, int, int] | None


def visibility(element: Tag, sheet: Stylesheet) -> Visibility:
    """Walk from ``element`` up to the root, resolving the inherited properties that hide text."""
    hidden_by: str | None = None
    font_size: float | None = None
    color: tuple[int, int, int] | None = None
    background: tuple[int, int, int] | None = None
    visibility_value: str | None = None  # inherited: the nearest declaration wins
    node: Tag | None = element
    while isinstance(node, Tag) and node.name != "[document]":
        style = own_style(node, sheet)
        if hidden_by is None:
            if style.get("display") == "none":
                hidden_by = "display:none"
            elif _opacity(style.get("opacity")) == 0:
                hidden_by = "opacity:0"
            elif style.get("max-height") in ("0", "0px") and style.get("overflow") == "hidden":
                hidden_by = "max-height:0"
        if visibility_value is None and "visibility" in style:
            visibility_value = style["visibility"]
        if font_size is None and "font-size" in style:
            font_size = _px(style["font-size"])
        if color is None and "color" in style:
            color = parse_colour(style["color"])
        if background is None and "background-color" in style:
            parsed = parse_colour(style["background-color"])
            if parsed is not None:
                background = parsed
        node = node.parent
    if hidden_by is None and visibility_value in ("hidden", "collapse"):
        hidden_by = "visibility:hidden"
    return Visibility(hidden_by, font_size, color, background)


def _opacity(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return float(value.rstrip("%")) / (100 if value.endswith("%") else 1)
    except ValueError:
        return None


def _px(value: str) -> float | None:
    """A font size in CSS pixels; keywords and relative units by their usual defaults."""
    value = value.strip()
    keywords = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0, "large": 18.0}
    if value in keywords:
        return keywords[value]
    match = re.match(r"^(-?[\d.]+)\s*(px|pt|em|rem|%)?$", value)
    if not match:
        return None
    try:
        number = float(match.group(1))
    except ValueError:
        return None
    unit = match.group(2) or "px"
    return {"px": number, "pt": number * 4 / 3, "em": number * 16, "rem": number * 16, "%": number * 0.16}[unit]


_NAMED = {
    "white": (255, 255, 255), "black": (0, 0, 0), "red": (255, 0, 0), "green": (0, 128, 0),
    "blue": (0, 0, 255), "gray": (128, 128, 128), "grey": (128, 128, 128), "silver": (192, 192, 192),
    "yellow": (255, 255, 0), "navy": (0, 0, 128), "maroon": (128, 0, 0), "orange": (255, 165, 0),
    "whitesmoke": (245, 245, 245), "lightgray": (211, 211, 211), "lightgrey": (211, 211, 211),
    "gainsboro": (220, 220, 220), "darkgray": (169, 169, 169), "darkgrey": (169, 169, 169),
    "snow": (255, 250, 250), "ivory": (255, 255, 240), "linen": (250, 240, 230),
}  # fmt: skip
_HEX = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6})\b")
_RGB = re.compile(r"rgba?\(\s*([\d.]+)%?\s*[, ]\s*([\d.]+)%?\s*[, ]\s*([\d.]+)%?\s*(?:[,/]\s*([\d.]+%?))?\s*\)")


def parse_colour(value: str) -> tuple[int, int, int] | None:
    """``#fff``, ``#ffffff``, ``rgb()``/``rgba()`` (alpha 0 -> None) and common names."""
    # Blanks folded and the value cut at 256 characters: ``_RGB``'s ``\s*[, ]\s*`` tries every
    # split of a long run of spaces (quadratic), and no colour is that long.
    value = " ".join(value[:4096].split())[:256].lower()
    if value in ("transparent", "inherit", "initial", "currentcolor", ""):
        return None
    match = _HEX.search(value)
    if match:
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(ch * 2 for ch in digits)
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    match = _RGB.search(value)
    if match:
        alpha = match.group(4)
        if alpha is not None and _opacity(alpha) == 0:
            return None
        return tuple(min(255, int(float(match.group(i)))) for i in (1, 2, 3))  # type: ignore[return-value]
    first = value.split()[0] if value.split() else ""
    return _NAMED.get(first)


def _first_colour(value: str) -> str | None:
    for token in value.split():
        if parse_colour(token) is not None:
            return token
    return None


def contrast_ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG 2.x contrast ratio (1.0 = identical, 21.0 = black on white)."""

    def luminance(rgb: tuple[int, int, int]) -> float:
        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)
