/**
 * The engine lives only while it is needed (issue 15), in Chromium with the built extension: with a
 * short idle setting the offscreen document is closed, a later check boots the engine again (from
 * the snapshot) and gives the same report; a 1 MB draft grows the heap past the bound and the worker
 * is recycled; a Send pressed on a compose page while the engine is unloaded is still decided by
 * the engine (held with its findings, not failed open); opening a compose page (a blank one, which
 * is never checked) with the engine unloaded boots it before any check is asked (the watcher's
 * engine:prepare). The host's own lifecycle, in Node with a stand-in worker:
 * tests/js/engine-host.test.mjs.
 * Nothing here asserts on wall-clock speed (bench/engine.mjs measures it).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, runPythonJson, startServer } from "./harness.mjs";
import { launchForEditors, until } from "./editor-contract.mjs";
import { readGateDialog } from "./gate-dialog.mjs";

// ----------------------------------------------------------------------------- Chromium (real)

const DRAFT = {
  subject: "Nieuwsbrief maart",
  html: '<p>Beste lezer,</p><p>Nieuws.</p><p><a href="https://voorbeeld.nl/afmelden">Afmelden</a></p>',
};
const NOW = "2026-03-01T12:00:00+00:00";

/** A draft of about `bytes` bytes (a long newsletter body). */
function bigDraft(bytes) {
  const block = '<tr><td style="padding:12px;font-family:Arial"><h2>Artikel</h2><p>Deze week bakken we ons voorjaarsbrood met spelt en zonnebloempitten.</p><p><a href="https://voorbeeld.nl/a">Lees verder</a></p></td></tr>';
  return { subject: "Nieuwsbrief", html: `<table>${block.repeat(Math.ceil(bytes / block.length))}</table><p><a href="https://voorbeeld.nl/afmelden">Afmelden</a></p>` };
}

