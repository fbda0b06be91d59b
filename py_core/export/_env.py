"""The Jinja2 environments of the exports, templates loaded once from package data."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from jinja2 import DictLoader, Environment, StrictUndefined

from ..textsafe import escape

#: Template files shipped in ``py_core/export/templates`` (declared as package data in pyproject).
TEMPLATES: tuple[str, ...] = (
    "summary.html.jinja",
    "summary.md.jinja",
    "footer.html.jinja",
    "footer.txt.jinja",
    "records.html.jinja",
    "records.md.jinja",
)


@cache
def _sources() -> dict[str, str]:
    folder = files("py_core.export") / "templates"
    return {name: (folder / name).read_text(encoding="utf-8") for name in TEMPLATES}


@cache
def html_env() -> Environment:
    """Autoescaping environment: subject, evidence and messages come from an untrusted draft."""
    return Environment(loader=DictLoader(_sources()), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)


@cache
def text_env() -> Environment:
    """Markdown and plain text: no HTML escaping (Markdown escaping is done by a filter)."""
    env = Environment(loader=DictLoader(_sources()), autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["md"] = md_escape
    env.filters["code"] = md_code
    return env


_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|~"})


def md_escape(value: object) -> str:
    """Text safe inside Markdown: special characters backslash-escaped, one line, control
    characters shown as escapes (issue 13, :func:`py_core.textsafe.escape`)."""
    return escape(" ".join(str(value).split()).translate(_MD_SPECIAL))


def md_code(value: object) -> str:
    """Inline code span that survives backticks inside the value (CommonMark: longer fence)."""
    text = escape(" ".join(str(value).split()))  # control characters shown (issue 13)
    if not text:
        return ""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return f"{fence}{pad}{text}{pad}{fence}"
