"""Draft files for the command line: ``.html``/``.htm`` (an HTML draft), ``.txt`` (a plain-text
draft), ``.eml`` (a complete message, :mod:`py_core.eml`), ``.json`` (``{"draft": {…}, "options": {…}}``
or a bare draft object) and folders (searched recursively, sorted, only those extensions).

Bytes to text: UTF-8, or UTF-16/32 when the file starts with its byte order mark (a BOM is dropped). A file that is not valid UTF-8 is read in the charset
its ``<meta charset>`` names when Python knows it as an ASCII-compatible text charset (never UTF-16/32), else as Windows-1252 (what legacy Western
European editors write), else Latin-1, which never fails; a one-line note on stderr says so,
because offsets and evidence then depend on that guess. A file with NUL bytes in its first 8 KB is
not a draft (an image, a zip) and is refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from .limits import bom_charset, page_charset
from .model import Draft, DraftError
from .textsafe import escape

DRAFT_SUFFIXES: tuple[str, ...] = (".html", ".htm", ".txt", ".eml", ".json")
#: Files above this size are refused before reading (the engine refuses drafts above 20 MB).
MAX_FILE_BYTES = 25 * 1024 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


class UsageError(Exception):
    """Bad usage or unreadable input: one line for the user, exit status 2."""


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
        raise UsageError(f"{path}: {one_line(exc)}") from None


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
            print(f"mailwacht: note: {escape(path)} is not UTF-8; read as {charset}", file=err)
        return text
    return data.decode("latin-1")  # unreachable: Latin-1 maps every byte


def _load_json(text: str, path: Path) -> tuple[Draft, dict[str, Any]]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise UsageError(f"{path}: not valid JSON: {one_line(exc)}") from None
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


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return escape(text[:300])
