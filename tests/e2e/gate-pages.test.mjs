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
const messages = (locale) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", locale, "messages.json"), "utf-8"));
const NL = messages("nl");
const EN = messages("en");
/** The message `key` in either language (the gate speaks the browser's language). */
const either = (key) => [NL[key].message, EN[key].message];
// An organisation profile: the footer the quick fix inserts then carries name, address and phone.
const PROFILE = { name: "Bakkerij De Korenaar", address: "Dorpsstraat 1, 1234 AB Ons Dorp", phone: "+31 20 123 4567", website: "www.bakkerijdekorenaar.nl" };
// The page's draft with a Mailchimp merge tag: the platform is Mailchimp, whose footer has a real
// unsubscribe merge tag (*|UNSUB|*), so the footer leaves nothing that holds the send.
const MAILCHIMP_HTML = "<p>Beste *|FNAME|*,</p><p>Alleen deze week: 50% korting op alle broden! Bestel nu via onze webwinkel.</p><p>Groeten</p>";
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
    return {
      rules: [...dialog.querySelectorAll(":scope > ul > li[data-rule]")].map((li) => li.dataset.rule),
      fixes: Object.fromEntries([...dialog.querySelectorAll("li[data-rule] button[data-action=fix]")].map((b) => [b.closest("li").dataset.rule, b.dataset.fix])),
      focused: root.activeElement?.dataset.action ?? null,
      state: dialog.dataset.state,
      busy: dialog.getAttribute("aria-busy") === "true",
      title: dialog.querySelector("h2").textContent,
      summary: dialog.querySelector("#mailwacht-gate-summary").textContent,
      status: dialog.querySelector(".gate-status").textContent,
      send: dialog.querySelector("[data-action=send]").textContent,
      passed: dialog.querySelectorAll(".passes li[data-passed]").length,
    };
  });
}
const waitForDialog = () => until(gateDialog, "the gate's dialog", 20000);
const setSettings = async (settings) => (await ext.page()).evaluate((s) => chrome.storage.sync.set({ settings: s }), settings);
const clearSettings = async () => (await ext.page()).evaluate(() => chrome.storage.sync.remove("settings"));
const editorHtml = () => page.evaluate(() => document.getElementById("editor").innerHTML);
/** The compliant example draft (examples/nieuwsbrief-in-orde.json) in the page's editor and subject. */
const putCompliantDraft = () =>
  page.evaluate((html) => {
    document.getElementById("editor").innerHTML = html;
    document.querySelector("[name=subject]").value = "Het voorjaarsbrood is er weer";
  }, GOOD_HTML);
/** The dialog once the footer fix is applied and the new check is shown (unsubscribe-missing gone). */
const dialogAfterFix = () =>
  until(async () => {
    const d = await gateDialog();
    return d && !d.busy && d.status && !d.rules.includes("unsubscribe-missing") && d;
  }, "the dialog after the fix and the new check");
/** Click a button of the dialog (a real pointer click through the shadow root). */
const clickInDialog = (selector) => page.locator(`mailwacht-root .gate-dialog ${selector}`).first().click();

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
    assert.equal((await gateDialog()).focused, "fix", "focus wraps to the dialog's first control (a quick fix's button)");
    await page.keyboard.press("Shift+Tab");
    assert.equal((await gateDialog()).focused, "send", "and back: focus cycles inside the dialog");
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
    await putCompliantDraft();
    await page.click("#save");
    assert.equal(await page.evaluate(() => window.saves), 1, "save ran straight away");
    await page.click("#send");
    await until(async () => (await outbox()).length, "the page's send");
    // Pressed again while the page is still sending (gate.js SETTLE_MS, 2.5 s after the replay):
    // swallowed, and it says so. Pressed at once: the CPython comparison below spawns a Python
    // process (over a second on a loaded machine), and a press after it fell outside the window.
    await page.click("#send");
    const notice = await until(
      () => page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector('.gate-notice[data-kind="swallowed"]')?.textContent),
      "the notice about the second press",
    );
    assert.match(notice, /genegeerd|ignored/);
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
    // Sent again later to the same recipient: duplicate-send holds it.
    await page.waitForTimeout(2600);
    await page.click("#send");
    const dialog = await waitForDialog();
    assert.deepEqual(dialog.rules, ["duplicate-send"]);
    await page.click(".gate-dialog [data-action=back]");
    assert.deepEqual(await outbox(), ["click"]);
  });
});

