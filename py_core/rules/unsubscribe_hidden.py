"""Rule ``unsubscribe-hidden``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import NavigableString, Tag

from ..context import Context
from ..css import Stylesheet, contrast_ratio, own_style, parse_colour, visibility
from ..model import Finding
from ..registry import Rule
from ._unsubscribe import own_placeholders, unsubscribe_links

#: Smallest font size read as visible text. Below 8 CSS px text is a speck; no email guide or
#: client treats it as readable (Apple Mail and iOS enlarge text under 13 px, Gmail's minimum
#: rendered size is 8 px in practice). Mailwacht's threshold, not a standard.
MIN_FONT_PX = 8.0
#: Below this WCAG 2.x contrast ratio (relative luminance, (L1 + 0.05) / (L2 + 0.05)) text and
#: background are "the same colour" for a reader. WCAG's own minimum for readable text is 4.5:1
#: (3:1 for large text, SC 1.4.3); 1.5:1 is far below that, e.g. #eeeeee on white is 1.16:1 and
#: #cccccc on white 1.61:1. The rule flags only the invisible; low but visible contrast is an
#: accessibility matter, not a hidden opt-out.
MIN_CONTRAST = 1.5
#: The colour user agents give an unvisited link that sets none itself (HTML Living Standard,
#: rendering section: ``:link { color: #0000EE }``); links do not inherit their parent's colour.
LINK_BLUE = (0, 0, 238)
#: What is behind the email when nothing sets a background: the reader's white page.
PAGE_WHITE = (255, 255, 255)
#: Links judged at most (a real email has one to three unsubscribe links) and the deepest link
#: judged (real templates nest some 30 elements; resolving styles costs per ancestor).
MAX_LINKS = 50
MAX_DEPTH = 400


class UnsubscribeHidden(Rule):
    """The unsubscribe link is there, but a reader cannot see it.

    Reported when NO unsubscribe link is visible (one visible link is enough; a hidden duplicate,
    such as the desktop copy of a mobile footer, does no harm). A link counts as hidden when it or
    a parent is ``display:none``, ``visibility:hidden``, ``opacity:0`` or a zero-height clipped box
    (inline style or the draft's own ``<style>`` rules outside ``@media``), when its text is smaller
    than 8 px, or when its colour is (nearly) the background's: a WCAG contrast ratio below 1.5:1.
    Links set their own colour (user agents make an uncoloured link blue), so the link's colour is
    read from the link and what is inside it, the background from the nearest parent that has one.

    **Why** CAN-SPAM asks for a "clear and conspicuous" opt-out, CASL for one set out "clearly and
    prominently"; Carerix asks for "een duidelijke mogelijkheid". White-on-white or 1-pixel text is
    an opt-out in name only.

    **Bad** ``<a href="https://voorbeeld.nl/afmelden" style="color:#ffffff">Afmelden</a>`` on white

    **Good** ``<a href="https://voorbeeld.nl/afmelden" style="color:#555555">Afmelden</a>``
    """

    id = "unsubscribe-hidden"
    title = {"nl": "Afmeldlink is niet zichtbaar", "en": "Unsubscribe link is not visible"}
    basis = ("carerix-optin", "can-spam", "casl", "tripolis-6")
    packs = {
        "nl": "warning",
        "us-can-spam": "error",  # "clear and conspicuous"
        "ca-casl": "error",  # "clearly and prominently"
        "bulk-sender": "warning",
        "be": "warning",  # XII.13: "duidelijke en begrijpelijke informatie"
    }
    pack_basis = {"be": ("be-wer-xii-13",)}
    order = 70
    messages = {
        "hidden": {
            "nl": "De afmeldlink '{text}' is verborgen ({how}): de lezer ziet hem niet.",
            "en": "The unsubscribe link '{text}' is hidden ({how}): the reader does not see it.",
        },
        "tiny": {
            "nl": "De afmeldlink '{text}' is {size} px groot: te klein om te lezen (minimaal {minimum} px).",
            "en": "The unsubscribe link '{text}' is {size} px: too small to read (at least {minimum} px).",
        },
        "contrast": {
            "nl": "De afmeldlink '{text}' heeft bijna dezelfde kleur als de achtergrond ({color} op {background}, contrast {ratio}:1).",
            "en": "The unsubscribe link '{text}' has nearly the colour of its background ({color} on {background}, contrast {ratio}:1).",
        },
    }
    _fix = {
        "nl": "Maak de afmeldlink duidelijk zichtbaar: normale lettergrootte en een kleur die afsteekt tegen de achtergrond.",
        "en": "Make the unsubscribe link clearly visible: a normal font size and a colour that stands out from the background.",
    }
    fixes = dict.fromkeys(messages, _fix)

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode

    def check(self, ctx: Context) -> Iterator[Finding]:
        links = [link for link in unsubscribe_links(ctx) if link.element is not None]
        if not links:
            return
        # A platform's unsubscribe code standing in the text (Mautic's {unsubscribe_text}) is
        # turned into a link by the platform; it counts as visible.
        if any(hit.text in ctx.doc.text for hit in own_placeholders(ctx)):
            return
        keyed = _KeyedSheet(ctx.doc.stylesheet) if ctx.doc.stylesheet.rules else ctx.doc.stylesheet
        problems = []
        for link in links[:MAX_LINKS]:
            if _deeper_than(link.element, MAX_DEPTH):  # type: ignore[arg-type]
                return  # hostile nesting: cannot be judged at a sane cost, so no claim is made
            problem = _problem(link.element, keyed)  # type: ignore[arg-type]
            if problem is None:
                return  # one visible unsubscribe link is enough
            problems.append((link, problem))
        for link, (key, params) in problems:
            yield self.finding(ctx, key, element=link.element, text=link.text or link.href[:60], **params)


_COMBINATOR = re.compile(r"\s*[>+~]\s*|\s+")
_TAG = re.compile(r"^[A-Za-z][\w-]*")
_CLASS = re.compile(r"\.([\w-]+)")
_ID = re.compile(r"#([\w-]+)")
#: A selector that is a single compound of an ASCII tag, classes and an id, nothing else (no
#: escapes, attributes, pseudo-classes or combinators): valid CSS that soupsieve matches by
#: exactly the tag/class/id test of :func:`_has`.
_SIMPLE = re.compile(r"(?:[A-Za-z][A-Za-z0-9-]*)?(?:\.[A-Za-z_][A-Za-z0-9_-]*|#[A-Za-z_][A-Za-z0-9_-]*)*")


_Key = tuple[str | None, frozenset[str], str | None]
#: The properties ``css.own_style``/``css.visibility`` read.
_VISIBILITY_PROPERTIES = frozenset(
    {
        "display",
        "visibility",
        "opacity",
        "font-size",
        "color",
        "background",
        "background-color",
        "background-image",
        "max-height",
        "overflow",
    }
)

#: Any of those names anywhere in a text: one scan instead of one ``in`` per name.
_VISIBILITY_NAME = re.compile("|".join(re.escape(name) for name in sorted(_VISIBILITY_PROPERTIES)))


def _may_set_visibility(body: str | None) -> bool:
    """False when the block's text cannot declare a property of :data:`_VISIBILITY_PROPERTIES`
    (none is in it), so its declarations need not be parsed; True when it may, or is unknown."""
    if body is None:
        return True
    return _VISIBILITY_NAME.search(body.lower()) is not None


def _compound_key(compound: str) -> _Key:
    tag = _TAG.match(compound)
    ident = _ID.search(compound)
    return (tag.group(0).lower() if tag else None, frozenset(_CLASS.findall(compound)), ident.group(1) if ident else None)


def _key(selector: str) -> tuple[_Key, list[_Key]]:
    """What an element must have to match ``selector``'s last compound, and what its ancestors
    must have between them for the earlier compounds (none when a sibling combinator is used)."""
    compounds = [part for part in _COMBINATOR.split(selector.strip()) if part]
    last = _compound_key(compounds[-1] if compounds else "")
    earlier = [] if ("+" in selector or "~" in selector) else [_compound_key(part) for part in compounds[:-1]]
    return last, earlier


def _has(key: _Key, name: str, classes: set[str] | frozenset[str], own_id: str) -> bool:
    tag, needed, ident = key
    return (tag is None or tag == name) and needed <= classes and (ident is None or ident == own_id)


def _facts(element: Tag) -> tuple[str, set[str], str]:
    classes = element.get("class") or []
    return element.name, set(classes if isinstance(classes, list) else str(classes).split()), str(element.get("id") or "")


class _KeyedSheet(Stylesheet):
    """The draft's stylesheet, trying on each element only the rules it can match by a cheap
    test before soupsieve's full match (~10-100 µs a try: a template's 50 rules times 20
    ancestors made this rule cost more than parsing the draft). Rules are filed by the id, a
    class or the tag of their last compound, as browsers' style engines do; the earlier compounds
    must be found among the element's ancestors. Answers are kept per element for this check."""

    def __init__(self, sheet: Stylesheet) -> None:
        # Only rules that set something ``css.visibility`` reads can hide a link; email CSS is
        # mostly resets (margins, borders, table spacing) that need no matching at all.
        super().__init__(
            rules=[
                rule
                for rule in sheet.rules
                if _may_set_visibility(rule.body) and _VISIBILITY_PROPERTIES.intersection(rule.declarations)
            ]
        )
        self.keys = [_key(rule.selector) for rule in self.rules]
        #: Rules whose selector is one plain compound (``td``, ``.btn``, ``a.footer#x``): the
        #: cheap test below decides them exactly, so soupsieve is not asked.
        self.simple = [
            bool(rule.selector) and _SIMPLE.fullmatch(rule.selector) is not None and rule.selector.count("#") <= 1
            for rule in self.rules
        ]
        self.by_id: dict[str, list[int]] = {}
        self.by_class: dict[str, list[int]] = {}
        self.by_tag: dict[str, list[int]] = {}
        self.anywhere: list[int] = []
        for index, ((tag, classes, ident), _earlier) in enumerate(self.keys):
            if ident is not None:
                self.by_id.setdefault(ident, []).append(index)
            elif classes:
                self.by_class.setdefault(min(classes), []).append(index)
            elif tag is not None:
                self.by_tag.setdefault(tag, []).append(index)
            else:
                self.anywhere.append(index)
        self.answers: dict[int, dict[str, str]] = {}
        # This rule only reads styles: each element's own style is worked out once per check
        # (the cascade of every link climbs the same ancestors up to three times).
        self.style_cache = {}

    def declarations_for(self, element: Tag) -> dict[str, str]:
        known = self.answers.get(id(element))
        if known is not None:
            return known
        name, have, own_id = _facts(element)
        indexes = set(self.anywhere)
        indexes.update(self.by_tag.get(name, ()))
        if own_id:
            indexes.update(self.by_id.get(own_id, ()))
        for cls in have:
            indexes.update(self.by_class.get(cls, ()))
        ancestors: list[tuple[str, set[str], str]] | None = None
        wanted = []
        for index in sorted(indexes):  # source order: later rules win
            last, earlier = self.keys[index]
            if not _has(last, name, have, own_id):
                continue
            if earlier:
                if ancestors is None:
                    ancestors = []
                    node = element.parent
                    while isinstance(node, Tag) and node.name != "[document]":
                        ancestors.append(_facts(node))
                        node = node.parent
                if not all(any(_has(key, *facts) for facts in ancestors) for key in earlier):
                    continue
            wanted.append(index)
        answer: dict[str, str] = {}
        for index in wanted:  # source order, as Stylesheet.declarations_for
            rule = self.rules[index]
            if self.simple[index]:
                answer.update(rule.declarations)
            else:
                answer.update(Stylesheet(rules=[rule]).declarations_for(element))
        self.answers[id(element)] = answer
        return answer


