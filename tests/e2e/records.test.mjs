/**
 * End-to-end, issue 16: the record of sends and the sender's confirmations, in the real built
 * extension (Chromium), on the local compose page of the gate tests (tests/e2e/gate-pages).
 *
 * 1. A mailing held at Send goes out with "Send anyway" and a one-line reason, one duty ticked in
 *    the dialog: the record in storage.local carries the findings (overridden, with the reason),
 *    the confirmation (who, from the profile) and no draft text; the popup exports it (HTML shows
 *    the findings, the override and its reason, the confirmations; the chain intact), and
 *    `python -m py_core verify` says intact on the exported JSON. Editing the stored record makes the
 *    popup's export say the chain is broken, and `verify` agrees (exit 1).
 * 2. A real managed-storage policy file (as tests/e2e/options.test.mjs: Chromium reads
 *    /etc/chromium/policies/managed/, extension settings under 3rdparty.extensions.<id>) with
 *    requireConfirmations and a preset duty: a compliant mailing is held until every duty is
 *    ticked; the preset one is not asked; then it goes out; the same list is not asked again, a
 *    changed list asks the list duties again.
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, describe, test } from "node:test";
import { POLICY_DIR, ROOT, launchExtension, policyWritable, startServer, unpackedId, venvPython } from "./harness.mjs";
import { testExtension, until } from "./editor-contract.mjs";
import { readGateDialog as dialogState } from "./gate-dialog.mjs";

const GOOD = JSON.parse(readFileSync(join(ROOT, "examples", "nieuwsbrief-in-orde.json"), "utf-8")).draft;
const GOOD_HTML = /<body[^>]*>([\s\S]*)<\/body>/.exec(GOOD.html)[1];
const REASON = "Lijst op 1 maart opnieuw bevestigd; afmeldlink staat in de ESP-footer";
// The compose page's draft text: none of it may be stored.
const BODY_TEXTS = ["Beste klant", "Alleen deze week", "50% korting op alle broden", "Bestel nu via onze webwinkel"];
const RECORDS_KEY = "mailwacht.records";

let site;
before(async () => {
  site = await startServer({ root: join(ROOT, "tests", "e2e", "gate-pages") });
});
after(async () => {
  await site?.close();
});

/** The extension with our own download folder (downloads land there under the popup's names). */
async function launch({ policy = null } = {}) {
  const downloads = mkdtempSync(join(tmpdir(), "mailwacht-rec-downloads-"));
  const profile = mkdtempSync(join(tmpdir(), "mailwacht-rec-profile-"));
  mkdirSync(join(profile, "Default"));
  writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false }, savefile: { default_directory: downloads } }));
  const copy = testExtension();
  let policyFile = null;
  if (policy) {
    policyFile = join(POLICY_DIR, `mailwacht-e2e-records-${process.pid}-${Date.now()}.json`);
    writeFileSync(policyFile, JSON.stringify({ "3rdparty": { extensions: { [unpackedId(copy.path)]: policy } } }));
  }
  const ext = await launchExtension({ extensionPath: copy.path, userDataDir: profile });
  const close = async () => {
    await ext.close();
    copy.remove();
    if (policyFile) rmSync(policyFile, { force: true });
    for (const dir of [downloads, profile]) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ext.waitForEngine(undefined, 180000);
    const session = await ext.cdp();
    await session.send("Browser.setDownloadBehavior", { behavior: "default" });
  } catch (err) {
    await close();
    throw err;
  }
  return { ext, close, downloads };
}


async function openCompose(ext) {
  const page = await ext.context.newPage();
  await page.goto(site.url("compose.html"));
  await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
  await until(() => page.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".layer"))), "the editor's layer");
  return page;
}


const storedRecords = async (ext) => (await (await ext.page()).evaluate((k) => chrome.storage.local.get(k), RECORDS_KEY))[RECORDS_KEY] || [];

