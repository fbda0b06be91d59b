"""The command line's text output: per draft, the findings grouped by severity with their
location, evidence and fix, then a summary line (colour only when asked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model import Draft
from ..textsafe import escape
from . import messages
from .summary import describe_location, group_findings

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[34m", "review": "\033[35m", "bold": "\033[1m"}
_RESET = "\033[0m"
_MARKS = {"error": "✖", "warning": "▲", "info": "●", "review": "?"}


#: The line for a draft whose body could not be read (``report["draft"]["unreadable"]``).
_UNREADABLE = {
    "nl": "De tekst van deze e-mail kon niet gelezen worden: een niet-afgesloten <style>, <script>, <title> of "
    "commentaar verbergt alles. Ook de ontvanger ziet dan niets; controleer de HTML.",
    "en": "The body of this email could not be read: an unclosed <style>, <script>, <title> or comment hides "
    "all of it. The recipient sees nothing either; check the HTML.",
}


def render_text(results: list[tuple[Path, Draft, dict[str, Any]]], colour: bool = False) -> str:
    """Readable terminal output: per draft, findings grouped by severity, then a summary line."""

    def paint(text: str, key: str) -> str:
        return f"{_COLOURS[key]}{text}{_RESET}" if colour else text

    lines: list[str] = []
    totals = {"error": 0, "warning": 0, "info": 0, "review": 0, "dismissed": 0}
    for path, _, report in results:
        t = messages.table(report["locale"])
        inferred = " (auto)" if report.get("platform_inferred") else ""
        # issue 13: every field from the draft or the file is escaped (textsafe.escape: \x1b, \n, \u2028).
        lines.append(
            paint(escape(path), "bold") + f"  [{escape(report['platform'])}{inferred}; {escape(', '.join(report['packs']))}]"
        )
        if report.get("mail_kind"):
            lines.append(f"  {escape(mail_kind_line(report))}")
        groups = group_findings(report["findings"])
        for key, members in groups.items():
            if not members or key == "dismissed":  # dismissed findings are counted, not listed
                continue
            lines.append("  " + paint(f"{t[f'group_{key}']} ({len(members)})", key))
            for f in members:
                lines.append(f"    {paint(_MARKS[key], key)} {escape(f['rule'])}: {escape(f['message'])}")
                where = describe_location(f.get("location") or {})
                if where:
                    lines.append(f"        {t['location'].lower()}: {escape(where)}")
                if f.get("evidence"):
                    lines.append(f"        {t['evidence'].lower()}: {escape(_flat(f['evidence']))}")
                if f.get("fix"):
                    lines.append(f"        {t['fix'].lower()}: {escape(f['fix'])}")
        if report["draft"].get("unreadable"):  # issue 9: say so rather than judge an empty body
            lines.append(f"  ! {_UNREADABLE.get(report['locale'], _UNREADABLE['en'])}")
        for problem in report.get("problems") or []:
            lines.append(f"  ! {escape(problem.get('rule'))}: {escape(problem.get('error'))}")
        for part in report.get("partial") or []:  # issue 13: what of a huge draft was checked
            checked = ", ".join(f"{a}-{b}" for a, b in part["checked"])
            lines.append(f"  ~ {escape(part['field'])}: checked {checked} of {part['length']} (too large to check whole)")
        # As grouped above (a finding to review counts once, under review), not report["counts"].
        counts = {key: len(members) for key, members in groups.items()}
        for key in totals:
            totals[key] += counts.get(key, 0)
        lines.append("  " + _count_line(counts, report["locale"]))
        lines.append("")
    if len(results) > 1:
        lines.append(paint(f"{len(results)} drafts: ", "bold") + _count_line(totals, results[0][2]["locale"]))
    return "\n".join(lines).rstrip("\n") + "\n"


def mail_kind_line(report: dict[str, Any]) -> str:
    """One line: mailing or personal mail, how it was decided and why."""
    locale = "nl" if report.get("locale") == "nl" else "en"
    reason = (report.get("mail_kind_reason") or {}).get(locale) or report.get("mail_kind", "")
    source = report.get("mail_kind_source") or ""
    label = {
        "nl": {"user": "jouw keuze", "platform": "platform", "template": "sjabloon", "auto": "automatisch"},
        "en": {"user": "your choice", "platform": "platform", "template": "template", "auto": "automatic"},
    }[locale].get(source, source)
    head, _, why = reason.partition(": ")
    head = f"{head} ({label})" if label else head
    return f"{head}: {why}" if why else head


def _count_line(counts: dict[str, int], locale: str) -> str:
    """The totals line: "1 error, 2 warnings, 0 notes, 1 to review", plus the dismissed findings
    when there are any."""
    kinds = ["error", "warning", "info", "review", *(["dismissed"] if counts.get("dismissed") else [])]
    return ", ".join(messages.count(kind, counts.get(kind, 0), locale) for kind in kinds)


def _flat(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
