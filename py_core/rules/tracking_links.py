"""Rule ``tracking-links``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ..tables import tracking
from ._identity import host_of, split_url

#: The first label of a host that serves click redirects (``click.topica.com``, ``click.wh5.com``).
_CLICK_HOST = re.compile(r"(?:click|clicks|clk|track|trk|tracking)\.", re.I)
#: A token that names one send or recipient: 12+ letters and digits (no hyphen: a page slug such as
#: ``winter-sale-2026`` is none).
_TOKEN = re.compile(r"(?=[\w.]*\d)(?=[\w.]*[a-z])[\w.]{12,}", re.I)
#: A path of a list server's redirect: one letter, then two or more numeric ids (``/t/12337/850395/30/``).
_ID_PATH = re.compile(r"^/[a-z]/(?:\d+/)*\d{4,}/(?:\d+/)*\d{4,}(?:/|$)", re.I)
#: Query names that carry the recipient's address.
_ADDRESS_PARAMS = ("email", "e-mail", "mail", "emailaddress", "email_address", "recipient")
#: Links whose job is the recipient's own subscription (they need the address; not tracking).
_OWN_SUBSCRIPTION = re.compile(
    r"unsub|opt-?out|remove|preferen|profile|subscri|login|account|manage|afmeld|abmeld|abonn|inschrijv|"
    r"d[ée]sinscri|d[ée]sabonn|verwalt|beheer|konto",
    re.I,
)


def redirect_kind(href: str, text: str = "") -> str | None:
    """``"redirect"`` for a click redirect that carries a per-recipient token (a click host with a
    token, or a list server's ``/t/<id>/<id>/`` path), ``"address"`` for a link that carries the
    recipient's address in its query (not a link, by its address or text, to the recipient's own
    subscription or account, which needs the address), else None."""
    try:
        parts = split_url(href.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    if _CLICK_HOST.match(host) and (_TOKEN.search(parts.path) or _TOKEN.search(parts.query)):
        return "redirect"
    if _ID_PATH.match(parts.path):
        return "redirect"
    # A value that is an address holds "@", which the query holds as "@" or "%40" (parse_qsl
    # unquotes): without either, no parameter can carry the address (and parse_qsl, pure Python,
    # is not run for every link of the draft).
    query = parts.query
    if ("@" in query or "%40" in query) and not _OWN_SUBSCRIPTION.search(href) and not _OWN_SUBSCRIPTION.search(text):
        for name, value in parse_qsl(query):
            if name.lower() in _ADDRESS_PARAMS and re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", value, re.I):
                return "address"
    return None


class TrackingLinks(Rule):
    """The mailing's links go through a per-recipient click-tracking redirect.

    Reported are links written with an email platform's click-tracking tag (listmonk
    ``{{ TrackLink "…" }}`` and ``…@TrackLink``) and links to the click-tracking redirect of a known
    sending service (Mailchimp ``list-manage.com/track/click``, SendGrid ``/ls/click`` and
    ``/wf/click``, Mailjet ``mjt.lu/lnk/``, Amazon SES ``awstrack.me/L0/``, Constant Contact
    ``rs6.net/tn.jsp``, Salesforce ``exct.net``, Klaviyo ``klclick.com``); also a redirect of
    another click host (``click.…``, ``track.…``) whose address carries a token of the recipient
    (12+ letters and digits), a list server's redirect ``/t/<id>/<id>/…``, and links that carry the
    recipient's email address in their query (a link to the recipient's own subscription or
    account needs it and is left alone).
    One finding per kind of redirect, with the number of links. Ordinary campaign parameters (``utm_source=…``), the same for
    every recipient, are not per-recipient tracking and are not reported; nor is tracking a
    platform adds only when it sends.

    ePrivacy Directive 2002/58 art. 5(3) requires consent for "the gaining of access to information
    already stored, in the terminal equipment of a subscriber or user"; the EDPB (Guidelines 2/2023
    on the technical scope of art. 5(3), final 7 October 2024) counts tracking in emails, by pixel
    and by link, among the techniques it covers. The CNIL's recommendation of 12 March 2026 (in
    force 14 July 2026) and the Italian Garante's decision 284 of 17 April 2026 (comply by
    29 October 2026) address per-recipient email tracking; whether a tracked click needs consent
    of its own in every case is for the sender's adviser to confirm. In the ``eu-tracking`` pack
    this is a question for the sender that does not hold the send; elsewhere advice.

    **Why** A per-recipient redirect records who clicked what and when: personal data gathered from
    the recipient's device, which needs consent of its own.

    **Bad** ``<a href="{{ TrackLink "https://acme.nl/actie" }}">`` for recipients who never agreed to
    click tracking

    **Good** ``<a href="https://acme.nl/actie?utm_source=nieuwsbrief">``, or tracking only for
    recipients who consented to it.
    """

    id = "tracking-links"
    title = {"nl": "Kliktracking (gevolgde links)", "en": "Click tracking (tracked links)"}
    basis = ("eprivacy-5-3", "edpb-2-2023", "cnil-2026-tracking", "garante-2026-tracking")
    packs = {
        "nl": "info",
        "eu-tracking": "warning",
    }
    order = 220
    messages = {
        "tag": {
            "nl": "{count} link(s) gebruiken de kliktracking-tag {tag} en worden per ontvanger gevolgd: is daar toestemming voor gevraagd?",
            "en": "{count} link(s) use the click-tracking tag {tag} and are tracked per recipient: was consent for it obtained?",
        },
        "service": {
            "nl": "{count} link(s) lopen via de kliktracking van {host} en worden per ontvanger gevolgd: is daar toestemming voor gevraagd?",
            "en": "{count} link(s) go through {host}'s click tracking and are tracked per recipient: was consent for it obtained?",
        },
        "address": {
            "nl": "{count} link(s) naar {host} dragen het e-mailadres van de ontvanger mee en laten zien wie klikte: is daar toestemming voor gevraagd?",
            "en": "{count} link(s) to {host} carry the recipient's email address and show who clicked: was consent for it obtained?",
        },
    }
    _fix = {
        "nl": "Zet kliktracking uit (gewone links, eventueel met utm-parameters), of volg alleen ontvangers die er apart toestemming voor gaven.",
        "en": "Switch click tracking off (plain links, UTM parameters if you like), or track only recipients who consented to it separately.",
    }
    fixes = {"tag": _fix, "service": _fix, "address": _fix}

    def check(self, ctx: Context) -> Iterator[Finding]:
        review = ctx.severity_of(self.id) != "info"
        groups: dict[tuple[str, str], list] = {}
        for link in ctx.doc.links:
            match = tracking.LINK_TAGS.search(link.href)
            if match:
                tag = "@TrackLink" if match.group(0).startswith("@") else "{{ TrackLink }}"
                groups.setdefault(("tag", tag), []).append(link)
                continue
            host = tracking.known_click_url(link.href)
            if host:
                groups.setdefault(("service", host), []).append(link)
                continue
            kind = redirect_kind(link.href, link.text)
            if kind:
                name = host_of(link.href)
                groups.setdefault(("service" if kind == "redirect" else "address", name), []).append(link)
        for (key, name), links in groups.items():
            first = links[0]
            params = {"tag": name} if key == "tag" else {"host": name}
            if first.element is not None:
                yield self.finding(
                    ctx, key, element=first.element, evidence=first.href[:160], review=review, count=len(links), **params
                )
            else:
                yield self.finding(
                    ctx, key, span=(first.start, first.end), evidence=first.href[:160], review=review, count=len(links), **params
                )