async function tabIdOf(ext, url) {
  const sw = await ext.serviceWorker();
  const tabs = await sw.evaluate((u) => chrome.tabs.query({ url: u }), url.replace(/:\d+\//, "/"));
  const tab = tabs.find((t) => t.url === url);
  assert.ok(tab, `a tab shows ${url}`);
  return tab.id;
}

async function openPopup(ext, tabId) {
  const popup = await ext.context.newPage();
  popup.errors = [];
  popup.on("pageerror", (e) => popup.errors.push(e.message));
  await popup.goto(`${ext.origin}/popup/popup.html?tab=${tabId}`);
  await popup.waitForSelector("#records [data-mailwacht=records-count]", { timeout: 60000 });
  return popup;
}

/** Click a records export button in the popup; the file Chromium wrote, read back. */
async function exportRecords(popup, downloads, selector) {
  const before = await popup.evaluate(() => document.querySelector("#records").dataset.downloads || "");
  await popup.click(`#records ${selector}`);
  await popup.waitForFunction((b) => (document.querySelector("#records").dataset.downloads || "") !== b, before, { timeout: 60000 });
  const id = Number((await popup.evaluate(() => document.querySelector("#records").dataset.downloads)).split(",").pop().split(":")[1]);
  const item = await until(async () => {
    const [found] = await popup.evaluate((i) => chrome.downloads.search({ id: i }), id);
    return found && found.state === "complete" ? found : null;
  }, "the records download");
  assert.ok(item.filename.startsWith(downloads));
  return { name: basename(item.filename), path: item.filename, text: readFileSync(item.filename, "utf-8") };
}

const verifyCli = (path) => spawnSync(venvPython(), ["-m", "py_core", "verify", path], { cwd: ROOT, encoding: "utf-8" });

describe("a mailing sent anyway leaves a record the popup exports", () => {
  let run;
  before(async () => {
    run = await launch();
  });
  after(async () => {
    await run?.close();
  });

  test("record, popup export (HTML, JSON), verify; an edited record breaks the chain; no draft text stored", async () => {
    const { ext, downloads } = run;
    const setup = await ext.page();
    await setup.evaluate(() => chrome.storage.sync.set({ settings: { version: 1, personName: "Anna de Vries", locale: "en" } }));
    const page = await openCompose(ext);
    await page.click("#send");
    const dialog = await until(() => dialogState(page), "the gate's dialog", 30000);
    assert.equal(dialog.state, "held");
    assert.ok(dialog.rules.includes("unsubscribe-missing"), `${dialog.rules}`);
    assert.ok(dialog.dutiesShown && dialog.duties.some((d) => d.id === "tripolis-complaints"), "the duties not yet confirmed are listed");
    assert.ok(dialog.duties.some((d) => d.id === "tripolis-1" && d.scope === "list"), "consent for this list is a list duty");
    assert.ok(dialog.reasonShown, "the reason field for Send anyway");
    assert.equal(dialog.sendDisabled, false, "without policy neither duties nor a reason are required");
    const root = page.locator("mailwacht-root .gate-dialog");
    await root.locator('input[data-duty="tripolis-complaints"]').check();
    await root.locator("[data-mailwacht=override-reason]").fill(REASON);
    await root.locator("[data-action=send]").click();
    await until(() => page.evaluate(() => window.outbox.length), "the page's send");
    const records = await until(async () => {
      const r = await storedRecords(ext);
      return r.length ? r : null;
    }, "the record in storage.local");
    assert.equal(records.length, 1);
    const [rec] = records;
    assert.equal(rec.action, "sent-anyway");
    assert.equal(rec.reason, REASON);
    assert.equal(rec.seq, 1);
    assert.equal(rec.prev, "");
    assert.match(rec.hash, /^[0-9a-f]{64}$/);
    assert.equal(rec.draft.subject, "Weekactie");
    assert.match(rec.draft.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(rec.mail_kind, "mailing");
    const overridden = rec.findings.find((f) => f.rule === "unsubscribe-missing");
    assert.deepEqual([overridden.outcome, overridden.reason], ["overridden", REASON]);
    const confirmed = rec.confirmations.find((c) => c.id === "tripolis-complaints");
    assert.equal(confirmed.by, "Anna de Vries");
    assert.ok(rec.engine_version);

    // No draft text anywhere in the extension's storage.
    const stored = await setup.evaluate(async () =>
      JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.sync.get(null), await chrome.storage.session.get(null)]),
    );
    for (const text of BODY_TEXTS) assert.ok(!stored.includes(text), `"${text}" is not stored`);
    assert.ok(stored.includes(REASON), "the storage read is the real one (it holds the reason)");

    // The popup exports the record.
    const popup = await openPopup(ext, await tabIdOf(ext, page.url()));
    assert.equal(await popup.getAttribute("#records [data-mailwacht=records-count]", "data-chain"), "intact");
    const html = await exportRecords(popup, downloads, '[data-records-format="html"]');
    assert.match(html.name, /^mailwacht-records-.*\.html$/);
    assert.match(html.text, /data-chain="intact"/);
    assert.ok(html.text.includes(REASON), "the override's reason");
    assert.ok(html.text.includes("unsubscribe-missing") && /overridden with|overschreven met/.test(html.text), "the finding and its override");
    assert.ok(/sent anyway|toch verzonden/.test(html.text));
    assert.ok(html.text.includes('data-duty="tripolis-complaints"') && html.text.includes("Anna de Vries"), "the confirmation and who gave it");
    for (const text of BODY_TEXTS) assert.ok(!html.text.includes(text), `the export holds no draft text ("${text}")`);
    const json = await exportRecords(popup, downloads, '[data-records-format="json"]');
    assert.equal(JSON.parse(json.text).verification.intact, true);
    const good = verifyCli(json.path);
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /chain intact: 1 records/);
    await popup.close();

    // Edit the stored record: the popup's export says the chain is broken; verify agrees.
    await setup.evaluate(async (k) => {
      const got = await chrome.storage.local.get(k);
      got[k][0].reason = "Edited afterwards";
      await chrome.storage.local.set({ [k]: got[k] });
    }, RECORDS_KEY);
    const again = await openPopup(ext, await tabIdOf(ext, page.url()));
    assert.equal(await again.getAttribute("#records [data-mailwacht=records-count]", "data-chain"), "broken");
    const broken = await exportRecords(again, downloads, '[data-records-format="html"]');
    assert.match(broken.text, /data-chain="broken"/);
    assert.match(broken.text, /BROKEN|VERBROKEN/);
    const brokenJson = await exportRecords(again, downloads, '[data-records-format="json"]');
    assert.equal(JSON.parse(brokenJson.text).verification.intact, false);
    const bad = verifyCli(brokenJson.path);
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /BROKEN at record 1 of 1/);
    assert.deepEqual(again.errors, []);
    await again.close();
    await page.close();
  });
});

