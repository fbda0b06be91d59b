"""Rule ``noreply-sender``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding, Location
from ..registry import Rule
from ._identity import bare_address, is_noreply


class NoreplySender(Rule):
    """The mail comes from, or sends replies to, a no-reply address.

    Tripolis rule 7 wants recipients to see "direct [...] hoe ze contact kunnen opnemen". A From
    address such as ``noreply@``, ``no-reply@``, ``donotreply@``, ``geen-antwoord@`` or
    ``nepasrepondre@`` tells them not to. A Reply-To with a real address rescues a no-reply From
    (replies reach a person); a no-reply Reply-To is reported by itself.

    **Why** Recipients reply to unsubscribe, to ask questions or to complain. When the reply bounces,
    the spam button is what remains.

    **Bad** From: ``Acme <noreply@acme.nl>`` and no Reply-To

    **Good** From: ``Acme <nieuws@acme.nl>``, or a no-reply From with Reply-To: ``service@acme.nl``
    """

    id = "noreply-sender"
    title = {"nl": "Antwoorden komt niet aan (no-reply)", "en": "Replies are not received (no-reply)"}
    basis = ("tripolis-7",)
    packs = {
        "nl": "warning",
        "us-can-spam": "info",
        "ca-casl": "warning",
    }
    order = 100
    messages = {
        "from": {
            "nl": "Het afzenderadres {address} neemt geen antwoorden aan: ontvangers kunnen niet reageren.",
            "en": "The From address {address} takes no replies: recipients cannot respond.",
        },
        "reply-to": {
            "nl": "Het antwoordadres (Reply-To) {address} neemt geen antwoorden aan.",
            "en": "The Reply-To address {address} takes no replies.",
        },
    }
    fixes = {
        "from": {
            "nl": "Verstuur vanaf een adres dat gelezen wordt, of zet een echt antwoordadres (Reply-To).",
            "en": "Send from an address that is read, or set a real Reply-To address.",
        },
        "reply-to": {
            "nl": "Zet als antwoordadres een mailbox die gelezen wordt.",
            "en": "Use a mailbox that is read as the Reply-To address.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.draft.from_address.strip() or ctx.draft.reply_to.strip())

    def check(self, ctx: Context) -> Iterator[Finding]:
        sender = ctx.draft.from_address.strip()
        reply_to = ctx.draft.reply_to.strip()
        if reply_to and is_noreply(reply_to):
            address = bare_address(reply_to)
            yield self.finding(ctx, "reply-to", location=Location(field="reply_to"), evidence=address, address=address)
        elif sender and is_noreply(sender) and not reply_to:
            address = bare_address(sender)
            yield self.finding(ctx, "from", location=Location(field="from_address"), evidence=address, address=address)
