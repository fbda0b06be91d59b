"""Facts about how the sender can be reached, shared by the sender-identity rules (postal
address, phone number, email and web address) and computed once per check (kept in
``ctx.memo``). Who the sender is (organisation name, own domains) is :mod:`._identity`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ..context import Context
from ..document import DraftDocument, parse_text
from ..tables import placeholders
from ..tables.addresses import NEAR_CHARS, RECIPIENT_LABEL_CHARS, RECIPIENT_LABEL_RE
from ..tables.addresses import SCANNERS as ADDRESS_SCANNERS
from ..tables.phones import (
    CANDIDATE_RE,
    DATE_LIKE_RE,
    LABEL_WINDOW,
    MAX_VALIDATIONS,
    MIN_DIGITS,
    NANP_SHAPE_RE,
    PHONE_LABEL_RE,
    TRUNK_ZERO_REGIONS,
)
from ..tables.phrases import (
    NOT_THIRD_PARTY_DOMAINS,
)
from ._identity import _squash, bare_address, host_of, is_address, is_noreply, own_domains, registrable


@dataclass(frozen=True)
class Hit:
    """Something found in the visible text: where, what, and by which pattern or method."""

    start: int
    end: int
    text: str
    how: str


# -- postal address --------------------------------------------------------------------------------
_DIGITS = re.compile(r"\d+")
#: Every address pattern holds a digit (house number, postcode, PO box); the patterns run only
#: within this many characters of a digit run, so a long text with few numbers costs little.
_DIGIT_WINDOW = 80
_MISSING = Hit(-1, -1, "", "")
#: Contact details sit in a message's header or footer. In a text longer than twice this many
#: characters only the first and last this many are searched, which bounds the cost of a 5 MB
#: draft (Gmail clips a message at about 102 KB of HTML anyway; see ``gmail-clipping``).
SCAN_EDGE = 100_000


def _scan_ranges(ctx: Context) -> list[tuple[int, int]]:
    """The parts of the text searched for contact details: all of it up to :data:`SCAN_EDGE` x 2
    characters, else its first and last :data:`SCAN_EDGE` characters (header and footer)."""
    return _ranges_of(ctx.doc.text)


def _ranges_of(text: str) -> list[tuple[int, int]]:
    size = len(text)
    if size <= 2 * SCAN_EDGE:
        return [(0, size)]
    return [(0, SCAN_EDGE), (size - SCAN_EDGE, size)]


def _digit_windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for low, high in _ranges_of(text):
        for match in _DIGITS.finditer(text, low, high):
            start, end = max(low, match.start() - _DIGIT_WINDOW), min(high, match.end() + _DIGIT_WINDOW)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], end)
            else:
                windows.append((start, end))
    return windows


def _address_hits(text: str) -> Iterator[Hit]:
    """Address matches, windows near digits only, footer first (the usual place of an address)."""
    for start, end in reversed(_digit_windows(text)):
        for scanner, members in ADDRESS_SCANNERS:
            for match in scanner.finditer(text, start, end):
                if _after_recipient_label(text, match.start()):
                    continue  # the recipient's shipping or billing address, not the sender's
                pattern = members[int((match.lastgroup or "g0")[1:])]
                yield Hit(
                    match.start(),
                    match.end(),
                    match.group(0),
                    f"{pattern.country}:{pattern.kind}{':weak' if pattern.weak else ''}",
                )


def _after_recipient_label(text: str, start: int) -> bool:
    """Whether a label of the recipient's own address ("Shipping address:", "Bezorgadres")
    stands within :data:`RECIPIENT_LABEL_CHARS` characters of folded text before ``start``
    (template markup leaves long runs of blank lines between a label and its address)."""
    window = text[max(0, start - 8 * RECIPIENT_LABEL_CHARS) : start]
    return RECIPIENT_LABEL_RE.search(" ".join(window.split())[-RECIPIENT_LABEL_CHARS:]) is not None


def _address_in(text: str) -> Hit | None:
    """The first strong address match in ``text``; else a weak one next to a weak one of another kind."""
    weak: list[Hit] = []
    for hit in _address_hits(text):
        if not hit.how.endswith(":weak"):
            return hit
        weak.append(hit)
    return next((h for h in weak if any(o.how != h.how and abs(o.start - h.start) <= NEAR_CHARS for o in weak)), None)


#: ``Hit.how`` of a detail found in the message's text/plain part (its offsets are into that part).
TEXT_PART = "text-part:"


def text_part_document(ctx: Context) -> DraftDocument | None:
    """The text/plain part of a message that also has an HTML part (a multipart ``.eml``), as a
    document in text mode, or None.

    The HTML part is what most readers see, but a mail program may show the text part instead
    (and some readers choose it), so a detail given only there still reaches the recipient: the
    contact and reason rules read it too. A draft with only a text part is already the document."""
    if ctx.doc.text_mode or not ctx.draft.text.strip():
        return None
    if "contact.text_part" not in ctx.memo:
        ctx.memo["contact.text_part"] = parse_text(ctx.draft.text)
    return ctx.memo["contact.text_part"]


def text_part(ctx: Context) -> str:
    """The visible text of :func:`text_part_document`, or ''."""
    doc = text_part_document(ctx)
    return doc.text if doc is not None else ""


def postal_address(ctx: Context) -> Hit | None:
    """An address form in the visible text (see ``tables.addresses``), or else in the message's
    text/plain part (:func:`text_part`; ``how`` starts with :data:`TEXT_PART`), or None. The
    search stops at the first strong match; a weak match counts only next to a weak match of
    another kind."""
    if "contact.address" not in ctx.memo:
        found = _address_in(ctx.doc.text)
        if found is None and text_part(ctx):
            hit = _address_in(text_part(ctx))
            found = Hit(hit.start, hit.end, hit.text, TEXT_PART + hit.how) if hit else None
        ctx.memo["contact.address"] = found or _MISSING
    found = ctx.memo["contact.address"]
    return None if found is _MISSING else found


def address_placeholders(ctx: Context) -> list[str]:
    """Address placeholders the draft's platform fills (none in webmail): the platform's own part
    of :func:`all_address_placeholders`, in its order, without scanning for the other platforms'
    unless they were scanned for already."""
    if ctx.is_webmail:
        return []
    every = ctx.memo.get("contact.address_placeholders")
    if every is not None:
        return [text for platform, text in every if platform == ctx.platform]
    if "contact.own_address_placeholders" not in ctx.memo:
        ctx.memo["contact.own_address_placeholders"] = [
            m.group(0) for name, pattern in _ADDRESS_PLACEHOLDERS if name == ctx.platform for m in pattern.finditer(ctx.raw)
        ]
    return list(ctx.memo["contact.own_address_placeholders"])


#: ``(platform, compiled pattern)`` for every platform's address placeholder. Separate patterns on
#: purpose: each starts with a literal character, which the regex engine finds quickly, while one
#: alternation of them all tries every branch at every position (measured 6x slower).
_ADDRESS_PLACEHOLDERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I)) for name, d in placeholders.DIALECTS.items() for pattern in d.address
)


def all_address_placeholders(ctx: Context) -> list[tuple[str, str]]:
    """``(platform, placeholder)`` for every platform's address placeholder in the raw draft."""
    if "contact.address_placeholders" in ctx.memo:
        return ctx.memo["contact.address_placeholders"]
    hits: list[tuple[str, str]] = []
    for name, pattern in _ADDRESS_PLACEHOLDERS:
        hits.extend((name, m.group(0)) for m in pattern.finditer(ctx.raw))
    ctx.memo["contact.address_placeholders"] = hits
    return hits


