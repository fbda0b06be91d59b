/**
 * End-to-end: the two systems the guidelines come from, Tripolis Dialogue and Carerix (issue 17),
 * with the real built extension at their REAL https addresses. Their pages cannot be loaded here
 * (no internet, no accounts): stand-ins (tests/e2e/pages/sites/tripolis.html, carerix.html, each
 * header saying what is confirmed and what is assumed) are served at those addresses through
 * Playwright's request interception, as sites.test.mjs does, so the manifest's content scripts
 * (marks at document_idle, gate at document_start) run there as they would on the site.
 *
 * Tripolis (extension/sites/tripolis.js): the marks carry platform "tripolis" (its FreeMarker
 * ${contact.name} and [view_online=…] are its own, not unresolved; the From name is read from
 * #fromName); a draft without an unsubscribe link passes the wizard's first #submitNext and is
 * held at the final one (after #confirmMailing); with #sendOption2 the dialog says "Schedule
 * anyway"; the test wizard's final press goes through unheld; and the same stand-in served as the
 * preview page (where Tripolis' QA suite opens the wizard; the e-mail in an iframe, assumed)
 * has its e-mail read there and held at the final press.
 * Carerix (extension/sites/carerix.js): [Generate e-mails] is held when something is wrong and
 * passes when nothing is; the test [send] next to "E-mail address for test" is never held; a
 * second generate within Carerix's queue window raises duplicate-send worded for the queue.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT } from "./harness.mjs";
import { launchForEditors, until } from "./editor-contract.mjs";
import { readGateDialog } from "./gate-dialog.mjs";
import { serveStandIns } from "./stand-ins.mjs";

// Long enough for a send the gate let through to have been recorded by the page.
const QUIET_MS = 800;
// gate/gate.js SETTLE_MS: presses this soon after a replay are swallowed, not checked.
const SETTLE_MS = 2500;

const SITES = {
  tripolis: "https://td43.tripolis.com/dialogue/content/directemails/editHtml.html",
  carerix: "https://demo.carerix.net/",
};
const PREVIEW = "https://td43.tripolis.com/dialogue/content/directemails/preview.html";

let ext;
let page;

before(async () => {
  ext = await launchForEditors();
  await serveStandIns(ext.context, SITES);
  page = await ext.context.newPage();
});

after(async () => {
  await ext?.close();
});

/** Open a stand-in afresh (no send history) and wait for its one checked editor layer. */
async function open(url) {
  await (await ext.page()).evaluate(() => chrome.storage.local.remove("sendHistory"));
  await page.goto(url);
  return until(async () => {
    const found = await marks();
    return found.length === 1 && found[0].checks > 0 && found;
  }, `the checked editor layer on ${url}`);
}

/** Every layer the overlay draws: platform, adapter, checks and the rules of its marks. */
function marks() {
  return page.evaluate(() => {
    const root = document.querySelector("mailwacht-root")?.shadowRoot;
    if (!root) return [];
    return [...root.querySelectorAll(".layer")].map((layer) => ({
      platform: layer.dataset.platform,
      adapter: layer.dataset.adapter,
      checks: Number(layer.querySelector(".badge")?.dataset.checks || 0),
      rules: [...new Set([...layer.querySelectorAll("[data-rule]")].map((m) => m.dataset.rule))].sort(),
    }));
  });
}

