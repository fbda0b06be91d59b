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
import { clickInGateDialog, readGateDialog, waitForGateDialog } from "./gate-dialog.mjs";

const GOOD = JSON.parse(readFileSync(join(ROOT, "examples", "nieuwsbrief-in-orde.json"), "utf-8")).draft;
const GOOD_HTML = /<body[^>]*>([\s\S]*)<\/body>/.exec(GOOD.html)[1];
const messages = (locale) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", locale, "messages.json"), "utf-8"));
const NL = messages("nl");
const EN = messages("en");
/** The message `key` in either language (the gate speaks the browser's language). */
const either = (key) => [NL[key].message, EN[key].message];
// An organisation profile: the footer the quick fix inserts then carries name, address and phone.
const PROFILE = { name: "Bakkerij De Korenaar", address: "Dorpsstraat 1, 1234 AB Ons Dorp", phone: "+31 20 123 4567", website: "www.bakkerijdekorenaar.nl" };
// Issue 11: the address of the sender's own unsubscribe page, for webmail (no merge tag fills a
// link there): with it the footer's link is a working one, never a "[AFMELDLINK]" placeholder.
const UNSUBSCRIBE = "https://www.bakkerijdekorenaar.nl/afmelden";
const FULL_PROFILE = { ...PROFILE, unsubscribe: UNSUBSCRIBE };
/** The rules whose fix is the footer (the quick-fix module's FOOTER_RULES). */
const FOOTER_RULES = ["unsubscribe-missing", "reason-missing", "contact-missing", "postal-address-missing"];
/** A bracketed placeholder such as "[AFMELDLINK]" or "[naam van uw organisatie]". */
const PLACEHOLDER = /\[[^\]<>\n]{2,60}\]/;
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

