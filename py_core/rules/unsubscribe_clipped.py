"""Rule ``unsubscribe-clipped``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ._unsubscribe import own_placeholders, unsubscribe_links

#: Gmail shows only the first ~102 KB of a message's HTML and hides the rest behind "[Message
#: clipped] View entire message" (REFERENCES.md; Gmail has never published the exact figure,
#: email developers measure it at 102 KiB). 102 x 1024 bytes of UTF-8.
CLIP_BYTES = 102 * 1024
_NEWLINE = re.compile("\n")


class UnsubscribeClipped(Rule):
    """Every unsubscribe link sits past the point where Gmail clips the message.

    Gmail cuts an HTML message after about 102 KB and shows "[Message clipped] View entire
    message"; whatever comes later, usually the footer with the unsubscribe link, is out of sight
    until the reader clicks through. The offset is measured in UTF-8 bytes of the draft's HTML up
    to the link's opening tag (a platform's unsubscribe code in the text counts the same way). One
    unsubscribe link before the point is enough. The sent message is usually larger than the
    draft (tracking links, the platform's own code), so a draft near the limit is at risk too.

    **Why** A footer link behind "View entire message" is an opt-out most readers never see; the
    Gmail/Yahoo bulk sender rules ask for a visible unsubscribe link in the body.

    **Bad** a 150 KB newsletter whose only ``Afmelden`` link is in the footer at byte 140,000

    **Good** a lighter email (images hosted, CSS not repeated), or an unsubscribe link near the top
    ("Geen interesse meer? Afmelden") as well as in the footer
    """

    id = "unsubscribe-clipped"
    title = {"nl": "Afmeldlink valt weg in Gmail", "en": "Unsubscribe link clipped by Gmail"}
    basis = ("gmail-clipping", "bulk-sender", "tripolis-6", "tripolis-technical")
    packs = {
        "nl": "warning",
        "bulk-sender": "error",
    }
    order = 130
    messages = {
        "clipped": {
            "nl": "De afmeldlink '{text}' staat na {offset} KB; Gmail knipt het bericht af na ongeveer {limit} KB, dus de lezer ziet hem niet zonder 'Volledig bericht weergeven'.",
            "en": "The unsubscribe link '{text}' comes after {offset} KB; Gmail clips the message at about {limit} KB, so readers do not see it without 'View entire message'.",
        },
    }
    fixes = {
        "clipped": {
            "nl": "Maak de e-mail kleiner (minder HTML, CSS niet herhalen, afbeeldingen niet ingebed) of zet ook bovenaan een afmeldlink.",
            "en": "Make the email smaller (less HTML, no repeated CSS, no embedded images) or also put an unsubscribe link near the top.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode

    def check(self, ctx: Context) -> Iterator[Finding]:
        doc = ctx.doc
        if doc.size_bytes() <= CLIP_BYTES:
            return  # nothing can sit past the point: the cheap, common case
        offsets = _ByteOffsets(doc.raw)
        # (byte offset, element or None, span in visible text or None, label)
        mechanisms: list[tuple[int, Tag | None, tuple[int, int] | None, str]] = []
        for link in unsubscribe_links(ctx):
            element = link.element
            if element is None or element.sourceline is None or element.sourcepos is None:
                continue
            offset = offsets.at(element.sourceline, element.sourcepos)
            mechanisms.append((offset, element, None, link.text or link.href[:60]))
        linked = {link.href for link in unsubscribe_links(ctx)}
        for hit in own_placeholders(ctx):
            if hit.start >= len(ctx.draft.html) or any(hit.text in href for href in linked):
                continue  # in the plain-text part, or the href of a link counted above
            offset = len(ctx.draft.html[: hit.start].encode("utf-8", "surrogatepass"))
            where = doc.text.find(hit.text)
            span = (where, where + len(hit.text)) if where >= 0 else None
            mechanisms.append((offset, None, span, hit.text))
        if not mechanisms or any(offset <= CLIP_BYTES for offset, *_ in mechanisms):
            return
        limit = CLIP_BYTES // 1024
        for offset, element, span, label in mechanisms:
            params = {"text": label, "offset": offset // 1024, "limit": limit}
            if element is not None:
                yield self.finding(ctx, "clipped", element=element, **params)
            elif span is not None:
                yield self.finding(ctx, "clipped", span=span, **params)
            else:
                yield self.finding(ctx, "clipped", evidence=label, **params)


class _ByteOffsets:
    """UTF-8 byte offsets of (line, column) positions in the parsed source, computed on demand."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.ascii = raw.isascii()
        self._line_starts: list[int] | None = None
        #: (character offset, byte offset) of the last answer: later positions encode only the gap.
        self._last = (0, 0)

    def at(self, line: int, column: int) -> int:
        if self._line_starts is None:
            self._line_starts = [0, *(m.end() for m in _NEWLINE.finditer(self.raw))]
        starts = self._line_starts
        char = (starts[line - 1] if 0 < line <= len(starts) else 0) + column
        if self.ascii:
            return char
        last_char, last_byte = self._last
        if char < last_char:
            last_char, last_byte = 0, 0
        offset = last_byte + len(self.raw[last_char:char].encode("utf-8", "surrogatepass"))
        self._last = (char, offset)
        return offset