/** The gate's dialog (gate-dialog.mjs): the rules it lists, those that hold the send, their text, and the send button's wording; or null. */
const dialog = async () => {
  const d = await readGateDialog(page);
  if (!d) return null;
  return {
    rules: d.listed,
    holding: d.listedItems.filter((i) => i.severity !== "review").map((i) => i.rule),
    text: d.listedItems.map((i) => i.text).join("\n"),
    send: d.send,
  };
};
const waitForDialog = () => until(dialog, "the gate's dialog", 20000);
const LOCALES = ["en", "nl"].map((l) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", l, "messages.json"), "utf-8")));
const wording = (key) => LOCALES.map((m) => m[key]?.message);
const outbox = () => page.evaluate(() => window.outbox.map((o) => `${o.how}@${o.where}`));
const sendAnyway = () => page.click('mailwacht-root [role="dialog"] [data-action=send]');

/** Nothing held: no dialog, and the page's own handler ran (`expected` is the outbox). */
async function passes(press, expected, what) {
  await press();
  await page.waitForTimeout(QUIET_MS);
  assert.equal(await dialog(), null, `${what}: not held`);
  assert.deepEqual(await outbox(), expected, `${what}: the page's own handler ran`);
}

describe("Tripolis Dialogue (stand-in at td43.tripolis.com/dialogue/)", () => {
  const HOST = "td43.tripolis.com";

  test("marks: platform tripolis, its FreeMarker and [view_online] are its own, #fromName is read", async () => {
    const [layer] = await open(SITES.tripolis);
    assert.equal(layer.platform, "tripolis");
    assert.equal(layer.adapter, "textarea", "#emailHtmlSourceTA");
    assert.ok(!layer.rules.includes("placeholder-unresolved"), `\${contact.name} is Tripolis' own: ${layer.rules}`);
    assert.ok(layer.rules.includes("unsubscribe-missing"), layer.rules.join());
    assert.ok(layer.rules.includes("sender-name-missing"), `From name 'Nieuwsbrief' read from #fromName: ${layer.rules}`);
  });

  test("no unsubscribe link: the wizard's first Next passes, the final press is held; 'Send anyway' publishes once", async () => {
    await open(SITES.tripolis);
    await page.click("#main-hd ul li:nth-child(2) a");
    await page.selectOption("#selectedContactGroup", "Nieuwsbrief");
    await page.check("#sendOption1");
    await passes(() => page.click("#submitNext"), [], "the wizard's first step");
    assert.equal(await page.isVisible("#confirmMailing"), true, "on the confirmation step");
    await page.check("#confirmMailing");
    await page.click("#submitNext");
    const shown = await waitForDialog();
    assert.ok(shown.rules.includes("unsubscribe-missing"), shown.rules.join());
    assert.ok(wording("gateSendAnyway").includes(shown.send), `a send: '${shown.send}'`);
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [], "held: Tripolis' own handler did not run");
    await sendAnyway();
    await until(async () => (await outbox()).length, "the publish after 'Send anyway'");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [`send@${HOST}`], "published exactly once");
    assert.equal(await page.isVisible("text=Publish email is finished"), true);
  });

  test("'Back to the draft' publishes nothing; an unticked confirmation is not a send", async () => {
    await open(SITES.tripolis);
    await page.click("#main-hd ul li:nth-child(2) a");
    await page.click("#submitNext");
    await passes(() => page.click("#submitNext"), [], "the final step without #confirmMailing ticked");
    await page.check("#confirmMailing");
    await page.click("#submitNext");
    await waitForDialog();
    await page.click('mailwacht-root [role="dialog"] [data-action=back]');
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), []);
  });

  test("schedule (#sendOption2): the final press is held and the dialog says 'Schedule anyway'", async () => {
    await open(SITES.tripolis);
    await page.click("#main-hd ul li:nth-child(2) a");
    await page.check("#sendOption2");
    await passes(() => page.click("#submitNext"), [], "the wizard's first step");
    await page.check("#confirmMailing");
    await page.click("#submitNext");
    const shown = await waitForDialog();
    assert.ok(wording("gateScheduleAnyway").includes(shown.send), `a schedule: '${shown.send}'`);
    await sendAnyway();
    await until(async () => (await outbox()).length, "the scheduled publish");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [`schedule@${HOST}`]);
  });

  test("from the preview page (no editor; the e-mail in an iframe, assumed): held at the final press", async () => {
    await (await ext.page()).evaluate(() => chrome.storage.local.remove("sendHistory"));
    await page.goto(PREVIEW);
    await until(() => page.evaluate(() => Boolean(document.querySelector("#previewFrame")?.contentDocument?.body?.textContent.trim())), "the preview");
    await page.click("#main-hd ul li:nth-child(2) a");
    await passes(() => page.click("#submitNext"), [], "the wizard's first step");
    await page.check("#confirmMailing");
    await page.click("#submitNext");
    const shown = await waitForDialog();
    assert.ok(shown.rules.includes("unsubscribe-missing"), `the previewed e-mail was checked: ${shown.rules}`);
    assert.ok(!shown.rules.includes("placeholder-unresolved"), shown.rules.join());
    await sendAnyway();
    await until(async () => (await outbox()).length, "the publish after 'Send anyway'");
    assert.deepEqual(await outbox(), [`send@${HOST}`]);
  });

  test("a wizard whose first step leaves the page (?ajaxSteps=1): schedule still known, final press held", async () => {
    await open(`${SITES.tripolis}?ajaxSteps=1`);
    await page.click("#main-hd ul li:nth-child(2) a");
    await page.check("#sendOption2");
    await passes(() => page.click("#submitNext"), [], "the wizard's first step");
    assert.equal(await page.$("#sendOption2"), null, "the first step is gone");
    await page.check("#confirmMailing");
    await page.click("#submitNext");
    const shown = await waitForDialog();
    assert.ok(wording("gateScheduleAnyway").includes(shown.send), `a schedule: '${shown.send}'`);
    await sendAnyway();
    await until(async () => (await outbox()).length, "the scheduled publish");
    assert.deepEqual(await outbox(), [`schedule@${HOST}`]);
  });

  test("the test wizard's final press goes through unheld", async () => {
    await open(SITES.tripolis);
    await page.click("#main-hd ul li:nth-child(3) a");
    assert.equal(await page.textContent("#wizardHeader"), "Publish test email");
    await passes(() => page.click("#submitNext"), [], "the test wizard's first step");
    await page.check("#confirmMailing");
    await passes(() => page.click("#submitNext"), [`test@${HOST}`], "the test send");
  });
});

