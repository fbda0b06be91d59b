"""Rule ``list-unsubscribe-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding, Location
from ..registry import Rule
from ._unsubscribe import list_unsubscribe_header

_HEADERS = Location(field="headers")


class ListUnsubscribeMissing(Rule):
    """A complete message (``.eml``) without working one-click unsubscribe headers.

    Checked only for a full message, since headers exist only at send time: a draft in an editor
    has none yet (the sending platform adds them). Three things must be there: a
    ``List-Unsubscribe`` header (RFC 2369), holding an ``https://`` address (RFC 8058 requires an
    HTTPS URI for one-click; a ``mailto:`` alone is not enough for Gmail and Yahoo), and
    ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` (RFC 8058), which lets the mailbox
    unsubscribe with one POST and no page to click through.

    The header is read as a mail client reads it (the ``listunsub`` package, RFC 2369 section 2 and
    RFC 8058): white space inside ``<…>`` is ignored, an address inside a comment or after other
    text is not taken, the post value must be exactly ``List-Unsubscribe=One-Click`` (no spaces
    around ``=``), an https address with user information (``https://user:pw@…``) cannot take a
    one-click POST, and a second ``List-Unsubscribe`` field is not read.

    **Why** Since February 2024 Gmail and Yahoo require one-click unsubscribe for bulk senders
    (about 5,000 messages a day); mail without it is more likely to land in spam, and the
    mailbox's own "Unsubscribe" button does not appear.

    **Bad** a message whose only header is ``List-Unsubscribe: <mailto:leave@voorbeeld.nl>``

    **Good** ``List-Unsubscribe: <https://voorbeeld.nl/u/abc123>, <mailto:leave@voorbeeld.nl?subject=abc123>``
    and ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``
    """

    id = "list-unsubscribe-missing"
    title = {"nl": "Eén-klik-afmeldheaders ontbreken", "en": "One-click unsubscribe headers missing"}
    basis = ("rfc8058", "bulk-sender", "tripolis-technical")
    packs = {
        "nl": "info",
        "bulk-sender": "error",
    }
    order = 170
    messages = {
        "missing": {
            "nl": "Het bericht heeft geen List-Unsubscribe-header: mailprogramma's tonen geen eigen afmeldknop.",
            "en": "The message has no List-Unsubscribe header: mail programs show no unsubscribe button of their own.",
        },
        "no-https": {
            "nl": "De List-Unsubscribe-header heeft geen https-adres ({value}); één-klik-afmelden vraagt er een (RFC 8058).",
            "en": "The List-Unsubscribe header has no https address ({value}); one-click unsubscribe needs one (RFC 8058).",
        },
        "unusable-https": {
            "nl": "Het https-adres in de List-Unsubscribe-header ({value}) kan geen één-klik-afmelding ontvangen: RFC 8058 vraagt een geldig adres met een host en zonder gebruikersnaam of wachtwoord.",
            "en": "The https address in the List-Unsubscribe header ({value}) cannot take a one-click unsubscribe: RFC 8058 needs a valid address with a host and without user name or password.",
        },
        "no-post": {
            "nl": "De header 'List-Unsubscribe-Post: List-Unsubscribe=One-Click' ontbreekt: Gmail en Yahoo eisen die van bulkverzenders.",
            "en": "The header 'List-Unsubscribe-Post: List-Unsubscribe=One-Click' is missing: Gmail and Yahoo require it from bulk senders.",
        },
        "duplicate": {
            "nl": "Het bericht heeft {count} List-Unsubscribe-headers; mailprogramma's lezen alleen de eerste (RFC 2369 staat er één toe).",
            "en": "The message has {count} List-Unsubscribe headers; mail programs read only the first (RFC 2369 allows one).",
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
        header = list_unsubscribe_header(ctx)
        if header is None:
            yield self.finding(ctx, "missing", location=_HEADERS, evidence="")
            return
        value = header.fields[0]
        if len(header.fields) > 1:
            evidence = " | ".join(f"List-Unsubscribe: {v}" for v in header.fields)
            yield self.finding(ctx, "duplicate", location=_HEADERS, evidence=evidence[:160], count=str(len(header.fields)))
        if not header.https:
            if header.unusable:
                uri = header.unusable[0][0]
                yield self.finding(
                    ctx, "unusable-https", location=_HEADERS, evidence=f"List-Unsubscribe: {value}"[:160], value=uri[:80]
                )
            else:
                yield self.finding(
                    ctx, "no-https", location=_HEADERS, evidence=f"List-Unsubscribe: {value}"[:160], value=value[:80]
                )
        if not header.post_one_click:
            post = header.posts[0] if header.posts else ""
            evidence = f"List-Unsubscribe-Post: {post}" if post else ""
            yield self.finding(ctx, "no-post", location=_HEADERS, evidence=evidence[:160])
