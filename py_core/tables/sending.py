"""How a platform sends a mailing after the press: the one table of platform-specific send timing.

``duplicate-send`` reads it (``py_core/rules/duplicate_send.py``): within a platform's *queue
window* after a send, the first send is most likely still going out, which is exactly when its
guideline warns against pressing again. Outside the window a repeat within
:data:`py_core.history.DUPLICATE_WINDOW` is still reported, in the general wording.

Only platforms whose sources state their pace are listed; every number below is quoted from the
source named in its row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class Queue:
    """A platform that sends a mailing from a queue, in parts, some time after the press."""

    #: The queue is picked up this often.
    interval: timedelta
    #: At most this many e-mails go out per pick-up.
    batch: int
    #: The largest mailing the platform advises sending in one go (used when the draft does not
    #: say how many recipients it has).
    largest: int
    #: Where the numbers come from.
    source: str


QUEUES: dict[str, Queue] = {
    # Carerix help, "Mailing size" (help.carerix.com/en/articles/1990014-mailing-size): the queue is
    # checked "every 3 minutes", mails go out in parts of at most 100 mails (or 40 MB), so at most
    # about 2000 per hour; "mailing with group" (en.help.carerix.com/marketing/campaigns/
    # mailing-with-group): above "a couple of thousand" receivers the list has to be split. The
    # guideline's "Voorkom dubbele verzending" (shared/guidelines/carerix-mailing-richtlijnen.txt)
    # is about this delay: "Niet zomaar herhalen, maar eerst uitzoeken of de eerste al dan niet
    # verstuurd is!"
    "carerix": Queue(
        interval=timedelta(minutes=3),
        batch=100,
        largest=2000,
        source="help.carerix.com/en/articles/1990014-mailing-size; en.help.carerix.com/marketing/campaigns/mailing-with-group",
    ),
}


def queue_window(platform: str, recipients: int = 0) -> timedelta | None:
    """How long after a send on ``platform`` that send may still be going out, or None.

    One pick-up interval before the first part, then one per part of ``batch`` e-mails; a draft
    without a recipient count (an ESP's e-mail screen) is taken at the platform's largest advised
    mailing: on Carerix 2000 recipients, 20 parts, 63 minutes.
    """
    queue = QUEUES.get(platform)
    if queue is None:
        return None
    count = recipients if recipients > 0 else queue.largest
    return queue.interval * (1 + math.ceil(count / queue.batch))
