"""The check: parse a draft once, run every rule the chosen packs apply, and build the report.

The report is plain JSON-ready data (issue 2): findings sorted by severity, a per-rule outcome
(failed / passed / review / inapplicable / disabled, after axe-core's buckets), a checklist with one
line per guideline, the draft's fingerprint, the engine version, the moment and the time it took.
A rule that fails is reported as an engine problem in the report, never as a traceback.

Before the rules run the engine decides whether the draft is a mailing or personal mail
(:mod:`py_core.mail_kind`, issue 10): on personal mail only the rules in
:data:`py_core.registry.ANY_MAIL_RULES` run; the others, and every checklist line (the guidelines
are about mailings), are ``inapplicable`` with the reason ``personal-mail``.

The same HTML checked again (the send gate after the editor watcher, the popup) reuses the last
parse (:class:`py_core.document.LastParse`, issue 15); its report is the same as after a new parse.
"""

from __future__ import annotations

import gc
import time
from datetime import UTC, datetime
from typing import Any

from . import __version__
from .context import MAX_DRAFT_BYTES, Context, build_context, fingerprint
from .document import LastParse
from .history import recipients_hash
from .limits import input_size, within_budget
from .model import SEVERITY_RANK, Draft, DraftError, Finding, Options
from .registry import ANY_MAIL_RULES, Rule, all_rules
from .tables.guidelines import CHECKLIST, SOURCES, cite

__all__ = ["MAX_DRAFT_BYTES", "RULES", "Context", "build_context", "check", "check_dict", "checklist", "fingerprint"]

#: Every rule, loaded once when the engine is imported (the rules import py_core.context, never this module).
RULES = all_rules()
#: The last draft parsed by :func:`check`, for the next check of the same HTML (only the engine
#: hands these documents out, and only to its own rules: see LastParse).
LAST_PARSE = LastParse()


