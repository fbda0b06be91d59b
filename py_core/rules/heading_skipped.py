"""Rule ``heading-skipped``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule

_LEVELS = {f"h{n}": n for n in range(1, 7)}


class HeadingSkipped(Rule):
    """A heading skips a level: an ``<h3>`` after an ``<h1>`` with no ``<h2>`` between.

    Headings are read in document order; a heading more than one level deeper than the heading
    before it is reported (going back up, ``<h3>`` then ``<h2>``, is fine; the first heading may be
    any level). Empty headings are ignored. Advice (pack ``accessibility``; European Accessibility
    Act, Directive (EU) 2019/882, via WCAG 2.1).

    WCAG 2.1 success criterion 1.3.1 (level A): "Information, structure, and relationships conveyed
    through presentation can be programmatically determined" (technique H42 and the "headings"
    checks of Litmus, Email on Acid and Parcel: heading levels follow the outline).

    **Why** Screen-reader users browse by heading; a missing level makes them think they missed a
    section.

    **Bad** ``<h1>Nieuws</h1><h3>Agenda</h3>``

    **Good** ``<h1>Nieuws</h1><h2>Agenda</h2>``
    """

    id = "heading-skipped"
    title = {"nl": "Kopniveau overgeslagen", "en": "Heading level skipped"}
    basis = ("wcag-1.3.1", "eaa")
    packs = {"accessibility": "info"}
    order = 290
    messages = {
        "skipped": {
            "nl": "Kop <{tag}> volgt op <h{previous}>: niveau h{missing} ontbreekt.",
            "en": "Heading <{tag}> follows <h{previous}>: level h{missing} is missing.",
        },
    }
    fixes = {
        "skipped": {
            "nl": "Gebruik kopniveaus op volgorde (h1, h2, h3): maak van deze kop een <h{missing}>.",
            "en": "Use heading levels in order (h1, h2, h3): make this heading an <h{missing}>.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode and any(ctx.doc.by_tag.get(tag) for tag in _LEVELS)

    def check(self, ctx: Context) -> Iterator[Finding]:
        previous = 0
        for heading in ctx.doc.all(*_LEVELS):
            if not heading.get_text().strip():
                continue
            level = _LEVELS[heading.name]
            if previous and level > previous + 1:
                yield self.finding(ctx, "skipped", element=heading, tag=heading.name, previous=previous, missing=previous + 1)
            previous = level
