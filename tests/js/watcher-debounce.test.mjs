/**
 * The watcher's adaptive debounce (issue 15, extension/reader/watcher.js debounceFor): the pause
 * after a change is a budget of 250 ms less the last check's time (timer to marks drawn), never
 * under 150 ms (a pause, not every keystroke of normal typing) nor over 300 ms (issue 4's figure),
 * and 200 ms before an editor's first check was timed. bench/typing.mjs measures what it gives.
 */
import assert from "node:assert/strict";
import { test } from "node:test";

// The reader's site adapters look at the page's address when imported.
globalThis.location ??= new URL("http://127.0.0.1/");
const { debounceFor } = await import("../../extension/reader/watcher.js");

test("before any check was timed the pause is 200 ms", () => {
  assert.equal(debounceFor(null), 200);
  assert.equal(debounceFor(undefined), 200);
  assert.equal(debounceFor(Number.NaN), 200);
});

test("the pause is 250 ms less the last check's time", () => {
  assert.equal(debounceFor(35), 215); // a 10 KB draft on the bench machine
  assert.equal(debounceFor(80.4), 170);
});

test("never under 150 ms, however slow the check, nor over 300 ms", () => {
  assert.equal(debounceFor(130), 150);
  assert.equal(debounceFor(700), 150); // a 1 MB draft: the check alone is over the budget
  assert.equal(debounceFor(0), 250);
  assert.equal(debounceFor(-100), 300); // a clock step backwards
});
