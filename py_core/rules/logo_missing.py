"""Rule ``logo-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import Tag

from ..context import Context
from ..document import attr
from ..model import Finding
from ..registry import Rule
from ..tables.phrases import LOGO_MAX_WIDTH, LOGO_MIN_ASPECT, LOGO_RE
from ._identity import host_of, name_contains, own_domains, registrable

#: The "header area": images before this much visible text (characters). A logo sits above the
#: first paragraph; 200 characters leave room for a preheader and a "view in browser" line.
_HEADER_CHARS = 200
#: The first images always count as the header area: a hidden preheader padded with ``&zwnj;&nbsp;``
#: (Cerberus, Litmus templates) pushes the logo past any fixed text offset.
_HEADER_IMAGES = 2
#: Only the first images are examined: a logo is near the top, and a draft with 10,000 images
#: must not cost 10,000 attribute checks.
_MAX_IMAGES = 300
#: Elements that show an image: HTML, inline SVG, MJML sources, AMP for Email.
_IMAGE_TAGS = ("img", "svg", "mj-image", "amp-img")


class LogoMissing(Rule):
    """No logo in the message.

    Tripolis rule 7: "Verder moeten in het template het logo, de naam en de adresgegevens opgenomen
    zijn." An image counts as the logo when its ``alt``, ``src``, ``class``, ``id`` or ``title`` (or
    that of the link or cell around it) says "logo" (or names the template's logo slot: "header
    image", "company name"), when its alt text is the organisation's name, or when it sits at the
    top of the message and either links to the sender's own site or has a logo's shape (at most
    300 px wide and at least twice as wide as high, by its width/height attributes). Advice
    (info): plain-text mails and personal letters have no logo and need none.

    **Why** Recipients recognise a sender by its logo before they read a word; a familiar logo at
    the top keeps the mail out of the spam folder.

    **Bad** a newsletter that starts with a photo and never shows the organisation's logo

    **Good** ``<a href="https://acme.nl"><img src="acme-logo.png" alt="Acme"></a>`` at the top
    """

    id = "logo-missing"
    title = {"nl": "Logo ontbreekt", "en": "Logo missing"}
    basis = ("tripolis-7",)
    packs = {"nl": "info"}
    order = 190
    messages = {
        "missing": {
            "nl": "Er staat geen logo van de afzender in deze e-mail.",
            "en": "This email shows no logo of the sender.",
        },
    }
    fixes = {
        "missing": {
            "nl": "Zet het logo bovenaan, met de naam van de organisatie als alt-tekst.",
            "en": "Put the logo at the top, with the organisation's name as its alt text.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode and bool(ctx.doc.text.strip() or ctx.doc.by_tag.get("img"))

    def check(self, ctx: Context) -> Iterator[Finding]:
        by_tag = ctx.doc.by_tag
        images = sorted((el for name in _IMAGE_TAGS for el in by_tag.get(name, ())), key=_position)[:_MAX_IMAGES]
        org = ctx.options.org.name.strip()
        for image in images:
            if _says_logo(image) or (
                org and name_contains(attr(image, "alt"), org) and len(attr(image, "alt")) <= 2 * len(org) + 8
            ):
                return
        if not images:
            yield self.finding(ctx, "missing")
            return
        own = own_domains(ctx)
        limit = ctx.doc.element_at(min(_HEADER_CHARS, max(0, len(ctx.doc.text) - 1)))
        for index, image in enumerate(images):
            if index >= _HEADER_IMAGES and limit is not None and _position(image) > _position(limit):
                break
            if _logo_shaped(image):
                return
            link = image.find_parent("a")
            if own and link is not None and registrable(host_of(attr(link, "href"))) in own:
                return
        yield self.finding(ctx, "missing")


def _says_logo(image: Tag) -> bool:
    node: Tag | None = image
    for _ in range(3):  # the image, its link or cell, and one more wrapper
        if node is None or not isinstance(node, Tag):
            break
        for name in ("alt", "src", "class", "id", "title", "aria-label", "mc:label", "mc:edit"):
            if LOGO_RE.search(attr(node, name)):
                return True
        node = node.parent
    return False


def _logo_shaped(image: Tag) -> bool:
    """Small and wide, by its width/height attributes (a logo slot such as 200x50)."""
    try:
        width = float(attr(image, "width").strip().removesuffix("px"))
        height = float(attr(image, "height").strip().removesuffix("px"))
    except ValueError:
        return False
    return 0 < width <= LOGO_MAX_WIDTH and height > 0 and width / height >= LOGO_MIN_ASPECT


def _position(element: Tag) -> tuple[int, int]:
    """Where the element starts in the source (html.parser records it): cheaper than indexing
    every element to compare document order."""
    return (element.sourceline or 0, element.sourcepos or 0)