describe("a schedule-send button (gate/sites.js actionOf)", () => {
  test("'Inplannen' is held the same way; the dialog speaks of scheduling, and 'Schedule anyway' schedules once", async () => {
    await open();
    await page.click("#schedule");
    const dialog = await waitForDialog();
    assert.ok(dialog.rules.includes("unsubscribe-missing"));
    assert.ok(either("gateTitleErrorsSchedule").includes(dialog.title), dialog.title);
    assert.ok(either("gateScheduleAnyway").includes(dialog.send), dialog.send);
    assert.ok(dialog.summary.length > 0 && [NL, EN].some((m) => dialog.summary.startsWith(m.gateSummarySchedule.message.split("$")[0])), dialog.summary);
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), []);
    await clickInDialog("[data-action=send]");
    await until(async () => (await outbox()).length, "the page's schedule");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), ["schedule"], "scheduled once, by the page's own handler");
  });
});

describe("quick fixes inside the send dialog (content/main.js MW.fixes, the cards' own code path)", () => {
  test("'Insert footer' in the dialog changes the draft, the draft is checked again and the dialog shows what is left; undo takes it back", async () => {
    await open();
    const before = await editorHtml();
    await page.click("#send");
    const held = await waitForDialog();
    assert.equal(held.state, "held");
    assert.equal(held.fixes["unsubscribe-missing"], "footer", JSON.stringify(held.fixes));
    assert.ok(either("contentFixFooter").includes(await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector("li[data-rule=unsubscribe-missing] button[data-action=fix]").textContent)), "the card's own label");
    // Keyboard: from "Back to the draft", Tab reaches "Send anyway" and then the first fix button.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal((await gateDialog()).focused, "fix");
    await clickInDialog("li[data-rule=unsubscribe-missing] button[data-action=fix]");
    const after = await dialogAfterFix();
    // Webmail (no merge tags): the footer's unsubscribe link is a visible marker to replace, so
    // the new check finds that link broken; the send is still held, with "Send anyway".
    assert.ok(after.rules.includes("unsubscribe-broken"), `${after.rules}`);
    assert.ok(after.rules.includes("contact-missing"), "no profile: the footer has no address or phone yet");
    assert.ok(!Object.values(after.fixes).includes("footer"), `the footer is not offered a second time: ${JSON.stringify(after.fixes)}`);
    assert.equal(after.state, "held");
    assert.ok(either("gateSendAnyway").includes(after.send));
    assert.ok(either("contentFixFooter").some((label) => after.status.includes(label)), `the status names the fix: ${after.status}`);
    assert.match(await editorHtml(), /\[(AFMELDLINK|UNSUBSCRIBE-LINK)\]/, "py_core's footer is in the draft");
    assert.deepEqual(await outbox(), [], "a fix never sends");
    await clickInDialog("[data-action=back]");
    assert.equal(await gateDialog(), null);
    // The fix went through the browser's editing commands: its undo takes the footer out again.
    await page.evaluate(() => document.execCommand("undo"));
    await until(async () => (await editorHtml()) === before, "undo to restore the draft");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), []);
  });

  test("with the organisation profile and a platform's merge tags, one fix leaves nothing: the dialog offers a plain 'Send' and waits for it", async () => {
    try {
      await setSettings({ version: 1, org: PROFILE });
      await open();
      await page.evaluate((html) => {
        document.getElementById("editor").innerHTML = html;
      }, MAILCHIMP_HTML);
      await page.click("#send");
      const held = await waitForDialog();
      assert.equal(held.fixes["unsubscribe-missing"], "footer", JSON.stringify(held));
      await clickInDialog("button[data-action=fix][data-fix=footer]");
      const clear = await until(async () => {
        const d = await gateDialog();
        return d && d.state === "clear" && d;
      }, "the dialog with nothing left");
      assert.deepEqual(clear.rules.filter((r) => r !== "logo-missing"), [], "only advice is left");
      assert.ok(either("gateSend").includes(clear.send), clear.send);
      assert.ok(either("gateTitleClear").includes(clear.title), clear.title);
      assert.equal(clear.focused, "send", "focus on the plain Send, which still needs the user's press");
      assert.ok(clear.passed > 0, "the passed checks are listed");
      await page.waitForTimeout(QUIET_MS);
      assert.deepEqual(await outbox(), [], "nothing is sent without the user's click");
      await clickInDialog("[data-action=send]");
      await until(async () => (await outbox()).length, "the page's send");
      await page.waitForTimeout(QUIET_MS);
      assert.deepEqual(await outbox(), ["click"], "sent once");
      const sent = await page.evaluate(() => window.outbox[0].body);
      assert.match(sent, /\*\|UNSUB\|\*/, "what went out is the fixed draft");
      assert.match(sent, /Dorpsstraat 1/);
      // The history remembers the fixed draft (the one sent), not the one first held.
      const stored = (await (await ext.page()).evaluate(() => chrome.storage.local.get("sendHistory"))).sendHistory;
      const cpython = runPythonJson(
        "import json, sys\nfrom py_core.api import handle\nprint(handle(json.dumps(json.load(sys.stdin))))",
        { kind: "history-entry", draft: { html: await editorHtml(), to: ["klant@example.org"] } },
      );
      assert.equal(stored.length, 1);
      assert.equal(stored[0].fingerprint, cpython.result.fingerprint);
    } finally {
      await clearSettings();
    }
  });
});

