"""The engine reads a draft as a browser does: a differential test against html5lib.

html5lib implements the HTML5 tree construction algorithm (what browsers run; pure Python, a test
dependency only, never in the bundle). For every HTML body of the real mail
(``shared/corpus/mail``), every real template (``shared/corpus/real``), every rule fixture draft
and the synthetic newsletters of ``bench/core.py``, the visible text (as words) and the links
(href and link text, in order) that :class:`py_core.document.DraftDocument` sees in the engine's
own tree must equal what it sees in html5lib's tree of the same markup. The few differences that
remain are listed in :data:`EXPLAINED` with the reason, and even there the same words and the
same links must be present (only their order may differ).

The corpus lives outside the repository; its cases skip with a clear message when it is absent.
The recoveries themselves are also tested one by one below (the tree is bs4's tree of the same
markup with the end tags a browser inserts written out).
"""

from __future__ import annotations

import sys
from collections import Counter

import pytest
import yaml
from bs4 import BeautifulSoup

from py_core.document import DraftDocument, _clean, parse_html
from py_core.eml import parse_eml
from py_core.model import DraftError
from py_core.soup import build_soup as _soup

from .helpers import CORPUS, ROOT

MAIL = ROOT.parent / "shared" / "corpus" / "mail"
FIXTURES = ROOT / "tests" / "fixtures" / "rules"

#: Differences from html5lib that are explained, not errors: the words and links are the same,
#: only their order differs.
EXPLAINED: dict[str, str] = {
    # Handlebars/Mustache block tags written as text between table rows ({{#each}} ... {{/each}}).
    # A browser (html5lib) "foster-parents" text that stands directly inside <table>/<tr> out in
    # front of the table; the engine keeps it where the template author wrote it, which is where
    # the sending platform expands it. Same words, same links, another order.
    "real/postmark__basic-comment-notification.html": "foster parenting of template syntax between table rows",
    "real/postmark__basic-receipt.html": "foster parenting of template syntax between table rows",
}


def _html5lib_document(html: str) -> DraftDocument:
    cleaned = _clean(html)
    return DraftDocument(BeautifulSoup(cleaned, "html5lib"), cleaned)


def _seen(doc: DraftDocument) -> tuple[list[str], list[tuple[str, str]]]:
    return doc.text.split(), [(link.href, link.text) for link in doc.links]


def _compare(name: str, html: str) -> None:
    words, links = _seen(parse_html(html))
    words5, links5 = _seen(_html5lib_document(html))
    if name in EXPLAINED:
        assert Counter(words) == Counter(words5), f"{name}: other words than html5lib ({EXPLAINED[name]} explains order only)"
        assert Counter(links) == Counter(links5), f"{name}: other links than html5lib ({EXPLAINED[name]} explains order only)"
        return
    assert words == words5, f"{name}: visible text differs from html5lib's"
    assert links == links5, f"{name}: links differ from html5lib's"


def _mail_cases() -> list[str]:
    return sorted(p.name for p in MAIL.glob("*.eml")) if MAIL.is_dir() else []


def _real_cases() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.html")) if CORPUS.is_dir() else []


def _fixture_cases() -> list[tuple[str, str]]:
    cases = []
    for path in sorted(FIXTURES.glob("*.yml")):
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")).get("cases", [])):
            html = (case.get("draft") or {}).get("html")
            if html:
                cases.append((f"{path.stem}#{i}", html))
    return cases


@pytest.mark.skipif(not MAIL.is_dir(), reason="shared/corpus/mail is not available (the real mail lives outside the repository)")
@pytest.mark.parametrize("name", _mail_cases() or ["(none)"])
def test_real_mail_reads_as_html5lib_reads_it(name: str) -> None:
    try:
        draft = parse_eml((MAIL / name).read_bytes(), name)
    except DraftError as exc:
        pytest.fail(f"{name}: the message cannot be read: {exc}")
    if not draft.html.strip():
        return  # a text/plain message: nothing to parse as HTML
    _compare(f"mail/{name}", draft.html)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus/real is not available (the templates live outside the repository)")
@pytest.mark.parametrize("name", _real_cases() or ["(none)"])
def test_real_templates_read_as_html5lib_reads_them(name: str) -> None:
    _compare(f"real/{name}", (CORPUS / name).read_bytes().decode("utf-8", errors="replace"))


def test_fixture_drafts_read_as_html5lib_reads_them() -> None:
    cases = _fixture_cases()
    assert len(cases) > 100
    for name, html in cases:
        _compare(name, html)


def test_synthetic_drafts_read_as_html5lib_reads_them() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from core import newsletter  # bench/core.py's synthetic newsletter
    finally:
        sys.path.remove(str(ROOT / "bench"))
    for size in (10 * 1024, 100 * 1024):
        _compare(f"synthetic {size}", newsletter(size))


