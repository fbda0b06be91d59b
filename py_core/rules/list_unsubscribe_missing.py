"""Rule ``list-unsubscribe-missing``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine import Context
from ..model import Finding, Location
from ..registry import Rule

#: RFC 2369 section 2: the header holds one or more URIs, each in angle brackets.
_URI = re.compile(r"<\s*([^<>\s]+)\s*>")
#: RFC 8058 section 3.1: exactly this key and value in the List-Unsubscribe-Post header.
_ONE_CLICK = re.compile(r"^\s*List-Unsubscribe\s*=\s*One-Click\s*$", re.I)
_HEADERS = Location(field="headers")


class ListUnsubscribeMissing(Rule):
    """A complete message (``.eml``) without working one-click unsubscribe headers.

    Checked only for a full message, since headers exist only at send time: a draft in an editor
    has none yet (the sending platform adds them). Three things must be there: a
    ``List-Unsubscribe`` header (RFC 2369), holding an ``https://`` address (RFC 8058 requires an
    HTTPS URI for one-click; a ``mailto:`` alone is not enough for Gmail and Yahoo), and
    ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058), which lets the mailbox
    unsubscribe with one POST and no page to click through.

    **Why** Since February 2024 Gmail and Yahoo require one-click unsubscribe for bulk senders
    (about 5,000 messages a day); mail without it is more likely to land in spam, and the
    mailbox's own "Unsubscribe" button does not appear.

    **Bad** a message whose only header is ``List-Unsubscribe: <mailto:leave@voorbeeld.nl>``

    **Good** ``List-Unsubscribe: <https://voorbeeld.nl/u/abc123>, <mailto:leave@voorbeeld.nl?subject=abc123>``
    and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``
    """

    id = "list-unsubscribe-missing"
    title = {"nl": "Eén-klik-afmeldheaders ontbreken", "en": "One-click unsubscribe headers missing"}
    default_severity = "info"
    basis = ("rfc8058", "bulk-sender")
    messages = {
        "missing": {
            "nl": "Het bericht heeft geen List-Unsubscribe-header: mailprogramma's tonen geen eigen afmeldknop.",
            "en": "The message has no List-Unsubscribe header: mail programs show no unsubscribe button of their own.",
        },
        "no-https": {
            "nl": "De List-Unsubscribe-header heeft geen https-adres ({value}); één-klik-afmelden vraagt er een (RFC 8058).",
            "en": "The List-Unsubscribe header has no https address ({value}); one-click unsubscribe needs one (RFC 8058).",
        },
        "no-post": {
            "nl": "De header 'List-Unsubscribe-Post: List-Unsubscribe=One-Click' ontbreekt: Gmail en Yahoo eisen die van bulkverzenders.",
            "en": "The header 'List-Unsubscribe-Post: List-Unsubscribe=One-Click' is missing: Gmail and Yahoo require it from bulk senders.",
        },
    }
    _fix = {
        "nl": "Zet één-klik-afmelden aan in je verzendplatform, of voeg 'List-Unsubscribe: <https://…>' en 'List-Unsubscribe-Post: List-Unsubscribe=One-Click' toe.",
        "en": "Turn on one-click unsubscribe in your sending platform, or add 'List-Unsubscribe: <https://…>' and 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'.",
    }
    fixes = dict.fromkeys(messages, _fix)

    def applies(self, ctx: Context) -> bool:
        return ctx.draft.is_message

    def check(self, ctx: Context) -> Iterator[Finding]:
        headers = {name.strip().lower(): value for name, value in ctx.draft.headers.items()}
        value = headers.get("list-unsubscribe", "").strip()
        if not value:
            yield self.finding(ctx, "missing", location=_HEADERS, evidence="")
            return
        uris = [uri.lower() for uri in _URI.findall(value)]
        if not any(uri.startswith("https://") and len(uri) > len("https://") for uri in uris):
            yield self.finding(ctx, "no-https", location=_HEADERS, evidence=f"List-Unsubscribe: {value}"[:160], value=value[:80])
        post = headers.get("list-unsubscribe-post", "")
        if not _ONE_CLICK.match(post):
            evidence = f"List-Unsubscribe-Post: {post}" if post else ""
            yield self.finding(ctx, "no-post", location=_HEADERS, evidence=evidence[:160])
