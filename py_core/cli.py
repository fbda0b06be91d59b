"""The command line: ``python -m py_core check PATH…``, ``python -m py_core catalogue``.

Inputs: ``.html``/``.htm`` (an HTML draft), ``.txt`` (a plain-text draft), ``.eml`` (a complete
message, :mod:`py_core.eml`), ``.json`` (``{"draft": {…}, "options": {…}}`` or a bare draft
object) and folders (searched recursively, sorted, only those extensions). Options given on the
command line override what a ``.json`` file says.

Bytes to text: UTF-8, or UTF-16/32 when the file starts with its byte order mark (a BOM is dropped). A file that is not valid UTF-8 is read in the charset
its ``<meta charset>`` names when Python knows it as an ASCII-compatible text charset (never UTF-16/32), else as Windows-1252 (what legacy Western
European editors write), else Latin-1, which never fails; a one-line note on stderr says so,
because offsets and evidence then depend on that guess. A file with NUL bytes in its first 8 KB is
not a draft (an image, a zip) and is refused.

Mailing or personal mail (:mod:`py_core.mail_kind`): a template file (``.html``, ``.htm``,
``.txt``, ``.json``) is checked as a mailing unless ``--mail-kind personal`` (or the ``.json``'s own
``options.mail_kind``) says otherwise; an ``.eml`` is decided by its signals (recipients, list
headers, a reply, opt-out wording, …). ``--mail-kind mailing|personal`` decides for every draft.
The text output says per draft which it is and why, in one line; JSON and SARIF carry it too.

Exit status: 0 when no draft has a (not dismissed) error finding that Mailwacht is sure of, 1 when
one has; a finding that only needs review never makes the exit status 1, whatever its severity
(the summary line counts it under "to review", and the exit status agrees with that line). 2 for
bad usage or unreadable input, with one line ``mailwacht: error: …`` on stderr and never a
traceback.

Formats: ``text`` (terminal, colour only on a TTY without ``NO_COLOR``), ``json`` (the report; a
list of reports for several drafts), ``sarif`` (SARIF 2.1.0 for code scanning), ``html`` and
``markdown`` (the compliance summary, :mod:`py_core.export`; several drafts need ``--output DIR``
for HTML, one file per draft).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .limits import bom_charset, over_budget, page_charset
from .model import LOCALES, MAIL_KINDS, PLATFORMS, Draft, DraftError, Options

DRAFT_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".txt", ".eml", ".json")
FORMATS: tuple[str, ...] = ("text", "json", "html", "markdown", "sarif")
#: Files above this size are refused before reading (the engine refuses drafts above 20 MB).
MAX_FILE_BYTES = 25 * 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


class UsageError(Exception):
    """Bad usage or unreadable input: one line for the user, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line instead of usage plus message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mailwacht", description="Check email drafts against Dutch anti-spam rules (Tw 11.7).")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="{check,catalogue,verify}", parser_class=_Parser)
    check = sub.add_parser("check", help="check drafts (.html, .htm, .txt, .eml, .json, folders)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument(
        "--platform", choices=PLATFORMS, help="the platform the draft is written in (default: from the file, else auto)"
    )
    check.add_argument(
        "--mail-kind",
        choices=MAIL_KINDS,
        help="mailing or personal mail (default auto: a template file is a mailing, an .eml is decided by its signals)",
    )
    check.add_argument("--from-name", help="the From name")
    check.add_argument("--from-address", help="the From address")
    check.add_argument("--subject", help="the subject line")
    check.add_argument("--locale", choices=LOCALES, help="language of messages (nl, en)")
    check.add_argument("--audience", help="opt-in list, existing customers or unknown")
    check.add_argument("--pack", action="append", metavar="PACK", help="rule pack (repeatable or comma list; default nl)")
    check.add_argument("--org-name")
    check.add_argument("--org-address")
    check.add_argument("--org-phone")
    check.add_argument("--org-website")
    check.add_argument("--org-domain", action="append", metavar="DOMAIN", help="a domain of the organisation (repeatable)")
    check.add_argument("--format", choices=FORMATS, default="text")
    check.add_argument("--output", metavar="FILE", help="write to FILE (a folder for several HTML summaries)")
    verify = sub.add_parser("verify", help="verify the chain of an exported records JSON (exit 0 intact, 1 broken)")
    verify.add_argument("file", metavar="FILE")
    cat = sub.add_parser("catalogue", help="print the rule catalogue")
    cat.add_argument("--locale", choices=LOCALES, default="en")
    cat.add_argument("--format", choices=("markdown", "json"), default="markdown")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (never raises for bad input)."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
        if args.version:
            out.write(f"mailwacht {__version__}\n")
            return 0
        if args.command is None:
            raise UsageError("choose a command: check or catalogue (see --help)")
        if args.command == "catalogue":
            return _catalogue(args, out)
        if args.command == "verify":  # issue 16: the send records' chain
            from .records import verify_cli

            return verify_cli(args.file, out)
        return _check(args, out, err)
    except SystemExit as exc:  # --help exits through argparse
        return exc.code if isinstance(exc.code, int) else 0
    except (UsageError, DraftError) as exc:
        print(f"mailwacht: error: {_one_line(exc)}", file=err)
        return 2
    except RecursionError:
        print("mailwacht: error: the draft is nested too deeply to check", file=err)
        return 2
    except MemoryError:
        print("mailwacht: error: the draft is too large to check in the memory available", file=err)
        return 2
    except OSError as exc:
        print(f"mailwacht: error: {_one_line(exc)}", file=err)
        return 2
    except Exception as exc:  # noqa: BLE001 - a fault of the engine: one line, never a traceback
        print(f"mailwacht: error: internal error ({type(exc).__name__}: {_one_line(exc)}); please report it", file=err)
        return 2


