"""The engine pauses the cyclic garbage collector during a check (issue 9's speed) and always
restores the state it found: on after a check, on after a refused draft, off if it was off."""

from __future__ import annotations

import gc

import pytest

from py_core.engine import check
from py_core.model import Draft, DraftError, Options


def test_the_collector_is_paused_during_a_check_and_on_again_after() -> None:
    seen: list[bool] = []
    import py_core.engine as engine

    real = engine.build_context

    def spy(draft: Draft, options: Options, parse):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(draft, options, parse)

    engine.build_context = spy
    try:
        assert gc.isenabled()
        check(Draft(html="<p>Hallo</p>"), Options())
    finally:
        engine.build_context = real
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_refused_draft() -> None:
    assert gc.isenabled()
    with pytest.raises(DraftError):
        check(Draft(html="x" * (21 * 1024 * 1024)), Options())
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        check(Draft(html="<p>Hallo</p>"), Options())
        assert not gc.isenabled()
    finally:
        gc.enable()
