"""Rule ``html-lang-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule


class HtmlLangMissing(Rule):
    """The mailing's ``<html>`` element does not say which language the text is in.

    Judged only for a whole HTML document (a template with ``<html>``); the body of a webmail draft
    has no ``<html>`` element of its own. ``lang`` or ``xml:lang`` with a value counts. Advice (pack
    ``accessibility``; European Accessibility Act, Directive (EU) 2019/882, via WCAG 2.1).

    WCAG 2.1 success criterion 3.1.1 (level A): "The default human language of each Web page can be
    programmatically determined."

    **Why** A screen reader picks its pronunciation from ``lang``: without it a Dutch mailing is read
    aloud with English sounds.

    **Bad** ``<html>``

    **Good** ``<html lang="nl">``
    """

    id = "html-lang-missing"
    title = {"nl": "Taal van de mailing niet opgegeven", "en": "Language of the mailing not set"}
    basis = ("wcag-3.1.1", "eaa")
    packs = {"accessibility": "info"}
    order = 250
    messages = {
        "missing": {
            "nl": "Het <html>-element heeft geen lang-attribuut: schermlezers weten niet in welke taal ze moeten voorlezen.",
            "en": "The <html> element has no lang attribute: screen readers do not know which language to read in.",
        },
    }
    fixes = {
        "missing": {
            "nl": 'Zet de taal op het <html>-element, bijvoorbeeld <html lang="nl">.',
            "en": 'Set the language on the <html> element, for example <html lang="en">.',
        },
    }

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode and bool(ctx.doc.all("html"))

    def check(self, ctx: Context) -> Iterator[Finding]:
        html = ctx.doc.all("html")[0]
        for name in ("lang", "xml:lang"):
            value = html.get(name)
            if isinstance(value, str) and value.strip():
                return
        yield self.finding(ctx, "missing", element=html, evidence="<html>")
