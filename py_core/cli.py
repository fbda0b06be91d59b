"""The command line: ``python -m py_core check PATH…``, ``python -m py_core catalogue``.

Inputs: ``.html``/``.htm`` (an HTML draft), ``.txt`` (a plain-text draft), ``.eml`` (a complete
message, :mod:`py_core.eml`), ``.json`` (``{"draft": {…}, "options": {…}}`` or a bare draft
object) and folders (searched recursively, sorted, only those extensions). Options given on the
command line override what a ``.json`` file says.

Bytes to text: :mod:`py_core.read` (UTF-8, a BOM, ``<meta charset>``, Windows-1252, Latin-1).

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
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .model import AUDIENCES, LOCALES, MAIL_KINDS, PLATFORMS, Draft, DraftError, Options
from .read import DRAFT_SUFFIXES, MAX_FILE_BYTES, UsageError, collect, decode, load, one_line

# The file readers are py_core/read.py; the text and SARIF renderers py_core/export/text.py and
# export/sarif.py, imported when used (Jinja2 is not loaded for ``catalogue`` or a JSON report).
__all__ = [
    "DRAFT_SUFFIXES",
    "FORMATS",
    "MAX_FILE_BYTES",
    "UsageError",
    "blocks",
    "build_parser",
    "collect",
    "decode",
    "load",
    "main",
]

FORMATS: tuple[str, ...] = ("text", "json", "html", "markdown", "sarif")


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line instead of usage plus message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mailwacht", description="Check email drafts against Dutch anti-spam rules (Tw 11.7).")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="{check,catalogue,verify}", parser_class=_Parser)
    check = sub.add_parser("check", help=f"check drafts ({', '.join(DRAFT_SUFFIXES)}, folders)")
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
    check.add_argument("--locale", choices=LOCALES, help=f"language of messages ({', '.join(LOCALES)})")
    check.add_argument("--audience", help=f"{', '.join(AUDIENCES[:-1])} or {AUDIENCES[-1]}")
    check.add_argument(
        "--pack",
        action="append",
        metavar="PACK",
        help=f"rule pack (repeatable or comma list; default {','.join(Options().packs)})",
    )
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
        print(f"mailwacht: error: {one_line(exc)}", file=err)
        return 2
    except RecursionError:
        print("mailwacht: error: the draft is nested too deeply to check", file=err)
        return 2
    except MemoryError:
        print("mailwacht: error: the draft is too large to check in the memory available", file=err)
        return 2
    except OSError as exc:
        print(f"mailwacht: error: {one_line(exc)}", file=err)
        return 2
    except Exception as exc:  # noqa: BLE001 - a fault of the engine: one line, never a traceback
        print(f"mailwacht: error: internal error ({type(exc).__name__}: {one_line(exc)}); please report it", file=err)
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
        from .export.sarif import sarif

        content = json.dumps(sarif(results), ensure_ascii=False, indent=2) + "\n"
    else:
        from .export.text import render_text

        colour = args.output is None and _wants_colour(out)
        content = render_text(results, colour)
    _emit(content, args.output, out)
    return 1 if failed else 0


def blocks(report: dict[str, Any]) -> bool:
    """True when the report has a live error the engine is sure of (exit status 1). A finding of
    kind ``review`` asks a person to look; it never fails the run on its own."""
    return any(f["severity"] == "error" and f.get("kind") != "review" and not f.get("dismissed") for f in report["findings"])


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


def _wants_colour(out: TextIO) -> bool:
    if "NO_COLOR" in os.environ:
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _encodable(text: str) -> str:
    """Lone surrogates (from a JSON draft's ``"\\udc80"``) replaced, so writing cannot fail."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text
