"""The files py_core.constants generates are what py_core says (issue 12 §3: one source per shared table).

``extension/shared/constants.js`` (the engine's tables and the settings schema),
``extension/shared/palette.css`` (the severity colours for the extension's pages) and
``extension/managed_schema.json`` (the managed-storage schema, in the dialect Chrome accepts).
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from py_core import constants
from py_core.model import AUDIENCES, LOCALES, SEVERITIES, SEVERITY_RANK
from py_core.packs import PACKS
from py_core.settings_schema import CHROME_ATTRIBUTES, SETTINGS, managed_schema
from py_core.tables.palette import SEVERITY_COLOURS


@pytest.mark.parametrize("target", list(constants.outputs()), ids=lambda p: p.name)
def test_generated_file_is_current(target) -> None:
    assert target.read_text(encoding="utf-8") == constants.outputs()[target], (
        f"{target.relative_to(constants.EXTENSION.parent)} is stale: run `.venv/bin/python -m py_core.constants`"
    )


def test_module_carries_the_engine_tables() -> None:
    text = constants.render_js()
    exported = dict(re.findall(r"export const (\w+) = Object\.freeze\((.*?)\);\n", text, re.S))
    assert json.loads(exported["SEVERITIES"]) == list(SEVERITIES)
    assert json.loads(exported["SEVERITY_RANK"]) == SEVERITY_RANK
    assert json.loads(exported["AUDIENCES"]) == list(AUDIENCES)
    assert json.loads(exported["PACKS"]) == sorted(PACKS)
    colours = json.loads(exported["SEVERITY_COLOURS"])
    assert set(colours) == {*SEVERITIES, "review"}
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for pair in colours.values() for c in pair.values())
    schema = json.loads(exported["SETTINGS_SCHEMA"])
    assert list(schema) == list(SETTINGS)
    assert schema["audience"]["enum"] == list(AUDIENCES) and "first mailing" in schema["audience"]["enum"]
    assert "unsubscribe" in schema["org"]["properties"]
    assert schema["engineIdleMinutes"] == {"type": "number", "minimum": 0.1, "maximum": 240, "default": 5}
    assert not re.search(r'"description"', exported["SETTINGS_SCHEMA"]), "descriptions stay in the managed schema"


def test_palette_css_holds_every_colour() -> None:
    css = constants.render_css()
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    for severity, pair in SEVERITY_COLOURS.items():
        assert f"--{severity}: {pair['light']};" in light
        assert f"--{severity}: {pair['dark']};" in dark


def _chrome_errors(node: Any, path: str = "") -> list[str]:
    """What Chrome's schema parser (components/policy/core/common/schema.cc) refuses: an unknown type
    or an attribute the type does not allow (the extension then fails to load)."""
    kind = node.get("type")
    if kind not in CHROME_ATTRIBUTES:
        return [f"{path or '/'}: type {kind!r}"]
    errors = [f"{path or '/'}: attribute {k!r} on {kind}" for k in node if k not in CHROME_ATTRIBUTES[kind]]
    for name, sub in node.get("properties", {}).items():
        errors += _chrome_errors(sub, f"{path}/{name}")
    for key in ("items", "additionalProperties"):
        if key in node:
            errors += _chrome_errors(node[key], f"{path}/{key}")
    if kind == "array" and "items" not in node:
        errors.append(f"{path}: an array needs items")
    return errors


def test_managed_schema_is_chrome_s_dialect_of_the_one_schema() -> None:
    schema = managed_schema()
    assert not _chrome_errors(schema)
    assert "additionalProperties" not in schema, "Chrome: the top level has no additionalProperties"
    assert list(schema["properties"]) == list(SETTINGS)
    props = schema["properties"]
    assert props["audience"]["enum"] == list(AUDIENCES)
    assert props["locale"]["enum"] == list(LOCALES)
    assert props["rules"]["additionalProperties"]["properties"]["severity"]["enum"] == list(SEVERITIES)
    assert props["packs"]["items"]["enum"] == list(PACKS)
    assert "unsubscribe" in props["org"]["properties"]
    assert props["engineIdleMinutes"]["type"] == "number" and "(0.1-240, default 5)" in props["engineIdleMinutes"]["description"]
    assert props["confirmationPeriodMonths"]["minimum"] == 1 and props["confirmationPeriodMonths"]["maximum"] == 60


def test_the_chrome_check_can_fail() -> None:
    assert _chrome_errors({"type": "object", "properties": {"n": {"type": "number", "minimum": 1, "default": 2}}}) == [
        "/n: attribute 'minimum' on number",
        "/n: attribute 'default' on number",
    ]
    assert _chrome_errors({"type": "array"}) == [": an array needs items"]
