"""Rule ``tracking-links``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ..tables import tracking


class TrackingLinks(Rule):
    """The mailing's links go through a per-recipient click-tracking redirect.

    Reported are links written with an email platform's click-tracking tag (listmonk
    ``{{ TrackLink "…" }}`` and ``…@TrackLink``) and links to the click-tracking redirect of a known
    sending service (Mailchimp ``list-manage.com/track/click``, SendGrid ``/ls/click`` and
    ``/wf/click``, Mailjet ``mjt.lu/lnk/``, Amazon SES ``awstrack.me/L0/``, Constant Contact
    ``rs6.net/tn.jsp``, Salesforce ``exct.net``, Klaviyo ``klclick.com``). One finding per kind of
    redirect, with the number of links. Ordinary campaign parameters (``utm_source=…``), the same for
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
    messages = {
        "tag": {
            "nl": "{count} link(s) gebruiken de kliktracking-tag {tag} en worden per ontvanger gevolgd: is daar toestemming voor gevraagd?",
            "en": "{count} link(s) use the click-tracking tag {tag} and are tracked per recipient: was consent for it obtained?",
        },
        "service": {
            "nl": "{count} link(s) lopen via de kliktracking van {host} en worden per ontvanger gevolgd: is daar toestemming voor gevraagd?",
            "en": "{count} link(s) go through {host}'s click tracking and are tracked per recipient: was consent for it obtained?",
        },
    }
    _fix = {
        "nl": "Zet kliktracking uit (gewone links, eventueel met utm-parameters), of volg alleen ontvangers die er apart toestemming voor gaven.",
        "en": "Switch click tracking off (plain links, UTM parameters if you like), or track only recipients who consented to it separately.",
    }
    fixes = {"tag": _fix, "service": _fix}

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
