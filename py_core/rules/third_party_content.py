"""Rule ``third-party-content``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..context import Context
from ..document import Link
from ..model import Finding
from ..registry import Rule
from ..tables.phrases import (
    AFFILIATE_HOSTS,
    AFFILIATE_PARAMS_RE,
    AMAZON_HOST_RE,
    NOT_THIRD_PARTY_DOMAINS,
    PROMOTIONAL_RE,
    THIRD_PARTY_STEMS,
    THIRD_PARTY_STRONG_RE,
    THIRD_PARTY_WEAK_RE,
)
from ._identity import host_of, own_domains, registrable, split_url
from ._unsubscribe import unsubscribe_links

_EXEMPT: frozenset[str] = frozenset(d for group in NOT_THIRD_PARTY_DOMAINS.values() for d in group)
_AFFILIATE_HOSTS: frozenset[str] = frozenset(AFFILIATE_HOSTS)
#: Characters around a link read to decide whether it is promotional ("Shop now", "20% korting").
_AROUND_CHARS = 60
_PLACEHOLDER_MARKS = ("{{", "{%", "*|", "[[", "<%", "%%", "{$", "{unsubscribe", "{webview")


class ThirdPartyContent(Rule):
    """The mailing advertises for other organisations.

    Carerix: "Het is niet de bedoeling dat de faciliteiten van Carerix worden misbruikt om te
    adverteren voor (activiteiten van) derden"; the soft opt-in for existing customers covers only
    the sender's own similar products (Tripolis rule 4). Mailwacht reports:

    * wording that labels advertising ("advertentie", "advertorial", "gesponsord", "sponsored",
      "paid partnership", "Anzeige", "publicité"); softer wording ("sponsor", "aangeboden door",
      "in samenwerking met", "presented by") asks for review;
    * affiliate links (Amazon ``tag=``, ``aff_id``, ``affiliate``, ``ref=``, links through affiliate
      networks such as Awin or TradeTracker; ``utm_*`` is campaign tracking and does not count);
    * promotional links (an image banner, or "koop", "korting", "shop now" in or around the link)
      to a domain that is not the sender's. The sender's domains come from the organisation
      profile, its website and the From address; without them Mailwacht takes the domain linked
      most often as the sender's and reports other domains for review only.

    Links to social networks, maps, app stores and the email platform itself are never counted.

    **Why** Mailing your list for someone else's products is not what the recipients signed up
    for, and the soft opt-in for customers does not cover it.

    **Bad** ``<p>Advertentie</p><a href="https://partner.example/deal?aff_id=42"><img src="banner.jpg"></a>``

    **Good** news and offers about your own organisation, linking to your own site
    """

    id = "third-party-content"
    title = {"nl": "Reclame voor derden", "en": "Advertising for third parties"}
    basis = ("carerix-own-activities", "tripolis-4")
    packs = {
        "nl": "warning",  # carerix-own-activities
    }
    order = 180
    messages = {
        "label": {
            "nl": "'{phrase}' wijst op reclame voor een andere organisatie.",
            "en": "'{phrase}' points to advertising for another organisation.",
        },
        "label-weak": {
            "nl": "'{phrase}': gaat dit over een andere organisatie? Reclame voor derden hoort niet in deze mailing.",
            "en": "'{phrase}': is this about another organisation? Advertising for third parties does not belong in this mailing.",
        },
        "affiliate": {
            "nl": "Deze link naar {domain} is een affiliatelink: de mailing verdient aan de producten van een ander.",
            "en": "This link to {domain} is an affiliate link: the mailing earns from someone else's products.",
        },
        "foreign": {
            "nl": "Deze link maakt reclame voor {domain}, een ander domein dan dat van de afzender.",
            "en": "This link promotes {domain}, a domain other than the sender's.",
        },
    }
    fixes = {
        "label": {
            "nl": "Laat reclame voor derden weg; verwijs alleen naar je eigen activiteiten.",
            "en": "Leave out advertising for third parties; refer only to your own activities.",
        },
        "label-weak": {
            "nl": "Gaat het om een andere organisatie, laat het dan weg of maak duidelijk dat het om je eigen activiteit gaat.",
            "en": "If it concerns another organisation, leave it out or make clear that it is your own activity.",
        },
        "affiliate": {
            "nl": "Verwijder de affiliatelink of de affiliatecode.",
            "en": "Remove the affiliate link or the affiliate code.",
        },
        "foreign": {
            "nl": "Verwijs naar je eigen site, of vul je domeinen in bij het organisatieprofiel als dit je eigen site is.",
            "en": "Link to your own site, or enter your domains in the organisation profile if this is your own site.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.doc.text.strip() or ctx.doc.links)

    def check(self, ctx: Context) -> Iterator[Finding]:
        text = ctx.doc.text
        lower = ctx.doc.text_lower
        labelled = any(stem in lower for stem in THIRD_PARTY_STEMS)
        for pattern, key in ((THIRD_PARTY_STRONG_RE, "label"), (THIRD_PARTY_WEAK_RE, "label-weak")) if labelled else ():
            for match in pattern.finditer(text):
                phrase = " ".join(match.group(0).split())
                yield self.finding(ctx, key, span=(match.start(), match.end()), review=key == "label-weak", phrase=phrase)
        yield from self._links(ctx)

    def _links(self, ctx: Context) -> Iterator[Finding]:
        own = own_domains(ctx)
        skip = {id(link) for link in unsubscribe_links(ctx)}
        candidates: list[tuple[Link, str, str]] = []
        for link in ctx.doc.links:
            href = link.href
            if id(link) in skip or not href.lower().startswith(("http://", "https://", "//", "www.")):
                continue
            if any(mark in href for mark in _PLACEHOLDER_MARKS):
                continue
            host = host_of(href if "//" in href else "https://" + href)
            if not host:
                continue
            domain = registrable(host)
            if domain in _EXEMPT or host in _EXEMPT:
                continue
            candidates.append((link, host, domain))
        known = bool(own)
        if not known:
            # Without a profile: the domain linked most often is taken to be the sender's own.
            counts = Counter(domain for _, _, domain in candidates)
            if counts:
                top, n = counts.most_common(1)[0]
                if n >= 2 or len(counts) == 1:
                    own = {top}
        reported: set[str] = set()
        for link, host, domain in candidates:
            if domain in own or domain in reported:
                continue
            if _is_affiliate(link.href, host, domain):
                reported.add(domain)
                yield self.finding(ctx, "affiliate", element=link.element, review=not known, domain=domain)
            elif own and self._promotional(ctx, link):
                reported.add(domain)
                yield self.finding(ctx, "foreign", element=link.element, review=not known, domain=domain)

    @staticmethod
    def _promotional(ctx: Context, link: Link) -> bool:
        if PROMOTIONAL_RE.search(link.text):
            return True
        element = link.element
        if element is not None and element.find("img") is not None and not any(s.strip() for s in element.strings):
            return True  # an image banner
        around = ctx.doc.text[max(0, link.start - _AROUND_CHARS) : link.end + _AROUND_CHARS]
        return bool(PROMOTIONAL_RE.search(around))


def _is_affiliate(href: str, host: str, domain: str) -> bool:
    if domain in _AFFILIATE_HOSTS or host in _AFFILIATE_HOSTS:
        return True
    try:
        query = split_url(href).query
    except ValueError:
        return False
    if AFFILIATE_PARAMS_RE.search(query):
        return True
    return bool(AMAZON_HOST_RE.search(host) and "tag=" in query.lower())
