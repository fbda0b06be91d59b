"""Rule ``img-alt-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule


class ImgAltMissing(Rule):
    """Images without an ``alt`` attribute.

    Every ``<img>`` needs an ``alt`` attribute: a short text that says what the image shows, or
    ``alt=""`` for a decorative image (a spacer, a divider), which screen readers then skip. Without
    the attribute a screen reader reads the file name ("spacer gif", "IMG 2041 jpg") and a mail
    client that blocks images shows nothing in its place. One finding per draft, with the number of
    images, located at the first. Advice (pack ``accessibility``): the European Accessibility Act
    (Directive (EU) 2019/882, from 28 June 2025) asks WCAG 2.1 AA of services in its scope; a
    transactional mail in a purchase flow arguably is one, a newsletter a grey zone.

    WCAG 2.1 success criterion 1.1.1 (level A): "All non-text content that is presented to the user
    has a text alternative that serves the equivalent purpose".

    **Why** Blind and partially sighted recipients, and everyone whose mail client blocks images,
    read the mailing through its alt texts.

    **Bad** ``<img src="actie.jpg">``

    **Good** ``<img src="actie.jpg" alt="20% korting op winterjassen">``, or ``<img src="spacer.gif" alt="">``
    """

    id = "img-alt-missing"
    title = {"nl": "Afbeeldingen zonder alt-tekst", "en": "Images without alt text"}
    basis = ("wcag-1.1.1", "eaa")
    packs = {"accessibility": "info"}
    order = 240
    messages = {
        "missing": {
            "nl": "{count} afbeelding(en) zonder alt-attribuut: een schermlezer leest dan de bestandsnaam voor.",
            "en": "{count} image(s) without an alt attribute: a screen reader then reads the file name.",
        },
    }
    fixes = {
        "missing": {
            "nl": 'Geef elke afbeelding een alt-tekst die zegt wat erop staat, of alt="" voor versiering.',
            "en": 'Give every image an alt text that says what it shows, or alt="" for decoration.',
        },
    }

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode and bool(ctx.doc.all("img"))

    def check(self, ctx: Context) -> Iterator[Finding]:
        missing = [img for img in ctx.doc.all("img") if img.get("alt") is None]
        if missing:
            yield self.finding(ctx, "missing", element=missing[0], count=len(missing))
