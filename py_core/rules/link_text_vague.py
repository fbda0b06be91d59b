"""Rule ``link-text-vague``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule

#: Link texts that say nothing about where the link goes (the whole text, punctuation aside).
VAGUE = re.compile(
    r"^(?:klik\s+hier|hier\s+klikken|hier|click\s+here|click|here|hier\s+klicken|klicken\s+sie\s+hier|"
    r"cliquez\s+ici|cliquer\s+ici|ici)$",
    re.I,
)


def _bare(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


class LinkTextVague(Rule):
    """Links whose whole text is "klik hier", "click here", "hier" or the like.

    Matched as the whole link text, in Dutch ("klik hier", "hier"), English ("click here", "here"),
    German ("hier klicken", "klicken Sie hier") and French ("cliquez ici", "ici"); a longer text that
    contains these words ("klik hier voor de agenda") says where it goes and is fine. Image links
    are judged by their alt text. Advice (pack ``accessibility``; European Accessibility Act,
    Directive (EU) 2019/882, via WCAG 2.1).

    WCAG 2.1 success criterion 2.4.4 (level A): "The purpose of each link can be determined from the
    link text alone or from the link text together with its programmatically determined link
    context."

    **Why** Screen-reader users jump from link to link; a list of five "klik hier" links tells them
    nothing.

    **Bad** ``Bekijk de agenda: <a href="…">klik hier</a>``

    **Good** ``<a href="…">Bekijk de agenda</a>``
    """

    id = "link-text-vague"
    title = {
        "nl": "Linktekst zegt niet waarheen (\u201cklik hier\u201d)",
        "en": "Link text says nothing (\u201cclick here\u201d)",
    }
    basis = ("wcag-2.4.4", "eaa")
    packs = {"accessibility": "info"}
    order = 280
    messages = {
        "vague": {
            "nl": "De linktekst “{text}” zegt niet waar de link heen gaat.",
            "en": "The link text “{text}” does not say where the link goes.",
        },
    }
    fixes = {
        "vague": {
            "nl": "Maak de woorden die zeggen wat er te vinden is de link, bijvoorbeeld “Bekijk de agenda”.",
            "en": "Make the words that say what is there the link, for example “See the programme”.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode and bool(ctx.doc.links)

    def check(self, ctx: Context) -> Iterator[Finding]:
        for link in ctx.doc.links:
            if link.element is None:
                continue
            if VAGUE.match(_bare(link.text)):
                yield self.finding(ctx, "vague", element=link.element, text=link.text)