describe("policy requireConfirmations holds a mailing until the duties are confirmed", () => {
  let run;
  before(async () => {
    if (!policyWritable()) return;
    run = await launch({
      policy: {
        requireConfirmations: true,
        personName: "Policy Tester",
        org: { name: "Bakkerij De Korenaar" },
        presetConfirmations: { "carerix-provider": { by: "Juridische zaken", at: "2026-01-10" } },
      },
    });
  });
  after(async () => {
    await run?.close();
  });

  test("a compliant mailing waits for every duty; preset ones are not asked; a new list asks again", async (t) => {
    if (!run) {
      t.skip(`managed storage comes from Chromium policy files in ${POLICY_DIR}, which this user cannot write`);
      return;
    }
    const { ext } = run;
    const page = await openCompose(ext);
    await page.evaluate((html) => {
      document.getElementById("editor").innerHTML = html;
      document.querySelector("[name=subject]").value = "Het voorjaarsbrood is er weer";
    }, GOOD_HTML);
    await page.click("#send");
    const dialog = await until(() => dialogState(page), "the dialog for the confirmations", 30000);
    assert.equal(dialog.state, "clear", "nothing else holds this draft");
    assert.ok(dialog.duties.length > 5, `${dialog.duties.length} duties`);
    assert.ok(!dialog.duties.some((d) => d.id === "carerix-provider"), "a preset duty is not asked");
    assert.equal(dialog.sendDisabled, true, "Send waits for the confirmations");
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.outbox.length), 0, "held");
    const boxes = page.locator("mailwacht-root .gate-dialog .duties input[data-duty]");
    const count = await boxes.count();
    for (let i = 0; i < count - 1; i += 1) await boxes.nth(i).check();
    assert.equal((await dialogState(page)).sendDisabled, true, "one unticked duty still holds it");
    await boxes.nth(count - 1).check();
    assert.equal((await dialogState(page)).sendDisabled, false);
    await page.locator("mailwacht-root .gate-dialog [data-action=send]").click();
    await until(() => page.evaluate(() => window.outbox.length), "the send after the confirmations");
    const [rec] = await until(async () => ((await storedRecords(ext)).length ? storedRecords(ext) : null), "the record");
    assert.equal(rec.action, "sent");
    assert.ok(rec.confirmations.some((c) => c.id === "carerix-provider" && c.by === "Juridische zaken"), "the preset is in force");
    assert.ok(rec.confirmations.some((c) => c.id === "tripolis-1" && c.by === "Policy Tester"), "confirmed by the profile's person");

    // The same list: nothing asked (the duplicate-send history cleared first, once the gate has
    // written it and stopped swallowing presses after the send).
    await page.waitForTimeout(2600); // gate.js SETTLE_MS
    await (await ext.page()).evaluate(() => chrome.storage.local.remove("sendHistory"));
    await page.click("#send");
    await until(
      async () => (await page.evaluate(() => window.outbox.length === 2)) || ((await dialogState(page)) && Promise.reject(new Error(`asked again: ${JSON.stringify(await dialogState(page))}`))),
      "the second send goes out at once",
    );
    // Another list: only the list's duties are asked again.
    await page.waitForTimeout(2600); // gate.js SETTLE_MS
    await (await ext.page()).evaluate(() => chrome.storage.local.remove("sendHistory"));
    await page.fill("[name=to]", "andere-lijst@example.org");
    await page.click("#send");
    const third = await until(() => dialogState(page), "the dialog for the new list", 30000);
    assert.ok(third.duties.length > 0 && third.duties.every((d) => d.scope === "list"), JSON.stringify(third.duties));
    assert.equal(third.sendDisabled, true);
    assert.equal(await page.evaluate(() => window.outbox.length), 2);
    await page.close();
  });
});
