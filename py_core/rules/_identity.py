"""Who the sender is, by name and by domain, shared by the sender-identity rules: the
organisation's name in the text and the From name (legal suffixes folded), generic and no-reply
senders, and the draft's own domains (the From domain, the profile's, the registrable part of a
host). Moved out of ``_contact.py`` (issue 12); the contact details (postal address, phone, email,
web address) stay there.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import SplitResult, urlsplit

from ..context import Context
from ..document import attr
from ..tables.phrases import (
    FROM_NAME_SEPARATORS_RE,
    GENERIC_SENDER_RE,
    LEGAL_SUFFIXES,
    NOREPLY_LOCAL_RE,
    ORG_PLACEHOLDERS,
    SECOND_LEVEL_SUFFIXES,
)

# -- organisation name ---------------------------------------------------------------------------
_SUFFIX_RE = re.compile(
    r"(?:[\s,]+(?:" + "|".join(re.escape(s) for s in sorted(set(LEGAL_SUFFIXES), key=len, reverse=True)) + r"))+\s*$", re.I
)
_NON_WORD = re.compile(r"[^\w&]+")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise_name(name: str) -> str:
    """An organisation name as compared: lower-case, ``&amp;`` and ``en``/``and`` unified, legal
    suffixes (B.V., Ltd, GmbH ...) dropped, punctuation and spacing folded to single spaces."""
    name = name.replace("&amp;", "&").strip()
    name = _SUFFIX_RE.sub("", name)
    name = re.sub(r"(?i)^(?:stichting|vereniging)\s+", "", name)
    return " ".join(_NON_WORD.sub(" ", name.lower()).split())


def _squash(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def name_in_text(ctx: Context, name: str) -> bool:
    """Whether ``name`` (normalised) appears as whole words in the visible text or alt texts:
    case, punctuation and spacing between its words, and ``&``/"en"/"and", do not matter."""
    tokens = normalise_name(name).split()
    if not tokens or len("".join(tokens)) < 2:
        return False
    parts = [r"(?:&|en|and|und|et)" if token == "&" else re.escape(token) for token in tokens]
    pattern = re.compile(r"(?<![^\W_])" + r"[^\w&]+".join(parts) + r"(?![^\W_])", re.I)
    if pattern.search(ctx.doc.text):
        return True
    if "&" not in tokens and any(t in ("en", "and") for t in tokens):
        parts = [r"(?:&|en|and)" if t in ("en", "and") else re.escape(t) for t in tokens]
        pattern = re.compile(r"(?<![^\W_])" + r"[^\w&]*".join(parts) + r"(?![^\W_])", re.I)
        if pattern.search(ctx.doc.text):
            return True
    alts = " ".join(attr(img, "alt") for img in ctx.doc.by_tag.get("img", [])[:500])
    return bool(alts) and f" {' '.join(tokens)} " in f" {_squash(alts.replace('&amp;', '&'))} "


def name_contains(container: str, name: str) -> bool:
    """Whether the organisation ``name`` appears (normalised, whole words) in ``container``."""
    key = normalise_name(name)
    return bool(key) and f" {key} " in f" {_squash(container.replace('&amp;', '&'))} "


def is_generic_sender(name: str) -> bool:
    return bool(GENERIC_SENDER_RE.match(name.strip()))


def is_address(text: str) -> bool:
    return bool(_EMAIL_RE.match(text.strip().strip("<>")))


def from_name_parts(name: str) -> list[str]:
    """The From name and its parts around separators ("Anna | Acme" -> both), generic parts left out."""
    parts = [name.strip(), *(p.strip() for p in FROM_NAME_SEPARATORS_RE.split(name))]
    out: list[str] = []
    for part in parts:
        if len(normalise_name(part)) >= 2 and not is_generic_sender(part) and not is_address(part) and part not in out:
            out.append(part)
    return out


def org_placeholders(ctx: Context) -> list[str]:
    """Placeholders of the draft's platform that print the organisation's name."""
    if ctx.is_webmail:
        return []
    return [m.group(0) for p in ORG_PLACEHOLDERS.get(ctx.platform, ()) for m in re.finditer(p, ctx.raw, re.I)]


# -- domains and addresses -------------------------------------------------------------------------
def bare_address(value: str) -> str:
    """``"Anna <anna@acme.nl>"`` -> ``anna@acme.nl`` (lower-case)."""
    match = re.search(r"<([^<>]+)>", value)
    return (match.group(1) if match else value).strip().strip('"').lower()


def domain_of(address: str) -> str:
    bare = bare_address(address)
    return bare.rsplit("@", 1)[1] if "@" in bare else ""


def registrable(host: str) -> str:
    """The registrable part of a host name (``mail.acme.co.uk`` -> ``acme.co.uk``)."""
    host = host.lower().strip(".").split(":")[0]
    if host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in SECOND_LEVEL_SUFFIXES:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# Links are split once per engine, not once per rule and check (issue 15, a cheaper re-check):
# the standard library's urlsplit keeps only 128 results, fewer than a newsletter has links, so
# the three or four rules that split each link all missed it, at every check of a draft being
# typed. Addresses longer than MEMO_MAX_LEN are split each time, so the memo stays small.
MEMO_MAX_LEN = 2048
MEMO_SIZE = 4096


@functools.lru_cache(maxsize=MEMO_SIZE)
def _split_memo(href: str) -> SplitResult:
    return urlsplit(href)


def split_url(href: str) -> SplitResult:
    """``urllib.parse.urlsplit(href)``, remembered (see MEMO_SIZE); raises ValueError as it does."""
    return _split_memo(href) if len(href) <= MEMO_MAX_LEN else urlsplit(href)


def host_of(href: str) -> str:
    """The link's host name, lower case ("" for none or a malformed address); remembered like
    :func:`split_url` (``hostname`` is worked out again at each call of a split result's)."""
    return _host_memo(href) if len(href) <= MEMO_MAX_LEN else _host_of(href)


def _host_of(href: str) -> str:
    href = href.strip()
    if href.startswith("//"):
        href = "https:" + href
    try:
        return (split_url(href).hostname or "").lower()
    except ValueError:
        return ""


_host_memo = functools.lru_cache(maxsize=MEMO_SIZE)(_host_of)


def own_domains(ctx: Context) -> set[str]:
    """Registrable domains of the sender: the profile's domains and website, the From address's
    domain (not a free-mail or no-reply domain's owner: a gmail.com From says nothing)."""
    if "contact.own_domains" in ctx.memo:
        return ctx.memo["contact.own_domains"]
    org = ctx.options.org
    domains = {registrable(d.split("@")[-1]) for d in org.domains if d}
    if org.website:
        host = host_of(org.website if "//" in org.website else "https://" + org.website)
        if host:
            domains.add(registrable(host))
    for address in (ctx.draft.from_address, ctx.draft.reply_to):
        domain = domain_of(address)
        if domain and registrable(domain) not in FREEMAIL:
            domains.add(registrable(domain))
    domains.discard("")
    ctx.memo["contact.own_domains"] = domains
    return domains


#: Free-mail providers: a From address there does not tell the organisation's own web domain.
FREEMAIL: frozenset[str] = frozenset(
    {"gmail.com", "googlemail.com", "hotmail.com", "outlook.com", "live.com", "live.nl", "hotmail.nl", "yahoo.com",
     "icloud.com", "me.com", "ziggo.nl", "kpnmail.nl", "planet.nl", "xs4all.nl", "gmx.de", "gmx.net", "web.de",
     "aol.com", "proton.me", "protonmail.com", "telenet.be", "skynet.be"}
)  # fmt: skip


def is_noreply(address: str) -> bool:
    bare = bare_address(address)
    return "@" in bare and bool(NOREPLY_LOCAL_RE.match(bare.split("@", 1)[0]))