def profile_address_found(ctx: Context) -> bool:
    """True when the organisation profile's address appears in the text (case, spacing and
    punctuation ignored; the first line, the street, is enough)."""
    address = ctx.options.org.address.strip()
    if not address:
        return False
    tokens = _squash(re.split(r"[\n,;]", address)[0]).split()
    if len("".join(tokens)) < 5:
        return False
    pattern = r"(?<![^\W_])" + r"[^\w&]+".join(map(re.escape, tokens)) + r"(?![^\W_])"
    return bool(re.search(pattern, ctx.doc.text, re.I))


def has_postal_address(ctx: Context) -> bool:
    """An address form in the text, the platform's address placeholder, or the profile's address."""
    return bool(address_placeholders(ctx) or profile_address_found(ctx) or postal_address(ctx))


# -- phone -------------------------------------------------------------------------------------------
def phone_number(ctx: Context) -> Hit | None:
    """The first phone number in the draft, or None: a ``tel:`` link, a number libphonenumber
    validates for NL/BE/DE/GB/US, or a number labelled "tel:", "Phone:", "Bel ons"."""
    if "contact.phone" not in ctx.memo:
        ctx.memo["contact.phone"] = next(_phones(ctx), None) or _MISSING
    found = ctx.memo["contact.phone"]
    return None if found is _MISSING else found


