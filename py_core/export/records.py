"""The send records as a document to file: one record or a period, with the chain verified.

:func:`render_records` takes records as the extension stores them (see :mod:`py_core.records`),
verifies the chain and renders HTML (prints on A4), Markdown or JSON in the user's language. The
JSON export carries the records unchanged, so ``python -m py_core verify FILE`` checks them again.
Records come from extension storage and may have been edited: every field is read defensively
and shown as text (the HTML autoescapes).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import __version__
from ..model import LOCALES, DraftError
from ..records import EXPORT_KEY, verify
from ..tables.guidelines import CHECKLIST, SOURCES, cite
from . import messages
from ._env import html_env, text_env
from .summary import FORMATS

_SAFE_NAME = re.compile(r"[^0-9A-Za-z-]")
_MAX_RECORDS = 10_000


def render_records(records: list[Any], format: str = "html", locale: str = "nl", *, generated_at: str = "") -> dict[str, str]:
    """Render ``records`` (oldest first) as ``{"content", "mime", "filename"}``."""
    fmt = (format or "html").lower()
    if fmt == "md":
        fmt = "markdown"
    if fmt not in FORMATS:
        raise DraftError(f"unknown export format {format!r}; choose html, markdown or json")
    locale = (locale or "nl").lower()[:2]
    if locale not in LOCALES:
        raise DraftError(f"unknown locale {locale!r}; choose nl or en")
    if not isinstance(records, list):
        raise DraftError("'records' must be a list of records")
    if len(records) > _MAX_RECORDS:
        raise DraftError(f"at most {_MAX_RECORDS} records can be exported at once")
    view = build_view(records, locale, generated_at=generated_at)
    mime, ext = FORMATS[fmt]
    if fmt == "json":
        content = (
            json.dumps(
                {
                    EXPORT_KEY: 1,
                    "locale": locale,
                    "generated_at": view["generated_at"],
                    "engine_version": __version__,
                    "verification": view["verification"],
                    "records": records,
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    elif fmt == "html":
        content = html_env().get_template("records.html.jinja").render(v=view, t=messages.table(locale))
    else:
        content = text_env().get_template("records.md.jinja").render(v=view, t=messages.table(locale))
    first, last = view["start"][:10], view["end"][:10]
    span = _SAFE_NAME.sub("", first if first == last else f"{first}-to-{last}") or "empty"
    return {"content": content, "mime": mime, "filename": f"mailwacht-records-{span}.{ext}"}


def build_view(records: list[Any], locale: str, *, generated_at: str = "") -> dict[str, Any]:
    """The export's content as plain data: the verification and each record, labelled."""
    from .. import rules as _rules  # noqa: F401 - registers the rules for their titles
    from ..registry import RULES

    result = verify(records)
    views = [_record(r, locale, RULES) for r in records]
    start = views[0]["time"] if views else ""
    end = views[-1]["time"] if views else ""
    if len(views) == 1:
        title = messages.text("rec_title", locale)
    else:
        title = messages.text("rec_title_period", locale, start=start[:10], end=end[:10])
    return {
        "title": title,
        "locale": locale,
        "generated_at": generated_at,
        "engine_version": __version__,
        "start": start,
        "end": end,
        "verification": {**result, "text": _verification_text(result, records, locale)},
        "records": views,
    }


def _verification_text(result: dict[str, Any], records: list[Any], locale: str) -> list[str]:
    if not records:
        return [messages.text("rec_chain_empty", locale)]
    if not result["intact"]:
        index = result["broken_at"]
        bad = records[index]
        seq = bad.get("seq") if isinstance(bad, dict) else "?"
        return [
            messages.text(
                "rec_chain_broken",
                locale,
                index=str(index + 1),
                count=str(len(records)),
                seq=_text(seq),
                problem=messages.text(f"rec_problem_{result['problem']}", locale),
            )
        ]
    intact = "rec_chain_intact_one" if len(records) == 1 else "rec_chain_intact"
    lines = [messages.text(intact, locale, count=str(len(records)))]
    if result["starts_after"]:
        lines.append(messages.text("rec_chain_after", locale, hash=result["starts_after"][:16]))
    return lines


def _record(value: Any, locale: str, rules: dict[str, Any]) -> dict[str, Any]:
    record = value if isinstance(value, dict) else {}
    draft = record.get("draft") if isinstance(record.get("draft"), dict) else {}
    action = _text(record.get("action"))
    mail_kind = _text(record.get("mail_kind"))
    findings = []
    for item in _items(record.get("findings")):
        rule_id = _text(item.get("rule"))
        rule = rules.get(rule_id)
        outcome = _text(item.get("outcome"))
        findings.append(
            {
                "rule": rule_id,
                "rule_title": rule.title[locale] if rule else rule_id,
                "severity": _text(item.get("severity")),
                "severity_label": _label(f"sev_{_text(item.get('severity'))}", locale),
                "outcome": outcome,
                "outcome_label": _label(f"rec_outcome_{outcome}", locale),
                "reason": _text(item.get("reason")),
            }
        )
    confirmations = []
    for item in _items(record.get("confirmations")):
        duty = next((c for c in CHECKLIST if c["id"] == item.get("id")), None)
        source = SOURCES.get(duty["source"]) if duty else None
        scope = _text(item.get("scope")) or (duty["scope"] if duty else "")
        confirmations.append(
            {
                "id": _text(item.get("id")),
                "text": duty["confirm"].get(locale, "") if duty else _text(item.get("id")),
                "document": cite(duty["source"], locale) if duty and source else "",
                "scope": scope,
                "scope_label": _label(f"rec_scope_{scope}", locale),
                "by_text": messages.text(
                    "rec_confirmed_by", locale, by=_text(item.get("by")) or "?", date=_text(item.get("at"))[:10] or "?"
                ),
            }
        )
    return {
        "seq": _text(record.get("seq")),
        "time": _text(record.get("time")),
        "action": action,
        "action_label": _label(f"rec_action_{action}", locale),
        "reason": _text(record.get("reason")),
        "subject": _text(draft.get("subject")),
        "fingerprint": _text(draft.get("fingerprint")),
        "platform": _text(record.get("platform")),
        # Issue 11: the platform by its name, in the export's language ("generic-esp" is a code).
        "platform_label": messages.platform_label(_text(record.get("platform")), locale) if record.get("platform") else "",
        "mail_kind": mail_kind,
        "mail_kind_label": _label(f"mail_kind_{mail_kind}", locale),
        "organisation": _text(record.get("organisation")),
        "findings": findings,
        "confirmations": confirmations,
        "engine_version": _text(record.get("engine_version")),
        "hash": _text(record.get("hash")),
        "prev": _text(record.get("prev")),
    }


def _items(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _label(key: str, locale: str) -> str:
    return messages.text(key, locale) if key in messages.MESSAGES else key.rsplit("_", 1)[-1]


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)
