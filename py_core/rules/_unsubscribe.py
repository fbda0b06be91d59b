"""Facts about the draft's unsubscribe mechanism, shared by the ``unsubscribe-*`` rules and
computed once per check (kept in ``ctx.memo``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Link
from ..engine import Context
from ..tables import placeholders
from ..tables.keywords import UNSUBSCRIBE_HREF_RE, UNSUBSCRIBE_RE

#: Link texts that say nothing by themselves ("click here"); the sentence around them decides.
_GENERIC_LINK_TEXT = re.compile(r"^(?:hier|klik hier|click here|here|deze link|this link|link|hier klikken)[.!]?$", re.I)
#: How far around a generic link to look for unsubscribe wording (characters of visible text).
_CONTEXT_CHARS = 80


@dataclass(frozen=True)
class PlaceholderHit:
    """An unsubscribe placeholder of some platform found in the raw draft."""

    platform: str
    text: str
    start: int


def unsubscribe_links(ctx: Context) -> list[Link]:
    """Links that unsubscribe: by their text, their href, a placeholder in the href, or a generic
    text ("klik hier") inside a sentence about unsubscribing."""
    if "unsubscribe_links" in ctx.memo:
        return ctx.memo["unsubscribe_links"]
    found: list[Link] = []
    text = ctx.doc.text
    for link in ctx.doc.links:
        if UNSUBSCRIBE_RE.search(link.text) or UNSUBSCRIBE_HREF_RE.search(link.href) or _placeholder_in(link.href):
            found.append(link)
        elif ctx.doc.text_mode and UNSUBSCRIBE_RE.search(text[max(0, link.start - _CONTEXT_CHARS) : link.start]):
            found.append(link)
        elif _GENERIC_LINK_TEXT.match(link.text or ""):
            around = text[max(0, link.start - _CONTEXT_CHARS) : link.end + _CONTEXT_CHARS]
            if UNSUBSCRIBE_RE.search(around):
                found.append(link)
    ctx.memo["unsubscribe_links"] = found
    return found


def unsubscribe_placeholders(ctx: Context) -> list[PlaceholderHit]:
    """Unsubscribe placeholders of any known platform anywhere in the raw draft."""
    if "unsubscribe_placeholders" in ctx.memo:
        return ctx.memo["unsubscribe_placeholders"]
    hits: list[PlaceholderHit] = []
    for name in placeholders.DIALECTS:
        pattern = placeholders.unsubscribe_pattern(name)
        if pattern is None:
            continue
        for match in pattern.finditer(ctx.raw):
            hits.append(PlaceholderHit(name, match.group(0), match.start()))
    ctx.memo["unsubscribe_placeholders"] = hits
    return hits


def own_placeholders(ctx: Context) -> list[PlaceholderHit]:
    """Unsubscribe placeholders the draft's platform will fill (none in webmail)."""
    if ctx.is_webmail:
        return []
    return [hit for hit in unsubscribe_placeholders(ctx) if hit.platform == ctx.platform or _same_tag(hit, ctx.platform)]


def _same_tag(hit: PlaceholderHit, platform: str) -> bool:
    """Campaign Monitor and Sendy share ``[unsubscribe]``; a platform's own pattern decides."""
    pattern = placeholders.unsubscribe_pattern(platform)
    return bool(pattern and pattern.fullmatch(hit.text))


def _placeholder_in(href: str) -> bool:
    return any(
        (pattern := placeholders.unsubscribe_pattern(name)) is not None and pattern.search(href) for name in placeholders.DIALECTS
    )
