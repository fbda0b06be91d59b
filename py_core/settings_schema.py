"""The extension's settings, field by field: the one schema of ``storage.sync["settings"]`` (issue 12 §3).

Each field has its JSON type, its allowed values (the engine's own lists: audiences, locales,
severities, packs), its bounds and default, and a description for administrators. From this table
``python -m py_core.constants`` writes

- ``SETTINGS_SCHEMA`` in ``extension/shared/constants.js``: what ``extension/shared/settings.js``
  builds its defaults, bounds and field lists from (descriptions left out), and
- ``extension/managed_schema.json``: the schema of what an administrator may preset and lock in
  managed storage (``storage.managed_schema`` in the manifest), in the dialect Chrome accepts.

Chrome refuses an extension whose managed schema has an attribute it does not know for the type
(components/policy/core/common/schema.cc: ``default`` nowhere, ``minimum``/``maximum`` on integers
only), so :func:`managed_schema` leaves those out and writes a number's range and default into its
description instead. ``locale`` has no fixed default: it is the browser's language (settings.js).
"""

from __future__ import annotations

from typing import Any

from .model import AUDIENCES, LOCALES, SEVERITIES
from .packs import PACKS

Schema = dict[str, Any]


def _text(description: str) -> Schema:
    return {"type": "string", "description": description}


#: The fields of the settings object, in the order of the defaults. ``default`` is the value a new
#: user has (``None``: decided at run time); ``minimum``/``maximum`` bound numbers.
SETTINGS: dict[str, Schema] = {
    "org": {
        "type": "object",
        "description": "The organisation profile used in findings and in the quick-fix footer.",
        "properties": {
            "name": _text("Organisation name."),
            "address": _text("Postal address."),
            "phone": _text("Phone number."),
            "website": _text("Website."),
            "domains": {"type": "array", "description": "Sender domains.", "items": {"type": "string"}},
            # Issue 11: for the quick fix's footer where no merge tag makes the link (webmail); the
            # engine's Organisation ignores it. No default: an empty profile has no such page.
            "unsubscribe": _text(
                "The web address of the organisation's own unsubscribe page, linked from the footer the quick fix "
                "inserts where no merge tag of the mailing platform makes the link (webmail)."
            ),
        },
        "default": {"name": "", "address": "", "phone": "", "website": "", "domains": []},
    },
    "audience": {
        "type": "string",
        "description": "Who the mailings go to.",
        "enum": list(AUDIENCES),
        "default": "unknown",
    },
    "packs": {
        "type": "array",
        "description": "Rule packs, one or more of: " + ", ".join(PACKS) + ".",
        "items": {"type": "string", "enum": list(PACKS)},
        "default": ["nl"],
    },
    "locale": {"type": "string", "description": "Language of Mailwacht.", "enum": list(LOCALES), "default": None},
    "rules": {
        "type": "object",
        "description": "Per rule id: on/off and severity.",
        "additionalProperties": {
            "type": "object",
            "properties": {"enabled": {"type": "boolean"}, "severity": {"type": "string", "enum": list(SEVERITIES)}},
        },
        "default": {},
    },
    "sites": {
        "type": "object",
        "description": "Per supported site (a match pattern from the manifest): true on, false off.",
        "additionalProperties": {"type": "boolean"},
        "default": {},
    },
    "customSites": {
        "type": "array",
        "description": (
            "The organisation's own sites (match patterns of a scheme and a host with the path /*, as the options "
            "page stores them), added to the user's list and not removable there. Mailwacht runs on them once the "
            "host permission is granted: the user clicks 'Allow access' on the options page."
        ),
        "items": {"type": "string"},
        "default": [],
    },
    "gate": {
        "type": "object",
        "description": "The send gate.",
        "properties": {
            "alwaysShow": {
                "type": "boolean",
                "description": "Show the send dialog with the check's summary for every send, also for a compliant draft.",
                "default": False,
            },
        },
        "default": {"alwaysShow": False},
    },
    # Issue 16: confirmations and the record of sends (extension/shared/records.js).
    "personName": {**_text("Who confirms the guideline duties (shown in the send records)."), "default": ""},
    "confirmationPeriodMonths": {
        "type": "integer",
        "description": "Months after which a duty confirmed for the organisation is asked again",
        "minimum": 1,
        "maximum": 60,
        "default": 12,
    },
    "requireConfirmations": {
        "type": "boolean",
        "description": (
            "Hold a mailing at Send until every guideline duty is confirmed (per organisation; list-dependent duties per list)."
        ),
        "default": False,
    },
    "requireOverrideReason": {"type": "boolean", "description": "'Send anyway' needs a one-line reason.", "default": False},
    "presetConfirmations": {
        "type": "object",
        "description": "Duties the organisation confirms for every user: duty id (docs/guideline-coverage.md) -> {by, at}.",
        "additionalProperties": {"type": "object", "properties": {"by": {"type": "string"}, "at": {"type": "string"}}},
        "default": {},
    },
    "recordsMax": {
        "type": "integer",
        "description": "How many send records are kept, the oldest dropped first",
        "minimum": 10,
        "maximum": 5000,
        "default": 500,
    },
    # Issue 15: minutes without a check before the engine is unloaded (Chrome: its offscreen
    # document); a number, so that a test can use a few seconds.
    "engineIdleMinutes": {
        "type": "number",
        "description": "Minutes without a check after which the rule engine is unloaded to free its memory",
        "minimum": 0.1,
        "maximum": 240,
        "default": 5,
    },
}