def _phones(ctx: Context) -> Iterator[Hit]:
    for link in ctx.doc.links:
        if link.href.lower().startswith("tel:") and sum(ch.isdigit() for ch in link.href) >= 6:
            yield Hit(link.start, link.end, unquote(link.href[4:]), "tel-link")
    yield from _phones_in(ctx.doc.text)
    if text_part(ctx):
        for hit in _phones_in(text_part(ctx)):
            yield Hit(hit.start, hit.end, hit.text, TEXT_PART + hit.how)


def _phones_in(text: str) -> Iterator[Hit]:
    phonenumbers = None
    validated = 0
    # Contact details sit in the footer: walk the candidates from the end, so a long draft with a
    # phone number at the bottom is settled by the first candidate or two.
    candidates = [m for low, high in _ranges_of(text) for m in CANDIDATE_RE.finditer(text, low, high)]
    for match in reversed(candidates):
        candidate = match.group(0).strip()
        digits = sum(ch.isdigit() for ch in candidate)
        if digits < MIN_DIGITS or digits > 15 or DATE_LIKE_RE.match(candidate) or not _phone_shaped(text, match, candidate):
            continue
        if _after_recipient_label(text, match.start()):
            continue  # the recipient's phone in a shipping or billing block
        if PHONE_LABEL_RE.search(text[max(0, match.start() - LABEL_WINDOW) : match.start()]):
            yield Hit(match.start(), match.end(), candidate, "labelled")
            continue
        if validated >= MAX_VALIDATIONS:
            continue  # labelled numbers are still found; only libphonenumber's check is capped
        validated += 1
        if phonenumbers is None:
            import phonenumbers  # first use only: ~20 ms to import, not paid by drafts without numbers
        if _valid_phone(phonenumbers, candidate):
            yield Hit(match.start(), match.end(), candidate, "valid")


def _phone_shaped(text: str, match: re.Match[str], candidate: str) -> bool:
    """False for what only looks like a phone number: a dummy made of one digit ("0000 000 000",
    "+31 0000000000"), a date path or id with two or more slashes ("02/06/26/0116225"), or digits
    that are part of a URL written in the text (``...&product_id=0735613788&...``)."""
    national = candidate.lstrip("+0( ")
    if len({ch for ch in national if ch.isdigit()}) <= 1 or candidate.count("/") >= 2:
        return False
    start = match.start()
    before = text[max(0, start - 200) : start]
    token = before[max(before.rfind(" "), before.rfind("\n"), before.rfind("\t")) + 1 :]
    return not (token and ("://" in token or token.startswith("www.") or token[-1] in "=/?&#_"))


def _valid_phone(phonenumbers: Any, candidate: str) -> bool:
    """Whether libphonenumber validates ``candidate`` for a region its shape allows."""
    compact = re.sub(r"[\s().\-/]", "", candidate)
    if compact.startswith(("+", "00")):
        regions: tuple[str | None, ...] = (None,)
        international = compact.lstrip("+")
        if international.startswith("00"):  # "0031 ..." and the "+0031 ..." people also write
            candidate = "+" + international[2:]
    elif compact.startswith("0"):
        regions = TRUNK_ZERO_REGIONS
    elif NANP_SHAPE_RE.match(candidate):
        regions = ("US",)
    else:
        return False
    for region in regions:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):  # any country: a French number is still a phone number
            return True
    return False


def profile_phone_found(ctx: Context) -> bool:
    digits = re.sub(r"\D", "", ctx.options.org.phone)
    if len(digits) < MIN_DIGITS:
        return False
    tail = digits[-8:]  # national/international prefixes differ; the subscriber part does not
    return tail in re.sub(r"\D", "", ctx.doc.text)


