/**
 * The engine lives only while it is needed (issue 15), the host's part, in Node with a stand-in
 * worker (no browser): the host unloads its worker after the idle time (never while a call runs or
 * waits), tells its owner, and boots again for the next call; a heap grown past the bound is
 * replaced by a fresh worker once the engine has been quiet, not while calls keep coming.
 * The same in Chromium with the built extension: tests/e2e/lifecycle.test.mjs.
 * And the host's scheduler under a hostile load (issue 13; with tests/e2e/hardening.test.mjs in
 * Chromium): a send check of one tab runs within the grace time plus a boot while another tab
 * keeps the engine busy with slow typing-time checks, and the stopped check runs again afterwards;
 * tabs take turns within a lane; a tab keeps at most LIMITS.typingPerTab typing checks waiting.
 * Nothing here asserts on wall-clock speed (bench/engine.mjs measures it).
 */

import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { EngineHost } from "../../extension/engine/host.js";
import { LIMITS } from "../../extension/shared/protocol.js";
import { until } from "../until.mjs";

// ------------------------------------------------------------------------------ the host (Node)

/**
 * A stand-in engine worker: boots in `bootMs`; a call answers after request.delay ms (like a busy
 * Python). With `heap` (bytes) it reports its heap, as the real worker does, and a call's
 * request.heap grows it.
 */
class FakeWorker {
  static made = 0;
  static live = 0;
  constructor({ bootMs = 20, heap = null } = {}) {
    this.bootMs = bootMs;
    this.timers = new Set();
    this.dead = false;
    this.heap = heap;
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
    const heap = () => (this.heap === null ? {} : { wasmBytes: this.heap });
    if (msg.op === "boot") answer(this.bootMs, { boot: { kind: "snapshot", ms: this.bootMs, stages: {} }, ...heap() });
    else if (msg.op === "ping") answer(1, { pong: true });
    else {
      const request = JSON.parse(msg.request);
      if (request.heap) this.heap = request.heap;
      answer(request.delay ?? 5, { reply: JSON.stringify({ ok: true, result: request.tag }), ms: request.delay, ...heap() });
    }
  }
  terminate() {
    if (!this.dead) FakeWorker.live -= 1;
    this.dead = true;
    for (const timer of this.timers) clearTimeout(timer);
  }
}

/** A host on stand-in workers (`worker`: FakeWorker's options); `limits` over a call limit of 3 s. */
const fakeHost = (limits = {}, worker = { heap: 36 * 2 ** 20 }) =>
  new EngineHost({ workerURL: "fake", extensionVersion: "test", createWorker: () => new FakeWorker(worker), limits: { callMs: 3000, ...limits } });
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

// ------------------------------------------------------------------ the scheduler (hostile load)

/**
 * The scheduler's host: workers that boot in 40 ms and report no heap. Unloaded after each test:
 * a host left running keeps its idle timer (LIMITS.idleMs, 5 minutes) and with it this file's
 * process, which node --test waits for.
 */
const schedulerHosts = [];
const schedulerHost = () => {
  const host = fakeHost({}, { bootMs: 40 });
  schedulerHosts.push(host);
  return host;
};

