"""Rule ``duplicate-send``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from ..engine import Context, fingerprint
from ..history import DUPLICATE_WINDOW, earlier_sends, parse_time, recipients_hash
from ..model import Finding, Location
from ..registry import Rule


class DuplicateSend(Rule):
    """This draft already went to the same recipients within the last 24 hours.

    Carerix: "Wees niet ongeduldig door meerdere malen op de knop te klikken: De mailing wordt dan
    meerdere malen verstuurd! [...] Niet zomaar herhalen, maar eerst uitzoeken of de eerste al dan
    niet verstuurd is!" The extension remembers, per send, only the draft's fingerprint, a hash of
    its recipients and the time (``py_core.history``); a draft with the same fingerprint and the same
    recipients sent in the last 24 hours is reported with the time of that send (in UTC).

    **Why** A mailing sent twice annoys every recipient at once and doubles the complaints.

    **Bad** pressing "Genereer e-mails" again because the first run seemed to hang

    **Good** first checking the sent items or the mailing log, then sending only what did not go out
    """

    id = "duplicate-send"
    title = {"nl": "Al eerder verstuurd", "en": "Already sent"}
    default_severity = "error"
    basis = ("carerix-twice",)
    messages = {
        "sent": {
            "nl": "Deze e-mail is al naar dezelfde ontvangers verstuurd om {time} op {date} (UTC){more}.",
            "en": "This email was already sent to the same recipients at {time} on {date} (UTC){more}.",
        },
    }
    fixes = {
        "sent": {
            "nl": "Ga eerst na of de eerdere verzending is aangekomen (verzonden items, verzendlog) voordat je opnieuw verstuurt.",
            "en": "First find out whether the earlier send arrived (sent items, send log) before sending again.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.options.history)

    def check(self, ctx: Context) -> Iterator[Finding]:
        now = parse_time(ctx.options.now) or datetime.now(UTC)
        sends = earlier_sends(fingerprint(ctx.draft), recipients_hash(ctx.draft), ctx.options.history, now)
        if not sends:
            return
        last = sends[0]
        extra = len(sends) - 1
        hours = int(DUPLICATE_WINDOW.total_seconds() // 3600)
        more = ""
        if extra:
            more = (
                f"; en nog {extra} keer in de afgelopen {hours} uur"
                if ctx.options.locale == "nl"
                else f"; and {extra} more time(s) in the last {hours} hours"
            )
        yield self.finding(
            ctx,
            "sent",
            location=Location(field="to"),
            evidence=last.isoformat(timespec="seconds"),
            time=last.strftime("%H:%M"),
            date=last.strftime("%d-%m-%Y") if ctx.options.locale == "nl" else last.strftime("%Y-%m-%d"),
            more=more,
        )
