"""No hand-written copy of a shared table in the extension (issue 12 §3: one source per table).

The tables the engine and the extension share (severities and their colours, audiences, locales,
mail kinds, packs) are written once in ``py_core`` and reach the extension through the generated
``extension/shared/constants.js`` (and ``managed_schema.json``, ``shared/palette.css``). This test
reads every source file under ``extension/`` and fails on what a copy looks like:

- a quoted audience other than ``unknown`` ("opt-in list", "existing customers", …);
- an array literal, or an object literal's keys, naming two or more members of one table
  (``["error", "warning", "info"]``, ``{ error: 3, warning: 2 }``, ``["nl", "en"]``);
- an HTML ``value="…"`` naming two or more members of one table in one file (a hand-made
  ``<option>`` or radio list);
- a severity bound to a literal colour (``--error: #b3261e``, ``[data-severity="info"] { --sev: #… }``,
  ``error: "#…"``), and any of the palette's colours (py_core/tables/palette.py) written out.

Each check is a function over ``{path: text}`` so that it is also run on a planted copy: a check that
cannot fail is no check. ``ALLOWED`` lists the few places a palette colour is written for another
reason, each with that reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from py_core.model import AUDIENCES, LOCALES, MAIL_KINDS, SEVERITIES
from py_core.packs import PACKS
from py_core.tables.palette import SEVERITY_COLOURS

ROOT = Path(__file__).resolve().parents[2]
EXT = ROOT / "extension"
#: Written by ``python -m py_core.constants`` from py_core: the one place the tables are spelt out.
GENERATED = {"shared/constants.js", "shared/palette.css", "managed_schema.json"}
SUFFIXES = {".js", ".mjs", ".html", ".css", ".json"}

#: Table name -> its members, as the extension may not list them by hand.
TABLES: dict[str, tuple[str, ...]] = {
    "SEVERITIES": (*SEVERITIES, "review"),
    "AUDIENCES": tuple(AUDIENCES),
    "LOCALES": tuple(LOCALES),
    "MAIL_KINDS": tuple(k for k in MAIL_KINDS if k != "auto"),
    "PACKS": tuple(PACKS),
}
#: The severities' own colours: written nowhere in extension/ but the generated files. (Review's
#: greys are left out here: they are also the pages' muted text colour; a ``[data-severity="review"]``
#: rule with a literal colour is still found.)
PALETTE = {c.lower() for sev in SEVERITIES for c in SEVERITY_COLOURS[sev].values()}
#: A palette colour written for another reason: (file, text on the line) -> why.
ALLOWED: dict[tuple[str, str], str] = {
    ("marks/styles.js", "--focus: #8ab4f8"): "the dark theme's focus ring (Google Blue 300), not the info severity",
    ("marks/profile-form.js", "user-invalid { border-color: #c5221f"): "the profile form's invalid field (marks/), no finding",
    ("marks/profile-form.js", ".mw-profile-error { color: #c5221f"): "the profile form's error line (marks/), no finding",
}

Hit = tuple[str, int, str]


def sources(root: Path = EXT) -> dict[str, str]:
    """Every hand-written source file under ``root`` by its path relative to it."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and path.suffix in SUFFIXES and rel not in GENERATED:
            out[rel] = path.read_text(encoding="utf-8")
    return out


def _line(text: str, pos: int) -> tuple[int, str]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text.count("\n", 0, pos) + 1, text[start : end if end >= 0 else len(text)].strip()


def _quoted(members: Iterable[str]) -> str:
    return "|".join(re.escape(m) for m in sorted(members, key=len, reverse=True))


def audience_strings(files: dict[str, str]) -> list[Hit]:
    """A quoted audience name (``unknown`` is too common a word to tell)."""
    named = _quoted(a for a in AUDIENCES if a != "unknown")
    pattern = re.compile(rf"""(["'`])({named})\1""")
    return sorted({(path, *_line(text, m.start())) for path, text in files.items() for m in pattern.finditer(text)})


def _members(chunk: str, members: tuple[str, ...], *, keys: bool) -> set[str]:
    alt = _quoted(members)
    if keys:  # object keys: `error:` or `"error":` after `{` or `,`
        found = re.findall(rf"""(?:^|[{{,])\s*["']?({alt})["']?\s*:""", chunk)
    else:  # array items: quoted strings between `[`/`,` and `,`/`]` (not values inside nested objects)
        found = [f[1] for f in re.findall(rf"""(?:^\[|,)\s*(["'])({alt})\1\s*(?=,|\])""", chunk)]
    return set(found)


def list_literals(files: dict[str, str]) -> list[Hit]:
    """An array literal with two or more members of one table among its quoted items, or an object
    literal with two or more of them as keys (the innermost brackets only)."""
    hits: list[Hit] = []
    for path, text in files.items():
        if path.endswith(".json"):
            continue  # _locales: keys such as "contentSeverity_error" are no list; values are prose
        for m in re.finditer(r"\[[^\[\]]*\]|\{[^{}]*\}", text):
            chunk = m.group(0)
            if any(len(_members(chunk, members, keys=chunk.startswith("{"))) >= 2 for members in TABLES.values()):
                hits.append((path, *_line(text, m.start())))
    return sorted(set(hits))


