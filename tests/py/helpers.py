"""Shared test helpers: resolving a finding's selector exactly as the extension does, and the
visible texts of the real corpus and the rule fixtures that scanners are compared on."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[2]
#: The real email corpus lives outside the repository (shared/corpus/real); tests skip without it.
CORPUS = ROOT.parent / "shared" / "corpus" / "real"
#: The real sent messages beside it (shared/corpus/mail).
MAIL = CORPUS.parent / "mail"
#: The rule fixtures (tests/fixtures/rules/*.yml).
FIXTURES = ROOT / "tests" / "fixtures" / "rules"


def resolve(html_or_soup: str | BeautifulSoup, selector: str) -> list[Tag]:
    """Elements matched by ``:scope > selector`` from the draft root (as ``querySelectorAll`` on
    the editor root does in the browser): soupsieve's match, anchored to the root by depth."""
    soup = html_or_soup if isinstance(html_or_soup, BeautifulSoup) else BeautifulSoup(html_or_soup, "html.parser")
    steps = selector.count(" > ") + 1
    return [el for el in soup.select(selector) if sum(1 for _ in el.parents) == steps]


@cache
def visible_texts() -> tuple[str, ...]:
    """The visible text of every real template and message of the shared corpus (when it is
    there) and of every rule fixture's draft, in that order: what a fast scanner is compared with
    its plain form on (read once per test run)."""
    from py_core.document import parse_html, parse_text
    from py_core.eml import parse_eml

    texts: list[str] = []
    for path in sorted(CORPUS.glob("*.html")) if CORPUS.is_dir() else []:
        texts.append(parse_html(path.read_text(encoding="utf-8", errors="replace")).text)
    for path in sorted(MAIL.glob("*.eml")) if MAIL.is_dir() else []:
        try:
            draft = parse_eml(path.read_bytes())
        except Exception:  # noqa: BLE001 - a message the reader refuses has no text to compare
            continue
        texts.append(parse_html(draft.html).text if draft.html.strip() else parse_text(draft.text).text)
    for path in sorted(FIXTURES.glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            draft = case["draft"]
            texts.append(parse_html(draft["html"]).text if draft.get("html") else parse_text(draft.get("text", "")).text)
    return tuple(texts)