describe("Carerix (stand-in at demo.carerix.net)", () => {
  const HOST = "demo.carerix.net";

  test("marks: platform carerix; the test [send] is never held, [Generate e-mails] of a sound mailing passes", async () => {
    const [layer] = await open(SITES.carerix);
    assert.equal(layer.platform, "carerix");
    await passes(() => page.click("#test"), [`test@${HOST}`], "the test [send]");
    await passes(() => page.click("#generate"), [`test@${HOST}`, `generate@${HOST}`], "[Generate e-mails] with nothing wrong");
  });

  test("[Generate e-mails] is held when something is wrong (no unsubscribe link); the test [send] still is not", async () => {
    await open(SITES.carerix);
    await page.evaluate(() => document.querySelector(".body a").remove());
    await until(async () => (await marks())[0]?.rules.includes("unsubscribe-missing"), "the marks after the edit");
    await passes(() => page.click("#test"), [`test@${HOST}`], "the test [send]");
    await page.click("#generate");
    const shown = await waitForDialog();
    assert.ok(shown.rules.includes("unsubscribe-missing"), shown.rules.join());
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [`test@${HOST}`], "held: Carerix's own handler did not run");
    await sendAnyway();
    await until(async () => (await outbox()).length === 2, "the generate after 'Send anyway'");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [`test@${HOST}`, `generate@${HOST}`], "generated exactly once");
  });

  test("a second generate within Carerix's queue window raises duplicate-send, worded for the queue", async () => {
    await open(SITES.carerix);
    await passes(() => page.click("#generate"), [`generate@${HOST}`], "the first generate");
    await page.waitForTimeout(SETTLE_MS);
    await page.click("#generate");
    const shown = await waitForDialog();
    // The only finding that holds it (the others the dialog lists are for review: no From name here).
    assert.ok(shown.rules.includes("duplicate-send"), shown.rules.join());
    assert.deepEqual(shown.holding, ["duplicate-send"]);
    // py_core/tables/sending.py: "every 3 minutes", at most 100 e-mails a time (nl or en wording).
    assert.match(shown.text, /Carerix (verstuurt de wachtrij elke|sends its queue every) 3 min/);
    await page.click('mailwacht-root [role="dialog"] [data-action=back]');
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [`generate@${HOST}`], "the second generate did not run");
  });
});
