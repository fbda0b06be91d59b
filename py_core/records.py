"""The record chain: what was checked, confirmed and overridden at each send, tamper-evident.

The extension keeps one record per send (issue 16). A record holds the time, the draft's
fingerprint and subject, the platform and mail kind, the findings with their outcome, the
confirmations in force and the engine version, never the draft's body. Each record carries the
hash of the previous one (``prev``) and its own (``hash``): SHA-256 over the record's canonical
JSON without ``hash`` (keys sorted, no blanks, UTF-8 as is). ``extension/shared/records.js``
computes the same hash; a test checks both agree. An edit, a removed record or a reordering
breaks the chain, and :func:`verify` says where.

Pure Python, so the same code verifies in the browser (Pyodide) and on the command line
(``python -m py_core verify FILE``).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from .model import DraftError

#: The version of the record format (``v`` in every record).
FORMAT = 1
#: What happened to a finding by the time the mailing went out.
OUTCOMES: tuple[str, ...] = ("fixed", "dismissed", "overridden", "open")
#: How the mailing went out: passed the gate, or "Send anyway" past a hold.
ACTIONS: tuple[str, ...] = ("sent", "sent-anyway")
#: The fields of a record, in the order the docs list them (``hash`` last).
FIELDS: tuple[str, ...] = (
    "v",
    "seq",
    "time",
    "action",
    "reason",
    "draft",
    "platform",
    "mail_kind",
    "organisation",
    "findings",
    "confirmations",
    "engine_version",
    "prev",
    "hash",
)
#: The key an exported JSON file carries (``{"mailwacht_records": 1, "records": [...]}``).
EXPORT_KEY = "mailwacht_records"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def canonical(record: dict[str, Any]) -> str:
    """The record's canonical JSON without its own ``hash``: what the hash is taken over.

    Sorted keys, no blanks, non-ASCII kept (``JSON.stringify`` of a key-sorted copy gives the same
    text). Numbers must be integers: floats print differently in Python and JavaScript.
    """
    body = {k: v for k, v in record.items() if k != "hash"}
    _check_json(body, "record")
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    # A lone surrogate (the only kind a Python str holds) escaped as JSON.stringify does.
    return _LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def record_hash(record: dict[str, Any]) -> str:
    """SHA-256 hex of :func:`canonical`."""
    return hashlib.sha256(canonical(record).encode("utf-8", "surrogatepass")).hexdigest()


def seal(record: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, Any]:
    """``record`` chained after ``previous``: ``seq``, ``prev`` and ``hash`` filled in."""
    out = {k: v for k, v in record.items() if k != "hash"}
    out["v"] = FORMAT
    out["seq"] = (int(previous["seq"]) + 1) if previous else 1
    out["prev"] = str(previous["hash"]) if previous else ""
    out["hash"] = record_hash(out)
    return out


def verify(records: list[Any]) -> dict[str, Any]:
    """Check a run of records: each hash is its content's, each ``prev`` the hash before it, the
    sequence numbers consecutive. ``{"intact", "count", "first_seq", "last_seq", "starts_after",
    "broken_at", "problem"}``: ``broken_at`` is the index (0-based) of the first record that does
    not fit, ``problem`` one of ``hash`` (edited), ``prev`` (a record missing or reordered),
    ``seq`` (a gap in numbering) or ``shape`` (not a record); ``starts_after`` is the hash the
    first record follows (a period exported from the middle of the chain)."""
    result: dict[str, Any] = {
        "intact": True,
        "count": len(records),
        "first_seq": None,
        "last_seq": None,
        "starts_after": "",
        "broken_at": None,
        "problem": "",
    }
    previous: dict[str, Any] | None = None
    for index, record in enumerate(records):
        problem = _problem(record, previous)
        if problem:
            result.update(intact=False, broken_at=index, problem=problem)
            break
        if previous is None:
            result["first_seq"] = record["seq"]
            result["starts_after"] = record["prev"]
        result["last_seq"] = record["seq"]
        previous = record
    return result


def _problem(record: Any, previous: dict[str, Any] | None) -> str:
    if not isinstance(record, dict) or not isinstance(record.get("hash"), str) or not isinstance(record.get("seq"), int):
        return "shape"
    if not isinstance(record.get("prev"), str):
        return "shape"
    try:
        if record_hash(record) != record["hash"]:
            return "hash"
    except DraftError:
        return "shape"
    if previous is not None:
        if record["prev"] != previous["hash"]:
            return "prev"
        if record["seq"] != previous["seq"] + 1:
            return "seq"
    return ""


def load_export(value: Any) -> list[Any]:
    """The records of an exported JSON file (``{"mailwacht_records": 1, "records": [...]}``) or
    a bare list of records; :class:`DraftError` for anything else."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict) and isinstance(value.get("records"), list):
        return value["records"]
    raise DraftError("not a Mailwacht record export: expected an object with a 'records' list")


def verify_text(text: str) -> dict[str, Any]:
    """Parse an exported JSON file's text and verify its records."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise DraftError(f"the file is not valid JSON: {exc}") from exc
    return verify(load_export(value))


def _check_json(value: Any, where: str, depth: int = 0) -> None:
    if depth > 20:
        raise DraftError(f"{where} is nested too deeply")
    if isinstance(value, float):
        raise DraftError(f"{where} holds a fractional number; records hold integers only")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise DraftError(f"{where} has a key that is not text")
            _check_json(item, where, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_json(item, where, depth + 1)
    elif value is not None and not isinstance(value, (str, int, bool)):
        raise DraftError(f"{where} holds a value JSON cannot carry")


def verify_cli(path: str, out: Any) -> int:
    """``python -m py_core verify FILE``: one line saying the chain is intact or where it breaks;
    0 intact, 1 broken (an unreadable file raises, the CLI's exit 2)."""
    with open(path, encoding="utf-8") as handle:
        result = verify_text(handle.read())
    if result["intact"]:
        span = f"records {result['first_seq']}-{result['last_seq']}" if result["count"] else "no records"
        after = f", following {result['starts_after'][:16]}" if result["starts_after"] else ""
        out.write(f"chain intact: {result['count']} records ({span}{after})\n")
        return 0
    index = result["broken_at"]
    out.write(f"chain BROKEN at record {index + 1} of {result['count']}: {_PROBLEMS[result['problem']]}\n")
    return 1


_PROBLEMS: dict[str, str] = {
    "hash": "its content does not match its own hash (edited)",
    "prev": "it does not carry the previous record's hash (a record removed or moved)",
    "seq": "the numbering has a gap",
    "shape": "not a record",
}
