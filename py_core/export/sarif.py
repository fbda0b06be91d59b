"""SARIF 2.1.0 for code scanning: the rule catalogue as ``tool.driver.rules`` and one result per
finding, located by file and line plus the selector as a logical location."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .. import __version__
from ..limits import over_budget
from ..model import Draft

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(results: list[tuple[Path, Draft, dict[str, Any]]]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: the rule catalogue as ``tool.driver.rules`` and one
    result per finding, located by file and line plus the selector as a logical location."""
    from ..catalogue import catalogue

    locale = results[0][2]["locale"] if results else "en"
    entries = catalogue(locale)
    index = {e["id"]: i for i, e in enumerate(entries)}
    rules = [
        {
            "id": e["id"],
            "name": "".join(part.title() for part in e["id"].split("-")),
            "shortDescription": {"text": e["title"]},
            "fullDescription": {"text": e["doc"].split("\n\n", 1)[0].replace("\n", " ")},
            "help": {"text": e["doc"], "markdown": e["doc"]},
            # A rule outside the default packs (issue 14: accessibility, de) is off unless chosen.
            "defaultConfiguration": {"level": _LEVEL[e["severity"]]} if e["severity"] else {"enabled": False},
            "properties": {"tags": ["compliance", *(b["id"] for b in e["basis"])], "packs": e["packs"]},
        }
        for e in entries
    ]
    out_results: list[dict[str, Any]] = []
    drafts: list[dict[str, Any]] = []
    for path, draft, report in results:
        uri = _uri(path)
        drafts.append(
            {
                "uri": uri,
                "mail_kind": report.get("mail_kind"),
                "mail_kind_source": report.get("mail_kind_source"),
                "mail_kind_reason": (report.get("mail_kind_reason") or {}).get(locale, ""),
            }
        )
        lines = _LineFinder(draft) if path.suffix.lower() in (".html", ".htm") else None
        for f in report["findings"]:
            location = f.get("location") or {}
            selector = location.get("selector")
            physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if lines and selector:
                line = lines.line(selector)
            elif location.get("field") == "text" and isinstance(location.get("start"), int) and path.suffix.lower() == ".txt":
                line = draft.text.replace("\r\n", "\n").count("\n", 0, location["start"]) + 1
            else:
                line = 1
            physical["region"] = {"startLine": line}
            loc: dict[str, Any] = {"physicalLocation": physical}
            logical = selector or location.get("field")
            if logical:
                loc["logicalLocations"] = [{"fullyQualifiedName": logical, "kind": "element" if selector else "member"}]
            result: dict[str, Any] = {
                "ruleId": f["rule"],
                "level": _LEVEL[f["severity"]],
                "message": {"text": f["message"] + (f" {f['fix']}" if f.get("fix") else "")},
                "locations": [loc],
                "partialFingerprints": {"mailwacht/v1": f.get("fingerprint") or ""},
                "properties": {
                    "kind": f["kind"],
                    "evidence": f.get("evidence", ""),
                    "basis": f.get("basis", []),
                    "mail_kind": report.get("mail_kind"),
                },
            }
            if f["rule"] in index:
                result["ruleIndex"] = index[f["rule"]]
            if f.get("dismissed"):
                result["suppressions"] = [{"kind": "external", "status": "accepted"}]
            out_results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "Mailwacht", "version": __version__, "semanticVersion": __version__, "rules": rules}},
                "results": out_results,
                "columnKind": "unicodeCodePoints",
                # Per draft: mailing or personal mail, and why (rules of bulk mail ran only on mailings).
                "properties": {"drafts": drafts},
            }
        ],
    }


class _LineFinder:
    """Source line of a finding's element (html.parser records it), parsed once per file."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self._soup: Any = None

    def line(self, selector: str) -> int:
        from ..document import parse_html

        if self._soup is None:
            if over_budget(self.draft.html):  # checked in part (limits.py): not parsed whole here either
                self._soup = False
            else:
                self._soup = parse_html(self.draft.html).soup
        if self._soup is False:
            return 1
        from bs4 import Tag

        # issue 13: the path is followed step by step (``tag:nth-of-type(n)`` from the root); soupsieve's
        # select matched nth-of-type against every element, quadratic in a flat draft (240 KB: 8 s).
        node = self._soup
        for step in selector.split(" > "):
            name, _, rest = step.partition(":nth-of-type(")
            name = re.sub(r"\\(.)", r"\1", name)
            try:
                wanted = int(rest.rstrip(")"))
            except ValueError:
                return 1
            seen = 0
            for child in node.children:
                if isinstance(child, Tag) and child.name == name:
                    seen += 1
                    if seen == wanted:
                        node = child
                        break
            else:
                return 1
        return int(getattr(node, "sourceline", None) or 1)


def _uri(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()
