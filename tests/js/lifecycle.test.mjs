/**
 * The engine's idle time as the background reads it (background/lifecycle.js), in Node with a fake
 * storage API: known() answers at once (null until a read has finished, never waiting for storage:
 * storage.managed answers only ~3 s after a browser start), ms() waits for the read, and a change
 * of the settings reaches the listeners.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { engineIdleTime } from "../../extension/background/lifecycle.js";
import { LIMITS } from "../../extension/shared/protocol.js";

/** A chrome-like API whose storage answers only when `release()` is called. */
function slowStorage(settings) {
  const waiting = [];
  const changed = [];
  const answer = (value) => new Promise((resolve) => waiting.push(() => resolve(value)));
  const api = {
    storage: {
      sync: { get: () => answer(settings ? { settings } : {}) },
      managed: { get: () => answer({}) },
      onChanged: { addListener: (listener) => changed.push(listener) },
    },
    i18n: { getUILanguage: () => "nl" },
  };
  return {
    api,
    release: () => waiting.splice(0).forEach((go) => go()),
    change: (next) => {
      settings = next;
      for (const listener of changed) listener({ settings: { newValue: next } }, "sync");
    },
  };
}

test("known() is null until the settings are read, and never waits for storage", { timeout: 5000 }, async (t) => {
  const storage = slowStorage({ engineIdleMinutes: 2 });
  globalThis.chrome = storage.api;
  t.after(() => delete globalThis.chrome);
  const idle = engineIdleTime(storage.api);
  assert.equal(idle.known(), null);
  const pending = idle.ms();
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(idle.known(), null, "storage has not answered: nothing is known yet");
  storage.release();
  assert.equal(await pending, 120000);
  assert.equal(idle.known(), 120000);
});

test("without a setting the idle time is LIMITS.idleMs; a change is read again and reaches the listeners", { timeout: 5000 }, async (t) => {
  const storage = slowStorage(null);
  globalThis.chrome = storage.api;
  t.after(() => delete globalThis.chrome);
  const idle = engineIdleTime(storage.api);
  const heard = [];
  idle.onChange((ms) => heard.push(ms));
  const first = idle.ms();
  storage.release();
  assert.equal(await first, LIMITS.idleMs);
  storage.change({ engineIdleMinutes: 0.1 });
  assert.equal(idle.known(), LIMITS.idleMs, "the old value holds until the new read is done");
  await new Promise((resolve) => setTimeout(resolve, 0));
  storage.release();
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(heard, [6000]);
  assert.equal(idle.known(), 6000);
  assert.equal(await idle.ms(), 6000);
});
