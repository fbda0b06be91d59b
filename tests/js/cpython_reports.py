"""Reference replies from CPython for the parity test (tests/js/parity.test.mjs).

Builds one py_core.api request per real corpus draft (../shared/corpus/real/*.html), then three of
the draft as after keystrokes in one of its paragraphs (which the engine edits into the tree it kept:
``py_core.text_edit``), one per fixture case (tests/fixtures/rules/*.yml), plus summary, footer and
catalogue requests, each with a fixed ``options.now``; answers them with CPython's py_core.api.handle and writes
``[{"name", "request", "reply"}, …]`` as JSON to the path given (stdout when none). The parity test
replays each request in Pyodide and compares the replies with the timings removed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from py_core.api import handle  # noqa: E402 - after the path is set

CORPUS = ROOT.parent / "shared" / "corpus" / "real"
FIXTURES = ROOT / "tests" / "fixtures" / "rules"
NOW = "2026-03-01T12:00:00+00:00"
#: Text between two tags, long enough to type in (no reference, quote or line break in it).
_PARAGRAPH = re.compile(r">([A-Za-z][^<>&\"'\n]{12,})<")
#: What is typed into it, one draft after the other (each differs from the one before by a word).
TYPED = ("nieuws ", "nieuwsbrief ", "Nieuws! ")


def keystrokes(html: str) -> list[str]:
    """The draft after each of :data:`TYPED` was typed into the middle of its middle paragraph
    (none when it has no such paragraph)."""
    found = list(_PARAGRAPH.finditer(html))
    if not found:
        return []
    paragraph = found[len(found) // 2]
    at = (paragraph.start(1) + paragraph.end(1)) // 2
    return [html[:at] + word + html[at:] for word in TYPED]


def requests() -> list[tuple[str, dict[str, Any]]]:
    """(name, request) pairs: every corpus draft, every fixture case, and the other request kinds."""
    out: list[tuple[str, dict[str, Any]]] = []
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.html")):
            html = path.read_text(encoding="utf-8", errors="replace")
            out.append((f"corpus/{path.name}", {"kind": "check", "draft": {"html": html}, "options": {"now": NOW}}))
            out.append(
                (
                    f"corpus/{path.name} (nl, webmail)",
                    {
                        "kind": "check",
                        "draft": {"html": html, "subject": path.stem},
                        "options": {"now": NOW, "platform": "webmail", "locale": "nl"},
                    },
                )
            )
            for number, typed in enumerate(keystrokes(html)):
                request = {"kind": "check", "draft": {"html": typed}, "options": {"now": NOW}}
                out.append((f"corpus/{path.name} keystroke {number}", request))
    for path in sorted(FIXTURES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for number, case in enumerate(data.get("cases") or []):
            options = {**(case.get("options") or {}), "now": NOW}
            name = f"fixture/{path.stem}#{number} {case.get('name', '')}"
            out.append((name, {"kind": "check", "draft": case.get("draft") or {}, "options": options}))
    out.append(("footer html", {"kind": "footer", "options": {"now": NOW}, "format": "html"}))
    out.append(("footer text", {"kind": "footer", "options": {"now": NOW, "locale": "en"}, "format": "text"}))
    out.append(("catalogue nl", {"kind": "catalogue", "locale": "nl"}))
    out.append(("catalogue en", {"kind": "catalogue", "locale": "en"}))
    out.append(("version", {"kind": "version"}))
    out.append(("bad input", {"kind": "check", "draft": {"html": "<p>x</p>"}, "options": {"platform": "no-such-platform"}}))
    out.append(("unknown kind", {"kind": "no-such-kind"}))
    return out


def main() -> None:
    records = []
    for name, request in requests():
        reply = json.loads(handle(json.dumps(request)))
        records.append({"name": name, "request": request, "reply": reply})
        if (
            request["kind"] == "check"
            and reply.get("ok")
            and name.startswith("corpus/")
            and "webmail" not in name
            and "keystroke" not in name
        ):
            # a summary of a real report in each format, so the templates are compared too
            for fmt in ("html", "markdown", "json"):
                summary = {"kind": "render-summary", "report": reply["result"], "format": fmt, "locale": "nl"}
                records.append(
                    {"name": f"{name} summary {fmt}", "request": summary, "reply": json.loads(handle(json.dumps(summary)))}
                )
    text = json.dumps(records, ensure_ascii=False)
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
