"""Facts about how the sender can be identified and reached, shared by the sender-identity rules
(postal address, phone number, organisation name, own domains) and computed once per check
(kept in ``ctx.memo``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..engine import Context
from ..tables import placeholders
from ..tables.addresses import COMPILED as ADDRESS_PATTERNS
from ..tables.addresses import NEAR_CHARS, RECIPIENT_LABEL_CHARS, RECIPIENT_LABEL_RE
from ..tables.phones import CANDIDATE_RE, DATE_LIKE_RE, LABEL_WINDOW, MIN_DIGITS, PHONE_LABEL_RE, REGIONS
from ..tables.phrases import (
    FROM_NAME_SEPARATORS_RE,
    GENERIC_SENDER_RE,
    LEGAL_SUFFIXES,
    NOREPLY_LOCAL_RE,
    ORG_PLACEHOLDERS,
    SECOND_LEVEL_SUFFIXES,
)


@dataclass(frozen=True)
class Hit:
    """Something found in the visible text: where, what, and by which pattern or method."""

    start: int
    end: int
    text: str
    how: str


# -- postal address --------------------------------------------------------------------------------
def postal_addresses(ctx: Context) -> list[Hit]:
    """Address forms in the visible text (see ``tables.addresses``); weak matches only count
    next to another match."""
    if "contact.addresses" in ctx.memo:
        return ctx.memo["contact.addresses"]
    text = ctx.doc.text
    strong: list[Hit] = []
    weak: list[Hit] = []
    for pattern, compiled in ADDRESS_PATTERNS:
        for match in compiled.finditer(text):
            if RECIPIENT_LABEL_RE.search(text, max(0, match.start() - RECIPIENT_LABEL_CHARS), match.start()):
                continue  # the recipient's shipping or billing address, not the sender's
            hit = Hit(match.start(), match.end(), match.group(0), f"{pattern.country}:{pattern.kind}")
            (weak if pattern.weak else strong).append(hit)
    found = list(strong)
    anchors = strong + weak
    for hit in weak:
        if any(other is not hit and abs(other.start - hit.start) <= NEAR_CHARS and other.how != hit.how for other in anchors):
            found.append(hit)
    found.sort(key=lambda h: h.start)
    ctx.memo["contact.addresses"] = found
    return found


def address_placeholders(ctx: Context) -> list[str]:
    """Address placeholders the draft's platform fills (none in webmail)."""
    return [text for platform, text in all_address_placeholders(ctx) if platform == ctx.platform and not ctx.is_webmail]


def all_address_placeholders(ctx: Context) -> list[tuple[str, str]]:
    """``(platform, placeholder)`` for every platform's address placeholder in the raw draft."""
    if "contact.address_placeholders" in ctx.memo:
        return ctx.memo["contact.address_placeholders"]
    hits: list[tuple[str, str]] = []
    for name, dialect in placeholders.DIALECTS.items():
        for pattern in dialect.address:
            hits.extend((name, m.group(0)) for m in re.finditer(pattern, ctx.raw, re.I))
    ctx.memo["contact.address_placeholders"] = hits
    return hits


def profile_address_found(ctx: Context) -> bool:
    """True when the organisation profile's address appears in the text (case, spacing and
    punctuation ignored; the first line, the street, is enough)."""
    address = ctx.options.org.address.strip()
    if not address:
        return False
    first = re.split(r"[\n,;]", address)[0]
    key = _squash(first)
    return len(key) >= 6 and key in squashed_text(ctx)


def has_postal_address(ctx: Context) -> bool:
    return bool(postal_addresses(ctx) or address_placeholders(ctx) or profile_address_found(ctx))


# -- phone -------------------------------------------------------------------------------------------
def phone_numbers(ctx: Context) -> list[Hit]:
    """Phone numbers in the visible text (validated for NL/BE/DE/GB/US, or labelled "tel:",
    "Phone:", "Bel ons") plus ``tel:`` links."""
    if "contact.phones" in ctx.memo:
        return ctx.memo["contact.phones"]
    import phonenumbers  # imported on first use: ~20 ms, only when a rule needs phone numbers

    text = ctx.doc.text
    found: list[Hit] = []
    for link in ctx.doc.links:
        if link.href.lower().startswith("tel:") and sum(ch.isdigit() for ch in link.href) >= 6:
            found.append(Hit(link.start, link.end, unquote(link.href[4:]), "tel-link"))
    for match in CANDIDATE_RE.finditer(text):
        candidate = match.group(0).strip()
        digits = sum(ch.isdigit() for ch in candidate)
        if digits < MIN_DIGITS or digits > 15 or DATE_LIKE_RE.match(candidate):
            continue
        labelled = bool(PHONE_LABEL_RE.search(text[max(0, match.start() - LABEL_WINDOW) : match.start()]))
        if labelled or _valid_phone(phonenumbers, candidate):
            found.append(Hit(match.start(), match.end(), candidate, "labelled" if labelled else "valid"))
    ctx.memo["contact.phones"] = found
    return found


def _valid_phone(phonenumbers: object, candidate: str) -> bool:
    """Whether libphonenumber finds a valid number in ``candidate`` for any region we serve.

    The matcher runs on the candidate only (not the whole text): it still trims a leading year or
    a trailing digit group that is not part of the number.
    """
    pn = phonenumbers
    for region in REGIONS:
        for _ in pn.PhoneNumberMatcher(candidate, region, leniency=pn.Leniency.VALID):  # type: ignore[attr-defined]
            return True
    return False


def profile_phone_found(ctx: Context) -> bool:
    digits = re.sub(r"\D", "", ctx.options.org.phone)
    if len(digits) < MIN_DIGITS:
        return False
    tail = digits[-8:]  # national/international prefixes differ; the subscriber part does not
    return tail in re.sub(r"\D", "", ctx.doc.text)


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


def squashed_text(ctx: Context) -> str:
    """The visible text (and image alt texts) folded like :func:`normalise_name`, with spaces
    around, for whole-word containment tests."""
    if "contact.squashed" not in ctx.memo:
        alts = " ".join(str(img.get("alt") or "") for img in ctx.doc.by_tag.get("img", []))
        text = (ctx.doc.text + " " + alts).replace("&amp;", "&").lower()
        ctx.memo["contact.squashed"] = " " + " ".join(_NON_WORD.sub(" ", text).split()) + " "
    return ctx.memo["contact.squashed"]


def _squash(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def name_in_text(ctx: Context, name: str) -> bool:
    """Whether ``name`` (normalised) appears as whole words in the visible text or alt texts."""
    key = normalise_name(name)
    if len(key) < 2:
        return False
    haystack = squashed_text(ctx)
    if f" {key} " in haystack:
        return True
    # "Acme" vs "ACME B.V." is handled by normalisation; "De Vries & Zn" vs "De Vries en Zn":
    alt = key.replace(" & ", " en ") if " & " in key else key.replace(" en ", " & ").replace(" and ", " & ")
    return alt != key and f" {alt} " in haystack


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


def host_of(href: str) -> str:
    href = href.strip()
    if href.startswith("//"):
        href = "https:" + href
    try:
        return (urlsplit(href).hostname or "").lower()
    except ValueError:
        return ""


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
