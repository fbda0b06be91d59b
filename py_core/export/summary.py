"""The compliance summary: a report turned into a document a sender can file, print or sign.

The report may have crossed JSON (from the extension), so its shape is checked here and garbage
gives a :class:`~py_core.model.DraftError`. Guideline titles, checklist lines and labels are taken
from the tables in the requested locale; finding messages stay in the language the check ran in
(the report carries them as text).

Written for the sender (issue 11): the body quotes the text found (evidence), while the CSS
selectors and offsets are in an appendix; times are the caller's local time with its UTC offset
(``options.tz_offset``, minutes east of UTC, and ``options.tz_name``), else UTC, labelled as such;
only the chosen packs' sources are cited. The HTML, Markdown and JSON carry the same content (the
JSON is the view the templates render). Every label is in the summary's language: the report's
audience, packs, platform and locale are given in words (``audience_label``, ``pack_labels``,
``platform_label``, ``report_language``), a source by :func:`~py_core.tables.guidelines.cite` (an
English summary no longer names "Tripolis anti-spam richtlijnen, regel 2" untranslated), a
checklist line's rules by their titles (``failed_rule_titles``).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from .. import __version__
from ..model import LOCALES, SEVERITY_RANK, DraftError
from ..rules.unsubscribe_clipped import CLIP_BYTES
from ..tables.guidelines import CHECKLIST, SOURCES, cite
from . import messages
from ._env import html_env, text_env

FORMATS: dict[str, tuple[str, str]] = {
    "html": ("text/html;charset=utf-8", "html"),
    "markdown": ("text/markdown;charset=utf-8", "md"),
    "json": ("application/json", "json"),
}
_STATUSES = ("pass", "fail", "review", "confirm", "inapplicable")
_SAFE_NAME = re.compile(r"[^0-9A-Za-z-]")
_TZ_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+/-]{0,63}$")
#: Sources of one pack (py_core.packs): cited only when the report ran with that pack. The Dutch
#: law, both guidelines and technical references (RFCs, WCAG) are cited always.
SOURCE_PACK: dict[str, str] = {
    "can-spam": "us-can-spam",
    "casl": "ca-casl",
    "bulk-sender": "bulk-sender",
    "ddg-5": "de",
    "ddg-6": "de",
    "uwg-7-3": "de",
    "be-wer-xii-12": "be",
    "be-wer-xii-13": "be",
    "be-kb-2003": "be",
}
#: The rules whose findings raise the tracking-consent question (issue 14, pack eu-tracking).
TRACKING_RULES: tuple[str, ...] = ("tracking-pixel", "tracking-links")
#: The checklist line that asks it: a duty the draft cannot show (consent is given elsewhere, and
#: the sending platform may add its own open pixel at send).
TRACKING_CONSENT_ID = "eu-tracking-consent"


def render_summary(
    report: dict[str, Any], format: str = "html", locale: str = "nl", options: dict[str, Any] | None = None
) -> dict[str, str]:
    """Render ``report`` as ``{"content", "mime", "filename"}`` in ``format`` (html, markdown, json).

    ``options``: ``tz_offset`` (minutes east of UTC, -840..840) and ``tz_name`` (an IANA name, a
    label only) for the local time; without them the time is UTC, said so."""
    fmt = (format or "html").lower()
    if fmt == "md":
        fmt = "markdown"
    if fmt not in FORMATS:
        raise DraftError(f"unknown summary format {format!r}; choose html, markdown or json")
    locale = (locale or "nl").lower()[:2]
    if locale not in LOCALES:
        raise DraftError(f"unknown locale {locale!r}; choose nl or en")
    view = build_view(report, locale, options)
    mime, ext = FORMATS[fmt]
    if fmt == "json":
        content = json.dumps(view, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        content = html_env().get_template("summary.html.jinja").render(v=view, t=messages.table(locale))
    else:
        content = text_env().get_template("summary.md.jinja").render(v=view, t=messages.table(locale))
    date = _SAFE_NAME.sub("", view["checked_at"][:10]) or "undated"
    filename = f"mailwacht-summary-{date}-{view['draft']['fingerprint'][:8] or 'draft'}.{ext}"
    return {"content": content, "mime": mime, "filename": filename}


def build_view(report: dict[str, Any], locale: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """The summary's content as plain data (the JSON export is exactly this)."""
    from ..registry import RULES

    if not isinstance(report, dict):
        raise DraftError("the report must be an object")
    draft = _obj(report, "draft")
    findings = [_finding(f, i) for i, f in enumerate(_list(report, "findings"))]
    packs = report.get("packs") if isinstance(report.get("packs"), list) else []
    for finding in findings:
        rule = RULES.get(finding["rule"])
        finding["rule_title"] = rule.title[locale] if rule else finding["rule"]
        chosen = [ref for ref in finding["basis"] if ref not in SOURCE_PACK or not packs or SOURCE_PACK[ref] in packs]
        finding["basis"] = [_basis(ref, locale) for ref in chosen]
        finding["severity_label"] = messages.text(f"sev_{finding['severity']}", locale)
    groups = [
        {"key": key, "title": messages.text(f"group_{key}", locale), "findings": members}
        for key, members in group_findings(findings).items()
    ]
    # Counted as grouped (a finding that needs review counts once, under review), so that the
    # totals line and the group headings agree.
    counts = {group["key"]: len(group["findings"]) for group in groups}
    if counts["error"]:
        verdict = "fail"
    elif counts["warning"] or counts["review"]:
        verdict = "warn"
    else:
        verdict = "pass"
    checklist = [_checklist_line(line, locale) for line in _list(report, "checklist")]
    tracking = _tracking_consent_line(report, findings, packs, locale)
    if tracking:
        checklist.append(tracking)
    engine = report.get("engine") if isinstance(report.get("engine"), dict) else {}
    checked_at = _text(report.get("checked_at"))
    # The appendix: where each finding sits in the source (findings that have a place only).
    # Numbered in the order the body shows them; each such finding carries its number as "ref".
    locations: list[dict[str, Any]] = []
    for finding in (f for g in groups for f in g["findings"]):
        finding["ref"] = 0
        if finding["location"]:
            finding["ref"] = len(locations) + 1
            locations.append(
                {
                    "ref": finding["ref"],
                    "rule": finding["rule"],
                    "rule_title": finding["rule_title"],
                    "location": finding["location"],
                }
            )
    return {
        "title": messages.text("title", locale),
        "locale": locale,
        "report_locale": _text(report.get("locale")) or locale,
        "report_language": messages.label("language", _text(report.get("locale")) or locale, locale),
        "checked_at": checked_at,
        # The same moment in the caller's time zone, with its offset ("UTC" when none was given).
        "checked_at_local": local_time(checked_at, options, locale),
        "engine_version": _text(engine.get("version")) or __version__,
        "draft": {
            "fingerprint": _text(draft.get("fingerprint")),
            "subject": _text(draft.get("subject")),
            "from_name": _text(draft.get("from_name")),
            "from_address": _text(draft.get("from_address")),
            "source": _text(draft.get("source")),
            "recipients": draft.get("recipients") if isinstance(draft.get("recipients"), int) else 0,
        },
        # Issue 14: the draft's size against Gmail's clipping point ({} for a report without one).
        "size": size_meter(draft, locale),
        "platform": _text(report.get("platform")),
        "platform_label": messages.platform_label(_text(report.get("platform")), locale),
        "platform_note": _platform_note(report, locale),
        "mail_kind": _mail_kind(report, locale),
        "packs": [_text(p) for p in packs],
        "pack_labels": [messages.label("pack", _text(p), locale) for p in packs],
        "audience": _text(report.get("audience")),
        "audience_label": messages.label("audience", _text(report.get("audience")), locale),
        "counts": counts,
        # "1 fout", "2 waarschuwingen": each count with its noun in the right number.
        "count_text": {key: messages.count(key, number, locale) for key, number in counts.items()},
        "verdict": verdict,
        "verdict_text": messages.text(f"verdict_{verdict}", locale),
        "groups": groups,
        "locations": locations,
        "checklist": checklist,
        # Every duty a draft cannot show, whatever the draft-level status of its guideline line
        # (none on personal mail: the guidelines are about mailings).
        "confirmations": [line for line in checklist if line["confirm"] and line["status"] != "inapplicable"],
        "problems": [
            {"rule": _text(p.get("rule")), "error": _text(p.get("error"))}
            for p in report.get("problems") or []
            if isinstance(p, dict)
        ],
    }