/** The gate's dialog (gate-dialog.mjs readGateDialog), or null. */
const gateDialog = () => readGateDialog(page);
const waitForDialog = () => waitForGateDialog(page);
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
const clickInDialog = (selector) => clickInGateDialog(page, selector);

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
  test("one 'Insert footer' in the dialog fixes every footer finding at once: the draft is checked again, the dialog shows what is left; undo takes it back", async () => {
    try {
      await setSettings({ version: 1, org: FULL_PROFILE });
      await open();
      const before = await editorHtml();
      await page.click("#send");
      const held = await waitForDialog();
      assert.equal(held.state, "held");
      const footerFindings = held.rules.filter((r) => FOOTER_RULES.includes(r));
      assert.ok(footerFindings.length >= 2, `several findings share the footer fix: ${held.rules}`);
      assert.equal(held.footerFixes, 1, "one 'Insert footer' for all of them, not one per finding");
      const label = await page.locator("mailwacht-root .gate-dialog button[data-fix=footer]").textContent();
      assert.ok(either("contentFixFooter").some((l) => label.startsWith(l)), `the card's own label: ${label}`);
      // Keyboard: from "Back to the draft", Tab reaches "Send anyway" and then the first fix button.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      assert.equal((await gateDialog()).focused, "fix");
      await clickInDialog("button[data-action=fix][data-fix=footer]");
      const after = await dialogAfterFix();
      for (const rule of [...FOOTER_RULES, "unsubscribe-broken"]) assert.ok(!after.rules.includes(rule), `${rule} is gone: ${after.rules}`);
      assert.equal(after.form.length, 0, "a complete profile asks nothing");
      assert.equal(after.footerFixes, 0, `the footer is not offered a second time`);
      assert.ok(either("contentFixFooter").some((l) => after.status.includes(l)), `the status names the fix: ${after.status}`);
      const html = await editorHtml();
      assert.ok(html.includes(`href="${UNSUBSCRIBE}"`), "webmail: the footer links to the profile's own unsubscribe page");
      assert.doesNotMatch(html, PLACEHOLDER, "no [placeholder] in the draft");
      assert.match(html, /Dorpsstraat 1/);
      assert.deepEqual(await outbox(), [], "a fix never sends");
      await clickInDialog("[data-action=back]");
      assert.equal(await gateDialog(), null);
      // The fix went through the browser's editing commands: its undo takes the footer out again.
      await page.evaluate(() => document.execCommand("undo"));
      await until(async () => (await editorHtml()) === before, "undo to restore the draft");
      await page.waitForTimeout(QUIET_MS);
      assert.deepEqual(await outbox(), []);
    } finally {
      await clearSettings();
    }
  });

  test("with an empty profile 'Insert footer' first asks for what is missing (an inline form that saves to the profile); the footer then has no [placeholder]", async () => {
    try {
      await clearSettings();
      await open();
      const before = await editorHtml();
      await page.click("#send");
      const held = await waitForDialog();
      assert.equal(held.footerFixes, 1);
      await clickInDialog("button[data-action=fix][data-fix=footer]");
      const asked = await until(async () => {
        const d = await gateDialog();
        return d && d.form.length && d;
      }, "the profile form in the dialog");
      assert.deepEqual([...asked.form].sort(), ["address", "contact", "name", "unsubscribe"], "webmail: name, address, contact and the unsubscribe page are asked");
      assert.equal(await editorHtml(), before, "nothing is inserted before the form is filled");
      const form = "mailwacht-root .gate-dialog form[data-mailwacht=profile-form]";
      assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.activeElement?.name), "name", "focus on the form's first field");
      // Submitted empty: the browser's own validation keeps it, nothing is inserted.
      await page.locator(`${form} button[type=submit]`).click();
      await page.waitForTimeout(300);
      assert.equal(await editorHtml(), before);
      await page.fill(`${form} input[name=name]`, PROFILE.name);
      await page.fill(`${form} input[name=address]`, PROFILE.address);
      await page.fill(`${form} input[name=contact]`, PROFILE.phone);
      await page.fill(`${form} input[name=unsubscribe]`, UNSUBSCRIBE);
      await page.locator(`${form} button[type=submit]`).click();
      const after = await dialogAfterFix();
      for (const rule of [...FOOTER_RULES, "unsubscribe-broken"]) assert.ok(!after.rules.includes(rule), `${rule} is gone: ${after.rules}`);
      assert.equal(after.form.length, 0, "the form is gone");
      const html = await editorHtml();
      assert.doesNotMatch(html, PLACEHOLDER, "no [placeholder] in the draft");
      assert.ok(html.includes(PROFILE.name) && html.includes("Dorpsstraat 1") && html.includes("123 4567") && html.includes(`href="${UNSUBSCRIBE}"`), html);
      // The footer speaks the draft's language (Dutch here), whatever the interface's (py_core/language.py).
      assert.match(html, />Afmelden<\/a>/, "a Dutch footer in a Dutch draft");
      assert.doesNotMatch(html, /Unsubscribe/);
      const stored = (await (await ext.page()).evaluate(() => chrome.storage.sync.get("settings"))).settings;
      assert.equal(stored.org.name, PROFILE.name, "saved to the profile");
      assert.equal(stored.org.address, PROFILE.address);
      assert.equal(stored.org.phone, PROFILE.phone, "a phone number goes to the profile's phone");
      assert.equal(stored.org.unsubscribe, UNSUBSCRIBE);
      assert.deepEqual(await outbox(), [], "a fix never sends");
      await clickInDialog("[data-action=back]");

      // A profile with a website but no address: only the address is asked (the unsubscribe page is known now).
      await setSettings({ version: 1, org: { name: PROFILE.name, website: PROFILE.website, unsubscribe: UNSUBSCRIBE } });
      await open();
      await page.click("#send");
      await waitForDialog();
      await clickInDialog("button[data-action=fix][data-fix=footer]");
      const partial = await until(async () => {
        const d = await gateDialog();
        return d && d.form.length && d;
      }, "the profile form for the one missing field");
      assert.deepEqual(partial.form, ["address"]);
      await clickInDialog("[data-action=back]");
    } finally {
      await clearSettings();
    }
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
      assert.ok(held.rules.filter((r) => FOOTER_RULES.includes(r)).length >= 3, JSON.stringify(held));
      assert.equal(held.footerFixes, 1, JSON.stringify(held));
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

