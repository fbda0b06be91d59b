"""What the extension remembers about earlier sends, and how ``duplicate-send`` compares with it.

The browser keeps, per send, only ``{"fingerprint", "recipients", "sent_at"}``: the draft's
fingerprint (:func:`py_core.engine.fingerprint`), a hash of its recipients (:func:`recipients_hash`)
and the ISO time of sending. No content and no addresses are stored; both sides compute the same
hashes with the functions here (the extension calls them through the engine, never re-implements them).
Every check's report carries both (``draft.fingerprint`` and ``draft.recipients_hash``): the send
gate takes them from the report of the draft it checked, without a second request (issue 15).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from email.utils import getaddresses

from .model import Draft

#: A send counts as a repeat within this window. Source: Carerix "Voorkom dubbele verzending" (a
#: second click while the first mailing is still being generated); a day covers a retry the next
#: morning without flagging next week's newsletter.
DUPLICATE_WINDOW = timedelta(hours=24)


def recipients_hash(draft: Draft) -> str:
    """sha256 (hex) of the sorted, lower-cased bare addresses of To, Cc and Bcc joined by ``\\n``.

    Display names and order do not matter: ``"Anna <A@x.nl>", b@y.nl`` equals ``b@y.nl, a@x.nl``.
    A draft without recipients (an ESP campaign) hashes the empty string.
    """
    addresses = sorted(
        {address.strip().lower() for _, address in getaddresses([*draft.to, *draft.cc, *draft.bcc]) if address.strip()}
    )
    return hashlib.sha256("\n".join(addresses).encode("utf-8", "surrogatepass")).hexdigest()


def parse_time(value: str) -> datetime | None:
    """An ISO 8601 time as an aware UTC datetime (a time without zone is taken as UTC); None when unreadable."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def earlier_sends(draft_fingerprint: str, draft_recipients: str, history: list[dict[str, str]], now: datetime) -> list[datetime]:
    """Send times in ``history`` of the same draft to the same recipients within
    :data:`DUPLICATE_WINDOW` before ``now`` (latest first)."""
    found: list[datetime] = []
    for entry in history:
        if entry.get("fingerprint") != draft_fingerprint or entry.get("recipients") != draft_recipients:
            continue
        sent = parse_time(entry.get("sent_at", ""))
        if sent is not None and now - DUPLICATE_WINDOW <= sent <= now:
            found.append(sent)
    return sorted(found, reverse=True)
