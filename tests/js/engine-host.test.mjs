/**
 * The engine lives only while it is needed (issue 15), the host's part, in Node with a stand-in
 * worker (no browser): the host unloads its worker after the idle time (never while a call runs or
 * waits), tells its owner, and boots again for the next call; a heap grown past the bound is
 * replaced by a fresh worker once the engine has been quiet, not while calls keep coming.
 * The same in Chromium with the built extension: tests/e2e/lifecycle.test.mjs.
 * Nothing here asserts on wall-clock speed (bench/engine.mjs measures it).
 */

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { EngineHost } from "../../extension/engine/host.js";
import { until } from "../until.mjs";

// ------------------------------------------------------------------------------ the host (Node)

/** A stand-in worker: boots in 20 ms; a call answers after request.delay ms with request.heap as its heap. */
class FakeWorker {
  static made = 0;
  static live = 0;
  constructor() {
    this.timers = new Set();
    this.dead = false;
    this.heap = 36 * 2 ** 20;
    FakeWorker.made += 1;
    FakeWorker.live += 1;
  }
  postMessage(msg) {
    const answer = (delay, data) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!this.dead) this.onmessage({ data: { id: msg.id, ok: true, ...data } });
      }, delay);
      this.timers.add(timer);
    };
    if (msg.op === "boot") answer(20, { boot: { kind: "snapshot", ms: 20, stages: {} }, wasmBytes: this.heap });
    else if (msg.op === "ping") answer(1, { pong: true });
    else {
      const request = JSON.parse(msg.request);
      if (request.heap) this.heap = request.heap;
      answer(request.delay ?? 5, { reply: JSON.stringify({ ok: true, result: request.tag }), ms: 1, wasmBytes: this.heap });
    }
  }
  terminate() {
    if (!this.dead) FakeWorker.live -= 1;
    this.dead = true;
    for (const timer of this.timers) clearTimeout(timer);
  }
}

const fakeHost = (limits = {}) =>
  new EngineHost({ workerURL: "fake", extensionVersion: "test", createWorker: () => new FakeWorker(), limits: { callMs: 3000, ...limits } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe("the engine host's lifecycle (Node, a stand-in worker)", () => {
  test("nothing boots until asked; idle unload after the idle time, never during a call; the next call boots again", async () => {
    const host = fakeHost({ idleMs: 150 });
    const made = FakeWorker.made;
    await sleep(200);
    assert.equal(FakeWorker.made, made, "no worker before the first call");
    const unloads = [];
    host.onUnload = (reason) => unloads.push(reason);
    // A call longer than the idle time: the host is not unloaded under it.
    const long = await host.call({ kind: "check", tag: "long", delay: 400 });
    assert.deepEqual(long, { ok: true, result: "long" });
    assert.equal(unloads.length, 0, "not unloaded while a call ran");
    assert.equal(host.state, "ready");
    await until(() => unloads.length === 1, "the idle unload", 5000);
    assert.equal(host.state, "idle");
    assert.equal(host.worker, null);
    assert.equal(host.status().lifecycle.unloads, 1);
    assert.equal(host.status().memory, null, "no heap held");
    const again = await host.call({ kind: "check", tag: "again" });
    assert.deepEqual(again, { ok: true, result: "again" });
    assert.equal(FakeWorker.made, made + 2, "booted again for the call");
    assert.equal(host.status().lifecycle.unloaded, null);
    host.setIdleMs(60000); // a longer idle time applies at once
    await sleep(300);
    assert.equal(host.state, "ready");
    host.unload("test over");
  });

  test("a heap grown past the bound is recycled once the engine is quiet, not while calls keep coming", async () => {
    const host = fakeHost({ idleMs: 60000, heapBoundBytes: 48 * 2 ** 20, recycleQuietMs: 250 });
    await host.call({ kind: "check", tag: "big", heap: 80 * 2 ** 20 });
    assert.equal(host.status().memory.wasmBytes, 80 * 2 ** 20);
    // Calls every 100 ms (someone typing in that draft): no recycling meanwhile.
    for (let i = 0; i < 5; i += 1) {
      await sleep(100);
      await host.call({ kind: "check", tag: i });
    }
    assert.equal(host.recycles, 0);
    await until(() => host.recycles === 1 && host.state === "ready", "the recycled worker", 5000);
    assert.equal(host.status().memory.wasmBytes, 36 * 2 ** 20, "the fresh worker's heap");
    assert.equal(FakeWorker.live >= 1, true);
    const after = await host.call({ kind: "check", tag: "after" });
    assert.deepEqual(after, { ok: true, result: "after" });
    host.unload("test over");
  });
});
