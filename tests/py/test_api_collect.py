"""Garbage between requests (issue 15): with the automatic collector handed over to the caller,
cyclic garbage stays until :func:`py_core.api.collect`, which finds it; a check leaves the
collector as it found it (off), and leaves no parsed tree behind as garbage; after a request
:func:`py_core.api.after_request` releases the parse the check replaced, and collects nothing."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator

import pytest

from py_core import api, engine

NEWSLETTER = (
    "<html><body><table><tr><td><p>Nieuws van de bakkerij.</p>"
    + "".join(f'<p>Artikel {i} <a href="https://example.nl/{i}">lees</a></p>' for i in range(200))
    + "</td></tr></table></body></html>"
)


@pytest.fixture
def handed_over() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.collect()
    api.collect_between_requests()
    try:
        yield
    finally:
        engine.LAST_PARSE.release_retired()
        engine.LAST_PARSE.release_later = False
        if was_on:
            gc.enable()


def _check() -> dict:
    reply = json.loads(api.handle(json.dumps({"kind": "check", "draft": {"html": NEWSLETTER}})))
    assert reply["ok"], reply
    return reply["result"]


@pytest.mark.usefixtures("handed_over")
def test_the_automatic_collector_stays_off_through_requests() -> None:
    assert not gc.isenabled()
    _check()
    _check()
    assert not gc.isenabled()


class Node:
    """A cycle of one: freed only by the cyclic collector."""

    def __init__(self) -> None:
        self.me = self


@pytest.mark.usefixtures("handed_over")
def test_a_young_collection_finds_the_cyclic_garbage_made_since_the_last_one() -> None:
    _check()
    made = [Node() for _ in range(50)]
    made.clear()
    assert api.collect() >= 50
    # Nothing is made between the two collections: the second finds nothing.
    assert api.collect() == 0


@pytest.mark.usefixtures("handed_over")
def test_checks_leave_no_tree_behind_for_the_collector() -> None:
    # The engine keeps the last parse for the same HTML; when other HTML comes it retires it, and
    # collect() releases it (py_core.document.LastParse): the old tree is freed then, not left as
    # cyclic garbage that only a full collection would find.
    assert engine.LAST_PARSE.release_later
    for i in range(3):
        reply = json.loads(
            api.handle(json.dumps({"kind": "check", "draft": {"html": NEWSLETTER.replace("bakkerij", f"bakkerij {i}")}}))
        )
        assert reply["ok"], reply
        api.collect()
    assert api.collect(full=True) == 0


@pytest.mark.usefixtures("handed_over")
def test_an_edit_of_the_text_in_the_kept_tree_retires_nothing_and_leaves_no_garbage() -> None:
    # py_core.text_edit: the tree stays, one text node is replaced and let go of at once.
    api.handle(json.dumps({"kind": "check", "draft": {"html": NEWSLETTER}}))
    api.collect(full=True)
    edits = engine.LAST_PARSE.edits
    for i in range(3):
        html = NEWSLETTER.replace("bakkerij", f"bakkerij {'x' * i}")
        reply = json.loads(api.handle(json.dumps({"kind": "check", "draft": {"html": html}})))
        assert reply["ok"], reply
        assert api.after_request() == 0  # nothing retired
    assert engine.LAST_PARSE.edits == edits + 3
    assert api.collect(full=True) == 0


@pytest.mark.usefixtures("handed_over")
def test_a_full_collection_finds_garbage_an_earlier_young_one_promoted() -> None:
    kept = [Node() for _ in range(50)]
    api.collect()  # they survive it, reachable: promoted to the old generation
    kept.clear()  # now they are cyclic garbage in the old generation
    young = api.collect()
    assert young < 50
    assert api.collect(full=True) >= 50 - young


@pytest.mark.usefixtures("handed_over")
def test_after_a_request_the_replaced_parse_is_released_and_nothing_collected() -> None:
    for i in range(2):
        # Other markup (an attribute): parsed anew. (Other text alone is edited in the kept tree.)
        html = NEWSLETTER.replace("<p>Nieuws", f'<p class="w{i}">Nieuws')
        reply = json.loads(api.handle(json.dumps({"kind": "check", "draft": {"html": html}})))
        assert reply["ok"], reply
    # The second check retired the first draft's document; after_request releases its nodes.
    assert api.after_request() > 200
    assert api.after_request() == 0  # nothing retired any more
    # It runs no collection: cyclic garbage made meanwhile waits for collect().
    made = [Node() for _ in range(50)]
    made.clear()
    assert api.after_request() == 0
    assert api.collect() >= 50
