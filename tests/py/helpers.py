"""Shared test helpers: resolving a finding's selector exactly as the extension does."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[2]
#: The real email corpus lives outside the repository (shared/corpus/real); tests skip without it.
CORPUS = ROOT.parent / "shared" / "corpus" / "real"


def resolve(html_or_soup: str | BeautifulSoup, selector: str) -> list[Tag]:
    """Elements matched by ``:scope > selector`` from the draft root (as ``querySelectorAll`` on
    the editor root does in the browser): soupsieve's match, anchored to the root by depth."""
    soup = html_or_soup if isinstance(html_or_soup, BeautifulSoup) else BeautifulSoup(html_or_soup, "html.parser")
    steps = selector.count(" > ") + 1
    return [el for el in soup.select(selector) if sum(1 for _ in el.parents) == steps]
