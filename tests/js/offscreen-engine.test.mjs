/**
 * Chrome's relay to the offscreen document (background/offscreen-engine.js), in Node with a fake
 * chrome API: a check is sent at once even while storage.managed has not answered (after a browser
 * start it answers only ~3 s after the service worker started, and the first check used to wait for
 * it); the settings' idle time follows once read. The browser side: tests/e2e/lifecycle.test.mjs.
 */

import assert from "node:assert/strict";
import { test } from "node:test";

const DOC_URL = "chrome-extension://abc/offscreen/offscreen.html";

/** A fake chrome: sync storage answers at once, managed storage when `releaseManaged()` is called. */
function fakeChrome({ idleMinutes }) {
  const sent = [];
  const heldManaged = [];
  let open = false;
  const chrome = {
    runtime: {
      getURL: (path) => `chrome-extension://abc/${path}`,
      getContexts: async () => (open ? [{ documentUrl: DOC_URL }] : []),
      sendMessage: async (message) => {
        sent.push(message);
        return { ok: true, result: { kind: message.kind } };
      },
    },
    offscreen: {
      Reason: { WORKERS: "WORKERS" },
      createDocument: async () => {
        open = true;
      },
      closeDocument: async () => {
        open = false;
      },
    },
    storage: {
      sync: { get: async () => ({ settings: { engineIdleMinutes: idleMinutes } }) },
      managed: { get: () => new Promise((resolve) => heldManaged.push(() => resolve({}))) },
      onChanged: { addListener: () => {} },
    },
    i18n: { getUILanguage: () => "nl" },
  };
  return { chrome, sent, releaseManaged: () => heldManaged.splice(0).forEach((go) => go()) };
}

let instance = 0;
/** A fresh copy of the module (its state is per service worker) with `fake` as chrome. */
async function relay(fake) {
  globalThis.chrome = fake.chrome;
  instance += 1;
  const { offscreenEngine } = await import(`../../extension/background/offscreen-engine.js?instance=${instance}`);
  return offscreenEngine;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

test("a check does not wait for the settings: it goes before managed storage answers, the idle time after", { timeout: 5000 }, async (t) => {
  t.after(() => delete globalThis.chrome);
  const fake = fakeChrome({ idleMinutes: 2 });
  const engine = await relay(fake);
  const reply = await engine.call({ kind: "check", draft: { html: "<p>x</p>" } }, { tab: "tab:1", lane: "typing" });
  assert.deepEqual(reply, { ok: true, result: { kind: "offscreen:call" } }, "answered while managed storage is still silent");
  await engine.call({ kind: "check", draft: { html: "<p>x2</p>" } }, { tab: "tab:2", lane: "typing" }); // a second tab, same wait
  assert.equal(fake.sent.length, 2);
  assert.equal(fake.sent[1].lifecycle, undefined);
  assert.equal(fake.sent[0].kind, "offscreen:call");
  assert.equal(fake.sent[0].lifecycle, undefined, "no idle time is known yet, and none is made up");
  assert.deepEqual(fake.sent[0].request, { kind: "check", draft: { html: "<p>x</p>" } });
  fake.releaseManaged();
  await settle();
  const told = fake.sent.filter((m) => m.kind === "offscreen:status");
  assert.equal(told.length, 1, "the idle time is sent once it is read, once for both checks");
  assert.deepEqual(told[0].lifecycle, { idleMs: 120000 });
  assert.equal(told[0].start, false, "telling the idle time does not start the engine");
  // From now on every message carries it.
  await engine.call({ kind: "check", draft: { html: "<p>y</p>" } });
  assert.deepEqual(fake.sent.at(-1).lifecycle, { idleMs: 120000 });
});

test("when the settings are read before the first check, the check carries the idle time and nothing follows", { timeout: 5000 }, async (t) => {
  t.after(() => delete globalThis.chrome);
  const fake = fakeChrome({ idleMinutes: 0.1 });
  const engine = await relay(fake);
  fake.releaseManaged(); // the read started with the module has its answer
  await settle();
  await engine.call({ kind: "check", draft: { html: "<p>x</p>" } });
  await settle();
  assert.deepEqual(
    fake.sent.map((m) => [m.kind, m.lifecycle]),
    [["offscreen:call", { idleMs: 6000 }]],
  );
});