# -- catalogue ------------------------------------------------------------------------------------
def _catalogue(args: argparse.Namespace, out: TextIO) -> int:
    from .catalogue import catalogue, catalogue_markdown

    if args.format == "json":
        out.write(json.dumps(catalogue(args.locale), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(catalogue_markdown(args.locale))
    return 0


# -- check ----------------------------------------------------------------------------------------
def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .engine import check

    files = collect(args.paths)
    results: list[tuple[Path, Draft, dict[str, Any]]] = []
    for path in files:
        draft, options = load(path, err)
        _override(draft, options, args)
        opts = Options.from_dict(options)
        results.append((path, draft, check(draft, opts)))
    reports = [r for _, _, r in results]
    failed = any(blocks(r) for r in reports)
    fmt = args.format
    if fmt in ("html", "markdown"):
        _write_summaries(results, fmt, args.output, out)
        return 1 if failed else 0
    if fmt == "json":
        content = json.dumps(reports[0] if len(reports) == 1 else reports, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "sarif":
        content = json.dumps(sarif(results), ensure_ascii=False, indent=2) + "\n"
    else:
        colour = args.output is None and _wants_colour(out)
        content = render_text(results, colour)
    _emit(content, args.output, out)
    return 1 if failed else 0


def blocks(report: dict[str, Any]) -> bool:
    """True when the report has a live error the engine is sure of (exit status 1). A finding of
    kind ``review`` asks a person to look; it never fails the run on its own."""
    return any(f["severity"] == "error" and f.get("kind") != "review" and not f.get("dismissed") for f in report["findings"])


def collect(paths: Sequence[str]) -> list[Path]:
    """Files to check: given files as they are, folders searched recursively (sorted)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DRAFT_SUFFIXES)
            if not found:
                raise UsageError(f"{raw}: no drafts found ({', '.join(DRAFT_SUFFIXES)})")
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in DRAFT_SUFFIXES:
                raise UsageError(f"{raw}: unsupported file type; use {', '.join(DRAFT_SUFFIXES)}")
            files.append(path)
        elif path.exists():
            raise UsageError(f"{raw}: not a regular file")
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return files


def load(path: Path, err: TextIO) -> tuple[Draft, dict[str, Any]]:
    """Read one file into a draft and the options it carries (``.json`` only)."""
    from .eml import parse_eml

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UsageError(f"{path}: {size // (1024 * 1024)} MB is too large for a draft")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    source = str(path)
    try:
        if suffix == ".eml":
            return parse_eml(data, source=source), {}
        if b"\x00" in data[:8192] and bom_charset(data) is None:  # UTF-16/32 with a BOM is text (issue 13)
            raise UsageError(f"{path}: looks like a binary file, not a draft")
        text = decode(data, path, err)
        # A template file is a mailing unless told otherwise (``Options.template``); an .eml is not.
        if suffix == ".json":
            draft, options = _load_json(text, path)
            options.setdefault("template", True)
            return draft, options
        if suffix == ".txt":
            return Draft(text=text, source=source), {"template": True}
        return Draft(html=text, source=source), {"template": True}
    except DraftError as exc:
        raise UsageError(f"{path}: {_one_line(exc)}") from None


def decode(data: bytes, path: Path | str = "", err: TextIO | None = None) -> str:
    """Bytes to text as the module docstring says (UTF-8, else meta charset, cp1252, Latin-1)."""
    bom = bom_charset(data)  # issue 13: UTF-8/16/32 by their byte order mark (limits.py)
    if bom is not None:
        return data[bom[1] :].decode(bom[0], errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    meta = _META_CHARSET.search(data[:4096])
    if meta:
        # Only an ASCII-compatible text charset: never UTF-16/32, punycode or idna (limits.page_charset).
        declared = page_charset(meta.group(1).decode("ascii", "replace").lower())
        candidates += [declared] if declared else []
    candidates += ["cp1252", "latin-1"]
    for charset in candidates:
        try:
            text = data.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
        if err is not None:
            print(f"mailwacht: note: {_esc(path)} is not UTF-8; read as {charset}", file=err)
        return text
    return data.decode("latin-1")  # unreachable: Latin-1 maps every byte


def _load_json(text: str, path: Path) -> tuple[Draft, dict[str, Any]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{path}: not valid JSON: {_one_line(exc)}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{path}: a .json draft must be an object")
    if isinstance(data.get("draft"), dict):
        options = data.get("options") or {}
        if not isinstance(options, dict):
            raise UsageError(f"{path}: 'options' must be an object")
        draft = Draft.from_dict(data["draft"])
    else:
        options = {}
        draft = Draft.from_dict(data)
    if not draft.html.strip() and not draft.text.strip():
        raise UsageError(f"{path}: the draft has neither 'html' nor 'text'")
    draft.source = draft.source or str(path)
    return draft, dict(options)


def _override(draft: Draft, options: dict[str, Any], args: argparse.Namespace) -> None:
    """Command-line options win over the file's."""
    if args.from_name is not None:
        draft.from_name = args.from_name
    if args.from_address is not None:
        draft.from_address = args.from_address
    if args.subject is not None:
        draft.subject = args.subject
    for key in ("platform", "locale", "audience", "mail_kind"):
        value = getattr(args, key)
        if value is not None:
            options[key] = value
    if args.pack:
        options["packs"] = [p.strip() for value in args.pack for p in value.split(",") if p.strip()]
    org = dict(options.get("org") or {}) if isinstance(options.get("org"), dict) else {}
    for key in ("name", "address", "phone", "website"):
        value = getattr(args, f"org_{key}")
        if value is not None:
            org[key] = value
    if args.org_domain:
        org["domains"] = [d.strip() for value in args.org_domain for d in value.split(",") if d.strip()]
    if org:
        options["org"] = org


def _emit(content: str, output: str | None, out: TextIO) -> None:
    content = _encodable(content)
    if output is None:
        out.write(content)
        return
    try:
        Path(output).write_text(content, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{output}: cannot write: {exc.strerror or exc}") from None


def _write_summaries(results: list[tuple[Path, Draft, dict[str, Any]]], fmt: str, output: str | None, out: TextIO) -> None:
    from .export import render_summary

    rendered = [render_summary(report, fmt, report["locale"]) for _, _, report in results]
    if output is not None and len(rendered) > 1 and not Path(output).exists():
        try:  # several summaries: --output names a folder, made when it does not exist yet
            Path(output).mkdir(parents=True)
        except OSError as exc:
            raise UsageError(f"{output}: cannot make the folder: {exc.strerror or exc}") from None
    if output is not None and Path(output).is_dir():
        used: set[str] = set()
        for (path, _, _), item in zip(results, rendered, strict=True):
            name = item["filename"]
            if name in used:  # the same draft twice (same fingerprint and date)
                name = f"{path.stem}-{name}"
            used.add(name)
            target = Path(output) / name
            try:
                target.write_text(_encodable(item["content"]), encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"{target}: cannot write: {exc.strerror or exc}") from None
            out.write(f"{target}\n")
        return
    if len(rendered) > 1 and fmt == "html":
        raise UsageError("an HTML summary of several drafts needs --output FOLDER (one file per draft)")
    _emit("\n---\n\n".join(item["content"] for item in rendered), output, out)


# -- text -----------------------------------------------------------------------------------------
_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[34m", "review": "\033[35m", "bold": "\033[1m"}
_RESET = "\033[0m"
_MARKS = {"error": "✖", "warning": "▲", "info": "●", "review": "?"}


def _wants_colour(out: TextIO) -> bool:
    if "NO_COLOR" in os.environ:
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


#: The line for a draft whose body could not be read (``report["draft"]["unreadable"]``).
_UNREADABLE = {
    "nl": "De tekst van deze e-mail kon niet gelezen worden: een niet-afgesloten <style>, <script>, <title> of "
    "commentaar verbergt alles. Ook de ontvanger ziet dan niets; controleer de HTML.",
    "en": "The body of this email could not be read: an unclosed <style>, <script>, <title> or comment hides "
    "all of it. The recipient sees nothing either; check the HTML.",
}


def render_text(results: list[tuple[Path, Draft, dict[str, Any]]], colour: bool = False) -> str:
    """Readable terminal output: per draft, findings grouped by severity, then a summary line."""
    from .export import messages
    from .export.summary import describe_location, group_findings

    def paint(text: str, key: str) -> str:
        return f"{_COLOURS[key]}{text}{_RESET}" if colour else text

    lines: list[str] = []
    totals = {"error": 0, "warning": 0, "info": 0, "review": 0, "dismissed": 0}
    for path, _, report in results:
        t = messages.table(report["locale"])
        inferred = " (auto)" if report.get("platform_inferred") else ""
        # issue 13: every field from the draft or the file is escaped (textsafe.escape: \x1b, \n, \u2028).
        lines.append(paint(_esc(path), "bold") + f"  [{_esc(report['platform'])}{inferred}; {_esc(', '.join(report['packs']))}]")
        if report.get("mail_kind"):
            lines.append(f"  {_esc(mail_kind_line(report))}")
        groups = group_findings(report["findings"])
        for key, members in groups.items():
            if not members or key == "dismissed":  # dismissed findings are counted, not listed
                continue
            lines.append("  " + paint(f"{t[f'group_{key}']} ({len(members)})", key))
            for f in members:
                lines.append(f"    {paint(_MARKS[key], key)} {_esc(f['rule'])}: {_esc(f['message'])}")
                where = describe_location(f.get("location") or {})
                if where:
                    lines.append(f"        {t['location'].lower()}: {_esc(where)}")
                if f.get("evidence"):
                    lines.append(f"        {t['evidence'].lower()}: {_esc(_flat(f['evidence']))}")
                if f.get("fix"):
                    lines.append(f"        {t['fix'].lower()}: {_esc(f['fix'])}")
        if report["draft"].get("unreadable"):  # issue 9: say so rather than judge an empty body
            lines.append(f"  ! {_UNREADABLE.get(report['locale'], _UNREADABLE['en'])}")
        for problem in report.get("problems") or []:
            lines.append(f"  ! {_esc(problem.get('rule'))}: {_esc(problem.get('error'))}")
        for part in report.get("partial") or []:  # issue 13: what of a huge draft was checked
            checked = ", ".join(f"{a}-{b}" for a, b in part["checked"])
            lines.append(f"  ~ {_esc(part['field'])}: checked {checked} of {part['length']} (too large to check whole)")
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
    from .export import messages

    kinds = ["error", "warning", "info", "review", *(["dismissed"] if counts.get("dismissed") else [])]
    return ", ".join(messages.count(kind, counts.get(kind, 0), locale) for kind in kinds)


def _esc(value: object) -> str:
    from .textsafe import escape

    return escape(value)


def _flat(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- SARIF ----------------------------------------------------------------------------------------
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(results: list[tuple[Path, Draft, dict[str, Any]]]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: the rule catalogue as ``tool.driver.rules`` and one
    result per finding, located by file and line plus the selector as a logical location."""
    from .catalogue import catalogue

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
        from .document import parse_html

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


def _encodable(text: str) -> str:
    """Lone surrogates (from a JSON draft's ``"\\udc80"``) replaced, so writing cannot fail."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return _esc(text[:300])