describe("the engine host's scheduler (Node, a stand-in worker)", () => {
  afterEach(() => {
    for (const host of schedulerHosts.splice(0)) host.unload("test over");
  });

  test("a send check runs within the grace time plus a boot while another tab's slow typing checks keep the engine busy", async () => {
    const host = schedulerHost();
    await host.start();
    const t0 = performance.now();
    const hostile = [];
    for (let i = 0; i < 3; i += 1) hostile.push(host.call({ kind: "check", delay: 2000, tag: `slow${i}` }, { tab: "tab:1", lane: "typing" }));
    await new Promise((r) => setTimeout(r, 50));
    const sent = performance.now();
    const reply = await host.call({ kind: "check", delay: 10, tag: "send" }, { tab: "tab:2", lane: "send" });
    const waited = performance.now() - sent;
    assert.deepEqual(reply, { ok: true, result: "send" });
    // grace 300 ms from the slow check's start (50 ms ago), a 40 ms boot, a 10 ms check: well under 1 s, never ~2 s.
    assert.ok(waited < LIMITS.preemptGraceMs + 400, `the send waited ${Math.round(waited)} ms`);
    assert.equal(host.status().preemptions, 1);
    // The stopped check was not lost: it ran again afterwards, as did the others.
    const done = await Promise.all(hostile);
    assert.deepEqual(done.map((r) => r.result), ["slow0", "slow1", "slow2"]);
    assert.ok(performance.now() - t0 > 6000 - 100, "the slow checks really ran their time");
  });

  test("a send of one tab stops another tab's send check that runs long; the same tab's are not stopped", async () => {
    const host = schedulerHost();
    await host.start();
    const slow = host.call({ kind: "check", delay: 1500, tag: "hostile-send" }, { tab: "tab:1", lane: "send" });
    await new Promise((r) => setTimeout(r, 20));
    const start = performance.now();
    const mine = await host.call({ kind: "check", delay: 10, tag: "my-send" }, { tab: "tab:2", lane: "send" });
    assert.equal(mine.result, "my-send");
    assert.ok(performance.now() - start < 800, `waited ${Math.round(performance.now() - start)} ms`);
    assert.equal((await slow).result, "hostile-send", "requeued once and answered");
    // Within one tab, calls keep their order: no preemption.
    const first = host.call({ kind: "check", delay: 600, tag: "a" }, { tab: "tab:3", lane: "send" });
    const second = host.call({ kind: "check", delay: 5, tag: "b" }, { tab: "tab:3", lane: "send" });
    const before = host.status().preemptions;
    assert.equal((await first).result, "a");
    assert.equal((await second).result, "b");
    assert.equal(host.status().preemptions, before);
  });

  test("once a draft keeps the engine busy, a spare worker takes sends at once: nothing is stopped", async () => {
    const host = schedulerHost();
    await host.start();
    const slow = host.call({ kind: "check", delay: 2500, tag: "slow" }, { tab: "tab:1", lane: "typing" });
    // After LIMITS.pressureMs of one call the spare boots (40 ms here).
    await until(() => host.status().spare && host.status().spare.state === "ready", "the spare worker", 3000);
    const start = performance.now();
    const reply = await host.call({ kind: "check", delay: 10, tag: "send" }, { tab: "tab:2", lane: "send" });
    assert.equal(reply.result, "send");
    assert.ok(performance.now() - start < 150, `the send waited ${Math.round(performance.now() - start)} ms`);
    assert.equal(host.status().preemptions, 0, "the slow check was not stopped");
    assert.equal(host.lastCall.spare, true);
    assert.equal((await slow).result, "slow");
    // Typing checks never go to the spare.
    const typing = host.call({ kind: "check", delay: 10, tag: "t" }, { tab: "tab:2", lane: "typing" });
    assert.equal((await typing).result, "t");
    assert.notEqual(host.lastCall.spare, true);
    host._retireSpare = () => {}; // no timers left behind
    host.spare._kill("test over", "engine-crashed");
  });

  test("tabs take turns within a lane, and a tab keeps at most typingPerTab typing checks waiting", async () => {
    const host = schedulerHost();
    await host.start();
    const order = [];
    const calls = [];
    for (let i = 0; i < 8; i += 1) calls.push(host.call({ kind: "check", delay: 30, tag: `A${i}` }, { tab: "tab:A", lane: "typing" }).then((r) => (r.ok ? order.push(r.result) : order.push(r.error.code))));
    calls.push(host.call({ kind: "check", delay: 30, tag: "B0" }, { tab: "tab:B", lane: "typing" }).then((r) => order.push(r.result)));
    await Promise.all(calls);
    const superseded = order.filter((x) => x === "engine-superseded").length;
    assert.equal(superseded, 8 - LIMITS.typingPerTab, order.join(" "));
    const ran = order.filter((x) => x !== "engine-superseded");
    // B's only check runs after at most one of A's, not after all of them.
    assert.ok(ran.indexOf("B0") <= 1, ran.join(" "));
  });
});
