/**
 * The content side's per-draft stores (extension/shared/util.js, the module the content script
 * bundles), over an in-memory area with storage.local's promise API:
 * - the dismissal store (createDismissStore; "Dismiss for this draft", issue 4): fingerprints per
 *   draft key, expiry after 30 days, caps; end to end: tests/e2e/dismiss.test.mjs;
 * - the mail-kind store (createMailKindStore; issue 10): one choice per hashed draft key, forgotten
 *   with null, expiry after 30 days; end to end: tests/e2e/editor-mailkind.test.mjs.
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import * as util from "../../extension/shared/util.js";

const DAY = 24 * 60 * 60 * 1000;
const loadUtil = () => util;

/** An in-memory area with storage.local's promise API (get(key) -> {key: value}, set(object)). */
function memoryArea() {
  const data = new Map();
  return {
    data,
    async get(key) {
      return data.has(key) ? { [key]: structuredClone(data.get(key)) } : {};
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
  };
}

describe("the dismissal store (content/util.js)", () => {
  const util = loadUtil();

  test("keeps fingerprints per draft, removes a draft on an empty list", async () => {
    const area = memoryArea();
    const store = util.createDismissStore(area, { now: () => 1000 });
    await store.save("a/1", ["f1", "f2"]);
    await store.save("b/2", ["f3"]);
    assert.deepEqual([...(await store.load("a/1"))], ["f1", "f2"]);
    assert.deepEqual([...(await store.load("b/2"))], ["f3"]);
    assert.deepEqual([...(await store.load("c/3"))], []);
    await store.save("a/1", []);
    assert.deepEqual([...(await store.load("a/1"))], []);
    assert.deepEqual(Object.keys(area.data.get("mailwacht.dismissed")), ["b/2"]);
  });

  test("an entry older than 30 days is not loaded and is dropped by the next write", async () => {
    const area = memoryArea();
    let now = 0;
    const store = util.createDismissStore(area, { now: () => now });
    await store.save("old", ["f1"]);
    now = 30 * DAY;
    assert.deepEqual([...(await store.load("old"))], ["f1"], "30 days is still kept");
    now = 30 * DAY + 1;
    assert.deepEqual([...(await store.load("old"))], []);
    await store.save("new", ["f2"]);
    assert.deepEqual(Object.keys(area.data.get("mailwacht.dismissed")), ["new"]);
  });

  test("at most 200 drafts (the most recent) and 100 fingerprints per draft are kept", async () => {
    const area = memoryArea();
    let now = 0;
    const store = util.createDismissStore(area, { now: () => now });
    // Writes are queued one after another: none is lost even without awaiting each.
    const writes = [];
    for (let i = 0; i < 205; i++) {
      now = i;
      writes.push(store.save(`d/${i}`, ["f"]));
    }
    await Promise.all(writes);
    const kept = Object.keys(area.data.get("mailwacht.dismissed"));
    assert.equal(kept.length, 200);
    assert.ok(!kept.includes("d/4") && kept.includes("d/5") && kept.includes("d/204"), "the oldest five went");
    const many = Array.from({ length: 150 }, (_, i) => `f${i}`);
    await store.save("d/204", many);
    assert.deepEqual([...(await store.load("d/204"))], many.slice(50));
  });

  test("a damaged stored value is read as no dismissals", async () => {
    const area = memoryArea();
    area.data.set("mailwacht.dismissed", ["not", "an", "object"]);
    const store = util.createDismissStore(area, { now: () => 0 });
    assert.deepEqual([...(await store.load("a"))], []);
    area.data.set("mailwacht.dismissed", { a: { t: "x", f: "y" } });
    assert.deepEqual([...(await store.load("a"))], []);
  });
});

describe("the mail-kind store (content/util.js)", () => {
  const util = loadUtil();

  test("one choice per draft; null or 'auto' forgets it; anything else is no choice", async () => {
    const area = memoryArea();
    const store = util.createMailKindStore(area, { now: () => 1000 });
    assert.equal(await store.load("a/1"), null);
    await store.save("a/1", "personal");
    await store.save("b/2", "mailing");
    assert.equal(await store.load("a/1"), "personal");
    assert.equal(await store.load("b/2"), "mailing");
    await store.save("a/1", null);
    assert.equal(await store.load("a/1"), null);
    await store.save("b/2", "auto");
    await store.save("c/3", "newsletter");
    assert.deepEqual(Object.keys(area.data.get("mailwacht.mailKind")), []);
  });

  test("a choice older than 30 days is not loaded and is dropped by the next write; writes queue", async () => {
    const area = memoryArea();
    let now = 0;
    const store = util.createMailKindStore(area, { now: () => now });
    await store.save("old/1", "personal");
    now = 30 * DAY + 1;
    assert.equal(await store.load("old/1"), null);
    await Promise.all([store.save("x/1", "mailing"), store.save("y/2", "personal")]); // not awaited one by one
    assert.deepEqual(Object.keys(area.data.get("mailwacht.mailKind")).sort(), ["x/1", "y/2"]);
    assert.deepEqual(area.data.get("mailwacht.mailKind")["y/2"], { t: now, k: "personal" });
  });
});
