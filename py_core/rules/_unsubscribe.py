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
_GENERIC_LINK_TEXT = re.compile(
    r"^(?:hier|klik hier|hier klikken|deze link|click here|here|this link|link|klicken sie hier|ici|cliquez ici)[.!]?$",
    re.I,
)
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
    found = placeholder_tokens(ctx)
    if found:
        joined = placeholders.join_tokens(found)  # once for all the dialects below
        for name in placeholders.DIALECTS:
            pattern = placeholders.unsubscribe_pattern(name)
            if pattern is None:
                continue
            for start, text in placeholders.find_in_tokens(pattern, found, joined):
                hits.append(PlaceholderHit(name, text, start))
    ctx.memo["unsubscribe_placeholders"] = hits
    return hits


def placeholder_tokens(ctx: Context) -> list[tuple[int, str]]:
    """Stretches of the raw draft that may be placeholders (``placeholders.tokens``), once per check."""
    if "placeholder_tokens" not in ctx.memo:
        ctx.memo["placeholder_tokens"] = placeholders.tokens(ctx.raw)
    return ctx.memo["placeholder_tokens"]


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
    return ANY_UNSUBSCRIBE_PLACEHOLDER.search(href) is not None


# -- shared by unsubscribe-broken, -manual, -hidden, -clipped and placeholder-unresolved ----------

#: Any placeholder of any dialect, or of the generic template syntaxes (``{{…}}``, ``*|…|*``, …).
_ANY = "|".join(f"(?:{d.syntax})" for d in placeholders.DIALECTS.values()) + f"|(?:{placeholders.GENERIC_SYNTAX})"
ANY_PLACEHOLDER = re.compile(_ANY)
#: Any platform's unsubscribe placeholder (for hrefs; ``unsubscribe_placeholders`` says which).
_ANY_UNSUB = "|".join(f"(?:{p})" for d in placeholders.DIALECTS.values() for p in d.unsubscribe)
ANY_UNSUBSCRIBE_PLACEHOLDER = re.compile(_ANY_UNSUB, re.I)
#: Host names that can never receive a click: RFC 2606 / RFC 6761 reserved names (example.com,
#: .org, .net, the ``example``/``test``/``invalid``/``localhost`` top-level names) and loopback.
_RESERVED_HOST = re.compile(
    r"^(?:(?:[\w-]+\.)*example\.(?:com|org|net)|(?:[\w-]+\.)*(?:example|test|invalid|localhost)|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\]|::1)$",
    re.I,
)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)


def href_problem(href: str) -> str | None:
    """Why an unsubscribe href goes nowhere (``empty``, ``anchor``, ``javascript``, ``example``,
    ``localhost``, ``no-host``, ``relative``), or None when it may work. Placeholders and
    ``mailto:`` are not judged here (placeholder rules and ``unsubscribe-manual`` do that)."""
    href = href.strip()
    if not href:
        return "empty"
    if ANY_PLACEHOLDER.search(href):
        return None
    if href.startswith("#"):
        return "anchor"
    match = _SCHEME.match(href)
    scheme = match.group(1).lower() if match else ""
    if scheme == "javascript":
        return "javascript"
    if scheme in ("mailto", "tel", "sms"):
        return None
    if scheme in ("http", "https"):
        rest = href[match.end() :] if match else href
        if not rest.startswith("//"):
            return "no-host"
        authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
        host = authority.rpartition("@")[2]
        if not host.startswith("["):
            host = host.split(":", 1)[0]
        host = host.rstrip(".")
        if not host:
            return "no-host"
        if _RESERVED_HOST.match(host):
            return "localhost" if re.match(r"^(?:localhost|127\.|0\.0\.0\.0|\[?::1)", host, re.I) else "example"
        return None
    if scheme:
        return None  # another scheme (an app link, a platform's own): not ours to judge
    # No scheme at all: an email has no base address, so ``afmelden.html`` or ``/unsubscribe``
    # leads nowhere once it leaves the editor.
    return "relative"


def carries_own_tag(ctx: Context, link: Link) -> bool:
    """True when the link wraps the platform's own unsubscribe tag (Campaign Monitor and Sendy
    write ``<unsubscribe>…</unsubscribe>``), which the platform turns into the real link."""
    if ctx.is_webmail or link.element is None:
        return False
    pattern = placeholders.unsubscribe_pattern(ctx.platform)
    return bool(pattern and pattern.search("<unsubscribe>") and link.element.find("unsubscribe") is not None)


def working_links(ctx: Context) -> list[Link]:
    """Unsubscribe links that act automatically: a web address that may work, or a placeholder the
    platform fills (not ``mailto:``, not broken, not another platform's placeholder)."""
    if "unsubscribe_working" in ctx.memo:
        return ctx.memo["unsubscribe_working"]
    own = placeholders.unsubscribe_pattern(ctx.platform) if not ctx.is_webmail else None
    found: list[Link] = []
    for link in unsubscribe_links(ctx):
        href = link.href.strip()
        if carries_own_tag(ctx, link) or (own is not None and own.search(href)):
            found.append(link)
        elif ANY_PLACEHOLDER.search(href):
            continue
        elif _is_web(href) and href_problem(href) is None:
            found.append(link)
    ctx.memo["unsubscribe_working"] = found
    return found


def _is_web(href: str) -> bool:
    match = _SCHEME.match(href)
    return bool(match and match.group(1).lower() in ("http", "https"))
