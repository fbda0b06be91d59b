"""Rule ``link-hygiene``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from ..context import Context
from ..document import Link
from ..model import Finding
from ..registry import Rule
from ..tables import links as hosts
from ..tables import tracking
from ._identity import host_of, registrable, split_url

#: A list server's click-tracking path: one letter, then two or more numeric ids (``/t/12337/850395/30/``;
#: the same shape ``tracking-links`` reports).
_ID_PATH = re.compile(r"^/[a-z]/(?:\d+/)*\d{4,}/(?:\d+/)*\d{4,}(?:/|$)", re.I)


def id_redirect(href: str) -> bool:
    """True for a list server's own click-tracking redirect (``/t/12337/850395/30/``), which leads
    to the site its text shows."""
    try:
        path = split_url(href.strip()).path
    except ValueError:
        return False
    return bool(_ID_PATH.match(path))


class LinkHygiene(Rule):
    """Links that are insecure, hidden behind a shortener, unreachable, or that show another domain.

    Four kinds of link are reported, each once per draft with the number of links, located at the
    first: ``http://`` links (no encryption; mail clients and browsers mark them "not secure");
    links through a public URL shortener (``bit.ly``, ``tinyurl.com`` …: the recipient cannot see
    where they lead, and spam filters weigh them against the mail); links to a host no recipient can
    reach (``localhost``, ``*.test``, ``*.local``, a private IP address, ``staging.…``: left over
    from building the mailing); and a link whose text is a web address on another domain than the
    link's target (``www.acme.nl`` that leads to ``other.com``), which is what phishing mail does.
    A click-tracking redirect of a known sending service is not counted as another domain, nor is
    a list server's own click-tracking redirect (``/t/12337/850395/30/``: one letter, then two or
    more numeric ids), nor a link whose address holds a placeholder. Advice: none of these is unlawful in itself.

    Basis: the closing line of the Tripolis guidelines, "Zorg ervoor dat de content technisch in orde
    is" (make sure the content is technically in order): a link that leads nowhere, or elsewhere
    than it says, is not.

    **Why** A link that looks different from where it goes, or that does not work, costs the
    recipient's trust and the mailing's deliverability.

    **Bad** ``<a href="http://bit.ly/3xYz">www.acme.nl</a>``, ``<a href="https://staging.acme.nl/actie">``

    **Good** ``<a href="https://www.acme.nl/actie">www.acme.nl/actie</a>``
    """

    id = "link-hygiene"
    title = {"nl": "Onveilige of misleidende links", "en": "Insecure or misleading links"}
    basis = ("tripolis-technical",)
    packs = {
        "nl": "info",  # issue 14: advice (insecure, shortened, local or misleading links)
    }
    order = 320
    messages = {
        "http": {
            "nl": "{count} link(s) zonder https (http://): niet versleuteld en als onveilig gemarkeerd.",
            "en": "{count} link(s) without https (http://): not encrypted and marked as not secure.",
        },
        "shortener": {
            "nl": "{count} link(s) via een linkverkorter ({host}): de ontvanger ziet niet waar ze heen gaan.",
            "en": "{count} link(s) through a URL shortener ({host}): recipients cannot see where they lead.",
        },
        "local": {
            "nl": "{count} link(s) naar een adres dat ontvangers niet bereiken ({host}): overgebleven van het testen?",
            "en": "{count} link(s) to an address recipients cannot reach ({host}): left over from testing?",
        },
        "mismatch": {
            "nl": "De linktekst toont {shown}, maar de link gaat naar {target}.",
            "en": "The link text shows {shown}, but the link goes to {target}.",
        },
    }
    fixes = {
        "http": {
            "nl": "Gebruik https:// in de links.",
            "en": "Use https:// in the links.",
        },
        "shortener": {
            "nl": "Gebruik het volledige adres op je eigen domein.",
            "en": "Use the full address on your own domain.",
        },
        "local": {
            "nl": "Vervang de test- of lokale adressen door de echte adressen.",
            "en": "Replace the test or local addresses by the real ones.",
        },
        "mismatch": {
            "nl": "Laat de linktekst het adres tonen waar de link echt heen gaat, of gebruik een beschrijvende tekst.",
            "en": "Make the link text show the address the link really goes to, or use descriptive words.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.doc.links)

    def check(self, ctx: Context) -> Iterator[Finding]:
        groups: dict[str, list[tuple[Link, str]]] = {"http": [], "shortener": [], "local": []}
        mismatches: list[tuple[Link, str, str]] = []
        for link in ctx.doc.links:
            href = link.href.strip()
            lower = href.lower()
            if not lower.startswith(("http://", "https://", "//")):
                continue
            if any(mark in href for mark in ("{", "}", "*|", "|*", "%%", "[[", "$")):
                continue  # a placeholder the platform fills
            host = host_of(href)
            if not host:
                continue
            if lower.startswith("http://"):
                groups["http"].append((link, host))
            if host in hosts.SHORTENERS or registrable(host) in hosts.SHORTENERS:
                groups["shortener"].append((link, host))
            if hosts.is_local_host(host):
                groups["local"].append((link, host))
            text = link.text.strip()
            shown = hosts.URL_TEXT.match(text) if len(text) <= 300 else None  # a web address is short
            if shown and not tracking.known_click_url(href) and "@" not in link.text and not id_redirect(href):
                shown_host = shown.group(1).lower()
                # A redirect that names the shown domain in its own address (``destUrl=…buy.com``) goes there.
                if registrable(shown_host) != registrable(host) and registrable(shown_host) not in unquote(lower):
                    mismatches.append((link, shown_host, host))
        for key in ("local", "shortener", "http"):
            found = groups[key]
            if found:
                first, host = found[0]
                yield self._at(ctx, key, first, count=len(found), host=host)
        for link, shown, target in mismatches:
            yield self._at(ctx, "mismatch", link, shown=shown, target=target)

    def _at(self, ctx: Context, key: str, link: Link, **params: object) -> Finding:
        if link.element is not None:
            return self.finding(ctx, key, element=link.element, evidence=link.href[:160], **params)
        return self.finding(ctx, key, span=(link.start, link.end), evidence=link.href[:160], **params)
