"""Every "issue N" the code, tests and documents refer to has its design record in docs/design/.

The issues live in the project's tracker; docs/design/issue-N.md writes down what each asked and
what was decided, so a reference in a comment points inside the repository (issue 12).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DESIGN = ROOT / "docs" / "design"
REFERENCE = re.compile(r"\b[Ii]ssues? (\d+)\b")
SCANNED = ("py_core", "extension", "tests", "bench", "docs", "examples")
SUFFIXES = {".py", ".js", ".mjs", ".md", ".html", ".css", ".yml", ".yaml", ".json"}
SKIPPED_PARTS = {"node_modules", "vendor", "pyodide", "__pycache__"}


def _sources() -> list[Path]:
    files = [ROOT / "build.py", ROOT / "README.md", ROOT / "PRIVACY.md"]
    for top in SCANNED:
        for path in (ROOT / top).rglob("*"):
            if path.suffix in SUFFIXES and path.is_file() and not SKIPPED_PARTS & set(path.parts):
                files.append(path)
    return [f for f in files if f.exists()]


def referenced_issues() -> dict[int, str]:
    """Each issue number referred to, with one file that refers to it."""
    found: dict[int, str] = {}
    for path in _sources():
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in REFERENCE.finditer(text):
            found.setdefault(int(match.group(1)), str(path.relative_to(ROOT)))
    return found


def test_every_referenced_issue_has_a_design_record() -> None:
    refs = referenced_issues()
    assert refs, "no issue references found: the scan is broken"
    missing = {n: where for n, where in refs.items() if not (DESIGN / f"issue-{n}.md").exists()}
    assert not missing, f"docs/design/issue-N.md missing for {missing}"


def test_design_index_lists_every_record() -> None:
    index = (DESIGN / "README.md").read_text(encoding="utf-8")
    for record in sorted(DESIGN.glob("issue-*.md")):
        assert f"]({record.name})" in index, f"{record.name} is not in docs/design/README.md"
