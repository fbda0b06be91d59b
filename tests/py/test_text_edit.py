"""An edit of the draft's text applied to the kept parse gives the tree and the report a new parse
gives (issue 15, ``py_core.text_edit``).

For every draft of ``test_fast_tokens`` (the real templates and mails when ``shared/corpus`` is
there, every rule fixture, the synthetic newsletters, random splices of markup fragments), a chain
of random edits as a writer makes them (a character typed, deleted or replaced, a word pasted;
mostly inside text, some anywhere, some with markup characters) is applied one after the other.
After each edit the document :class:`py_core.document.LastParse` gives must equal a new parse of
the edited HTML: every node with its class, name, attributes, text, line and column, and every
link between nodes (parent, previous and next element and sibling, children) by position; the
parser's node list and text starts; the document's text, segments, links and elements. Then the
engine's reports after such edits equal the reports of a new engine.
"""

from __future__ import annotations

import json
import random

import pytest

from py_core import engine
from py_core import soup as soup_module
from py_core.document import LastParse, parse_html
from py_core.model import Draft, Options

from .edit_proof import document, edits
from .helpers import ROOT
from .test_fast_tokens import _drafts


@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
def test_an_edit_in_the_kept_tree_gives_the_tree_of_a_new_parse() -> None:
    if not soup_module._FAST_TOKENS:
        pytest.skip("another bs4 or html.parser: no text starts, nothing is edited in place")
    rng = random.Random(15)
    differ: list[str] = []
    edited = checked = 0
    in_corpus = 0
    for name, html in _drafts():
        if name.startswith("splice") and int(name.split()[1]) >= 600:
            continue
        last = LastParse()
        last.parse(html)
        for step, new in enumerate(edits(html, rng, 12 if name.startswith(("real", "mail", "synthetic")) else 4)):
            before = last.edits
            try:
                doc = last.parse(new)
            except Exception as exc:  # noqa: BLE001 - a new parse must fail alike
                doc = f"{type(exc).__name__}: {exc}"
            try:
                fresh = parse_html(new)
            except Exception as exc:  # noqa: BLE001
                fresh = f"{type(exc).__name__}: {exc}"
            checked += 1
            if last.edits > before:
                edited += 1
                in_corpus += name.startswith(("real", "mail"))
                if document(doc) != document(fresh):  # type: ignore[arg-type]
                    differ.append(f"{name} edit {step}")
    assert not differ, f"{len(differ)} of {edited} edits in place differ from a new parse: {differ[:10]}"
    # The edits in place must have happened, or this test proves nothing.
    assert edited >= 1500, f"only {edited} of {checked} edits were made in place"
    assert in_corpus >= 200 or not (ROOT.parent / "shared" / "corpus").is_dir(), f"only {in_corpus} in the real corpus"


def test_typing_as_a_browsers_editor_writes_it_is_edited_in_place() -> None:
    """A contenteditable writes a space typed at the end of a line as ``&nbsp;`` until the next
    word follows; a line may start with one. Every step is an edit in place, and a new parse's."""
    steps = [
        "<div>Beste klant</div>",
        "<div>Beste klant,</div>",
        "<div>Beste klant,&nbsp;</div>",
        "<div>Beste klant, w</div>",
        "<div>Beste klant, wij</div>",
        "<div>Beste klant, wij&nbsp;</div>",
        "<div>Beste klant, wij&nbsp;&nbsp;</div>",
        "<div>Beste klant, wij &nbsp;</div>",
        "<div>Beste klant, wij &nbsp;h</div>",
        "<div>&nbsp;Beste klant, wij &nbsp;h</div>",
        "<div>&nbsp;Beste klant, wij &nbsp;ho</div>",
        "<div>&nbsp;&nbsp;Beste klant, wij &nbsp;ho</div>",
    ]
    last = LastParse()
    last.parse(steps[0])
    for step, html in enumerate(steps[1:], 1):
        before = last.edits
        doc = last.parse(html)
        assert last.edits == before + 1, f"step {step} was parsed anew: {html}"
        assert document(doc) == document(parse_html(html)), f"step {step}: {html}"
    assert doc.text == "\xa0\xa0Beste klant, wij \xa0ho"
    # Other references are not edited in place: they are parsed anew, and read alike.
    for html in ("<div>&nbsp;&nbsp;Beste klant, wij &amp;ho</div>", "<div>&nbsp;&nbsp;Beste klant, wij &nbspho</div>"):
        before = last.edits
        assert document(last.parse(html)) == document(parse_html(html))
        assert last.edits == before


