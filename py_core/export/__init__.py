"""Exports: the compliance summary a sender files or prints, and a compliant footer for a quick fix.

:func:`render_summary` turns a report (the dict :func:`py_core.engine.check` returns, possibly
after a trip through JSON) into HTML, Markdown or JSON; :func:`render_footer` renders the
organisation profile as a footer in the platform's own merge-tag dialect. Templates are Jinja2
files in ``templates/`` read with ``importlib.resources`` (works from a wheel, a zip and Pyodide's
virtual file system); :func:`render_records` renders the send records (issue 16) with
their chain verified. HTML autoescapes, because everything from the draft is untrusted input.
"""

from __future__ import annotations

from .footer import render_footer
from .records import render_records
from .summary import render_summary

__all__ = ["render_footer", "render_records", "render_summary"]