describe("the engine in Chromium: unloaded when idle, booted again when needed", () => {
  let ext;
  let site;

  before(async () => {
    ext = await launchForEditors(); // the install boots the engine once (that makes the snapshot)
    await ext.waitForEngine((s) => s.state === "ready" && s.boot.snapshotStored === true, 180000);
    site = await startServer({ root: join(ROOT, "tests", "e2e", "gate-pages") });
  });

  after(async () => {
    await ext?.close();
    await site?.close();
  });

  /** Whether the offscreen document (the engine's host) exists, asked in the service worker. */
  const offscreenOpen = async () =>
    (await ext.serviceWorker()).evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ["OFFSCREEN_DOCUMENT"] })).length > 0);
  const setIdleMinutes = async (minutes) => (await ext.page()).evaluate((m) => chrome.storage.sync.set({ settings: { engineIdleMinutes: m } }), minutes);
  const check = async (draft) => (await ext.page()).evaluate((d) => chrome.runtime.sendMessage({ target: "background", kind: "engine:check", draft: d, options: { now: "2026-03-01T12:00:00+00:00" } }), draft);
  const withoutTime = (report) => {
    const copy = structuredClone(report);
    delete copy.duration_ms;
    return copy;
  };

  test("with a short idle setting the offscreen document is closed; a later check boots the engine again and gives the same report", async () => {
    await setIdleMinutes(0.1); // 6 s
    const first = await check(DRAFT);
    assert.equal(first.ok, true, JSON.stringify(first.error));
    assert.equal(await offscreenOpen(), true);
    // Leave the engine alone (the extension page would not touch it, but close it anyway).
    await (await ext.page()).close();
    await until(async () => !(await offscreenOpen()), "the offscreen document to be closed", 90000);
    // The engine's worker went with it: no engine target is left in the browser.
    const session = await ext.context.newCDPSession(await ext.context.newPage());
    const { targetInfos } = await session.send("Target.getTargets");
    assert.ok(!targetInfos.some((t) => t.url.includes("/engine/worker.js") || t.url.includes("/offscreen/")), JSON.stringify(targetInfos.map((t) => t.url)));
    // A status asked without starting does not boot it (the service worker answers for it).
    const asleep = await (await ext.serviceWorker()).evaluate(() => globalThis.mailwachtEngine.status({ start: false }));
    assert.equal(asleep.unloaded, true);
    assert.equal(await offscreenOpen(), false);

    const second = await check(DRAFT);
    assert.equal(second.ok, true, JSON.stringify(second.error));
    assert.deepStrictEqual(withoutTime(second.result), withoutTime(first.result));
    // And the report is CPython's for the same request.
    const expected = runPythonJson("import json,sys; from py_core.api import handle; print(handle(sys.stdin.read()))", { kind: "check", draft: DRAFT, options: { now: NOW } });
    assert.deepStrictEqual(withoutTime(second.result), withoutTime(expected.result));
    const status = await ext.waitForEngine();
    assert.equal(status.boot.kind, "snapshot", "booted again from the snapshot");
    assert.equal(status.lifecycle.idleMs, 6000, "the setting reached the engine host");
  });

  test("a heap grown past the bound by a 1 MB draft is replaced by a fresh worker once the engine is quiet", async () => {
    await setIdleMinutes(5);
    await ext.waitForEngine();
    // Shorten the quiet time before recycling for this test (the default is 20 s).
    await ext.evaluateInOffscreen("globalThis.mailwacht.host.limits.recycleQuietMs = 1000");
    const before = (await ext.waitForEngine()).memory.wasmBytes;
    const big = await check(bigDraft(1024 * 1024));
    assert.equal(big.ok, true, JSON.stringify(big.error));
    const grown = await ext.evaluateInOffscreen("globalThis.mailwacht.host.status()");
    assert.ok(grown.memory.wasmBytes > grown.lifecycle.heapBoundBytes, `heap ${grown.memory.wasmBytes} after a 1 MB draft (bound ${grown.lifecycle.heapBoundBytes}, ${before} before)`);
    const recycled = await until(async () => {
      const s = await ext.evaluateInOffscreen("globalThis.mailwacht.host.status()");
      return s.lifecycle.recycles >= 1 && s.state === "ready" && s;
    }, "the recycled worker", 90000);
    assert.ok(recycled.memory.wasmBytes <= recycled.lifecycle.heapBoundBytes, `heap ${recycled.memory.wasmBytes} after recycling`);
    assert.equal(recycled.boot.kind, "snapshot");
    const again = await check(DRAFT);
    assert.equal(again.ok, true, JSON.stringify(again.error));
  });

  test("opening a compose page with the engine unloaded boots the engine before any check is asked (prefetch)", async () => {
    // The idle time set from the service worker: an extension page (the popup) would boot the engine.
    const setIdle = async (minutes) => (await ext.serviceWorker()).evaluate((m) => chrome.storage.sync.set({ settings: { engineIdleMinutes: m } }), minutes);
    await setIdle(0.1);
    await (await ext.page()).close();
    await until(async () => !(await offscreenOpen()), "the engine to be unloaded", 90000);
    await setIdle(5); // from now on the engine stays while this test looks at it
    const page = await ext.context.newPage();
    // A compose form whose body is blank: the watcher finds the editor but has nothing to check.
    const url = site.url("blank-compose.html");
    await page.route(url, (route) =>
      route.fulfill({
        contentType: "text/html; charset=utf-8",
        body:
          '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Nieuw bericht</title></head><body><form onsubmit="return false">' +
          '<label>Aan <input name="to" value="klant@example.org"></label> <label>Onderwerp <input name="subject" value="Nieuws"></label>' +
          '<div id="editor" contenteditable="true" style="min-height:200px;border:1px solid #999"><p><br></p></div>' +
          '<button type="button" id="send">Verzenden</button></form></body></html>',
      }),
    );
    await page.goto(url);
    await until(() => page.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".layer"))), "the editor's layer", 60000);
    // The engine comes up although nobody asked for a check: the watcher's engine:prepare.
    await until(offscreenOpen, "the offscreen document, opened by the compose page", 30000);
    // The host's status through the service worker, asked without starting anything (an extension
    // page would itself boot the engine, and the DevTools helpers need one).
    const hostStatus = async () => (await ext.serviceWorker()).evaluate(() => globalThis.mailwachtEngine.status({ start: false }));
    const early = await until(async () => {
      const s = await hostStatus();
      return !s.unloaded && s;
    }, "the offscreen engine host", 30000);
    assert.ok(["booting", "ready"].includes(early.state), `the engine boots before any check: ${JSON.stringify(early)}`);
    assert.equal(early.lastCall, null, `no call has been made: ${JSON.stringify(early.lastCall)}`);
    assert.equal(early.running, null);
    assert.deepEqual(Object.values(early.queued), [0, 0, 0], `nothing waits for the boot: ${JSON.stringify(early.queued)}`);
    const ready = await until(async () => {
      const s = await hostStatus();
      return s.state === "ready" && s;
    }, "the prepared engine", 90000);
    assert.equal(ready.boot.kind, "snapshot");
    assert.equal(ready.lastCall, null, "booted with no check asked (the blank draft is not checked)");
    // Typing then gets its marks from the engine already booted: no second boot.
    await page.click("#editor");
    await page.keyboard.type("Beste klant, alleen deze week korting op alle broden.");
    const checked = await until(async () => {
      const s = await hostStatus();
      return s.lastCall && s.lastCall.kind === "check" && s;
    }, "the first check of the typed draft", 60000);
    assert.equal(checked.restarts, ready.restarts, "no boot for the check");
    assert.equal(checked.lifecycle.unloads, ready.lifecycle.unloads);
    assert.equal(checked.boot.ms, ready.boot.ms, "the check ran on the prepared engine");
    await page.close();
  });

  test("a Send pressed while the engine is unloaded waits for the boot: the draft is held with the engine's findings", async () => {
    await setIdleMinutes(0.1);
    await (await ext.page()).close();
    const page = await ext.context.newPage();
    await page.goto(site.url("compose.html"));
    await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
    await until(() => page.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".layer"))), "the editor's layer", 60000);
    // The page's own check booted the engine; nobody types: it is unloaded after the idle time.
    await until(async () => !(await offscreenOpen()), "the engine to be unloaded", 90000);
    await page.click("#send");
    const dialog = await until(
      async () => {
        const d = await readGateDialog(page);
        return d && !d.busy ? { rules: d.rules, state: d.state } : null;
      },
      "the gate's dialog",
      30000,
    );
    assert.ok(dialog.rules.includes("unsubscribe-missing"), `held by the engine's findings, not failed open: ${JSON.stringify(dialog)}`);
    await page.waitForTimeout(800);
    assert.deepEqual(await page.evaluate(() => window.outbox.map((m) => m.how)), [], "the page's own send did not run");
    assert.equal(await offscreenOpen(), true, "the engine was booted for the send");
    await page.close();
  });
});
