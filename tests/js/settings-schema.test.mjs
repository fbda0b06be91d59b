/**
 * One settings schema (issue 12 §3): py_core/settings_schema.py is written into
 * extension/shared/constants.js (SETTINGS_SCHEMA) and extension/managed_schema.json by
 * `python -m py_core.constants`; shared/settings.js must follow it:
 *
 *  - defaults() holds exactly the schema's fields (and `version`), each with the schema's default
 *    (the locale: the browser's language);
 *  - clean() keeps a valid value of every field of the schema, down to each sub-field, and drops
 *    what the schema does not name, values outside an enum and numbers out of bounds;
 *  - the managed schema names the same fields with the same enums;
 *  - the defaults written elsewhere for lack of an import (protocol.js LIMITS.idleMs, records.js
 *    RECORDS_MAX_DEFAULT) equal the schema's.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { AUDIENCES, LOCALES, PACKS, SETTINGS_SCHEMA, SEVERITIES } from "../../extension/shared/constants.js";
import { LIMITS } from "../../extension/shared/protocol.js";
import { RECORDS_MAX_DEFAULT } from "../../extension/shared/records.js";
import * as S from "../../extension/shared/settings.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const MANAGED = JSON.parse(readFileSync(join(ROOT, "extension", "managed_schema.json"), "utf8"));

/** A valid value of a schema field that differs from its default where it can. */
function sample(field, name) {
  if (field.enum) return field.enum[field.enum.length - 1];
  switch (field.type) {
    case "string":
      return name === "customSites" ? "https://example.org/*" : "example.org";
    case "boolean":
      return !field.default;
    case "integer":
    case "number":
      return field.minimum;
    case "array":
      return [sample(field.items, name)];
    case "object": {
      if (field.properties) return Object.fromEntries(Object.entries(field.properties).map(([k, f]) => [k, sample(f, k)]));
      // A map: a key every map of the settings accepts (rule ids, duty ids, site patterns).
      return { "x-1": sample(field.additionalProperties, name) };
    }
    default:
      throw new Error(`no sample for ${name}: ${field.type}`);
  }
}

test("defaults() are the schema's defaults, field for field", () => {
  const d = S.defaults();
  assert.deepEqual(Object.keys(d), ["version", ...Object.keys(SETTINGS_SCHEMA)]);
  for (const [name, field] of Object.entries(SETTINGS_SCHEMA)) {
    if (name === "locale") assert.ok(LOCALES.includes(d.locale));
    else assert.deepEqual(d[name], field.default, name);
  }
  assert.deepEqual(S.ORG_FIELDS, Object.keys(SETTINGS_SCHEMA.org.properties));
  assert.ok(S.ORG_FIELDS.includes("unsubscribe"), "the profile's Unsubscribe page (issue 11)");
  assert.deepEqual(S.ENGINE_IDLE_MINUTES, { min: 0.1, max: 240, default: 5 }, "issue 15");
});

test("clean() keeps a valid value of every field the schema names, and only those", () => {
  for (const [name, field] of Object.entries(SETTINGS_SCHEMA)) {
    const value = sample(field, name);
    assert.deepEqual(S.clean({ [name]: value }), { [name]: value }, `${name}: ${JSON.stringify(value)}`);
  }
  assert.deepEqual(S.clean({ audience: "first mailing" }), { audience: "first mailing" }, "issue 14's audience");
  assert.deepEqual(S.clean({ packs: ["be"] }), { packs: ["be"] });
  assert.deepEqual(S.clean({ notInTheSchema: true, org: { nor: "this" } }), { org: {} });
});

test("clean() drops what is outside an enum or the bounds", () => {
  assert.deepEqual(S.clean({ audience: "everyone", locale: "de", rules: { a: { severity: "fatal" } } }), { rules: {} });
  for (const [name, field] of Object.entries(SETTINGS_SCHEMA)) {
    if (field.maximum === undefined) continue;
    assert.deepEqual(S.clean({ [name]: field.maximum + 1 }), {}, name);
    assert.deepEqual(S.clean({ [name]: field.minimum / 2 }), {}, name);
    assert.deepEqual(S.clean({ [name]: field.maximum }), { [name]: field.maximum }, name);
  }
});

test("the schema's enums are the engine's tables", () => {
  assert.deepEqual(SETTINGS_SCHEMA.audience.enum, AUDIENCES);
  assert.ok(AUDIENCES.includes("first mailing"));
  assert.deepEqual(SETTINGS_SCHEMA.locale.enum, LOCALES);
  assert.deepEqual(SETTINGS_SCHEMA.rules.additionalProperties.properties.severity.enum, SEVERITIES);
  assert.deepEqual([...SETTINGS_SCHEMA.packs.items.enum].sort(), PACKS);
});

test("managed_schema.json names the schema's fields with the same enums", () => {
  assert.deepEqual(Object.keys(MANAGED.properties), Object.keys(SETTINGS_SCHEMA));
  assert.deepEqual(Object.keys(MANAGED.properties.org.properties), S.ORG_FIELDS);
  assert.deepEqual(MANAGED.properties.audience.enum, AUDIENCES);
  assert.deepEqual(MANAGED.properties.locale.enum, LOCALES);
  assert.deepEqual(MANAGED.properties.rules.additionalProperties.properties.severity.enum, SEVERITIES);
  assert.equal(MANAGED.properties.engineIdleMinutes.type, "number");
  assert.match(MANAGED.properties.engineIdleMinutes.description, /\(0\.1-240, default 5\)/);
});

test("defaults written elsewhere equal the schema's", () => {
  assert.equal(LIMITS.idleMs, S.ENGINE_IDLE_MINUTES.default * 60000, "shared/protocol.js LIMITS.idleMs");
  assert.equal(RECORDS_MAX_DEFAULT, S.RECORDS_MAX.default, "shared/records.js RECORDS_MAX_DEFAULT");
});