#: What Chrome's managed-storage schema allows per type (schema.cc kAttributesAndTypesFor*, less
#: ``id``, ``title``, ``sensitiveValue``, ``pattern``, ``patternProperties``, ``required``, unused here).
CHROME_ATTRIBUTES: dict[str, frozenset[str]] = {
    "array": frozenset({"type", "description", "items"}),
    "boolean": frozenset({"type", "description"}),
    "integer": frozenset({"type", "description", "enum", "minimum", "maximum"}),
    "number": frozenset({"type", "description"}),
    "object": frozenset({"type", "description", "properties", "additionalProperties"}),
    "string": frozenset({"type", "description", "enum"}),
}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _chrome(field: Schema) -> Schema:
    """One field in Chrome's dialect: unknown attributes out, a number's bounds into its description."""
    kind = field["type"]
    out: Schema = {}
    description = field.get("description")
    if description and kind in ("integer", "number") and "minimum" in field:
        description += f" ({_number(field['minimum'])}-{_number(field['maximum'])}, default {_number(field['default'])})."
    elif description and kind == "boolean" and "default" in field:
        description = description.rstrip(".") + f" (default {'true' if field['default'] else 'false'})."
    for key, value in field.items():
        if key not in CHROME_ATTRIBUTES[kind]:
            continue
        if key == "description":
            out[key] = description
        elif key == "properties":
            out[key] = {name: _chrome(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties"):
            out[key] = _chrome(value)
        else:
            out[key] = value
    return out


def managed_schema() -> Schema:
    """``extension/managed_schema.json``: every field may be preset (and is then locked)."""
    return {
        "type": "object",
        "description": (
            "Mailwacht settings an administrator presets and locks (same shape as the 'settings' key in storage.sync, "
            "see extension/shared/settings.js; generated from py_core/settings_schema.py). Every field given "
            "here is locked for the user."
        ),
        "properties": {name: _chrome(field) for name, field in SETTINGS.items()},
    }


def _plain(field: Schema) -> Schema:
    """One field for the extension's code: the schema without descriptions."""
    out: Schema = {}
    for key, value in field.items():
        if key == "description":
            continue
        if key == "properties":
            out[key] = {name: _plain(sub) for name, sub in value.items()}
        elif key in ("items", "additionalProperties"):
            out[key] = _plain(value)
        else:
            out[key] = value
    return out


def settings_schema() -> Schema:
    """``SETTINGS_SCHEMA`` of ``extension/shared/constants.js``: field -> type, enum, bounds, default."""
    return {name: _plain(field) for name, field in SETTINGS.items()}
