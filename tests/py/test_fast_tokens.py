"""The fast tokenizer of :mod:`py_core.soup` builds the tree ``html.parser`` builds (issue 9/15 speed).

``_Parser.goahead`` reads the markup it is sure of itself and hands the rest, from the first
construct it is not sure of, to ``html.parser``'s own ``goahead``. For every real template and
real mail (``shared/corpus``; skipped with a message when absent), every rule fixture draft, the
synthetic newsletters of ``bench/core.py`` and a few thousand random splices of markup fragments
(each construct both inside and outside the fast tokenizer's reach, in every order), the tree with
the fast tokenizer must equal the tree without it: the same nodes in the same order, of the same
classes, with the same names, attributes, text, ``sourceline`` and ``sourcepos``. And on the real
templates it must read nearly all of the markup itself (else it brings no speed).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from py_core import soup as soup_module
from py_core.eml import parse_eml

from .helpers import CORPUS, ROOT

MAIL = ROOT.parent / "shared" / "corpus" / "mail"
FIXTURES = ROOT / "tests" / "fixtures" / "rules"

#: Fragments inside and outside the fast tokenizer's reach (see ``py_core.soup._START_TAG``).
FRAGMENTS = [
    '<a href="x">', "</a>", "<br/>", "<br />", "<img src=a.png/>", '<p class="a b">', "</p>", "&amp;", "&copy=",
    "&#169;", "&#xA9", "&#12a", "&nbsp", "& ", "&", "<", "< 3", "<!-- c -->", "<!--[if mso]><!-->",
    "<!--<![endif]-->", "<!---->", "<!-->", "<!-- a -- >", "<!-- a --!>", "<!DOCTYPE html>",
    '<script>var a="</div>";</script>', "<script>x<y</script>", "<style>p{}</style>", "<STYLE>a</STYLE >",
    "<title>A &amp; B</title>", "<title>a<b</title>", "<textarea>x</textarea>", "<iframe>x</iframe>",
    "<div\xa0a=b>", '<a href=x"y>', '<a title="a>b">', "<a b c=d>", "<a b='c'>", '<a  B = "C" >',
    '<a href="x"title="y">', "<a =x>", "<a b==c>", "</a b>", "</ a>", "</>", "</3", "<?xml x?>",
    "<![CDATA[x]]>", "<!x>", "\n", " text ", "é", "<td>", "</td>", "<table>", "</table>", "<head>", "<body>",
    "<o:p>", "</o:p>", '<meta charset="utf-8">', '<a href="&quot;q&quot;">', "<img alt=''>", '<x y="\n">',
    "\r\n", "<br\t/>", "<a\fb=c>", "<a b=\x0bc>", "<noscript><p>x</p></noscript>", "<plaintext>", "<xmp>",
    "<iframe>", "</iframe>", "</xmp>", "<noembed>a &amp; b</noembed>", "<iframe src=x/>",
]  # fmt: skip


def _nodes(soup: BeautifulSoup) -> list[tuple]:
    out: list[tuple] = []
    for node in soup.descendants:
        if isinstance(node, Tag):
            attrs = tuple((k, tuple(v) if isinstance(v, list) else (type(v).__name__, str(v))) for k, v in node.attrs.items())
            parent = node.parent.name if node.parent is not None else None
            out.append(("tag", node.name, attrs, node.sourceline, node.sourcepos, parent, len(node.contents)))
        else:
            out.append(("text", type(node).__name__, str(node), node.parent.name if node.parent is not None else None))
    return out


def _build(html: str, recover: bool, fast: bool) -> list[tuple] | str:
    saved = soup_module._FAST_TOKENS
    soup_module._FAST_TOKENS = fast
    try:
        return _nodes(soup_module._build(html, recover))
    except Exception as exc:  # noqa: BLE001 - both must fail alike
        return f"{type(exc).__name__}: {exc}"
    finally:
        soup_module._FAST_TOKENS = saved


def _drafts() -> Iterator[tuple[str, str]]:
    for path in sorted(CORPUS.glob("*.html")) if CORPUS.is_dir() else []:
        yield f"real/{path.name}", path.read_bytes().decode("utf-8", errors="replace")
    for path in sorted(MAIL.glob("*.eml")) if MAIL.is_dir() else []:
        html = parse_eml(path.read_bytes()).html
        if html.strip():
            yield f"mail/{path.name}", html
    for path in sorted(FIXTURES.glob("*.yml")):
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")).get("cases", [])):
            html = (case.get("draft") or {}).get("html")
            if html:
                yield f"fixture/{path.stem}#{i}", html
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from core import newsletter
    finally:
        sys.path.remove(str(ROOT / "bench"))
    for size in (10 * 1024, 100 * 1024):
        yield f"synthetic {size}", newsletter(size)
    rng = random.Random(9)
    for i in range(2500):
        yield f"splice {i}", "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 30)))


@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
def test_the_fast_tokenizer_builds_html_parsers_tree() -> None:
    if not soup_module._FAST_TOKENS:
        pytest.skip("another bs4 or html.parser: the fast tokenizer is off")
    differ = []
    count = 0
    for name, html in _drafts():
        for recover in (True, False):
            count += 1
            if _build(html, recover, True) != _build(html, recover, False):
                differ.append(f"{name} (recover={recover})")
    assert not differ, f"{len(differ)} of {count} trees differ: {differ[:10]}"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the real corpus is not at {CORPUS}")
def test_the_fast_tokenizer_reads_nearly_all_of_the_real_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    if not soup_module._FAST_TOKENS:
        pytest.skip("another bs4 or html.parser: the fast tokenizer is off")
    read = {"fast": 0, "all": 0}
    original = soup_module._Parser._read_fast

    def counting(self: soup_module._Parser) -> int:
        stop = original(self)
        read["fast"] += stop
        read["all"] += len(self.rawdata)
        return stop

    monkeypatch.setattr(soup_module._Parser, "_read_fast", counting)
    for path in sorted(CORPUS.glob("*.html")):
        soup_module._build(path.read_bytes().decode("utf-8", errors="replace"))
    assert read["all"] > 0
    assert read["fast"] / read["all"] >= 0.9, f"the fast tokenizer read only {read['fast'] / read['all']:.0%} of the corpus"


def test_a_construct_it_is_not_sure_of_is_handed_over_with_line_and_column() -> None:
    html = '<p>a</p>\n<div>b &amp; c</div>\n  <iframe src="x"><p>raw</p></iframe>\n<span>d</span>'
    fast, stock = _build(html, True, True), _build(html, True, False)
    assert fast == stock
    span = next(node for node in fast if node[0] == "tag" and node[1] == "span")
    assert (span[3], span[4]) == (4, 0)


def test_tags_with_the_same_attribute_text_get_their_own_attributes() -> None:
    """The attribute pairs of one attribute text are read once per parse (``_read_fast``); every
    tag still gets its own dict (and class list), so changing one tag's attributes leaves the
    others as written; and past ``_READ_PAIRS_MAX`` texts the pairs are still read right."""
    html = '<p class="a b" style="x">1</p><p class="a b" style="x">2</p><p class=\'a b\' style="x">3</p>'
    first, second, third = soup_module.build_soup(html).find_all("p")
    assert first.attrs == second.attrs == third.attrs == {"class": ["a", "b"], "style": "x"}
    assert first.attrs is not second.attrs and first["class"] is not second["class"]
    first["class"].append("c")
    first["style"] = "y"
    assert second.attrs == {"class": ["a", "b"], "style": "x"}
    many = "".join(f'<i data-n="{n}" title="t">x</i>' for n in range(soup_module._READ_PAIRS_MAX + 50))
    assert [tag["data-n"] for tag in soup_module.build_soup(many).find_all("i")] == [
        str(n) for n in range(soup_module._READ_PAIRS_MAX + 50)
    ]