def test_the_text_of_elements_python_versions_read_apart_is_parsed_anew() -> None:
    # An <iframe>'s text is raw text to Python 3.14's html.parser (Pyodide's) and markup to 3.11's:
    # the fast tokenizer reads it only without references, so it is never edited in place.
    for name in ("iframe", "xmp", "noembed", "noframes"):
        last = LastParse()
        last.parse(f"<p>Beste klant</p><{name}>Tot ziens</{name}><p>Groet</p>")
        html = f"<p>Beste klant</p><{name}>Tot ziens&nbsp;</{name}><p>Groet</p>"
        assert document(last.parse(html)) == document(parse_html(html))
        assert last.edits == 0, name
    last = LastParse()
    last.parse("<p>Beste klant</p><p>Tot ziens</p>")
    last.parse("<p>Beste klant</p><p>Tot ziens&nbsp;</p>")
    assert last.edits == 1


def test_text_that_comes_to_end_or_stops_ending_in_a_line_break_keeps_the_blocks_apart() -> None:
    # A block's line break follows from whether the text before it ends in one: the index of the
    # edited tree is then built anew, not moved.
    steps = [
        "<p>Beste klant\n</p><div>Tot ziens</div><a href='https://x.nl'>Afmelden</a>",
        "<p>Beste klant\nx</p><div>Tot ziens</div><a href='https://x.nl'>Afmelden</a>",
        "<p>Beste klant\n</p><div>Tot ziens</div><a href='https://x.nl'>Afmelden</a>",
    ]
    last = LastParse()
    last.parse(steps[0])
    for html in steps[1:]:
        before = last.edits
        doc = last.parse(html)
        assert last.edits == before + 1
        assert document(doc) == document(parse_html(html))
    assert doc.text == "Beste klant\nTot ziensAfmelden"


def _report(draft: Draft) -> str:
    report = engine.check(draft, Options.from_dict({"now": "2026-12-01T10:00:00+00:00"}))
    report.pop("duration_ms", None)
    return json.dumps(report, ensure_ascii=False, sort_keys=True)


@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
def test_the_reports_after_edits_in_place_are_those_of_a_new_parse() -> None:
    if not soup_module._FAST_TOKENS:
        pytest.skip("another bs4 or html.parser: no text starts, nothing is edited in place")
    rng = random.Random(11)
    differ: list[str] = []
    edited = 0
    saved = engine.LAST_PARSE
    try:
        for name, html in _drafts():
            if name.startswith("splice"):
                break
            engine.LAST_PARSE = kept = LastParse()
            _report(Draft(subject="Nieuwsbrief", html=html))
            for step, new in enumerate(edits(html, rng, 3)):
                before = kept.edits
                via_edit = _report(Draft(subject="Nieuwsbrief", html=new))
                if kept.edits == before:
                    continue
                edited += 1
                engine.LAST_PARSE = LastParse()
                if _report(Draft(subject="Nieuwsbrief", html=new)) != via_edit:
                    differ.append(f"{name} edit {step}")
                engine.LAST_PARSE = kept
    finally:
        engine.LAST_PARSE = saved
    assert not differ, f"{len(differ)} of {edited} reports after an edit in place differ: {differ[:10]}"
    assert edited >= 100, f"only {edited} edits were made in place"
