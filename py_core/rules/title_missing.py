"""Rule ``title-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule


class TitleMissing(Rule):
    """The mailing's HTML document has no ``<title>``, or an empty one.

    Judged only for a whole HTML document (a template with ``<html>`` or ``<head>``); a webmail
    draft's body has none of its own. The title is what a screen reader announces first when the
    mailing opens in a browser ("view in browser") or a mail client that shows it. Advice (pack
    ``accessibility``; European Accessibility Act, Directive (EU) 2019/882, via WCAG 2.1).

    WCAG 2.1 success criterion 2.4.2 (level A): "Web pages have titles that describe topic or
    purpose."

    **Why** Without a title, a screen reader announces the file name or nothing at all.

    **Bad** ``<head><meta charset="utf-8"></head>``

    **Good** ``<head><title>Acme nieuwsbrief december</title></head>``
    """

    id = "title-missing"
    title = {"nl": "Geen titel in de HTML", "en": "No title in the HTML"}
    basis = ("wcag-2.4.2", "eaa")
    packs = {"accessibility": "info"}
    order = 260
    messages = {
        "missing": {
            "nl": "Het HTML-document heeft geen <title>.",
            "en": "The HTML document has no <title>.",
        },
        "empty": {
            "nl": "De <title> van het HTML-document is leeg.",
            "en": "The HTML document's <title> is empty.",
        },
    }
    _fix = {
        "nl": "Zet het onderwerp van de mailing in <title> in de <head>.",
        "en": "Put the mailing's subject in a <title> in the <head>.",
    }
    fixes = {"missing": _fix, "empty": _fix}

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode and bool(ctx.doc.all("html") or ctx.doc.all("head"))

    def check(self, ctx: Context) -> Iterator[Finding]:
        titles = ctx.doc.all("title")
        if not titles:
            anchor = (ctx.doc.all("head") or ctx.doc.all("html"))[0]
            yield self.finding(ctx, "missing", element=anchor, evidence="<head>")
        elif not any(t.get_text().strip() for t in titles):
            yield self.finding(ctx, "empty", element=titles[0], evidence="<title></title>")
