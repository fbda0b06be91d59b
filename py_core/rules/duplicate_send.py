"""Rule ``duplicate-send``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from ..context import Context, fingerprint
from ..history import DUPLICATE_WINDOW, earlier_sends, parse_time, recipients_hash
from ..model import Finding, Location
from ..registry import Rule
from ..tables.sending import QUEUES, queue_window


class DuplicateSend(Rule):
    """This draft already went to the same recipients within the last 24 hours.

    Carerix: "Wees niet ongeduldig door meerdere malen op de knop te klikken: De mailing wordt dan
    meerdere malen verstuurd! [...] Niet zomaar herhalen, maar eerst uitzoeken of de eerste al dan
    niet verstuurd is!" The extension remembers, per send, only the draft's fingerprint, a hash of
    its recipients and the time (``py_core.history``); a draft with the same fingerprint and the same
    recipients sent in the last 24 hours is reported with the time of that send (in UTC).

    On a platform that sends from a queue (Carerix: the queue is checked every 3 minutes and sends
    at most 100 e-mails a time, ``py_core/tables/sending.py``), a repeat while the first send is
    most likely still going out says so: that is the moment the guideline warns about, when "it
    does not seem to work" only because the queue has not reached the mailing yet.

    **Why** A mailing sent twice annoys every recipient at once and doubles the complaints.

    **Bad** pressing "Genereer e-mails" again because the first run seemed to hang

    **Good** first checking the sent items or the mailing log, then sending only what did not go out
    """

    id = "duplicate-send"
    title = {"nl": "Al eerder verstuurd", "en": "Already sent"}
    basis = ("carerix-twice",)
    packs = {
        "nl": "error",  # carerix-twice
    }
    order = 120
    messages = {
        "sent": {
            "nl": "Deze e-mail is al naar dezelfde ontvangers verstuurd om {time} op {date} (UTC){more}.",
            "en": "This email was already sent to the same recipients at {time} on {date} (UTC){more}.",
        },
        "queued": {
            "nl": "Deze mailing is {minutes} minuten geleden al verstuurd (om {time} UTC). {platform} verstuurt de wachtrij elke {interval} minuten, hoogstens {batch} e-mails per keer: de eerste verzending is waarschijnlijk nog bezig. Nogmaals drukken verstuurt de mailing twee keer.",
            "en": "This mailing was already sent {minutes} minutes ago (at {time} UTC). {platform} sends its queue every {interval} minutes, at most {batch} emails at a time: the first send is most likely still going out. Pressing again sends the mailing twice.",
        },
    }
    fixes = {
        "sent": {
            "nl": "Ga eerst na of de eerdere verzending is aangekomen (verzonden items, verzendlog) voordat je opnieuw verstuurt.",
            "en": "First find out whether the earlier send arrived (sent items, send log) before sending again.",
        },
        "queued": {
            "nl": "Wacht, en zoek eerst uit of de eerste verzending is verstuurd (de verstuurde e-mails bij de kandidaten of contactpersonen) voordat je opnieuw drukt.",
            "en": "Wait, and first find out whether the first send went out (the sent emails with the candidates or contacts) before pressing again.",
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
        recipients = len(ctx.draft.to) + len(ctx.draft.cc) + len(ctx.draft.bcc)
        window = queue_window(ctx.platform, recipients)
        if window is not None and now - last <= window:
            queue = QUEUES[ctx.platform]
            yield self.finding(
                ctx,
                "queued",
                location=Location(field="to"),
                evidence=last.isoformat(timespec="seconds"),
                minutes=str(max(0, int((now - last).total_seconds() // 60))),
                time=last.strftime("%H:%M"),
                platform=ctx.platform.capitalize(),
                interval=str(int(queue.interval.total_seconds() // 60)),
                batch=str(queue.batch),
            )
            return
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
