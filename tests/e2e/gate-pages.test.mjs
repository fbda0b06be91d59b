/**
 * End-to-end: the send gate on a local compose page with its own send button and its own
 * Ctrl/Cmd+Enter shortcut (tests/e2e/gate-pages/compose.html), once with a contenteditable body
 * and once with TinyMCE in its iframe (where key events never reach the top window). Roundcube
 * 1.6 has no send shortcut, so the shortcut is proven here; the keyboard path through the dialog
 * too. The page counts its own sends in window.outbox.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, runPythonJson, startServer } from "./harness.mjs";
import { launchForEditors, until } from "./editor-contract.mjs";

const GOOD = JSON.parse(readFileSync(join(ROOT, "examples", "nieuwsbrief-in-orde.json"), "utf-8")).draft;
const GOOD_HTML = /<body[^>]*>([\s\S]*)<\/body>/.exec(GOOD.html)[1];
// Long enough for a send the gate let through to have been counted.
const QUIET_MS = 800;

let ext;
let site;
let tiny;
let page;

before(async () => {
  ext = await launchForEditors();
  site = await startServer({ root: join(ROOT, "tests", "e2e", "gate-pages") });
  tiny = await startServer({ root: join(ROOT, "node_modules", "tinymce") });
  page = await ext.context.newPage();
});

after(async () => {
  await ext?.close();
  await site?.close();
  await tiny?.close();
});

async function open(editor = "contenteditable", { layer = true } = {}) {
  await ext.page().then((p) => p.evaluate(() => chrome.storage.local.remove("sendHistory")));
  const query = editor === "tinymce" ? `?editor=tinymce&base=${encodeURIComponent(tiny.url(""))}` : "";
  await page.goto(site.url(`compose.html${query}`));
  await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
  if (!layer) return;
  // The gate finds the editor through the content script's adapters: wait until they know it.
  await until(() => page.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".layer"))), "the editor's layer");
}

const outbox = () => page.evaluate(() => window.outbox.map((m) => m.how));

function gateDialog() {
  return page.evaluate(() => {
    const root = document.querySelector("mailwacht-root")?.shadowRoot;
    const dialog = root?.querySelector(".gate-dialog");
    if (!dialog) return null;
    return { rules: [...dialog.querySelectorAll("li[data-rule]")].map((li) => li.dataset.rule), focused: root.activeElement?.dataset.action ?? null };
  });
}
const waitForDialog = () => until(gateDialog, "the gate's dialog", 20000);

describe("a compose page with its own send button (contenteditable)", () => {
  test("'Verzenden' is held for a non-compliant draft; Escape goes back, 'Send anyway' sends once", async () => {
    await open();
    const before = await page.evaluate(() => document.getElementById("editor").innerHTML);
    await page.click("#send");
    const dialog = await waitForDialog();
    assert.ok(dialog.rules.includes("unsubscribe-missing"), `${dialog.rules}`);
    assert.equal(dialog.focused, "back");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [], "the page's own handler did not run");
    // Keyboard: Tab moves to "Send anyway" and stays in the dialog; Escape is "Back to the draft".
    await page.keyboard.press("Tab");
    assert.equal((await gateDialog()).focused, "send");
    await page.keyboard.press("Tab");
    assert.equal((await gateDialog()).focused, "back", "focus cycles inside the dialog");
    await page.keyboard.press("Escape");
    assert.equal(await gateDialog(), null);
    assert.equal(await page.evaluate(() => document.getElementById("editor").innerHTML), before, "the draft is untouched");
    assert.deepEqual(await outbox(), []);
    await page.click("#send");
    await waitForDialog();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter"); // "Send anyway"
    await until(async () => (await outbox()).length, "the page's send");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), ["click"], "sent exactly once, by the page's own handler");
  });

  test("Ctrl+Enter in the editor is held the same way; 'Send anyway' replays the page's shortcut once", async () => {
    await open();
    await page.click("#editor");
    await page.keyboard.press("Control+Enter");
    await waitForDialog();
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), []);
    await page.click(".gate-dialog [data-action=send]");
    await until(async () => (await outbox()).length, "the page's send");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), ["shortcut"]);
  });

  test("a compliant draft goes out at once; a button that does not send ('Opslaan') is never held", async () => {
    await open();
    await page.evaluate((html) => {
      document.getElementById("editor").innerHTML = html;
      document.querySelector("[name=subject]").value = "Het voorjaarsbrood is er weer";
    }, GOOD_HTML);
    await page.click("#save");
    assert.equal(await page.evaluate(() => window.saves), 1, "save ran straight away");
    await page.click("#send");
    await until(async () => (await outbox()).length, "the page's send");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), ["click"]);
    assert.equal(await gateDialog(), null);
    // What was stored is what CPython's py_core computes for the same draft (hashes and a time only).
    const stored = (await (await ext.page()).evaluate(() => chrome.storage.local.get("sendHistory"))).sendHistory;
    assert.equal(stored.length, 1);
    const html = await page.evaluate(() => document.getElementById("editor").innerHTML);
    const cpython = runPythonJson(
      "import json, sys\nfrom py_core.api import handle\nprint(handle(json.dumps(json.load(sys.stdin))))",
      { kind: "history-entry", draft: { html, to: ["klant@example.org"] } },
    );
    assert.equal(stored[0].fingerprint, cpython.result.fingerprint, "fingerprint as py_core.engine.fingerprint");
    assert.equal(stored[0].recipients, cpython.result.recipients, "recipients as py_core.history.recipients_hash");
    assert.ok(Math.abs(Date.parse(stored[0].sent_at) - Date.now()) < 60000);
    // Pressed again while the page is still sending (gate.js SETTLE_MS): swallowed, and it says so.
    await page.click("#send");
    const notice = await until(
      () => page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector('.gate-notice[data-kind="swallowed"]')?.textContent),
      "the notice about the second press",
    );
    assert.match(notice, /genegeerd|ignored/);
    // Sent again later to the same recipient: duplicate-send holds it.
    await page.waitForTimeout(2600);
    await page.click("#send");
    const dialog = await waitForDialog();
    assert.deepEqual(dialog.rules, ["duplicate-send"]);
    await page.click(".gate-dialog [data-action=back]");
    assert.deepEqual(await outbox(), ["click"]);
  });
});

describe("the options page's settings (shared/settings.js, storage.sync)", () => {
  const setSettings = async (settings) => (await ext.page()).evaluate((s) => chrome.storage.sync.set({ settings: s }), settings);
  const clearSettings = async () => (await ext.page()).evaluate(() => chrome.storage.sync.remove("settings"));

  test("rules switched off do not hold a send; a site switched off is left alone", async () => {
    try {
      await open();
      await page.click("#send");
      const held = await waitForDialog();
      await page.click(".gate-dialog [data-action=back]");
      // Every rule that held it, switched off: the same draft now goes out at once.
      await setSettings({ version: 1, rules: Object.fromEntries(held.rules.map((id) => [id, { enabled: false, severity: null }])) });
      await page.waitForTimeout(500); // storage.onChanged reaches the content script
      await page.click("#send");
      await until(async () => (await outbox()).length, "the page's send");
      assert.equal(await gateDialog(), null);
      // The site switched off: no check at all, the page's own send runs straight away.
      await setSettings({ version: 1, sites: { "http://127.0.0.1/*": false } });
      await open("contenteditable", { layer: false });
      await page.waitForTimeout(500); // the settings are read (the gate starts before, with the defaults)
      assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".layer") ?? null), null, "no marks either");
      await page.click("#send");
      assert.deepEqual(await outbox(), ["click"], "sent synchronously, by the page's handler");
      await page.waitForTimeout(QUIET_MS);
      assert.equal(await gateDialog(), null);
    } finally {
      await clearSettings();
    }
  });
});

describe("a compose page with TinyMCE (iframe) and its own Ctrl+Enter", () => {
  test("Ctrl+Enter inside the iframe is held; 'Send anyway' replays it once", async () => {
    await open("tinymce");
    const frame = page.frameLocator("iframe");
    await frame.locator("body").click();
    // The gate adds its listener to new iframes within a second.
    await page.waitForTimeout(1200);
    await page.keyboard.press("Control+Enter");
    const dialog = await waitForDialog();
    assert.ok(dialog.rules.includes("unsubscribe-missing"));
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), []);
    await page.click(".gate-dialog [data-action=send]");
    await until(async () => (await outbox()).length, "the page's send");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), ["shortcut"]);
  });
});

describe("an engine that hangs", () => {
  test("after a few seconds the user is told the check could not run, and the page's send goes on", async () => {
    await open();
    // The engine worker dies quietly and the host waits a minute for its answer to a ping: the
    // engine hangs as a stuck worker would. The gate must not wait for it (gate.js CHECK_TIMEOUT_MS).
    const limits = await ext.evaluateInOffscreen("JSON.stringify(globalThis.mailwacht.host.limits)");
    await ext.evaluateInOffscreen(
      "Object.assign(globalThis.mailwacht.host.limits, {idleBeforePingMs: 0, pingMs: 60000}), globalThis.mailwacht.host.worker.terminate(), true",
    );
    try {
      const pressed = Date.now();
      await page.click("#send");
      const checking = await until(
        () => page.evaluate(() => {
          const n = document.querySelector("mailwacht-root").shadowRoot.querySelector('.gate-notice[data-kind="checking"]');
          return n && { role: n.getAttribute("role"), text: n.textContent };
        }),
        "the 'checking' note",
        3000,
      );
      assert.equal(checking.role, "status");
      assert.match(checking.text, /checking|controleert/);
      const alert = await until(
        () => page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector('.gate-notice[data-kind="failed-open"]')?.textContent),
        "the failed-open alert",
        15000,
      );
      const waited = Date.now() - pressed;
      // While it waited, a polite note said that the check was running; it is gone now.
      assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector('.gate-notice[data-kind="checking"]')), null);
      assert.match(alert, /could not check|niet controleren/);
      assert.match(alert, /4 (seconds|seconden)/, "names the time limit");
      assert.ok(waited >= 3500 && waited < 8000, `the gate waited ${waited} ms`);
      await until(async () => (await outbox()).length, "the page's send");
      await page.waitForTimeout(QUIET_MS);
      assert.deepEqual(await outbox(), ["click"], "sent exactly once");
    } finally {
      await ext.evaluateInOffscreen(`Object.assign(globalThis.mailwacht.host.limits, ${limits}), true`);
      await ext.send({ kind: "engine:restart" });
      await ext.waitForEngine();
    }
  });
});