def _deeper_than(element: Tag, limit: int) -> bool:
    node = element.parent
    depth = 0
    while node is not None:
        depth += 1
        if depth > limit:
            return True
        node = node.parent
    return False


def _problem(link: Tag, sheet: Stylesheet) -> tuple[str, dict[str, object]] | None:
    """Why ``link`` cannot be seen, as (message key, parameters), or None when it can."""
    inner = _text_holder(link)
    seen = visibility(inner if inner is not None else link, sheet)
    if seen.hidden_by:
        return "hidden", {"how": seen.hidden_by}
    if inner is None:
        return None  # an image link: its picture is what the reader sees
    if seen.font_size_px is not None and seen.font_size_px < MIN_FONT_PX:
        return "tiny", {"size": _number(seen.font_size_px), "minimum": _number(MIN_FONT_PX)}
    color = _link_colour(inner, link, sheet, seen.color)
    background = seen.background or PAGE_WHITE
    ratio = contrast_ratio(color, background)
    if ratio < MIN_CONTRAST and not _over_image(inner, sheet):
        return "contrast", {"color": _hex(color), "background": _hex(background), "ratio": f"{ratio:.2f}"}
    return None


def _over_image(element: Tag, sheet: Stylesheet) -> bool:
    """True when a background image lies behind the text before any background colour does:
    white text on a photo is readable, and the picture's colours are unknown here."""
    node: Tag | None = element
    while isinstance(node, Tag) and node.name != "[document]":
        if node.get("background"):
            return True
        style = own_style(node, sheet)
        if "url(" in style.get("background-image", "") or "url(" in style.get("background", ""):
            return True
        if "background-color" in style and parse_colour(style["background-color"]) is not None:
            return False
        node = node.parent
    return False


def _text_holder(link: Tag) -> Tag | None:
    """The element holding the link's first visible text (the link itself or an element inside)."""
    for node in link.descendants:
        if isinstance(node, NavigableString) and type(node) is NavigableString and node.strip():
            parent = node.parent
            return parent if isinstance(parent, Tag) else link
    return None


def _link_colour(inner: Tag, link: Tag, sheet: Stylesheet, cascaded: tuple[int, int, int] | None) -> tuple[int, int, int]:
    """The colour the link's text is drawn in: the nearest colour set on the text's element up
    to the link itself; without one, the user agent's link blue (unless the link says inherit)."""
    node: Tag | None = inner
    while isinstance(node, Tag):
        value = own_style(node, sheet).get("color")
        if value:
            if value in ("inherit", "currentcolor"):
                if node is link:
                    return cascaded or (0, 0, 0)
            else:
                parsed = parse_colour(value)
                if parsed is not None:
                    return parsed
        if node is link:
            break
        node = node.parent
    return LINK_BLUE


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")
