"""Rule ``unsubscribe-broken``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ._unsubscribe import automatic_routes, carries_own_tag, href_problem, unsubscribe_links


class UnsubscribeBroken(Rule):
    """An unsubscribe link that goes nowhere.

    The link is there but a click cannot unsubscribe anyone: its address is empty, ``#`` (a
    template's stand-in), ``javascript:``, a documentation domain that no one owns for real
    (``example.com``, ``example.org``, ``example.net``, ``*.example``, ``*.test``, ``*.invalid``: RFC
    2606 and RFC 6761), this computer (``localhost``, ``127.0.0.1``), ``http://`` without a host, or
    an address without ``https://`` (an email has no base address, so ``/afmelden`` leads nowhere).
    Tripolis rule 6 and the law ask for an *automatic* unsubscribe link; one that does not work is
    no opt-out at all.

    Not judged here: a placeholder in the href (a platform's own one works; another platform's
    or one left in webmail is ``placeholder-unresolved``), ``mailto:`` (``unsubscribe-manual``),
    and a link around the platform's own ``<unsubscribe>`` tag (Campaign Monitor, Sendy turn the
    tag into the real link).

    When the email also has a working unsubscribe route (another link, the platform's own code),
    the law's opt-out is there and a dead extra link is a note (*info*) to fix, not an error
    (a real newsletter: its own "to opt out, click here" with ``href="#"``, the list's working
    "Unsubscribe" in the footer).

    **Why** Templates ship with ``href="#"`` for the sender to fill; sent as is, the recipient
    clicks "unsubscribe", nothing happens, and the next step is the spam button.

    **Bad** ``<a href="#">Unsubscribe</a>``, ``<a href="https://example.com/unsubscribe">Afmelden</a>``

    **Good** ``<a href="https://nieuws.voorbeeld.nl/afmelden?id=123">Afmelden</a>``
    """

    id = "unsubscribe-broken"
    title = {"nl": "Afmeldlink werkt niet", "en": "Unsubscribe link does not work"}
    basis = ("tripolis-6", "tw-11.7", "carerix-optin")
    packs = {
        "nl": "error",
        "us-can-spam": "error",
        "ca-casl": "error",
        "bulk-sender": "error",
        "be": "error",
    }
    pack_basis = {"be": ("be-wer-xii-13",)}
    order = 20
    messages = {
        "empty": {
            "nl": "De afmeldlink '{text}' heeft geen adres: klikken doet niets.",
            "en": "The unsubscribe link '{text}' has no address: clicking it does nothing.",
        },
        "anchor": {
            "nl": "De afmeldlink '{text}' wijst naar '{href}', een plek in de e-mail zelf: niemand wordt afgemeld.",
            "en": "The unsubscribe link '{text}' points to '{href}', a spot inside the email: nobody gets unsubscribed.",
        },
        "javascript": {
            "nl": "De afmeldlink '{text}' is een javascript-link; e-mailprogramma's voeren die niet uit.",
            "en": "The unsubscribe link '{text}' is a javascript link; email programs do not run it.",
        },
        "example": {
            "nl": "De afmeldlink '{text}' wijst naar het voorbeelddomein in '{href}': dat adres bestaat niet echt.",
            "en": "The unsubscribe link '{text}' points to the example domain in '{href}': that address does not really exist.",
        },
        "localhost": {
            "nl": "De afmeldlink '{text}' wijst naar '{href}', de eigen computer van wie klikt: dat werkt bij niemand.",
            "en": "The unsubscribe link '{text}' points to '{href}', the clicker's own computer: it works for no one.",
        },
        "no-host": {
            "nl": "De afmeldlink '{text}' heeft geen websiteadres ('{href}').",
            "en": "The unsubscribe link '{text}' has no website address ('{href}').",
        },
        "relative": {
            "nl": "De afmeldlink '{text}' heeft geen volledig adres ('{href}'); in een e-mail leidt dat nergens heen.",
            "en": "The unsubscribe link '{text}' has no complete address ('{href}'); in an email it leads nowhere.",
        },
    }
    _fix = {
        "nl": "Zet het echte afmeldadres van je verzendplatform in de link (beginnend met https://), of de afmeldcode van het platform.",
        "en": "Put your sending platform's real unsubscribe address in the link (starting with https://), or the platform's unsubscribe code.",
    }
    fixes = dict.fromkeys(messages, _fix)

    def check(self, ctx: Context) -> Iterator[Finding]:
        severity = "info" if automatic_routes(ctx) else None
        for link in unsubscribe_links(ctx):
            problem = href_problem(link.href)
            if problem is None or carries_own_tag(ctx, link):
                continue
            if link.element is None and problem == "relative":
                continue  # plain text: mail programs turn a bare www.… into a link themselves
            text = link.text or link.href or "…"
            href = link.href.strip()[:80]
            if link.element is None:  # text mode: the URL itself
                yield self.finding(ctx, problem, span=(link.start, link.end), severity=severity, text=text, href=href)
            else:
                yield self.finding(ctx, problem, element=link.element, severity=severity, text=text, href=href)
