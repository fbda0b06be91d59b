"""Issue 14: advice-level findings (severity ``info``) never hold a send.

Two places decide: the send gate's ``holds`` predicate (``extension/gate/gate.js``: a live error or
warning of kind "violation") and the command line's exit status (``cli.main``: 1 only for a live
error the engine is sure of). Both are run here on the engine's own report of a draft whose only
findings are the issue-14 advice (accessibility, link hygiene, tracking as advice), with a control
draft that must be held, so the test can fail.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from py_core import cli
from py_core.engine import check_dict

from .helpers import ROOT

#: A mailing that satisfies the nl pack but shows every kind of issue-14 advice: an image without
#: alt, no lang, no title, a layout table, "klik hier", a skipped heading, light grey text, an
#: http:// link and a listmonk tracking pixel (advice in the nl pack).
ADVICE_ONLY = (
    "<html><head></head><body><table width='600'><tr><td>"
    "<h1>Nieuws van Acme</h1><h3>Agenda</h3>"
    "<p>Beste klant, dit is het nieuws van deze maand. <a href='http://acme.nl/agenda'>klik hier</a></p>"
    "<img src='https://acme.nl/foto.jpg'>"
    "<p style='color:#aaaaaa; background-color:#ffffff'>U ontvangt deze nieuwsbrief omdat u klant bent van Acme. "
    "Acme BV, Hoofdstraat 1, 3511 AB Utrecht, 030 123 4567, info@acme.nl. "
    "<a href='https://acme.nl/afmelden'>Afmelden</a></p>{{ TrackView }}"
    "</td></tr></table></body></html>"
)
PACKS = ["nl", "accessibility"]
DRAFT = {"html": ADVICE_ONLY, "subject": "Acme: nieuws van december", "from_name": "Acme", "from_address": "nieuws@acme.nl"}


def _report(html: str) -> dict:
    report = check_dict(
        {
            "draft": {**DRAFT, "html": html},
            "options": {"packs": PACKS, "mail_kind": "mailing", "now": "2026-12-02T10:00:00+00:00"},
        }
    )
    assert report["problems"] == []
    return report


def _gate_holds(findings: list[dict]) -> list[bool]:
    """The gate's own predicate (its source line in gate.js), run by node on each finding."""
    source = (ROOT / "extension" / "gate" / "gate.js").read_text(encoding="utf-8")
    match = re.search(r"^const holds = \(f\) =>.*;$", source, re.M)
    assert match, "gate.js no longer defines `const holds = (f) => ...;` on one line: update this test"
    script = f"{match.group(0)}\nconst fs = JSON.parse(process.argv[1]);\nconsole.log(JSON.stringify(fs.map(holds)));"
    out = subprocess.run(["node", "-e", script, json.dumps(findings)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_draft_shows_only_advice_of_the_issue14_rules() -> None:
    findings = _report(ADVICE_ONLY)["findings"]
    rules = {f["rule"] for f in findings}
    assert {"img-alt-missing", "html-lang-missing", "title-missing", "layout-table-role", "link-text-vague"} <= rules
    assert {"heading-skipped", "text-contrast-low", "link-hygiene", "tracking-pixel"} <= rules
    assert {f["severity"] for f in findings} == {"info"}, [
        (f["rule"], f["severity"]) for f in findings if f["severity"] != "info"
    ]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_gate_holds_no_advice_but_holds_an_error() -> None:
    findings = _report(ADVICE_ONLY)["findings"]
    assert findings and not any(_gate_holds(findings))
    # Control: the same draft without its unsubscribe link is held (an error the engine is sure of).
    held = _report(ADVICE_ONLY.replace("<a href='https://acme.nl/afmelden'>Afmelden</a>", ""))["findings"]
    verdicts = dict(zip((f["rule"] for f in held), _gate_holds(held), strict=True))
    assert verdicts["unsubscribe-missing"] is True
    assert not any(v for rule, v in verdicts.items() if rule != "unsubscribe-missing" and rule != "contact-missing")


def test_the_command_line_exit_status_ignores_advice(tmp_path: Path) -> None:
    path = tmp_path / "draft.html"
    path.write_text(ADVICE_ONLY, encoding="utf-8")
    args = ["check", "--format", "json", "--mail-kind", "mailing", "--pack", ",".join(PACKS)]
    args += ["--subject", DRAFT["subject"], "--from-name", DRAFT["from_name"], "--from-address", DRAFT["from_address"]]
    out = io.StringIO()
    assert cli.main([*args, str(path)], stdout=out, stderr=io.StringIO()) == 0
    assert {f["severity"] for f in json.loads(out.getvalue())["findings"]} == {"info"}
    path.write_text(ADVICE_ONLY.replace("<a href='https://acme.nl/afmelden'>Afmelden</a>", ""), encoding="utf-8")
    assert cli.main([*args, str(path)], stdout=io.StringIO(), stderr=io.StringIO()) == 1
