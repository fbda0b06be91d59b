"""The one narrow boundary: JSON text in, JSON text out (house style: Pyodide's ``src/py``).

The browser extension's engine worker and the command line both call :func:`handle`. It never
raises: bad input gives ``{"ok": false, "error": {"code": "bad-input", "message": …}}`` with a
one-line message for the user; a fault of the engine gives ``code: "internal"``. Requests:

``{"kind": "check", "draft": {…}, "options": {…}}``
    -> ``{"ok": true, "result": <report>}`` (see :func:`py_core.engine.check`).
``{"kind": "render-summary", "report": <report>, "format": "html"|"markdown"|"json", "locale": "nl"|"en", "options": {…}}``
    -> ``{"ok": true, "result": {"content": str, "mime": str, "filename": str}}``; ``options`` may give
    ``tz_offset`` (minutes east of UTC) and ``tz_name`` for the summary's local times (else UTC).
``{"kind": "render-records", "records": [...], "format": "html"|"markdown"|"json", "locale": "nl"|"en"}``
    -> ``{"ok": true, "result": {"content", "mime", "filename"}}``: the send records (issue 16,
    :mod:`py_core.records`) with the verification of their chain.
``{"kind": "duties"}`` -> ``{"ok": true, "result": [{"id", "scope", "confirm": {nl, en}, "title": {nl, en}, "document"}]}``:
    the duties a sender confirms (scope ``organisation`` or ``list``, py_core.tables.guidelines).
``{"kind": "footer", "options": {…}, "format": "html"|"text", "language"?: "nl"|"en"|"de"|"fr", "draft"?: {…}}``
    -> ``{"ok": true, "result": {"content": str, "needs_unsubscribe_url": bool, "notes": [str], "language": str}}``:
    a compliant footer for a quick fix (see :mod:`py_core.export.footer`; ``needs_unsubscribe_url``
    is true where no platform merge tag exists and a visible marker must be replaced). The footer is
    written in ``language``, else in the language detected in ``draft`` (the draft it goes into,
    as for ``check``), else in ``options.locale``; ``notes`` are in ``options.locale``.
``{"kind": "catalogue", "locale": "nl"|"en"}``
    -> ``{"ok": true, "result": [{"id", "title", "severity", "packs", "basis", "doc"}, …]}``
    (``packs``: pack name -> severity; ``basis``: ``{"id", "title", "document"}``).
``{"kind": "version"}`` -> ``{"ok": true, "result": {"version": str}}``; with ``"parses": true`` also
    ``"parses": {"same", "new", "edited"}``: how many checks reused the last parse, parsed anew, or
    edited the text of the kept one (:class:`py_core.document.LastParse`; diagnostics, issue 15).
``{"kind": "history-entry", "draft": {…}}`` -> ``{"ok": true, "result": {"fingerprint": str, "recipients": str}}``:
    what the send gate stores about a send that went out (hashes only, see :mod:`py_core.history`),
    computed here so the browser never re-implements ``fingerprint``/``recipients_hash``.

Garbage between requests (issue 15): the engine worker calls :func:`collect_between_requests`
once, then :func:`after_request` after each reply has gone out and :func:`collect` with ``full``
when it has been idle, so no collection runs inside a request.
"""

from __future__ import annotations

import gc
import json
import sys
from typing import Any

from . import __version__
from .model import DraftError


def handle(request_json: str) -> str:
    """Answer one JSON request with one JSON reply; never raises."""
    try:
        request = json.loads(request_json)
    except (ValueError, TypeError) as exc:
        return _error("bad-input", f"the request is not valid JSON: {exc}")
    try:
        result = dispatch(request)
    except DraftError as exc:
        return _error("bad-input", str(exc))
    except RecursionError:
        return _error("bad-input", "the draft is nested too deeply to check")
    except MemoryError:
        return _error("bad-input", "the draft is too large to check in the memory available")
    except Exception as exc:  # noqa: BLE001 - the boundary turns every fault into a reply
        return _error("internal", f"{type(exc).__name__}: {exc}"[:500])
    reply = json.dumps({"ok": True, "result": result}, ensure_ascii=False)
    try:
        reply.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from the request (e.g. a subject "\udc80"):
        reply = json.dumps({"ok": True, "result": result})  # escaped, so the text is valid UTF-8
    return reply


