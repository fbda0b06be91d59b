/**
 * Hardening against hostile drafts and hostile pages (issue 13), the extension's side.
 *
 * The engine host's scheduler under a hostile load, in Node with a stand-in worker (a send check
 * within the grace time, tabs taking turns), is tests/js/engine-host.test.mjs.
 *
 * In Chromium with the real built extension (a test copy whose content scripts also run on
 * 127.0.0.1, editor-contract.mjs testExtension; plus http://localhost/* as a host permission only,
 * standing in for the activeTab grant of a toolbar or context-menu click, as popup/context-menu
 * tests do):
 *  - the two-tab attack: a hostile tab keeps feeding the engine the worst draft (a long brace-free
 *    run inside <style>) in a loop; another tab's non-compliant send is still held and the user
 *    there sees the dialog (not a "sent unchecked" alert);
 *  - <mailwacht-root> removed while the send dialog is open: the dialog is gone, the root is back,
 *    nothing was sent, and the next Send press is held and decided again;
 *  - a page element named like the namespace (a form "Mailwacht" with inputs "adapters",
 *    "started", "createGate") neither stops the marks and the gate nor hides the draft from the
 *    popup (content scripts present) or from the popup's and context menu's injection (absent);
 *  - the notices channel: a page's own sessionStorage["mailwacht-gate-notices"] is never shown;
 *    a real "sent unchecked" notice (the engine made to miss the gate's limit) is carried to the
 *    next page of the tab through the extension's storage.session and the send history records
 *    the send as unchecked;
 *  - <html contenteditable>: <mailwacht-root> is not editable and not part of the draft read.
 */

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { LIMITS } from "../../extension/shared/protocol.js";
import { ROOT, launchExtension, startServer } from "./harness.mjs";
import { testExtension, until } from "./editor-contract.mjs";
import { readGateDialog as dialogOf } from "./gate-dialog.mjs";

// ----------------------------------------------------------------------- in Chromium (real build)

const GRANT = "http://localhost/*"; // stands in for a click's activeTab grant (see the header)
const EN = JSON.parse(readFileSync(join(ROOT, "extension", "_locales", "en", "messages.json"), "utf-8"));
const NL = JSON.parse(readFileSync(join(ROOT, "extension", "_locales", "nl", "messages.json"), "utf-8"));
const QUIET_MS = 800;

/**
 * The slow drafts of issue 13 for the engine, together: a long run without braces inside <style>
 * (quadratic until the CSS reader's fix), unclosed <a> tags, and many small tags (linear, but a
 * lot of them), ~1.3 MB: longer than the gate's 4 s per check in Pyodide here, even with each pass linear.
 */
/** The worst draft, `scale` times over (about 1.3 MB at scale 1). */
const hostileHtml = (scale = 1) =>
  `<style>${"a ".repeat(120000 * scale)}</style><p>${"<a href=x>y ".repeat(40000 * scale)}</p><p>${"<b>x</b>".repeat(80000 * scale)}</p><p>Beste klant, nieuws.</p><p id="tick">0</p>`;
/** The largest scale the hostile tab grows its draft to (about 10 MB, half the engine's 20 MB limit). */
const HOSTILE_MAX_SCALE = 8;

/** The gate's compose page (gate-pages/compose.html) with page elements named like Mailwacht's namespaces. */
const NAMED_ELEMENTS =
  '<form name="Mailwacht" id="Mailwacht"><input name="adapters" value="x"><input name="started" value="1"><input name="createGate" value="1">' +
  '<input name="gateStarted" value="1"><input name="sites" value="1"><input name="util" value="1"></form><img name="MailwachtSettings" alt="">';
const namedPage = () => readFileSync(join(ROOT, "tests", "e2e", "gate-pages", "compose.html"), "utf-8").replace("<body>", `<body>\n${NAMED_ELEMENTS}`);