#: The groups findings are shown and counted in, in this order (the CLI and the summaries).
GROUPS: tuple[str, ...] = ("error", "warning", "info", "review", "dismissed")


def group_findings(findings: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Findings by group: live violations by severity, live findings to review (once, whatever
    their severity) and dismissed findings apart; every group present, in :data:`GROUPS` order."""
    groups: dict[str, list[dict[str, Any]]] = {key: [] for key in GROUPS}
    for finding in findings:
        if finding["dismissed"]:
            groups["dismissed"].append(finding)
        elif finding["kind"] == "review":
            groups["review"].append(finding)
        else:
            groups[finding["severity"]].append(finding)
    return groups


def local_time(stamp: str, options: dict[str, Any] | None, locale: str) -> dict[str, str]:
    """``{"text", "zone"}``: ``stamp`` (ISO 8601, UTC) as local time ``2026-12-02 17:54`` and its zone
    ``UTC+01:00 (Europe/Amsterdam)``; UTC, labelled as such, without a usable ``tz_offset``."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return {"text": stamp, "zone": ""}
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    opts = options or {}
    offset = opts.get("tz_offset")
    if isinstance(offset, bool) or not isinstance(offset, int | float) or not -840 <= offset <= 840:
        return {"text": moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M"), "zone": messages.text("time_zone_default", locale)}
    minutes = int(offset)
    local = moment.astimezone(UTC) + timedelta(minutes=minutes)
    sign = "+" if minutes >= 0 else "-"
    zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    name = opts.get("tz_name")
    if isinstance(name, str) and _TZ_NAME.match(name):
        zone = f"{zone} ({name})"
    return {"text": local.strftime("%Y-%m-%d %H:%M"), "zone": zone}


def size_meter(draft: dict[str, Any], locale: str) -> dict[str, Any]:
    """The draft's size against the point where Gmail clips a message (about 102 KB of HTML,
    "[Message clipped] View entire message"): ``{"bytes", "limit", "percent", "left", "clipped",
    "mode", "text"}``; ``{}`` when the report does not say the size (a report from before it did).

    ``bytes`` is what the report measured (the draft's HTML in UTF-8, or its plain text); the sent
    message is usually larger (the platform's tracking links and code), which the text says."""
    size = draft.get("size_bytes")
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        return {}
    mode = "text" if draft.get("mode") == "text" else "html"
    left = CLIP_BYTES - size
    params = {
        "size": _kb(size, locale),
        "limit": str(CLIP_BYTES // 1024),
        "left": _kb(max(left, 0), locale),
        "over": _kb(max(-left, 0), locale),
        "percent": str(round(size * 100 / CLIP_BYTES)),
    }
    if mode == "text":
        key = "size_text_mode"
    elif left < 0:
        key = "size_clipped"
    else:
        key = "size_room"
    return {
        "bytes": size,
        "limit": CLIP_BYTES,
        "percent": round(size * 100 / CLIP_BYTES),
        "left": left,
        "clipped": mode == "html" and left < 0,
        "mode": mode,
        "text": messages.text(key, locale, **params),
        "note": messages.text("size_note", locale) if mode == "html" else "",
    }


def _kb(size: int, locale: str) -> str:
    """``size`` bytes as KB (1024 bytes) with one decimal (two below 1 KB), in the locale's notation
    (48,2 / 48.2)."""
    text = f"{size / 1024:.2f}" if 0 < size < 1024 else f"{size / 1024:.1f}"
    return text.replace(".", ",") if locale == "nl" else text


def _tracking_consent_line(
    report: dict[str, Any], findings: list[dict[str, Any]], packs: list[Any], locale: str
) -> dict[str, Any] | None:
    """The checklist line asking whether recipients consented to tracking (ePrivacy art. 5(3)):
    when the report ran with pack ``eu-tracking`` or found tracking, on a mailing. Status ``review``
    when tracking was found, else ``confirm`` (the platform may add its own pixel at send)."""
    found = sorted({f["rule"] for f in findings if f["rule"] in TRACKING_RULES and not f["dismissed"]})
    if "eu-tracking" not in packs and not found:
        return None
    if report.get("mail_kind") == "personal":
        return None
    source = SOURCES["eprivacy-5-3"]
    status = "review" if found else "confirm"
    return {
        "id": TRACKING_CONSENT_ID,
        "title": source["title"][locale],
        "document": cite("eprivacy-5-3", locale),
        "status": status,
        "status_label": messages.text(f"status_{status}", locale),
        "failed_rules": found,
        "failed_rule_titles": [_rule_title(r, locale) for r in found],
        "confirm": messages.text("tracking_consent_confirm", locale),
    }


def _platform_note(report: dict[str, Any], locale: str) -> str:
    if not report.get("platform_inferred"):
        return ""
    key = "platform_default" if report.get("platform") == "webmail" else "platform_inferred"
    return messages.text(key, locale)


def _mail_kind(report: dict[str, Any], locale: str) -> dict[str, str]:
    """Mailing or personal mail and why (empty for a report from before issue 10)."""
    kind = report.get("mail_kind")
    if kind not in ("mailing", "personal"):
        return {}
    reason = report.get("mail_kind_reason") if isinstance(report.get("mail_kind_reason"), dict) else {}
    return {
        "kind": kind,
        "label": messages.text(f"mail_kind_{kind}", locale),
        "source": _text(report.get("mail_kind_source")),
        "reason": _text(reason.get(locale) or reason.get("en")),
    }


def _finding(value: Any, index: int) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise DraftError(f"finding {index} is not an object")
    severity = value.get("severity")
    if severity not in SEVERITY_RANK:
        raise DraftError(f"finding {index} has an unknown severity {severity!r}")
    if not isinstance(value.get("rule"), str) or not isinstance(value.get("message"), str):
        raise DraftError(f"finding {index} needs a rule and a message")
    location = value.get("location") if isinstance(value.get("location"), dict) else {}
    basis = value.get("basis") if isinstance(value.get("basis"), list) else []
    return {
        "rule": value["rule"],
        "severity": severity,
        "kind": "review" if value.get("kind") == "review" else "violation",
        "message": value["message"],
        "evidence": _text(value.get("evidence")),
        "location": describe_location(location),
        "fix": _text(value.get("fix")),
        "basis": [_text(b) for b in basis],
        "fingerprint": _text(value.get("fingerprint")),
        "dismissed": bool(value.get("dismissed")),
    }


def describe_location(location: dict[str, Any]) -> str:
    """``selector [start–end]`` or ``field [start–end]``: where to look, in one line."""
    where = _text(location.get("selector")) or _text(location.get("field"))
    start, end = location.get("start"), location.get("end")
    if isinstance(start, int) and isinstance(end, int):
        where = f"{where} [{start}–{end}]".strip()
    return where


def _basis(ref: str, locale: str) -> dict[str, str]:
    source = SOURCES.get(ref)
    if source is None:
        return {"id": ref, "title": ref, "document": ""}
    return {"id": ref, "title": source["title"][locale], "document": cite(ref, locale)}


def _rule_title(rule_id: str, locale: str) -> str:
    """A rule's title in ``locale`` (its id when the engine has no such rule)."""
    from ..registry import RULES

    rule = RULES.get(rule_id)
    return rule.title[locale] if rule else rule_id


def _checklist_line(value: Any, locale: str) -> dict[str, Any]:
    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
        raise DraftError("every checklist line needs an id")
    status = value.get("status")
    if status not in _STATUSES:
        raise DraftError(f"checklist line {value['id']}: unknown status {status!r}")
    item = next((c for c in CHECKLIST if c["id"] == value["id"]), None)
    source = SOURCES.get(item["source"]) if item else None
    title = source["title"][locale] if source else _text(value.get("title"))
    document = cite(item["source"], locale) if item and source else _text(value.get("document"))
    confirm = item["confirm"].get(locale, "") if item else _text(value.get("confirm"))
    return {
        "id": value["id"],
        "title": title,
        "document": document,
        "status": status,
        "status_label": messages.text(f"status_{status}", locale),
        "failed_rules": [_text(r) for r in value.get("failed_rules") or []],
        "failed_rule_titles": [_rule_title(_text(r), locale) for r in value.get("failed_rules") or []],
        "confirm": confirm,
    }


def _obj(report: dict[str, Any], key: str) -> dict[str, Any]:
    value = report.get(key)
    if not isinstance(value, dict):
        raise DraftError(f"the report has no '{key}' object; is this a Mailwacht report?")
    return value


def _list(report: dict[str, Any], key: str) -> list[Any]:
    value = report.get(key)
    if not isinstance(value, list):
        raise DraftError(f"the report has no '{key}' list; is this a Mailwacht report?")
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)