describe("the send gate's own settings (options page)", () => {
  test("'show the summary every time': a compliant draft also shows the dialog, with its summary and 'Send'", async () => {
    try {
      await setSettings({ version: 1, gate: { alwaysShow: true } });
      await open();
      await putCompliantDraft();
      await page.click("#send");
      const dialog = await waitForDialog();
      assert.equal(dialog.state, "clear");
      assert.deepEqual(dialog.rules, []);
      assert.ok(dialog.passed >= 10, `${dialog.passed} passed checks listed`);
      assert.ok(either("gateTitleClear").includes(dialog.title));
      assert.ok(either("gateSend").includes(dialog.send));
      assert.equal(dialog.focused, "send");
      await page.waitForTimeout(QUIET_MS);
      assert.deepEqual(await outbox(), [], "held until the user presses Send");
      await page.keyboard.press("Enter");
      await until(async () => (await outbox()).length, "the page's send");
      await page.waitForTimeout(QUIET_MS);
      assert.deepEqual(await outbox(), ["click"]);
      // Switched off again: the same compliant draft goes through untouched, without a dialog.
      await setSettings({ version: 1, gate: { alwaysShow: false } });
      await page.waitForTimeout(3000); // storage.onChanged reaches the gate; gate.js SETTLE_MS passes
      await (await ext.page()).evaluate(() => chrome.storage.local.remove("sendHistory"));
      await page.click("#send");
      await until(async () => (await outbox()).length === 2, "the second send");
      assert.equal(await gateDialog(), null);
    } finally {
      await clearSettings();
    }
  });

  test("'Clear send history' on the options page empties storage; the same mailing then goes out without duplicate-send", async () => {
    await open();
    await putCompliantDraft();
    await page.click("#send");
    await until(async () => (await outbox()).length, "the page's send");
    await page.waitForTimeout(2600); // gate.js SETTLE_MS
    await page.click("#send");
    assert.deepEqual((await waitForDialog()).rules, ["duplicate-send"]);
    await clickInDialog("[data-action=back]");

    const options = await ext.context.newPage();
    try {
      await options.goto(`${ext.origin}/options/options.html`);
      await options.waitForSelector('body[data-ready="settings"], body[data-ready="all"]', { timeout: 60000 });
      await options.waitForFunction(() => document.querySelector("#history-count").dataset.count === "1");
      await options.click("#history-clear");
      await options.waitForFunction(() => document.querySelector("#history-count").dataset.count === "0");
      const status = await options.textContent("#history-status");
      assert.ok([NL, EN].some((m) => status === m.optionsHistoryCleared.message.replace("$COUNT$", "1")), status);
      assert.deepEqual(await options.evaluate(() => chrome.storage.local.get("sendHistory")), {}, "nothing is left in storage.local");
    } finally {
      await options.close();
    }
    await page.click("#send");
    await until(async () => (await outbox()).length === 2, "the re-send");
    await page.waitForTimeout(QUIET_MS);
    assert.equal(await gateDialog(), null, "no duplicate-send any more");
    assert.deepEqual(await outbox(), ["click", "click"]);
  });
});

describe("the options page's settings (shared/settings.js, storage.sync)", () => {

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

describe("a quick fix from the send dialog in TinyMCE (its API in the page's world)", () => {
  test("'Insert footer' in the dialog goes into TinyMCE's undo history; the dialog updates; undo restores the draft", async () => {
    await open("tinymce");
    const content = () => page.evaluate(() => tinymce.activeEditor.getContent());
    const before = await content();
    await page.click("#send");
    const held = await waitForDialog();
    assert.equal(held.fixes["unsubscribe-missing"], "footer", JSON.stringify(held.fixes));
    await clickInDialog("li[data-rule=unsubscribe-missing] button[data-action=fix]");
    const after = await dialogAfterFix();
    assert.equal(after.state, "held", "webmail: the footer's marker link is still to be replaced");
    assert.match(await content(), /\[(AFMELDLINK|UNSUBSCRIBE-LINK)\]/, "the footer is in TinyMCE's content");
    assert.equal(await page.evaluate(() => tinymce.activeEditor.undoManager.hasUndo()), true, "in TinyMCE's undo history");
    await clickInDialog("[data-action=back]");
    await page.evaluate(() => tinymce.activeEditor.undoManager.undo());
    assert.equal(await content(), before);
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [], "a fix never sends");
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
