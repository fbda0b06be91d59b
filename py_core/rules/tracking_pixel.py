"""Rule ``tracking-pixel``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import Tag

from ..context import Context
from ..css import own_style
from ..model import Finding
from ..registry import Rule
from ..tables import tracking

#: A merge tag inside an image address: the platform writes something per recipient there.
_MERGE_IN_URL = re.compile(r"\{\{|\*\||\{[a-z_]+[}=]|%%|\$\{|\[\[|##", re.I)


#: A path segment that is a number of 4+ digits: a send or recipient id.
_ID_SEGMENT = re.compile(r"\d{4,}")


def ids_in_path(src: str) -> bool:
    """True for an image address whose path carries two or more numeric ids and whose file is no
    spacer (``/do/12337/850395/1.gif``: a list server's per-recipient open tracking)."""
    parts = tracking.host_path(src)
    if parts is None or tracking.SPACER_NAMES.search(parts[1]):
        return False
    return sum(1 for segment in parts[1].split("/") if _ID_SEGMENT.fullmatch(segment)) >= 2


def _size(value: str | None) -> float | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*", value)
    return float(m.group(1)) if m else None


def hidden_or_tiny(img: Tag, style: dict[str, str]) -> bool:
    """True for an image no reader sees: at most 1×1 pixel, or hidden by its own style."""
    if style.get("display") == "none" or style.get("visibility") in ("hidden", "collapse"):
        return True
    if style.get("opacity") in ("0", "0.0"):
        return True
    width = _size(style.get("width")) if "width" in style else _size(str(img.get("width") or ""))
    height = _size(style.get("height")) if "height" in style else _size(str(img.get("height") or ""))
    return width is not None and height is not None and width <= 1 and height <= 1


class TrackingPixel(Rule):
    """The mailing measures who opens it: a tracking image (a "pixel") or a platform's open-tracking tag.

    Reported are: the merge tags an email platform replaces by a per-recipient open-tracking image
    (listmonk ``{{ TrackView }}``, Mautic ``{tracking_pixel}``), images from the open-tracking
    address of a known sending service (Mailchimp ``list-manage.com/track/open``, SendGrid
    ``/wf/open``, Mailjet, Amazon SES), and images of at most 1×1 pixel or hidden by their own style
    whose address carries an identifier (a query value, a merge tag, two or more numeric ids in its
    path). Spacer images (the same
    static ``spacer.gif`` or ``b.gif`` many times, no query) are layout, not tracking, and are left
    alone. Platforms that add a pixel by themselves when they send (a tracking switch in the
    campaign settings) cannot be seen in the draft.

    ePrivacy Directive 2002/58 art. 5(3): "the storing of information, or the gaining of access to
    information already stored, in the terminal equipment of a subscriber or user is only allowed on
    condition that the subscriber or user concerned has given his or her consent". The EDPB
    (Guidelines 2/2023 on the technical scope of art. 5(3), final version 7 October 2024) names
    tracking pixels in emails as such access. The CNIL's recommendation of 12 March 2026 (in force
    14 July 2026) asks consent for per-recipient open tracking, separate from consent to the
    marketing, and a way to withdraw it in every email; the Italian Garante (decision 284 of
    17 April 2026) asks the same by 29 October 2026. In the ``eu-tracking`` pack this is a question
    for the sender (was consent for tracking obtained?), shown as a warning that does not hold the
    send; elsewhere it is advice.

    **Why** An open pixel reports per recipient when, where and on which device the mail was read.
    Without consent for that, the sender breaks the ePrivacy rules even when the mailing itself is
    allowed.

    **Bad** ``<img src="https://mail.acme.nl/open.gif?r=8f3a91c2" width="1" height="1">`` or
    ``{{ TrackView }}`` for recipients who never agreed to open tracking

    **Good** Open tracking switched off, or only for recipients who consented to it, with a link in
    every email to withdraw that consent.
    """

    id = "tracking-pixel"
    title = {"nl": "Open-tracking (trackingpixel)", "en": "Open tracking (tracking pixel)"}
    basis = ("eprivacy-5-3", "edpb-2-2023", "cnil-2026-tracking", "garante-2026-tracking")
    packs = {
        "nl": "info",  # issue 14: advice here; a consent question in eu-tracking
        "eu-tracking": "warning",
    }
    order = 210
    messages = {
        "tag": {
            "nl": "De samenvoegtag {tag} plaatst per ontvanger een trackingpixel: is daar toestemming voor gevraagd?",
            "en": "The merge tag {tag} inserts a per-recipient tracking pixel: was consent for it obtained?",
        },
        "service": {
            "nl": "Deze afbeelding is de open-tracking van {host}: is daar toestemming voor gevraagd?",
            "en": "This image is {host}'s open tracking: was consent for it obtained?",
        },
        "pixel": {
            "nl": "Een onzichtbare afbeelding met een kenmerk in het adres ({host}) meet wie de mail opent: is daar toestemming voor gevraagd?",
            "en": "An invisible image with an identifier in its address ({host}) records who opens the mail: was consent for it obtained?",
        },
    }
    _fix = {
        "nl": "Zet open-tracking uit, of meet alleen bij ontvangers die er apart toestemming voor gaven, met in elke mail een link om die in te trekken.",
        "en": "Switch open tracking off, or track only recipients who consented to it separately, with a link in every email to withdraw that consent.",
    }
    fixes = {"tag": _fix, "service": _fix, "pixel": _fix}

    def check(self, ctx: Context) -> Iterator[Finding]:
        review = ctx.severity_of(self.id) != "info"
        doc = ctx.doc
        seen_tags: set[str] = set()
        for match in tracking.PIXEL_TAGS.finditer(doc.text):
            tag = match.group(0)
            seen_tags.add(" ".join(tag.lower().split()))
            yield self.finding(ctx, "tag", span=(match.start(), match.end()), evidence=tag, review=review, tag=tag)
        # A tag in markup (an attribute, a comment): not in the visible text, reported from the source.
        for match in tracking.PIXEL_TAGS.finditer(ctx.raw):
            tag = match.group(0)
            if " ".join(tag.lower().split()) not in seen_tags:
                seen_tags.add(" ".join(tag.lower().split()))
                yield self.finding(ctx, "tag", evidence=tag, review=review, tag=tag)
        if doc.text_mode:
            return
        for img in doc.all("img"):
            src = img.get("src")
            if not isinstance(src, str) or not src.strip():
                continue
            src = src.strip()
            if tracking.PIXEL_TAGS.search(src):
                continue  # reported above
            parts = tracking.host_path(src)
            host = parts[0] if parts else ""
            if tracking.known_open_url(src):
                yield self.finding(ctx, "service", element=img, evidence=src[:160], review=review, host=host)
                continue
            merge = _MERGE_IN_URL.search(src) and not src.lower().startswith("cid:")
            if not (tracking.identifying_query(src) or merge or ids_in_path(src)):
                continue  # no identifier: not a pixel whatever its size (its style is not computed: costly)
            if hidden_or_tiny(img, own_style(img, doc.stylesheet)):  # the stylesheet is read only when needed
                yield self.finding(ctx, "pixel", element=img, evidence=src[:160], review=review, host=host or src[:40])
