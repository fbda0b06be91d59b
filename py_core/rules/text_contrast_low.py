"""Rule ``text-contrast-low``."""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from ..context import Context
from ..css import contrast_ratio, own_style, visibility
from ..model import Finding
from ..registry import Rule

#: At most this many text elements are judged (the cascade is walked per element).
MAX_ELEMENTS = 3000
#: Text at least this large (CSS px) needs 3:1, smaller text 4.5:1 (WCAG 1.4.3; 18 pt = 24 px,
#: 14 pt bold = 18.66 px: bold is not read here, so 18.66 px counts as large, the lenient side).
LARGE_PX = 18.66


#: ``<font size="1"…"7">`` in CSS px (HTML's legacy sizes; 3 is the default).
_FONT_SIZES = {1: 10.0, 2: 13.0, 3: 16.0, 4: 18.0, 5: 24.0, 6: 32.0, 7: 48.0}


def _font_tag_px(element: Tag) -> float | None:
    """The size a ``<font size>`` on the element or its nearest such ancestor gives, or None."""
    font = element if element.name == "font" and element.get("size") else element.find_parent("font", size=True)
    if font is None:
        return None
    raw = str(font.get("size") or "").strip()
    try:
        value = 3 + int(raw) if raw[:1] in "+-" else int(raw)
    except ValueError:
        return None
    return _FONT_SIZES[min(7, max(1, value))]


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _unknown_ground(element: Tag, ctx: Context) -> bool:
    """True when a link's own colour is not declared (the client's link colour applies) or a
    background image lies behind the text (its colours are unknown). A background colour declared
    between the text and an image further up covers that image (a grey ``<tr bgcolor>`` on a
    ``<body background>``): the text's ground is that colour."""
    sheet = ctx.doc.stylesheet
    node: Tag | None = element
    covered = False
    while isinstance(node, Tag) and node.name != "[document]":
        style = own_style(node, sheet)
        if node.name == "a" and "color" not in style:
            return True
        if not covered:
            if node.get("background") is not None or "url(" in style.get("background", "") or "background-image" in style:
                return True
            covered = "background-color" in style and style["background-color"] not in ("transparent", "none", "inherit", "")
        node = node.parent
    return False


class TextContrastLow(Rule):
    """Text whose colour contrasts too little with its background (below 4.5:1, large text 3:1).

    Colours are read from the draft itself: ``color`` and ``background-color`` (and ``bgcolor``,
    ``<font color>``) in inline styles and the draft's ``<style>`` rules, inherited as a browser
    does. Only text whose colour and background are both declared is judged; text in a link with no
    colour of its own (the mail client colours it), text over a background image, hidden text and
    text in the same colour as its background (a hidden preheader: another matter) are left alone.
    ``<font size>`` counts (5 = 24 px and up are large). Text of 18.66 px and more (14 pt bold; bold is not read, so all such text), and ``<h1>``/``<h2>``
    without a declared size, count as large text.
    One finding per colour pair, located at its first text. Advice (pack ``accessibility``;
    European Accessibility Act, Directive (EU) 2019/882, via WCAG 2.1).

    WCAG 2.1 success criterion 1.4.3 Contrast (Minimum) (level AA): "The visual presentation of
    text and images of text has a contrast ratio of at least 4.5:1, except for [...] Large-scale
    text and images of large-scale text have a contrast ratio of at least 3:1".

    **Why** Light grey footer text on white is unreadable for many recipients, on a phone in the sun
    for everyone, and the footer is where the unsubscribe link and the address are.

    **Bad** ``<p style="color:#aaaaaa; background:#ffffff">Afmelden</p>`` (2.3:1)

    **Good** ``<p style="color:#595959; background:#ffffff">Afmelden</p>`` (7:1)
    """

    id = "text-contrast-low"
    title = {"nl": "Te weinig contrast tussen tekst en achtergrond", "en": "Too little contrast between text and background"}
    basis = ("wcag-1.4.3", "eaa")
    packs = {"accessibility": "info"}
    order = 300
    messages = {
        "low": {
            "nl": "Tekst in {fg} op {bg} heeft een contrast van {ratio}:1 (minimaal {need}:1).",
            "en": "Text in {fg} on {bg} has a contrast of {ratio}:1 (at least {need}:1 needed).",
        },
    }
    fixes = {
        "low": {
            "nl": "Maak de tekst donkerder of de achtergrond lichter, tot minstens {need}:1.",
            "en": "Make the text darker or the background lighter, to at least {need}:1.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode

    def check(self, ctx: Context) -> Iterator[Finding]:
        sheet = ctx.doc.stylesheet
        seen: set[int] = set()
        pairs: set[tuple[tuple[int, int, int], tuple[int, int, int]]] = set()
        judged = 0
        for _offset, node in ctx.doc.segments:
            if not node.strip():
                continue
            element = node.parent
            if not isinstance(element, Tag) or id(element) in seen:
                continue
            seen.add(id(element))
            judged += 1
            if judged > MAX_ELEMENTS:
                return
            seen_style = visibility(element, sheet)
            if seen_style.hidden_by or seen_style.color is None or seen_style.background is None:
                continue
            if seen_style.font_size_px is not None and seen_style.font_size_px <= 2:
                continue
            ratio = contrast_ratio(seen_style.color, seen_style.background)
            size = seen_style.font_size_px or _font_tag_px(element)
            if size is None and (element.name in ("h1", "h2") or element.find_parent(["h1", "h2"]) is not None):
                size = 24.0  # a browser's h1 (2em) and h2 (1.5em) are large text
            large = size is not None and size >= LARGE_PX
            need = 3.0 if large else 4.5
            if ratio >= need or ratio < 1.1:
                continue
            pair = (seen_style.color, seen_style.background)
            if pair in pairs or _unknown_ground(element, ctx):
                continue
            pairs.add(pair)
            yield self.finding(
                ctx,
                "low",
                element=element,
                fg=_hex(pair[0]),
                bg=_hex(pair[1]),
                ratio=f"{int(ratio * 10) / 10:.1f}",
                need=f"{need:g}",
            )