def check(draft: Draft, options: Options | None = None) -> dict[str, Any]:
    """Check one draft and return the report as a JSON-ready dict.

    Raises :class:`DraftError` only for input that cannot be judged at all (too large, unknown
    option); everything a rule trips over lands in ``report["problems"]``.

    The cyclic garbage collector is paused during the check (issue 9's speed): parsing makes
    tens of thousands of tree nodes that all stay alive until the report is built, so the
    collections their allocations set off find nothing to free and cost ~0.1x a parse. Memory is
    still freed by reference counting during the check; cycles made in it (the tree itself) are
    collected once the collector runs again. It is switched back on in ``finally``, and only when
    it was on before (CPython and Pyodide alike: both have the ``gc`` module).
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _check(draft, options)
    finally:
        if paused:
            gc.enable()


def _check(draft: Draft, options: Options | None) -> dict[str, Any]:
    options = options or Options()
    started = time.perf_counter()
    # issue 13: a draft above the check budget is checked in part; ``partial`` says which part.
    checked, partial = within_budget(draft, MAX_DRAFT_BYTES)
    ctx = build_context(checked, options, LAST_PARSE.parse)
    findings: list[Finding] = []
    outcomes: list[dict[str, Any]] = []
    problems: list[dict[str, str]] = []
    dismissed = set(options.dismissed)
    personal = not ctx.is_mailing
    for rule_id, rule_cls in RULES.items():
        setting = options.rules.get(rule_id)
        if rule_id not in ctx.severities:
            outcomes.append({"id": rule_id, "outcome": "not-in-pack"})
            continue
        if setting is not None and not setting.enabled:
            outcomes.append({"id": rule_id, "outcome": "disabled"})
            continue
        if personal and rule_id not in ANY_MAIL_RULES:
            outcomes.append({"id": rule_id, "outcome": "inapplicable", "reason": "personal-mail"})
            continue
        rule: Rule = rule_cls()
        try:
            if not rule.applies(ctx):
                outcomes.append({"id": rule_id, "outcome": "inapplicable"})
                continue
            found: list[Finding] = []
            for finding in rule.check(ctx):
                found.append(finding)
                if len(found) >= rule.max_findings:
                    break
        except RecursionError:
            problems.append({"rule": rule_id, "error": "the draft is nested too deeply for this rule"})
            outcomes.append({"id": rule_id, "outcome": "error"})
            continue
        except Exception as exc:  # noqa: BLE001 - one broken rule must not lose the whole report
            problems.append({"rule": rule_id, "error": f"{type(exc).__name__}: {exc}"[:300]})
            outcomes.append({"id": rule_id, "outcome": "error"})
            continue
        for finding in found:
            finding.dismissed = finding.fingerprint in dismissed
        findings.extend(found)
        live = [f for f in found if not f.dismissed]
        if any(f.kind == "violation" for f in live):
            outcome = "failed"
        elif live:
            outcome = "review"
        else:
            outcome = "passed"
        outcomes.append({"id": rule_id, "outcome": outcome, "severity": ctx.severity_of(rule_id)})

    if len(findings) > 1:  # (one finding or none: nothing to order)
        order = {rule_id: i for i, rule_id in enumerate(RULES)}
        findings.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.kind != "violation", order.get(f.rule, len(order))))
    live = [f for f in findings if not f.dismissed]
    counts = {sev: sum(1 for f in live if f.severity == sev) for sev in SEVERITY_RANK}
    counts["review"] = sum(1 for f in live if f.kind == "review")
    counts["dismissed"] = len(findings) - len(live)
    report: dict[str, Any] = {
        "engine": {"name": "mailwacht", "version": __version__},
        "checked_at": options.now or datetime.now(UTC).isoformat(timespec="seconds"),
        "draft": {
            "fingerprint": fingerprint(draft),
            "source": draft.source,
            "subject": draft.subject,
            "from_name": draft.from_name,
            "from_address": draft.from_address,
            "recipients": len(draft.to) + len(draft.cc) + len(draft.bcc),
            # The send gate stores this with the fingerprint (py_core.history): with both in the
            # report it needs no second request for them (issue 15, the gate's press to decision).
            "recipients_hash": recipients_hash(draft),
            "size_bytes": ctx.doc.size_bytes() if not partial else input_size(draft),
            "mode": "text" if ctx.doc.text_mode else "html",
            # issue 9: the HTML holds text, but an unclosed <style>/<script>/<title>/comment hides it all
            **({"unreadable": True} if ctx.doc.unreadable else {}),
        },
        "platform": ctx.platform,
        "platform_inferred": ctx.platform_inferred,
        **ctx.mail_kind.to_report(),
        "locale": options.locale,
        "audience": options.audience,
        "packs": list(options.packs),
        "findings": [f.to_dict() for f in findings],
        "counts": counts,
        "rules": outcomes,
        "checklist": checklist(outcomes, findings, options.locale, personal=personal),
        # Who the mailing is from and where that was read (profile, From name, From domain, footer).
        "organisation": _organisation(ctx) if not personal else None,
        "problems": problems,
    }
    if partial:  # only then: [{"field", "length", "checked": [[start, end], ...]}] (limits.py)
        report["partial"] = partial
    report["duration_ms"] = round((time.perf_counter() - started) * 1000, 3)
    return report


def _organisation(ctx: Context) -> dict[str, str] | None:
    from .rules._organisation import organisation

    try:
        named = organisation(ctx)
    except RecursionError:
        return None
    return named.to_dict() if named else None


def checklist(
    outcomes: list[dict[str, Any]], findings: list[Finding], locale: str, *, personal: bool = False
) -> list[dict[str, Any]]:
    """One line per guideline: pass, fail, review, or confirm (the sender must confirm it); every
    line is ``inapplicable`` on personal mail (both guidelines are about mailings)."""
    ran = {o["id"] for o in outcomes if o["outcome"] in ("failed", "passed", "review", "inapplicable")}
    live_by_rule: dict[str, list[Finding]] = {}  # grouped once, not filtered again per line
    for finding in findings:
        if not finding.dismissed:
            live_by_rule.setdefault(finding.rule, []).append(finding)
    lines: list[dict[str, Any]] = []
    for item in CHECKLIST:
        source = SOURCES[item["source"]]
        rules = item["rules"]
        # Only the findings of this line's rules; most lines have none (then no list is built).
        mine = [f for rule_id in rules if rule_id in live_by_rule for f in live_by_rule[rule_id]]
        if personal and not any(r in ANY_MAIL_RULES for r in rules):
            status = "inapplicable"
        elif any(f.kind == "violation" and f.severity in ("error", "warning") for f in mine):
            status = "fail"
        elif mine:
            status = "review"
        elif item["confirm"]:
            status = "confirm"
        elif any(r in ran for r in rules):
            status = "pass"
        else:
            status = "review"
        lines.append(
            {
                "id": item["id"],
                "document": cite(item["source"], locale),
                "title": source["title"][locale],
                "quote": source["quote"],
                "status": status,
                "rules": list(rules),
                "failed_rules": sorted({f.rule for f in mine}) if mine else [],
                "confirm": item["confirm"].get(locale, ""),
            }
        )
    return lines


def check_dict(request: dict[str, Any]) -> dict[str, Any]:
    """``{"draft": {...}, "options": {...}}`` -> report (raises DraftError on bad input)."""
    if not isinstance(request, dict):
        raise DraftError("the request must be a JSON object")
    return check(Draft.from_dict(request.get("draft") or {}), Options.from_dict(request.get("options")))