const HTML_EDITABLE = `<!doctype html><html lang="nl" contenteditable="true"><head><meta charset="utf-8"><title>editable</title></head><body style="min-height:300px">
<p>Beste klant,</p><p>Alleen deze week: 50% korting op alle broden! Bestel nu via onze webwinkel.</p>
</body></html>`;

const engineStatus = async () => (await ext.send({ kind: "engine:status" })).result;

async function openCompose(page, url = gatePages.url("compose.html")) {
  await page.goto(url);
  await page.waitForFunction(() => window.editorReady === true || document.readyState === "complete", null, { timeout: 30000 });
  await until(() => page.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".layer"))), "the editor's layer", 30000);
}

const noticesOf = (page) =>
  page.evaluate(() => [...(document.querySelector("mailwacht-root")?.shadowRoot?.querySelectorAll(".gate-notice") || [])].map((n) => ({ kind: n.dataset.kind, text: n.querySelector("span").textContent })));
const lastDecision = (page) =>
  page.evaluate(() => {
    const raw = document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".gate-notices")?.dataset.lastDecision;
    return raw ? JSON.parse(raw) : null;
  });

async function tabIdOf(url) {
  const sw = await ext.serviceWorker();
  const tabs = await sw.evaluate((u) => chrome.tabs.query({ url: u }), url.replace(/:\d+\//, "/"));
  assert.equal(tabs.length, 1, `one tab at ${url}`);
  return tabs[0].id;
}

let ext;
let copy;
let gatePages;
let own;
let ownRoot;

describe("in Chromium with the built extension", () => {

  before(async () => {
  copy = testExtension();
  const manifestPath = join(copy.path, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf-8"));
  manifest.host_permissions = [...manifest.host_permissions, GRANT];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  ext = await launchExtension({ extensionPath: copy.path });
  await ext.waitForEngine();
  gatePages = await startServer({ root: join(ROOT, "tests", "e2e", "gate-pages") });
  ownRoot = mkdtempSync(join(tmpdir(), "mailwacht-hardening-"));
  writeFileSync(join(ownRoot, "named.html"), namedPage());
  writeFileSync(join(ownRoot, "editable.html"), HTML_EDITABLE);
  own = await startServer({ root: ownRoot });
  });

  after(async () => {
  await ext?.close();
  copy?.remove();
  await gatePages?.close();
  await own?.close();
  if (ownRoot) rmSync(ownRoot, { recursive: true, force: true });
  });

  test("two tabs: a hostile tab feeding the worst draft in a loop does not make another tab's non-compliant send go out", async () => {
    const hostile = await ext.context.newPage();
    const victim = await ext.context.newPage();
    try {
      await openCompose(victim);
      await openCompose(hostile, gatePages.url("compose.html?hostile"));
      // The hostile tab: the worst draft, changed every 700 ms (past the marks' 300 ms debounce) so
      // it is checked again and again: a new check as soon as the last one is back.
      const feed = (html) =>
        hostile.evaluate((draft) => {
          const editor = document.getElementById("editor");
          editor.innerHTML = draft;
          clearInterval(window.hostileTimer);
          let n = 0;
          window.hostileTimer = setInterval(() => {
            n += 1;
            document.getElementById("tick").textContent = String(n);
          }, 700);
        }, html);
      let scale = 1;
      await feed(hostileHtml(scale));
      // Wait until a typing-time check of the hostile draft has kept the engine busy for a while:
      // without that, this test would prove nothing. A faster engine or machine checks the draft
      // in less than a second: then the draft doubles (up to HOSTILE_MAX_SCALE) until it does not.
      // The attack goes on: by then the host has its spare worker for sends (engine/host.js),
      // booted on the first slow check (tests/js/engine-host.test.mjs covers a send before it is
      // there). If even the largest draft is checked in under a second (the engine got faster:
      // CI checked ~10 MB in 0.5-1 s), there is no pressure and no spare: the send is then
      // pressed while a hostile check is running, and it must still be decided at once.
      let seen = null;
      let fast = 0;
      let lastCall = null;
      let fastAtMax = false; // the largest draft was checked in under 1.5 s twice: no pressure to wait for
      const busy = await until(async () => {
        const s = (seen = await engineStatus());
        if (s.lastCall && JSON.stringify(s.lastCall) !== JSON.stringify(lastCall)) {
          lastCall = s.lastCall;
          if (lastCall.lane === "typing" && lastCall.kind === "check" && lastCall.ms < LIMITS.pressureMs * 1.5) fast += 1;
          if (fast >= 2 && scale < HOSTILE_MAX_SCALE) {
            scale *= 2;
            fast = 0;
            console.log(`# the hostile draft was checked in ${Math.round(lastCall.ms)} ms: scale ${scale}`);
            await feed(hostileHtml(scale));
          } else if (fast >= 2 && !fastAtMax) {
            fastAtMax = true;
            console.log(`# the largest hostile draft was checked in ${Math.round(lastCall.ms)} ms: pressing Send during a running check`);
          }
        }
        const hostileRunning = s.running && s.running.lane === "typing" && s.running.tab !== undefined;
        if (fastAtMax) return hostileRunning && s.running;
        return hostileRunning && s.running.ms >= LIMITS.pressureMs && s.spare && s.spare.state === "ready" && s.running;
      }, "the hostile draft keeping the engine busy (1 s with the spare worker ready, or a running check at the largest draft)", 180000).catch((err) => {
        throw new Error(`${err.message}; scale ${scale}; engine status ${JSON.stringify(seen)}`);
      });
      const outboxBefore = await victim.evaluate(() => window.outbox.length);
      await victim.bringToFront();
      await victim.click("#send");
      const dialog = await until(() => dialogOf(victim), "the send dialog in the victim's tab", 8000).catch(async (err) => {
        const why = { notices: await noticesOf(victim), outbox: await victim.evaluate(() => window.outbox.length), decision: await lastDecision(victim), status: await engineStatus() };
        throw new Error(`${err.message}; ${JSON.stringify(why)}`);
      });
      assert.ok(dialog.rules.includes("unsubscribe-missing"), dialog.rules.join(", "));
      const decision = await lastDecision(victim);
      assert.equal(decision.outcome, "dialog");
      assert.ok(decision.ms < 4000, `press to dialog took ${Math.round(decision.ms)} ms`);
      console.log(`# press to dialog ${Math.round(decision.ms)} ms while a hostile check had run ${busy.ms} ms (spare ${fastAtMax ? "not needed" : "ready"})`);
      await victim.waitForTimeout(QUIET_MS);
      assert.equal(await victim.evaluate(() => window.outbox.length), outboxBefore, "nothing was sent");
      assert.ok(!(await noticesOf(victim)).some((n) => n.kind === "failed-open"), "no 'sent unchecked' alert");
      const status = await engineStatus();
      assert.equal(status.lastCall && status.lastCall.lane !== undefined, true, JSON.stringify(status));
      await victim.click("mailwacht-root .gate-dialog [data-action=back]");
    } finally {
      await hostile.close();
      await victim.close();
    }
    // The engine is still there for everyone once the hostile tab is gone.
    await ext.waitForEngine((s) => s.state === "ready" && !s.running, 60000);
  });

  test("<mailwacht-root> removed while the send dialog is open: the next Send press is held and decided again", async () => {
    const page = await ext.context.newPage();
    try {
      await openCompose(page);
      for (let round = 0; round < 3; round += 1) {
        await page.click("#send");
        await until(() => dialogOf(page), `the dialog (round ${round})`);
        await page.evaluate(() => document.querySelector("mailwacht-root").remove());
        // The root is back (re-attached by Mailwacht) and its dialog is gone: nothing was sent.
        await until(() => page.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.isConnected)), "the root back in the page");
        await until(async () => (await dialogOf(page)) === null, "the dialog closed");
        assert.deepEqual(await page.evaluate(() => window.outbox), []);
        const notices = await noticesOf(page);
        assert.ok(notices.some((n) => n.kind === "removed" && [EN.gateDialogRemoved.message, NL.gateDialogRemoved.message].includes(n.text)), JSON.stringify(notices));
      }
      // The next press is held and decided again (not swallowed as "already being sent").
      await page.click("#send");
      await until(() => dialogOf(page), "the dialog after the removals");
      const swallowed = (await noticesOf(page)).filter((n) => n.kind === "swallowed");
      assert.deepEqual(swallowed, [], "no press was swallowed");
      await page.click("mailwacht-root .gate-dialog [data-action=send]");
      await until(() => page.evaluate(() => window.outbox.length === 1), "the send");
      // The whole body re-rendered (a single-page app): the gate still holds the next send.
      await page.waitForTimeout(2600); // past the settle time after a send
      await page.evaluate(() => {
        document.body.innerHTML = document.body.innerHTML; // eslint-disable-line no-self-assign
        document.getElementById("send").addEventListener("click", () => window.outbox.push({ how: "click" }));
      });
      await page.click("#send");
      await until(() => dialogOf(page), "the dialog after the page re-rendered");
      assert.equal(await page.evaluate(() => window.outbox.length), 1);
    } finally {
      await page.close();
    }
  });

  test("a page element named 'Mailwacht' (inputs adapters, started, createGate) stops neither the marks, the gate nor the popup", async () => {
    const page = await ext.context.newPage();
    try {
      const url = own.url("named.html");
      await page.goto(url);
      // The page's named elements are what the page's own world sees.
      assert.equal(await page.evaluate(() => window.Mailwacht.tagName), "FORM");
      await until(() => page.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".layer"))), "the editor's layer");
      await page.click("#send");
      const dialog = await until(() => dialogOf(page), "the send dialog");
      assert.ok(dialog.rules.includes("unsubscribe-missing"));
      await page.click("mailwacht-root .gate-dialog [data-action=back]");
      assert.deepEqual(await page.evaluate(() => window.outbox), []);
      // The popup reads the draft through the content script's adapters.
      const popup = await ext.context.newPage();
      await popup.goto(`${ext.origin}/popup/popup.html?tab=${await tabIdOf(url)}`);
      await popup.waitForFunction(() => ["done", "no-draft", "error"].includes(document.body.dataset.phase), null, { timeout: 30000 });
      assert.equal(await popup.evaluate(() => document.body.dataset.phase), "done");
      assert.ok(await popup.evaluate(() => Boolean(document.querySelector('li.finding[data-rule="unsubscribe-missing"]'))));
      await popup.close();
    } finally {
      await page.close();
    }
    // Where no content script runs (localhost): the popup and the context menu inject the scripts.
    const page2 = await ext.context.newPage();
    try {
      const url = own.url("named.html").replace("127.0.0.1", "localhost");
      await page2.goto(url);
      const tab = await tabIdOf(url);
      const popup = await ext.context.newPage();
      await popup.goto(`${ext.origin}/popup/popup.html?tab=${tab}`);
      await popup.waitForFunction(() => ["done", "no-draft", "error"].includes(document.body.dataset.phase), null, { timeout: 30000 });
      assert.equal(await popup.evaluate(() => document.body.dataset.phase), "done", await popup.evaluate(() => document.body.innerText));
      await popup.close();
      await page2.click("#editor");
      const sw = await ext.serviceWorker();
      const result = await sw.evaluate(async ({ tab, url }) => {
        const info = { menuItemId: globalThis.mailwachtContextMenu.id, frameId: 0, editable: true, pageUrl: url };
        return globalThis.mailwachtContextMenu.onClicked(info, { id: tab, url });
      }, { tab, url });
      assert.equal(result && result.found, true, JSON.stringify(result));
      await until(() => page2.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".layer"))), "marks after the context menu");
    } finally {
      await page2.close();
    }
  });

  test("notices: the page's sessionStorage is never shown; a real 'sent unchecked' notice is carried in storage.session and recorded in the send history", async () => {
    const page = await ext.context.newPage();
    const extPage = await ext.page();
    await extPage.evaluate(() => chrome.storage.local.remove("sendHistory"));
    try {
      await openCompose(page);
      // A forged notice in the page's own storage, as the page could write it.
      await page.evaluate(() => sessionStorage.setItem("mailwacht-gate-notices", JSON.stringify([{ kind: "failed-open", text: "FORGED by the page", until: Date.now() + 600000 }])));
      await openCompose(page);
      await page.waitForTimeout(QUIET_MS);
      assert.ok(!(await noticesOf(page)).some((n) => n.text.includes("FORGED")), "the page's text is not shown as Mailwacht's");
      // The gate cannot decide in time: the engine host is told to give send checks 1 ms, and its
      // worker gets the call 50 ms late (a busy engine). Without the delay the worker's reply to a
      // draft it had just parsed could beat the 1 ms timer (a flake seen once in a full run).
      await ext.evaluateInOffscreen(
        `(() => {
          const host = globalThis.mailwacht.host;
          host.limits.sendMs = 1;
          const worker = host.worker;
          const post = worker.postMessage.bind(worker);
          worker.postMessage = (message, ...rest) => (message && message.op === "call" ? setTimeout(() => post(message, ...rest), 50) : post(message, ...rest));
          return true;
        })()`,
      );
      try {
        await page.click("#send");
        await until(async () => (await noticesOf(page)).some((n) => n.kind === "failed-open"), "the 'sent unchecked' alert");
        await until(() => page.evaluate(() => window.outbox.length === 1), "the send (failing open)");
        const alert = (await noticesOf(page)).find((n) => n.kind === "failed-open");
        assert.match(alert.text, /UNCHECKED|ZONDER CONTROLE/);
        // The next page of this tab shows it again (the send usually leaves the page).
        await openCompose(page);
        const carried = await until(async () => (await noticesOf(page)).find((n) => n.kind === "failed-open"), "the carried alert on the next page");
        assert.equal(carried.text, alert.text);
        // Kept by the extension, not in the page's storage.
        assert.equal(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("mailwacht")).length), 1, "only the forged key of the page");
      } finally {
        await ext.evaluateInOffscreen(`globalThis.mailwacht.host.limits.sendMs = ${LIMITS.sendMs}, true`);
      }
      const history = await until(async () => {
        const stored = (await extPage.evaluate(() => chrome.storage.local.get("sendHistory"))).sendHistory || [];
        return stored.length && stored;
      }, "the send history entry");
      assert.equal(history.length, 1);
      assert.equal(history[0].unchecked, true, JSON.stringify(history[0]));
      assert.match(history[0].reason, /engine-timeout/);
      assert.match(history[0].sent_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    } finally {
      await page.close();
    }
  });

  test("<html contenteditable>: <mailwacht-root> is not editable and not in the draft the adapters read", async () => {
    const page = await ext.context.newPage();
    try {
      const url = own.url("editable.html");
      await page.goto(url);
      await until(() => page.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".layer"))), "the editor's layer");
      const root = await page.evaluate(() => {
        const host = document.querySelector("mailwacht-root");
        return { editable: host.isContentEditable, attr: host.getAttribute("contenteditable"), parent: host.parentElement.localName };
      });
      assert.deepEqual(root, { editable: false, attr: "false", parent: "html" });
      const tab = await tabIdOf(url);
      // The draft as the popup reads it (content:read-draft: the adapters' editor, reader/requests.js).
      const found = await (await ext.page()).evaluate(
        (tabId) => chrome.tabs.sendMessage(tabId, { target: "content", kind: "content:read-draft" }, { frameId: 0 }),
        tab,
      );
      assert.ok(found.ok && found.result.editors >= 1, `the editable page is an editor: ${JSON.stringify(found)}`);
      const html = found.result.draft.html;
      assert.doesNotMatch(html, /mailwacht-root/i);
      assert.match(html, /50% korting/);
    } finally {
      await page.close();
    }
  });
});