def dispatch(request: Any) -> Any:
    """Run one request (a parsed JSON object); raises :class:`DraftError` on bad input."""
    if not isinstance(request, dict):
        raise DraftError("the request must be a JSON object")
    kind = request.get("kind")
    if kind == "check":
        from .engine import check_dict

        return check_dict(request)
    if kind == "render-summary":
        from .export import render_summary

        report = request.get("report")
        if not isinstance(report, dict):
            raise DraftError("'report' must be a report object")
        options = request.get("options")
        return render_summary(
            report,
            str(request.get("format") or "html"),
            str(request.get("locale") or report.get("locale") or "nl"),
            options=options if isinstance(options, dict) else None,
        )
    if kind == "render-records":  # issue 16: the send records, one or a period, chain verified
        from .export import render_records

        records = request.get("records")
        if isinstance(records, dict):  # the extension's message wraps the list: {"list": [...]}
            records = records.get("list")
        return render_records(
            records,  # type: ignore[arg-type] - checked there
            str(request.get("format") or "html"),
            str(request.get("locale") or "nl"),
            generated_at=str(request.get("generated_at") or ""),
        )
    if kind == "duties":  # issue 16: what a sender confirms (popup, send dialog)
        from .model import LOCALES
        from .tables.guidelines import SOURCES, cite, duties

        return [
            {
                "id": d["id"],
                "scope": d["scope"],
                "confirm": d["confirm"],
                "title": SOURCES[d["source"]]["title"],
                "document": SOURCES[d["source"]]["document"],
                # Issue 11: the source named in each language ("document" is its own, Dutch, name).
                "cite": {locale: cite(d["source"], locale) for locale in LOCALES},
            }
            for d in duties()
        ]
    if kind == "footer":
        from .export import render_footer
        from .model import Draft, Options

        draft = request.get("draft")
        return render_footer(
            Options.from_dict(request.get("options")),
            str(request.get("format") or "html"),
            language=str(request.get("language") or "") or None,
            draft=Draft.from_dict(draft) if draft is not None else None,
        )
    if kind == "catalogue":
        from .catalogue import catalogue

        return catalogue(str(request.get("locale") or "en"))
    if kind == "version":
        if request.get("parses") is True:
            from .engine import LAST_PARSE

            parses = {"same": LAST_PARSE.hits, "new": LAST_PARSE.misses, "edited": LAST_PARSE.edits}
            return {"version": __version__, "parses": parses}
        return {"version": __version__}
    if kind == "history-entry":
        from .context import fingerprint
        from .history import recipients_hash
        from .model import Draft

        draft = Draft.from_dict(request.get("draft"))
        return {"fingerprint": fingerprint(draft), "recipients": recipients_hash(draft)}
    raise DraftError(f"unknown request kind {kind!r}")


def _error(code: str, message: str) -> str:
    return json.dumps({"ok": False, "error": {"code": code, "message": message}}, ensure_ascii=False)


def collect_between_requests() -> None:
    """Switch Python's automatic cyclic collector off for good: the caller collects with
    :func:`collect` between requests instead (the engine worker does when it has been idle) and
    calls :func:`after_request` after each reply.

    Why (issue 15, measured in Chromium on a 100 KB draft): a check pauses the collector
    (:func:`py_core.engine.check`), so when it is switched on again the allocation count is far
    past its threshold and the collector runs at the next allocation, still inside the request
    (``json.dumps`` of the reply). Most of those runs took 3-6 ms, but every ninth or tenth was
    Python 3.14's incremental collection of the old generation: ~110-120 ms for ~60,000 objects,
    the tail of the round trip (p95 ~195 ms against a median ~100). A young collection after
    each reply then took ~4-5 ms and freed the same ~6,700 objects of the check. Since the
    engine keeps the last parse (:class:`py_core.document.LastParse`) a check leaves no such
    garbage: the tree is kept for the same HTML, and when other HTML comes it is retired and
    released after the reply, by :func:`after_request`; the young collection found nothing, so
    the worker no longer runs one after each reply.
    """
    gc.disable()
    from .engine import LAST_PARSE

    LAST_PARSE.release_later = True


def after_request() -> int:
    """What the engine worker runs after each reply: release the parse the last check replaced
    (:meth:`py_core.document.LastParse.release_retired`, ~3 ms in Pyodide for a 100 KB draft)
    and return how many nodes it had. No collection: a check leaves no cyclic garbage (measured
    in Chromium: young collections after each of a run of 100 KB checks found 0 objects and
    took 4-16 ms each); what other requests leave waits for the full :func:`collect` the worker
    runs when idle."""
    engine = sys.modules.get("py_core.engine")  # (nothing to release when no check has run)
    return engine.LAST_PARSE.release_retired() if engine is not None else 0


def collect(full: bool = False) -> int:
    """Collect garbage now and return how many unreachable objects were found: the young
    generation (what the requests since the last collection left), or every generation.

    A young collection is cheap (it only looks at objects made since the last one); a full one
    looks at the whole heap (~40-55 ms in Pyodide after a snapshot boot), for garbage that was
    still reachable at an earlier young collection. First the parse the engine replaced during
    the last check is released (:meth:`py_core.document.LastParse.release_retired`).
    """
    after_request()
    return gc.collect() if full else gc.collect(0)
