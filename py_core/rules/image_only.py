"""Rule ``image-only``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from ..context import Context
from ..css import parse_declarations
from ..document import attr
from ..model import Finding
from ..registry import Rule

#: Visible text below this many UTF-8 bytes counts as "no text". SpamAssassin's HTML_IMAGE_ONLY_04
#: ("HTML: images with 0-400 bytes of words", rules/20_html_tests.cf) scores a message with images
#: and 0-400 bytes of text; its bands go up to 3,200 bytes (HTML_IMAGE_ONLY_32). 400 bytes is
#: about 60 words, roughly a footer. A rule of thumb from one filter, not a published limit.
MAX_TEXT_BYTES = 400
#: Images carry the content when there are at least this many, or one is banner-sized. Two
#: images of unknown size are often a logo and a header picture above a short text that IS the
#: message (a coupon code): not enough to call the email image-only.
MIN_IMAGES = 3
#: A "banner" is at least this wide or high (CSS px): a flyer or poster, not a logo (email logos
#: are typically 100-250 px wide; the usual email body is 600 px wide).
BANNER_PX = 300
#: Images this small in either direction are tracking pixels or spacers, not content.
PIXEL_PX = 2
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px|%)?\s*$", re.I)


class ImageOnly(Rule):
    """The email is (nearly) all image: hardly any text while pictures carry the message.

    Reported when the visible text is under 400 bytes (about 60 words, SpamAssassin's lowest
    HTML_IMAGE_ONLY band) while at least three images, or one banner-sized image (300 px or more
    wide or high, or 50% or more), carry the content; one or two images of unknown size may be a
    logo and a header above a short text that is the message, so they are not reported. Tracking pixels and spacers (2 px or less) do not count. The
    threshold is a rule of thumb: spam filters weigh the text-to-image balance, and a mail that is
    one big picture is a classic spam pattern.

    An image the recipient can never load is reported too (issue 9; Tripolis: "Zorg ervoor dat de
    content technisch in orde is"): a source on the author's own computer (``file:///C:/…``,
    ``C:\\…``, ``\\\\server\\…``), or no source at all on an image of content size. The author sees it
    in the editor; the recipient sees an empty box where the picture (and its message) should be.
    Spacers and tracking pixels without a source are left alone.

    **Why** Filters cannot read text in images and distrust mails that are one picture; many
    readers see no images by default, and screen readers read only the alt text, so the message
    and the legally required information (who sends it, how to unsubscribe) may not reach them.

    **Bad** ``<img src="https://voorbeeld.nl/flyer.jpg" width="600"><p><a href="…">Afmelden</a></p>``

    **Good** the offer written out as text, with the image as illustration and a meaningful ``alt``
    """

    id = "image-only"
    title = {"nl": "E-mail bestaat (bijna) alleen uit afbeeldingen", "en": "Email is (nearly) images only"}
    basis = ("bulk-sender", "tripolis-technical")
    packs = {
        "nl": "info",  # deliverability advice; neither guideline names it
        "bulk-sender": "warning",
    }
    order = 200
    messages = {
        "image-local": {
            "nl": "Deze afbeelding staat op de eigen computer ({src}): de ontvanger ziet een leeg vak in plaats van de afbeelding.",
            "en": "This image is on the author's own computer ({src}): the recipient sees an empty box instead of the picture.",
        },
        "image-empty": {
            "nl": 'Deze afbeelding heeft een lege bron (src=""): de ontvanger ziet een leeg vak in plaats van de afbeelding.',
            "en": 'This image has an empty source (src=""): the recipient sees an empty box instead of the picture.',
        },
        "image-only": {
            "nl": "Deze e-mail heeft {images} afbeelding(en) en maar {words} woorden tekst: spamfilters wantrouwen dat, en wie geen afbeeldingen ziet mist de boodschap.",
            "en": "This email has {images} image(s) and only {words} words of text: spam filters distrust that, and readers who see no images miss the message.",
        },
    }
    fixes = {
        "image-local": {
            "nl": "Upload de afbeelding naar je mailplatform of website en gebruik dat webadres (https://…) als bron.",
            "en": "Upload the image to your mail platform or website and use that web address (https://…) as its source.",
        },
        "image-empty": {
            "nl": "Kies de afbeelding opnieuw in de editor, of haal het lege afbeeldingsvak weg.",
            "en": "Choose the image again in the editor, or remove the empty image block.",
        },
        "image-only": {
            "nl": "Schrijf de belangrijkste boodschap als tekst uit en gebruik de afbeelding als illustratie, met een goede alt-tekst.",
            "en": "Write the main message out as text and use the image as an illustration, with a good alt text.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode and bool(ctx.doc.by_tag.get("img"))

    def check(self, ctx: Context) -> Iterator[Finding]:
        yield from self._unreachable(ctx)
        yield from self._image_only(ctx)

    def _unreachable(self, ctx: Context) -> Iterator[Finding]:
        for img in ctx.doc.by_tag.get("img", []):
            src = attr(img, "src").strip()
            if _LOCAL_SRC.match(src):
                yield self.finding(ctx, "image-local", element=img, src=src[:80])
            elif not src and img.get("src") is not None and _is_visible_content_size(img):
                yield self.finding(ctx, "image-empty", element=img)

    def _image_only(self, ctx: Context) -> Iterator[Finding]:
        text = ctx.doc.text
        if len(text) >= MAX_TEXT_BYTES * 4 or len(text.encode("utf-8", "surrogatepass")) >= MAX_TEXT_BYTES:
            return  # cheap exit for every ordinary email (a UTF-8 character is at most 4 bytes)
        folded = " ".join(text.split())
        if len(folded.encode("utf-8", "surrogatepass")) >= MAX_TEXT_BYTES:
            return
        images = [img for img in ctx.doc.by_tag.get("img", []) if _is_content(img)]
        if not images:
            return
        banner = next((img for img in images if _is_banner(img)), None)
        if len(images) < MIN_IMAGES and banner is None:
            return
        yield self.finding(ctx, "image-only", element=banner or images[0], images=len(images), words=len(folded.split()))


#: A source only the author's computer can load: a ``file:`` URL, a Windows drive or UNC path.
_LOCAL_SRC = re.compile(r"(?i)^(?:file:|[a-z]:[\\/]|\\\\)")


def _is_visible_content_size(img: Tag) -> bool:
    """Not hidden by its own style and not a spacer or pixel (2 px or less in either direction)."""
    if img.get("hidden") is not None:
        return False
    style = parse_declarations(attr(img, "style")) if img.get("style") else {}
    if style.get("display") == "none" or style.get("visibility") == "hidden":
        return False
    for name in ("width", "height"):
        size = _size(img, name)
        if size is not None and not size[1] and size[0] <= PIXEL_PX:
            return False
    return True


def _size(img: Tag, name: str) -> tuple[float, bool] | None:
    """The declared width or height as (number, is_percent), inline style before the attribute."""
    style = parse_declarations(attr(img, "style")) if img.get("style") else {}
    for value in (style.get(name), attr(img, name)):
        if value:
            match = _NUMBER.match(value)
            if match:
                return float(match.group(1)), (match.group(2) or "") == "%"
    return None


def _is_content(img: Tag) -> bool:
    """Not a tracking pixel or spacer, not hidden by its own style, and has a source."""
    return bool(attr(img, "src").strip()) and _is_visible_content_size(img)


def _is_banner(img: Tag) -> bool:
    for name in ("width", "height"):
        size = _size(img, name)
        if size is not None and (size[0] >= 50 if size[1] else size[0] >= BANNER_PX):
            return True
    return False
