"""Reference replies from CPython for the parity test (tests/js/parity.test.mjs).

Builds one py_core.api request per real corpus draft (../shared/corpus/real/*.html) and per fixture
case (tests/fixtures/rules/*.yml), plus summary, footer and catalogue requests, each with a fixed
``options.now``; answers them with CPython's py_core.api.handle and writes
``[{"name", "request", "reply"}, …]`` as JSON to the path given (stdout when none). The parity test
replays each request in Pyodide and compares the replies with the timings removed.
"""

from __future__ import annotations

import json
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
        if request["kind"] == "check" and reply.get("ok") and name.startswith("corpus/") and "webmail" not in name:
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
