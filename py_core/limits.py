"""Bounds on hostile input (issue 13): what the engine checks of a huge draft, what the ``.eml``
reader refuses, and which charsets are read as text.

**The draft budget.** Every input counts toward the 20 MB limit (body, subject, From, recipients,
headers; :func:`input_size`). Below it, a draft is checked in full up to a budget
(:data:`MAX_CHECKED_CHARS` characters and :data:`MAX_CHECKED_TAGS` tags of HTML; envelope fields
up to :data:`FIELD_CHARS`). The budget is set by cost, not by what real mail needs: the largest
real template in the corpus has 83 KB and 866 tags, Gmail clips a message at 102 KB, while a
megabyte of tiny tags (``<b>x</b>`` repeated: 125,000 elements) costs html.parser and
BeautifulSoup seconds and ~180 MB. 40,000 tags is 46 times the largest real template and checks
in about a second. Above the budget the engine checks the first three quarters of the budget
and the last quarter (the head with the sender's logo and styles, the footer with the unsubscribe
link and address), cut at tag boundaries, and the report's ``partial`` list says which
character ranges of which field were checked. Findings then speak only for those ranges, and
locations in the tail part are counted in the checked text.

**The .eml reader** (:func:`check_message_bounds`, before the real parse) refuses, with one line,
a message with more than :data:`MAX_MIME_PARTS` parts, a header longer than
:data:`MAX_HEADER_CHARS`, more than :data:`MAX_HEADERS` headers, a ``Content-Type`` or
``Content-Disposition`` with more than :data:`MAX_PARAMS` parameters, a header with more than
:data:`MAX_ENCODED_WORDS` encoded words, or an encoded word in a charset that is not text (see
:func:`body_charset`). Long address headers are read as plain text (:func:`message_policy`): the
structured address parser of ``email.policy.default`` is quadratic in many shapes (16 KB of
commas, dots, backslashes or plain words in ``To:`` take seconds; 200 KB of ``"`` ran > 300 s).
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import replace
from typing import Any

from .model import Draft, DraftError

# -- the draft budget ------------------------------------------------------------------------------
#: Characters of HTML (or plain text) checked in full.
MAX_CHECKED_CHARS = 2_000_000
#: Tags (``<`` characters) of HTML checked in full.
MAX_CHECKED_TAGS = 40_000
#: Characters of each envelope field checked (RFC 5322 lines are at most 998 characters).
FIELD_CHARS = {"subject": 2_000, "from_name": 1_000, "from_address": 1_000, "reply_to": 1_000}
#: Recipients checked per field (To, Cc, Bcc), and characters of each.
MAX_RECIPIENTS = 10_000
RECIPIENT_CHARS = 1_000
#: Headers checked, and characters of each value.
MAX_CHECKED_HEADERS = 1_000
HEADER_VALUE_CHARS = 16_384


def input_size(draft: Draft) -> int:
    """Bytes (UTF-8) of everything the draft brings: body, envelope, recipients and headers."""
    fields = [draft.html, draft.text, draft.subject, draft.from_name, draft.from_address, draft.reply_to]
    fields += draft.to + draft.cc + draft.bcc
    fields += [part for item in draft.headers.items() for part in item]
    return sum(len(value.encode("utf-8", "surrogatepass")) for value in fields)


def within_budget(draft: Draft, max_bytes: int) -> tuple[Draft, list[dict[str, Any]]]:
    """The draft as it will be checked, and what was left out (``[]`` when nothing was).

    Raises :class:`DraftError` when the whole input is above ``max_bytes``.
    """
    size = input_size(draft)
    if size > max_bytes:
        raise DraftError(
            f"the draft is {size // (1024 * 1024)} MB with its subject, sender, recipients and headers; "
            f"Mailwacht checks drafts up to {max_bytes // (1024 * 1024)} MB"
        )
    partial: list[dict[str, Any]] = []
    changes: dict[str, Any] = {}
    for name in ("html", "text"):
        value: str = getattr(draft, name)
        ranges = _body_ranges(value, html=name == "html")
        if ranges is not None:
            changes[name] = "\n".join(value[start:end] for start, end in ranges)
            partial.append({"field": name, "length": len(value), "checked": [list(r) for r in ranges]})
    for name, limit in FIELD_CHARS.items():
        value = getattr(draft, name)
        if len(value) > limit:
            changes[name] = value[:limit]
            partial.append({"field": name, "length": len(value), "checked": [[0, limit]]})
    for name in ("to", "cc", "bcc"):
        values: list[str] = getattr(draft, name)
        if len(values) > MAX_RECIPIENTS or any(len(v) > RECIPIENT_CHARS for v in values):
            changes[name] = [v[:RECIPIENT_CHARS] for v in values[:MAX_RECIPIENTS]]
            partial.append({"field": name, "length": len(values), "checked": [[0, min(len(values), MAX_RECIPIENTS)]]})
    if len(draft.headers) > MAX_CHECKED_HEADERS or any(len(v) > HEADER_VALUE_CHARS for v in draft.headers.values()):
        kept = list(draft.headers.items())[:MAX_CHECKED_HEADERS]
        changes["headers"] = {k: v[:HEADER_VALUE_CHARS] for k, v in kept}
        partial.append({"field": "headers", "length": len(draft.headers), "checked": [[0, len(kept)]]})
    if not changes:
        return draft, []
    return replace(draft, **changes), partial


def over_budget(html: str) -> bool:
    """True when an HTML body is checked in part (above :data:`MAX_CHECKED_CHARS` or
    :data:`MAX_CHECKED_TAGS`)."""
    return _body_ranges(html, html=True) is not None


def _body_ranges(value: str, *, html: bool) -> list[tuple[int, int]] | None:
    """``[(0, head_end), (tail_start, len)]`` when ``value`` is over the budget, else None."""
    length = len(value)
    tags = value.count("<") if html else 0
    if length <= MAX_CHECKED_CHARS and tags <= MAX_CHECKED_TAGS:
        return None
    head = MAX_CHECKED_CHARS * 3 // 4
    tail = MAX_CHECKED_CHARS - head
    if html and tags > MAX_CHECKED_TAGS:
        head = min(head, _nth("<", value, MAX_CHECKED_TAGS * 3 // 4, forward=True))
        tail = min(tail, length - _nth("<", value, MAX_CHECKED_TAGS - MAX_CHECKED_TAGS * 3 // 4, forward=False))
    head_end = head
    tail_start = length - tail
    if html:  # cut before a tag, so that neither part starts or ends inside one
        cut = value.rfind("<", 0, head_end + 1)
        head_end = cut if cut > 0 else head_end
        cut = value.find("<", tail_start)
        tail_start = cut if cut >= 0 else tail_start
    tail_start = max(tail_start, head_end)
    return [(0, head_end), (tail_start, length)]


def _nth(char: str, value: str, n: int, *, forward: bool) -> int:
    """Position of the ``n``-th ``char`` from the start (or from the end) of ``value``."""
    pos = -1 if forward else len(value)
    for _ in range(n):
        found = value.find(char, pos + 1) if forward else value.rfind(char, 0, pos)
        if found < 0:
            break
        pos = found
    return max(pos, 0)


# -- the .eml reader -------------------------------------------------------------------------------
MAX_MIME_PARTS = 1_000
MAX_HEADERS = 5_000
MAX_HEADER_CHARS = 256 * 1024
MAX_PARAMS = 100
MAX_ENCODED_WORDS = 10_000
#: Address and unstructured headers longer than this are decoded as plain text (:func:`message_policy`).
STRUCTURED_ADDRESS_CHARS = 4_096
_ENCODED_WORD_CHARSET = re.compile(rb"=\?([^?\s]{1,64})\?[bBqQ]\?")


def check_message_bounds(data: bytes) -> None:
    """Refuse (:class:`DraftError`, one line) a message beyond the bounds in the module docstring.

    Reads the message with ``compat32`` (raw header strings, no structured parsing: linear) and
    walks its parts without recursion.
    """
    from email import policy
    from email.parser import BytesParser

    try:
        message = BytesParser(policy=policy.compat32).parsebytes(bytes(data))
    except RecursionError:
        raise DraftError("the message's MIME parts are nested too deeply") from None
    except Exception:  # noqa: BLE001 - the real parse reports junk with its own message
        return
    stack = [message]
    parts = 0
    headers = 0
    while stack:
        part = stack.pop()
        parts += 1
        if parts > MAX_MIME_PARTS:
            raise DraftError(f"the message has more than {MAX_MIME_PARTS} MIME parts")
        for name, value in part._headers:  # compat32 keeps the raw (name, value) pairs
            headers += 1
            if headers > MAX_HEADERS:
                raise DraftError(f"the message has more than {MAX_HEADERS} headers")
            _check_header(str(name), value if isinstance(value, str) else str(value))
        # The raw payload: ``get_payload()`` would decode a leaf with its declared charset.
        payload = part._payload
        if isinstance(payload, list):
            stack.extend(p for p in payload if hasattr(p, "_headers"))


def _check_header(name: str, value: str) -> None:
    label = _printable(name)
    if len(value) > MAX_HEADER_CHARS:
        raise DraftError(f"the header {label} is {len(value):,} characters long; at most {MAX_HEADER_CHARS:,} are read")
    if name.lower() in ("content-type", "content-disposition") and value.count(";") > MAX_PARAMS:
        raise DraftError(f"the header {label} has more than {MAX_PARAMS} parameters")
    if "=?" in value:
        words = value.count("=?")
        if words > MAX_ENCODED_WORDS:
            raise DraftError(f"the header {label} has more than {MAX_ENCODED_WORDS} encoded words")
        for match in _ENCODED_WORD_CHARSET.finditer(value.encode("utf-8", "surrogateescape")):
            charset = match.group(1).decode("ascii", "replace").split("*", 1)[0]
            if _text_codec(charset) is None and _known(charset):
                raise DraftError(f"the header {label} is encoded in {_printable(charset)}, which is not a text charset")


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text[:60])


def _decode_words(value: str, *, quote: bool = False) -> str:
    """Encoded words decoded; in an address header (``quote``) a decoded name holding a comma,
    quote or bracket is put in quotes, so that ``=?utf-8?q?Acme=2C_Inc?=`` stays one name."""
    from email.errors import HeaderParseError
    from email.header import decode_header

    text = " ".join(value.split())
    if "=?" not in text:
        return text
    try:
        parts: list[str] = []
        for chunk, charset in decode_header(text):
            if isinstance(chunk, bytes):
                # decode_header gives unencoded text as raw-unicode-escape bytes when mixed
                chunk = chunk.decode(body_charset(charset), "replace") if charset else chunk.decode("raw-unicode-escape")
                if quote and charset and any(ch in chunk for ch in ',;<>"@()[]:\\'):
                    chunk = '"' + chunk.replace("\\", "\\\\").replace('"', '\\"') + '"'
            parts.append(chunk)
    except (LookupError, UnicodeError, ValueError, HeaderParseError):
        return text
    return "".join(parts)


@functools.cache
def message_policy() -> Any:
    """``policy.default`` with long address and unstructured headers decoded as plain text.

    Built on first use (the engine in the browser never reads ``.eml`` files, so it does not pay
    for the email package's header classes). Every address and unstructured header class gets a
    ``parse`` that runs ``policy.default``'s parser only up to
    :data:`STRUCTURED_ADDRESS_CHARS`. A longer header is decoded by ``email.header`` (RFC 2047
    encoded words, one regex pass) into plain text, without a token tree or address objects (the
    reader takes addresses from the text with ``getaddresses``). The structured address parser is
    quadratic in many shapes, and even the unstructured one costs ~15 µs a word (1 MB of ``a b``
    took 30 s).
    """
    from email import policy
    from email._header_value_parser import UnstructuredTokenList, ValueTerminal
    from email.headerregistry import AddressHeader, HeaderRegistry, UnstructuredHeader

    class _Bounded:
        @classmethod
        def parse(cls, value: str, kwds: dict[str, Any]) -> None:
            if len(value) <= STRUCTURED_ADDRESS_CHARS:
                super().parse(value, kwds)  # type: ignore[misc]
                return
            decoded = _decode_words(value, quote=issubclass(cls, AddressHeader))
            kwds["parse_tree"] = UnstructuredTokenList([ValueTerminal(decoded, "vtext")])
            kwds["decoded"] = decoded
            if issubclass(cls, AddressHeader):
                kwds["groups"] = ()

    registry = HeaderRegistry(default_class=type("UnstructuredHeader", (_Bounded, UnstructuredHeader), {}))
    for name, header in list(registry.registry.items()):
        if issubclass(header, (AddressHeader, UnstructuredHeader)):
            registry.map_to_type(name, type(header.__name__, (_Bounded, header), {}))
    return policy.default.clone(header_factory=registry)


def __getattr__(name: str) -> Any:
    """``MESSAGE_POLICY``: :func:`message_policy`, built when first asked for."""
    if name == "MESSAGE_POLICY":
        return message_policy()
    raise AttributeError(name)


# -- charsets --------------------------------------------------------------------------------------
#: Codecs Python knows that are not a charset of mail text: punycode (quadratic decoding) and
#: idna (raises on ordinary text) are for domain names, the escapes are Python's own.
_NOT_TEXT = frozenset({"punycode", "idna", "unicode_escape", "raw_unicode_escape", "undefined", "mbcs", "oem"})


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except (LookupError, ValueError):
        return False
    return True


def _text_codec(name: str | None) -> str | None:
    """The codec's canonical name when ``name`` is a text charset Python can decode safely."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip())
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in _NOT_TEXT:
        return None
    return info.name


def body_charset(name: str | None) -> str:
    """The charset to decode a body part with: its own when it is a text charset Python knows,
    else UTF-8 (bytes that do not fit are replaced; the check still runs)."""
    return _text_codec(name) or "utf-8"


def page_charset(name: str | None) -> str | None:
    """The charset a file's ``<meta charset>`` names, when it is a text charset that writes ASCII
    as ASCII (the declaration could be read at all): never UTF-16/32, as the HTML standard says
    (a page that claims UTF-16 in ASCII bytes is not UTF-16)."""
    codec = _text_codec(name)
    if codec is None:
        return None
    try:
        ascii_compatible = "<meta charset=x>".encode(codec) == b"<meta charset=x>"
    except (UnicodeError, LookupError):
        return None
    return name.strip() if ascii_compatible and name else None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_charset(data: bytes) -> tuple[str, int] | None:
    """``(charset, BOM length)`` when ``data`` starts with a Unicode byte order mark (UTF-32
    before UTF-16: the UTF-32 LE mark begins with the UTF-16 LE one)."""
    for bom, charset in _BOMS:
        if data.startswith(bom):
            return charset, len(bom)
    return None


# -- markup html.parser reads in quadratic time -----------------------------------------------------
#: ``<`` after the last ``>`` tolerated as they are (a few cost nothing).
TAIL_OPENERS = 64


def defuse_unclosed_tail(html: str) -> str:
    """``html`` with every ``<`` after its last ``>`` written as ``&lt;`` when there are more than
    :data:`TAIL_OPENERS` of them.

    With no ``>`` left, CPython's html.parser tries each ``<x``, ``</x``, ``<!--``, ``<?`` or
    ``<a b="`` as a tag, scans to the end of the draft for its ``>``, gives up and emits the ``<``
    as text, then starts again at the next one: quadratic (80 KB of ``<unsubscribe`` took 2.4 s,
    of ``<a b="`` more than 20 s). The text it finally produces is the same ``<…`` characters,
    which ``&lt;`` gives in one pass.
    """
    last = html.rfind(">")
    if html.count("<", last + 1) <= TAIL_OPENERS:
        return html
    return html[: last + 1] + html[last + 1 :].replace("<", "&lt;")