def html_values(files: dict[str, str]) -> list[Hit]:
    """Two or more ``value="…"`` attributes naming members of one table in one HTML file."""
    hits: list[Hit] = []
    for path, text in files.items():
        if not path.endswith(".html"):
            continue
        for members in TABLES.values():
            found = [m for m in re.finditer(rf"""value=(["'])({_quoted(members)})\1""", text)]
            if len({m.group(2) for m in found}) >= 2:
                hits += [(path, *_line(text, m.start())) for m in found]
    return hits


def severity_colours(files: dict[str, str]) -> list[Hit]:
    """A severity given a literal colour, and any palette colour written out (see ALLOWED)."""
    sev = _quoted(TABLES["SEVERITIES"])
    colour = r"(?:#[0-9a-fA-F]{3,8}\b|rgba?\()"
    patterns = [
        re.compile(rf"--(?:sev-)?(?:{sev})\s*:\s*{colour}"),  # --error: #b3261e
        re.compile(rf"""data-severity=["']?(?:{sev})["']?\][^{{}}]*\{{[^}}]*{colour}"""),  # [data-severity="x"] { --sev: #… }
        re.compile(rf"\.(?:sev|severity)-(?:{sev})\b[^{{}}]*\{{[^}}]*{colour}"),  # .sev-error { color: #… }
        re.compile(rf"""\b["']?(?:{sev})["']?\s*:\s*(?:\{{[^}}]*)?["']#[0-9a-fA-F]{{3,8}}\b"""),  # error: "#…"
    ]
    hits: list[Hit] = []
    for path, text in files.items():
        for pattern in patterns:
            hits += [(path, *_line(text, m.start())) for m in pattern.finditer(text)]
        for m in re.finditer(r"#[0-9a-fA-F]{6}\b", text):
            if m.group(0).lower() not in PALETTE:
                continue
            number, line = _line(text, m.start())
            if not any(path == f and snippet in line for f, snippet in ALLOWED):
                hits.append((path, number, line))
    return sorted(set(hits))


CHECKS: dict[str, Callable[[dict[str, str]], list[Hit]]] = {
    "audience strings": audience_strings,
    "list literals": list_literals,
    "HTML value lists": html_values,
    "severity colours": severity_colours,
}


def _report(hits: list[Hit]) -> str:
    return "\n".join(f"  extension/{p}:{n}: {line[:140]}" for p, n, line in hits)


def test_the_extension_writes_no_shared_table_by_hand() -> None:
    files = sources()
    assert "shared/settings.js" in files and "popup/popup.js" in files  # the scan sees the consumers
    found = {name: check(files) for name, check in CHECKS.items()}
    found = {name: hits for name, hits in found.items() if hits}
    assert not found, "hand-written copies of py_core's tables (import them from shared/constants.js):\n" + "\n".join(
        f"{name}:\n{_report(hits)}" for name, hits in found.items()
    )


def test_every_allowance_is_still_needed() -> None:
    files = sources()
    stale = [key for key in ALLOWED if not any(key[1] in line for line in files.get(key[0], "").splitlines())]
    assert not stale, f"ALLOWED names lines that are gone: {stale}"


#: Copies as they were written before issue 12 (and as a slip would write them again).
PLANTED = {
    "a/settings.js": 'const AUDIENCES = ["opt-in list", "existing customers", "unknown"];\n',
    "a/popup.js": 'const SEVERITIES = ["error", "warning", "info"];\nconst RANK = { error: 3, warning: 2, info: 1 };\n',
    "a/locales.js": "export const LOCALES = ['nl', 'en'];\n",
    "a/packs.js": 'const PACKS = ["nl", "us-can-spam", "be"];\n',
    "a/options.html": '<select><option value="nl">Nederlands</option>\n<option value="en">English</option></select>\n',
    "a/popup.css": ":root { --error: #b3261e; --warning: #9a6700; }\n",
    "a/styles.js": 'const CSS = `[data-severity="warning"] { --sev: #b06000; }`;\n',
    "a/colours.js": 'const C = { info: { light: "#1967d2" } };\nconst X = "#fdd663";\n',
}


def test_each_check_finds_its_planted_copy() -> None:
    assert audience_strings(PLANTED) and {h[0] for h in audience_strings(PLANTED)} == {"a/settings.js"}
    assert {h[0] for h in list_literals(PLANTED)} == {"a/settings.js", "a/popup.js", "a/locales.js", "a/packs.js"}
    assert len([h for h in list_literals(PLANTED) if h[0] == "a/popup.js"]) == 2  # the array and the object
    assert {h[0] for h in html_values(PLANTED)} == {"a/options.html"}
    assert {h[0] for h in severity_colours(PLANTED)} == {"a/popup.css", "a/styles.js", "a/colours.js"}
    assert len([h for h in severity_colours(PLANTED) if h[0] == "a/colours.js"]) == 2


def test_what_is_no_copy_passes() -> None:
    fine = {
        "b/settings.js": 'import { AUDIENCES } from "./constants.js";\nconst lang = locale.startsWith("nl") ? "nl" : "en";\n',
        "b/popup.js": 'const level = counts.error ? "error" : counts.warning ? "warning" : "ok";\nshow("error", err);\n',
        "b/options.html": '<input type="radio" name="x" value="nl">\n',
        "b/popup.css": ".verdict { color: var(--error); border: 1px solid #d8dbe0; }\n",
    }
    assert not any(check(fine) for check in CHECKS.values())