describe("issue 11: the send dialog opens at its top, in Mailwacht's language", () => {
  /** `selector`'s box (Playwright's boundingBox, through the shadow root) lies inside the viewport and inside the dialog's visible box. */
  async function assertInView(selector, what) {
    const viewport = page.viewportSize();
    const box = await page.locator(`mailwacht-root .gate-dialog ${selector}`).first().boundingBox();
    const dialog = await page.locator("mailwacht-root .gate-dialog").boundingBox();
    assert.ok(box && dialog, `${what} is rendered`);
    const inside = (b, o) => b.x >= o.x - 0.5 && b.y >= o.y - 0.5 && b.x + b.width <= o.x + o.width + 0.5 && b.y + b.height <= o.y + o.height + 0.5;
    assert.ok(inside(box, { x: 0, y: 0, ...viewport }), `${what} inside the ${viewport.width}x${viewport.height} viewport: ${JSON.stringify(box)}`);
    assert.ok(inside(box, dialog), `${what} inside the dialog's visible area (not scrolled away): ${JSON.stringify(box)} in ${JSON.stringify(dialog)}`);
  }

  for (const size of [
    { width: 1280, height: 800 },
    { width: 400, height: 800 },
  ]) {
    test(`at ${size.width}x${size.height}: the title, the counts and the first finding are in view when it opens; focus on 'Back to the draft', in view too`, async () => {
      await page.setViewportSize(size);
      try {
        await open();
        await page.click("#send");
        const dialog = await waitForDialog();
        assert.ok(dialog.rules.length >= 3, `${dialog.rules}`);
        await assertInView("h2", "the title");
        await assertInView("#mailwacht-gate-summary", "the counts");
        await assertInView("> ul > li[data-rule]", "the first finding");
        assert.equal(dialog.focused, "back", "focus as before: 'Back to the draft'");
        await assertInView("[data-action=back]", "the focused button");
        await assertInView("[data-action=send]", "'Send anyway'");
        if (size.width === 400) {
          const scrolls = await page.evaluate(() => {
            const d = document.querySelector("mailwacht-root").shadowRoot.querySelector(".gate-dialog");
            return d.scrollHeight > d.clientHeight + 1;
          });
          assert.ok(scrolls, "at 400 px the dialog is taller than the window (what this test is about)");
        }
        await clickInDialog("[data-action=back]");
      } finally {
        await page.setViewportSize({ width: 1280, height: 720 });
      }
    });
  }

  test("the dialog's words follow Mailwacht's language setting, not the browser's; counts in correct plurals", async () => {
    const ui = await (await ext.page()).evaluate(() => chrome.i18n.getUILanguage());
    // The browser speaks one language (Chromium here: English); the setting chooses the other first.
    const first = ui.toLowerCase().startsWith("nl") ? "en" : "nl";
    const want = {
      nl: { m: NL, counts: ["2 fouten", "1 waarschuwing"] },
      en: { m: EN, counts: ["2 errors", "1 warning"] },
    };
    try {
      for (const locale of [first, first === "nl" ? "en" : "nl"]) {
        const { m, counts } = want[locale];
        await setSettings({ version: 1, locale });
        await open();
        await page.waitForTimeout(500); // the settings reach the gate
        await page.click("#send");
        const d = await until(async () => {
          const x = await gateDialog();
          return x && x.title === m.gateTitleErrors.message && x;
        }, `the dialog in ${locale} (browser: ${ui})`);
        assert.equal(d.send, m.gateSendAnyway.message);
        assert.equal(d.severities.filter((s) => s === "error").length, 2, `${d.rules}`);
        assert.equal(d.severities.filter((s) => s === "warning").length, 1, `${d.rules}`);
        for (const c of counts) assert.ok(d.summary.includes(c), `'${c}' in: ${d.summary}`);
        assert.doesNotMatch(d.summary, /\((en|s)\)/, "no 'fout(en)' or 'error(s)'");
        const label = await page.locator("mailwacht-root .gate-dialog button[data-fix=footer]").textContent();
        assert.ok(label.startsWith(m.contentFixFooter.message), label);
        const severity = await page.locator("mailwacht-root .gate-dialog > ul > li[data-rule] .sev").first().textContent();
        assert.equal(severity, m.gateSeverity_error.message);
        await clickInDialog("[data-action=back]");
      }
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
      // One send: the singular form where the language has one (t.plural, options/i18n.js).
      assert.ok([NL, EN].some((m) => status === (m.optionsHistoryCleared_one || m.optionsHistoryCleared).message.replace("$COUNT$", "1")), status);
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
    try {
      await setSettings({ version: 1, org: FULL_PROFILE });
      await open("tinymce");
      const content = () => page.evaluate(() => tinymce.activeEditor.getContent());
      const before = await content();
      await page.click("#send");
      const held = await waitForDialog();
      assert.equal(held.footerFixes, 1, JSON.stringify(held));
      await clickInDialog("button[data-action=fix][data-fix=footer]");
      const after = await dialogAfterFix();
      for (const rule of [...FOOTER_RULES, "unsubscribe-broken"]) assert.ok(!after.rules.includes(rule), `${rule} is gone: ${after.rules}`);
      const fixed = await content();
      assert.ok(fixed.includes(UNSUBSCRIBE), "the footer is in TinyMCE's content, with the profile's unsubscribe page");
      assert.doesNotMatch(fixed, PLACEHOLDER);
      assert.equal(await page.evaluate(() => tinymce.activeEditor.undoManager.hasUndo()), true, "in TinyMCE's undo history");
      await clickInDialog("[data-action=back]");
      await page.evaluate(() => tinymce.activeEditor.undoManager.undo());
      assert.equal(await content(), before);
      await page.waitForTimeout(QUIET_MS);
      assert.deepEqual(await outbox(), [], "a fix never sends");
    } finally {
      await clearSettings();
    }
  });
});

describe("an engine that hangs", () => {
  test("after a few seconds the user is told the check could not run, and the page's send goes on", async () => {
    await open();
    // The engine worker dies quietly and the host waits a minute for its answer to a ping: the
    // engine hangs as a stuck worker would. The gate must not wait for it (gate.js CHECK_TIMEOUT_MS).
    // No spare worker may answer instead: an earlier check that ran past LIMITS.pressureMs (a busy
    // machine) leaves one for a minute, and it would take the send (engine/host.js).
    const limits = await ext.evaluateInOffscreen("JSON.stringify(globalThis.mailwacht.host.limits)");
    await ext.allowSpare(false);
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
      await ext.allowSpare(true);
      await ext.send({ kind: "engine:restart" });
      await ext.waitForEngine();
    }
  });
});