# -- the recoveries one by one ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("html", "written_out"),
    [
        # class 5: <head> never closed, <BODY> after <style> (a real ZDNet/spam newsletter shape)
        (
            "<HTML><HEAD><STYLE>p{}</STYLE><BODY bgColor=#fff><P>Hello <A href='https://x.nl/u'>Unsubscribe</A></P></BODY></HTML>",
            "<HTML><HEAD><STYLE>p{}</STYLE></HEAD><BODY bgColor=#fff><P>Hello <A href='https://x.nl/u'>Unsubscribe</A></P></BODY></HTML>",
        ),
        # no <body> at all: a <div> ends the head
        (
            "<html><head><title>T</title><meta x=y><DIV>To be REMOVED <a href='mailto:r@x.com'>click</a></DIV></html>",
            "<html><head><title>T</title><meta x=y></head><DIV>To be REMOVED <a href='mailto:r@x.com'>click</a></DIV></html>",
        ),
        # image map areas in the head are links in the body; a stray </head> later is ignored
        (
            "<html><head><map name=m><area href='https://x.nl/a'></map></head><body>x</body></html>",
            "<html><head></head><map name=m><area href='https://x.nl/a'></map><body>x</body></html>",
        ),
        # text in the head
        ("<html><head>Hello world<p>x</p>", "<html><head></head>Hello world<p>x</p>"),
        # an <a> never closed before the next <a>
        (
            "<a href=1><img src=a.gif><hr><a href=2>two</a> Unsubscribe: mail us",
            "<a href=1><img src=a.gif><hr></a><a href=2>two</a> Unsubscribe: mail us",
        ),
        # ... but not across a table cell
        ("<a href=1><table><tr><td><a href=2>two</a></td></tr></table></a>", None),
    ],
)
def test_recovery_is_the_end_tag_a_browser_inserts(html: str, written_out: str | None) -> None:
    from tests.py.test_hostile import _tree_signature

    expected = _soup(written_out if written_out is not None else html, recover=False)
    assert _tree_signature(_soup(html)) == _tree_signature(expected)
    _compare(html[:40], html)


def test_legacy_entity_without_semicolon_is_read_as_a_browser_reads_it() -> None:
    # "&notit;" is "¬it" as in the HTML spec's own example (html.parser drops the ";", as stock bs4 does)
    assert parse_html("<p>operaci&oacuten. &copy2026 &amp &notit;</p>").text == "operación. ©2026 & ¬it"


def test_unclosed_word_paragraph_mark_hides_nothing() -> None:
    doc = parse_html("<p><span><o:p>\n<P>Special offer</P> <a href='https://x.nl/o'>Order</a>")
    assert doc.text.split() == ["Special", "offer", "Order"]
    assert [link.href for link in doc.links] == ["https://x.nl/o"]


def test_iframe_content_is_not_visible() -> None:
    doc = parse_html("<iframe src='https://ads.example/x'><a href='https://x.nl'>fallback</a></iframe><p>body</p>")
    assert doc.text.split() == ["body"] and doc.links == []


# -- the joined text (issue 9 class 4) ----------------------------------------------------------
def test_prose_joins_hard_wrapped_plain_text_and_keeps_offsets() -> None:
    from py_core.document import parse_text

    text = (
        "Monthly news.\n\nYou are receiving this email because you signed up to\nreceive one of our free reports.\n"
        "Contact\n- item one\n> a quote\nKerkstraat 12\n1234 AB Amsterdam\nA flowed line \ngoes on\n"
    )
    doc = parse_text(text)
    assert len(doc.prose) == len(doc.text)
    assert "signed up to receive one" in doc.prose  # a long wrapped line runs on
    assert "Contact\n- item one\n> a quote\n" in doc.prose  # list items and quotes stay lines
    assert "Kerkstraat 12\n1234 AB Amsterdam" in doc.prose  # an address block stays lines
    assert "A flowed line  goes on" in doc.prose  # format=flowed: a line ending in a space runs on
    assert "\n\nYou are" in doc.prose  # an empty line ends a paragraph


def test_prose_reads_source_wrapping_in_html_but_not_preformatted_text() -> None:
    doc = parse_html("<p>Deze e-mail is verstuurd naar\nalle leden omdat</p><pre>a\nb</pre><p>Kop</p><p>Tekst</p>")
    assert doc.prose.startswith("Deze e-mail is verstuurd naar alle leden omdat\n")
    assert "a\nb" in doc.prose and "Kop\nTekst" in doc.prose
    assert len(doc.prose) == len(doc.text)


# -- a body that cannot be read (issue 9 class 5) ---------------------------------------------------
@pytest.mark.parametrize(
    "html",
    [
        "<html><head><style>p{color:red}<body><p>Dear reader, here is our news of the month with offers and more for you</p>",
        "<script>var x = 1;<p>Dear reader, here is our news of the month with offers and more for you to read</p>",
    ],
)
def test_a_body_hidden_by_unclosed_markup_is_reported_unreadable(html: str) -> None:
    from py_core.engine import check
    from py_core.model import Draft, Options

    assert parse_html(html).unreadable
    report = check(Draft(html=html), Options(mail_kind="mailing"))
    assert report["draft"]["unreadable"] is True
    outcomes = {o["id"]: o["outcome"] for o in report["rules"]}
    # not judged as "no address / no contact / no reason": the body is not there to judge
    assert outcomes["postal-address-missing"] == outcomes["contact-missing"] == outcomes["reason-missing"] == "inapplicable"


@pytest.mark.parametrize(
    "html",
    [
        "<p>Hello there, this is fine.</p>",
        "",
        "<style>p{color:red} .a{b:c} .d{e:f} .g{h:i} .j{k:l} .m{n:o} .p{q:r} .s{t:u}</style>",
        "<img src='https://x.nl/flyer.jpg'>",
        "<html><head><title>News of the month with offers and more for you to read today, dear reader</title></head></html>",
    ],
)
def test_an_empty_or_readable_body_is_not_unreadable(html: str) -> None:
    from py_core.engine import check
    from py_core.model import Draft, Options

    assert not parse_html(html).unreadable
    assert "unreadable" not in check(Draft(html=html), Options())["draft"]