# -- email and web address ---------------------------------------------------------------------------
#: An email address in the visible text, found from its ``@`` (a literal first character is fast
#: to find; the local part is read backwards from there).
#: Possessive quantifiers: a long run of letters after an ``@`` is read once, never backtracked.
_EMAIL_DOMAIN_RE = re.compile(r"@[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)++")
_TLD_RE = re.compile(r"\.[A-Za-z]{2,}$")
_EMAIL_LOCAL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}$")
#: A web address written out in the visible text ("www.acme.ca", "https://acme.ca/contact").
_WEB_TEXT_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.I)
#: Hosts that are nobody's own web address: email platforms (tracking, web versions), maps, app
#: stores, web infrastructure, and social networks (a profile page there is not the sender's web
#: address in the sense of CASL). The same table keeps ``third-party-content`` quiet about them.
_NOT_SENDER_HOSTS: frozenset[str] = frozenset(d for group in NOT_THIRD_PARTY_DOMAINS.values() for d in group)


def email_address(ctx: Context) -> Hit | None:
    """An email address of the sender in the draft, or None: a ``mailto:`` link that is not an
    unsubscribe link (its address may be a placeholder the sending platform fills), or an address
    in the visible text; no-reply addresses and the recipients' own addresses do not count."""
    if "contact.email" not in ctx.memo:
        ctx.memo["contact.email"] = next(_emails(ctx), None) or _MISSING
    found = ctx.memo["contact.email"]
    return None if found is _MISSING else found


def _emails(ctx: Context) -> Iterator[Hit]:
    from ._unsubscribe import unsubscribe_links

    draft = ctx.draft
    recipients = {bare_address(a) for a in (*draft.to, *draft.cc, *draft.bcc)}

    def usable(address: str) -> bool:
        return is_address(address) and not is_noreply(address) and bare_address(address) not in recipients

    skip = {id(link) for link in unsubscribe_links(ctx)}
    for link in ctx.doc.links:
        if id(link) not in skip and link.href.lower().startswith("mailto:"):
            address = unquote(link.href[7:].split("?", 1)[0]).split(",", 1)[0].strip()
            if usable(address):
                yield Hit(link.start, link.end, address, "mailto-link")
            elif not ctx.is_webmail and placeholders.tokens(address):
                # ``mailto:{{support_email}}``: the sending platform fills in the address.
                yield Hit(link.start, link.end, address, "mailto-placeholder")
    text = ctx.doc.text
    for low, high in _scan_ranges(ctx):
        for match in _EMAIL_DOMAIN_RE.finditer(text, low, high):
            local = _EMAIL_LOCAL_RE.search(text, max(low, match.start() - 64), match.start())
            if local is None:
                continue
            address = local.group(0).lstrip(".") + match.group(0)
            if _TLD_RE.search(match.group(0)) and usable(address):
                yield Hit(match.start() - len(address) + len(match.group(0)), match.end(), address, "text")


def web_address(ctx: Context) -> Hit | None:
    """A web address of the sender in the draft, or None: a web link that is not an unsubscribe
    link, or a URL written in the visible text, on one of :func:`own_domains`. When the sender's
    domains are unknown (no profile, a free-mail or no From address) any web address not in
    ``_NOT_SENDER_HOSTS`` counts: Mailwacht cannot tell whose it is and does not guess against
    the sender."""
    if "contact.web" not in ctx.memo:
        ctx.memo["contact.web"] = next(_webs(ctx), None) or _MISSING
    found = ctx.memo["contact.web"]
    return None if found is _MISSING else found


def _webs(ctx: Context) -> Iterator[Hit]:
    from ._unsubscribe import unsubscribe_links

    own = own_domains(ctx)

    def senders(url: str) -> bool:
        host = host_of(url if "//" in url else "https://" + url)
        if not host or "." not in host:
            return False
        domain = registrable(host)
        if host in _NOT_SENDER_HOSTS or domain in _NOT_SENDER_HOSTS:
            return False
        return domain in own if own else True

    skip = {id(link) for link in unsubscribe_links(ctx)}
    for link in ctx.doc.links:
        href = link.href.strip()
        if id(link) in skip or not href.lower().startswith(("http://", "https://", "//", "www.")):
            continue
        if senders(href):
            yield Hit(link.start, link.end, href, "link")
    text = ctx.doc.text
    for low, high in _scan_ranges(ctx):
        for match in _WEB_TEXT_RE.finditer(text, low, high):
            url = match.group(0).rstrip(".,;:!?")
            if senders(url):
                yield Hit(match.start(), match.start() + len(url), url, "text")
