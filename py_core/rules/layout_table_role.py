"""Rule ``layout-table-role``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule

#: Roles that tell assistive technology a table is only layout.
_LAYOUT_ROLES = frozenset({"presentation", "none"})


class LayoutTableRole(Rule):
    """Layout tables without ``role="presentation"``.

    Mailings are built from tables for layout. A table with no header cells (``<th>``), no
    ``<caption>`` and no ``summary`` is taken for layout; without ``role="presentation"`` (or
    ``role="none"``) screen readers announce it as a data table ("table, 3 columns, 5 rows") and
    read its cells one by one. One finding per draft, with the number of tables, located at the
    first. Advice (pack ``accessibility``; European Accessibility Act, Directive (EU) 2019/882, via
    WCAG 2.1).

    WCAG 2.1 success criterion 1.3.1 (level A): "Information, structure, and relationships conveyed
    through presentation can be programmatically determined or are available in text."

    **Why** Every nested layout table costs a screen-reader user a table announcement before the
    text, in a newsletter often ten or twenty times.

    **Bad** ``<table width="600" cellpadding="0">``

    **Good** ``<table role="presentation" width="600" cellpadding="0">``
    """

    id = "layout-table-role"
    title = {"nl": 'Opmaaktabellen zonder role="presentation"', "en": 'Layout tables without role="presentation"'}
    basis = ("wcag-1.3.1", "eaa")
    packs = {"accessibility": "info"}
    order = 270
    messages = {
        "missing": {
            "nl": '{count} opmaaktabel(len) zonder role="presentation": schermlezers kondigen ze aan als gegevenstabel.',
            "en": '{count} layout table(s) without role="presentation": screen readers announce them as data tables.',
        },
    }
    fixes = {
        "missing": {
            "nl": 'Zet role="presentation" op elke tabel die alleen voor de opmaak dient.',
            "en": 'Add role="presentation" to every table that only serves the layout.',
        },
    }

    def applies(self, ctx: Context) -> bool:
        return not ctx.doc.text_mode and bool(ctx.doc.all("table"))

    def check(self, ctx: Context) -> Iterator[Finding]:
        missing = []
        for table in ctx.doc.all("table"):
            role = table.get("role")
            if isinstance(role, str) and role.strip().lower() in _LAYOUT_ROLES:
                continue
            if table.get("summary") is not None or table.find(["th", "caption"]) is not None:
                continue  # a data table
            missing.append(table)
        if missing:
            yield self.finding(ctx, "missing", element=missing[0], count=len(missing))
