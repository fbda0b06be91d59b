"""extension/shared/constants.js is what py_core says (issue 12 §3: one source per shared table)."""

from __future__ import annotations

import json
import re

from py_core import constants
from py_core.model import AUDIENCES, SEVERITIES
from py_core.packs import PACKS


def test_generated_module_is_current() -> None:
    assert constants.TARGET.read_text(encoding="utf-8") == constants.render_js(), (
        "extension/shared/constants.js is stale: run `.venv/bin/python -m py_core.constants`"
    )


def test_module_carries_the_engine_tables() -> None:
    text = constants.render_js()
    exported = dict(re.findall(r"export const (\w+) = Object\.freeze\((.*?)\);\n", text, re.S))
    assert json.loads(exported["SEVERITIES"]) == list(SEVERITIES)
    assert json.loads(exported["AUDIENCES"]) == list(AUDIENCES)
    assert json.loads(exported["PACKS"]) == sorted(PACKS)
    colours = json.loads(exported["SEVERITY_COLOURS"])
    assert set(colours) == {*SEVERITIES, "review"}
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for pair in colours.values() for c in pair.values())
