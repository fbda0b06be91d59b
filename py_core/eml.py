"""Read a complete message (``.eml``, RFC 5322 / MIME) into a :class:`~py_core.model.Draft`.

The standard library's ``email`` package with ``policy.default`` does the MIME work: it decodes
RFC 2047 headers, quoted-printable and base64 bodies and charsets. We pick the first ``text/html``
and the first ``text/plain`` body part that is not an attachment, wherever it sits
(``multipart/alternative`` inside ``multipart/mixed`` or ``related``), and keep every header so
that send-time rules can judge ``List-Unsubscribe`` and ``List-Unsubscribe-Post`` (RFC 2369,
RFC 8058; a repeat of either is kept apart by a line break, see ``_SINGLE_FIELDS``). A message
that cannot be read gives a :class:`~py_core.model.DraftError` with one line.

Pure: takes bytes, returns a draft; no file access (the command line reads the file).
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from .limits import MESSAGE_POLICY, body_charset, check_message_bounds
from .model import Draft, DraftError

#: Upper bound on MIME parts walked; a message bomb with millions of parts is refused, not walked.
MAX_PARTS = 10_000


def parse_eml(data: bytes, source: str = "") -> Draft:
    """Parse the raw bytes of a message into a draft (``is_message=True``)."""
    if not isinstance(data, (bytes, bytearray)):
        raise DraftError("a message must be given as bytes")
    if not data.strip():
        raise DraftError("the message is empty")
    check_message_bounds(bytes(data))  # issue 13: hostile sizes refused before parsing (limits.py)
    try:
        message = BytesParser(policy=MESSAGE_POLICY).parsebytes(bytes(data))
    except Exception as exc:  # noqa: BLE001 - the email package raises many kinds on junk
        raise DraftError(f"the message cannot be parsed: {_one_line(exc)}") from None
    if not isinstance(message, EmailMessage) or not message.keys():
        raise DraftError("this is not an email message: no headers found")
    try:
        headers = _headers(message)
        html, text = _bodies(message)
        from_name, from_address = parseaddr(headers.get("From", ""))
        return Draft(
            html=html,
            text=text,
            subject=headers.get("Subject", ""),
            from_name=from_name,
            from_address=from_address,
            reply_to=parseaddr(headers.get("Reply-To", ""))[1],
            to=_addresses(message, "To"),
            cc=_addresses(message, "Cc"),
            bcc=_addresses(message, "Bcc"),
            headers=headers,
            is_message=True,
            source=source,
        )
    except DraftError:
        raise
    except Exception as exc:  # noqa: BLE001 - malformed MIME surfaces as assorted errors
        raise DraftError(f"the message cannot be read: {_one_line(exc)}") from None


#: Headers RFC 2369 / RFC 8058 allow once: a repeat is kept apart (joined by a line break, which
#: no unfolded header value holds) so that the rule can tell two fields from one list of URIs.
_SINGLE_FIELDS = frozenset({"list-unsubscribe", "list-unsubscribe-post"})


def _headers(message: Message) -> dict[str, str]:
    """Every header, decoded (RFC 2047), with repeated headers joined by ", " (first name spelling);
    a repeated ``List-Unsubscribe``/``List-Unsubscribe-Post`` is joined by a line break instead."""
    out: dict[str, str] = {}
    canonical: dict[str, str] = {}
    for name, value in message.items():
        text = _header_text(value)
        key = canonical.setdefault(name.lower(), name)
        joint = "\n" if name.lower() in _SINGLE_FIELDS else ", "
        out[key] = f"{out[key]}{joint}{text}" if key in out else text
    # Rules look headers up by their usual spelling; keep that spelling whatever the file used.
    for usual in ("From", "To", "Cc", "Bcc", "Reply-To", "Subject", "List-Unsubscribe", "List-Unsubscribe-Post"):
        spelled = canonical.get(usual.lower())
        if spelled and spelled != usual:
            out[usual] = out.pop(spelled)
    return out


def _header_text(value: object) -> str:
    try:
        text = str(value)
    except Exception:  # noqa: BLE001 - a header the policy cannot decode is kept as best we can
        text = repr(value)
    return " ".join(text.split())


def _addresses(message: Message, name: str) -> list[str]:
    values = [_header_text(v) for v in message.get_all(name, [])]
    out: list[str] = []
    for display, address in getaddresses(values):
        if address.strip():
            out.append(f"{display} <{address}>" if display else address)
    return out


def _bodies(message: Message) -> tuple[str, str]:
    """The first inline ``text/html`` and ``text/plain`` parts (attachments skipped)."""
    html: str | None = None
    text: str | None = None
    stack: list[Message] = [message]
    count = 0
    while stack:  # depth first in document order, without recursion (nesting can be hostile)
        part = stack.pop()
        count += 1
        if count > MAX_PARTS:
            raise DraftError(f"the message has more than {MAX_PARTS} MIME parts")
        if part.is_multipart():
            if part is not message and part.get_content_type() == "message/rfc822":
                continue  # a forwarded or attached message is not this draft's body
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend(reversed(payload))
            continue
        if part.get_content_disposition() == "attachment":
            continue
        content_type = part.get_content_type()
        if content_type.startswith("multipart/"):  # its boundary was not found: the parts are text
            repaired = _with_found_boundary(part)
            if repaired is not None:
                stack.append(repaired)
            continue
        if content_type == "text/html" and html is None:
            html = _decode(part)
        elif content_type == "text/plain" and text is None:
            text = _decode(part)
        if html is not None and text is not None:
            break
    if html is None and text is None:
        raise DraftError("the message has no text/html or text/plain body")
    return html or "", text or ""


def _with_found_boundary(part: Message) -> Message | None:
    """A multipart whose declared boundary never occurs, read again with the delimiter it does
    use when that is the same boundary written with other spacing (real spam declares
    ``boundary="=Multipart Boundary 0925021429"`` and writes ``--= Multipart Boundary 0925021429``;
    mail clients that split on the delimiter lines show its HTML part). None when there is none."""
    payload = part.get_payload()
    boundary = part.get_boundary()
    if not isinstance(payload, str) or not boundary:
        return None
    wanted = "".join(boundary.split())
    for line in payload.splitlines():
        if line.startswith("--") and line[2:].strip() and "".join(line[2:].split()).removesuffix("--") == wanted:
            found = line[2:].rstrip().removesuffix("--").rstrip()
            if found == boundary or '"' in found:
                return None
            head = f'Content-Type: {part.get_content_type()}; boundary="{found}"\n\n'
            data = (head + payload).encode("utf-8", "surrogateescape")
            repaired = BytesParser(policy=policy.default).parsebytes(data)
            return repaired if repaired.is_multipart() else None
    return None


def _decode(part: Message) -> str:
    """A body part as text: transfer encoding undone, then its charset (utf-8 when unknown or
    wrong; bytes that do not fit are replaced, the check still runs)."""
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    if not isinstance(payload, bytes):
        return str(payload)
    charset = body_charset(part.get_content_charset())  # punycode, idna…: utf-8 (limits.py)
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # an unknown charset name
        return payload.decode("utf-8", errors="replace")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
