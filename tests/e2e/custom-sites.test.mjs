/**
 * End-to-end: the user's own sites (options page "Add a site"; background/custom-sites.js) in
 * Chromium. A company's own webmail at its own address is not in manifest.json's content_scripts;
 * once added on the options page, the background registers the manifest's two content-script groups
 * for it (scripting.registerContentScripts) and the marks and the send gate run there.
 *
 * The test copy of dist/chrome (editor-contract.mjs testExtension, contentScripts: false) has
 * http://127.0.0.1/* as a host permission already granted (in host_permissions) but in NO content
 * script's matches: nothing of Mailwacht runs on the test pages until the site is added. Because
 * the host is already granted, `permissions.request` resolves true without a prompt here (a
 * headless browser cannot click one); a real user sees the browser's permission prompt at that
 * point. For the same reason "Remove" cannot take the permission away in this copy (Chromium
 * refuses to remove a required host): what this test proves on removal is that the stored site
 * and the registered scripts go, and that a page loaded afterwards gets nothing.
 *
 * Then the real thing: a Roundcube 1.6 at its own address (tests/e2e/roundcube/stack.mjs: Dovecot,
 * php -S, an SMTP sink; it needs the packages .ci/run installs and fails with the install command
 * otherwise, as gate-roundcube.test.mjs does) is added the same way; Roundcube's adapter reads the
 * compose page and the gate holds its real Send button: nothing reaches the sink.
 *
 * The last test does the same in Firefox (Debian's firefox-esr, a test copy of dist/firefox with the
 * same host only granted; firefox.mjs launchFirefox as in firefox-pages.test.mjs, whose header explains the
 * pinned UUID and --remote-allow-system-access): there the background page registers the scripts
 * (Firefox's getManifest() gives full URLs, which registerContentScripts refuses: the background
 * turns them into root paths).
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT, launchExtension, startServer } from "./harness.mjs";
import { overlayState, testExtension, until } from "./editor-contract.mjs";
import { readGateDialog } from "./gate-dialog.mjs";
import { SKIP_WITHOUT_FIREFOX, launchFirefox, openExtensionPage } from "./firefox.mjs";
import { fillDraft, login, openCompose as openRoundcubeCompose, startRoundcube } from "./roundcube/stack.mjs";

const messages = (locale) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", locale, "messages.json"), "utf-8"));
const NL = messages("nl");
const EN = messages("en");
const PATTERN = "http://127.0.0.1/*";
// How long a page is given to show something that must not come (no Mailwacht on it); the positive
// cases wait on conditions, never on time.
const QUIET_MS = 2500;

let copy;
let ext;
let site;
let options;

/** The message `key` in either language with $1 filled in (the page speaks the settings' locale). */
const either = (key, sub) => [NL, EN].map((m) => m[key].message.replace(/\$[A-Z]+\$/, sub));

before(async () => {
  copy = testExtension(undefined, { contentScripts: false });
  ext = await launchExtension({ extensionPath: copy.path });
  await ext.waitForEngine();
  site = await startServer({ root: join(ROOT, "tests", "e2e", "gate-pages") });
});

after(async () => {
  await ext?.close();
  copy?.remove();
  await site?.close();
});

/** The content scripts the background registered (ours start with "mailwacht-site:"). */
const registered = async () => (await ext.page()).evaluate(() => chrome.scripting.getRegisteredContentScripts());
const storedSettings = async () => (await ext.page()).evaluate(() => chrome.storage.sync.get("settings").then((r) => r.settings || {}));

async function openOptions() {
  const page = await ext.context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  await page.goto(`${ext.origin}/options/options.html`);
  await page.waitForSelector('body[data-ready="settings"], body[data-ready="all"]', { timeout: 60000 });
  return page;
}

/** Type `text` into "Add a site", press the button, and wait for the page's answer. */
async function addSite(page, text) {
  const before = await page.evaluate(() => document.body.dataset.sites || "");
  await page.fill("#site-add-input", text);
  await page.click("#site-add");
  await page.waitForFunction((b) => (document.body.dataset.sites || "") !== b, before, { timeout: 20000 });
  return page.textContent("#site-add-status");
}

/** A fresh tab on the test compose page (gate-pages/compose.html: own send button, window.outbox). */
async function openCompose() {
  const page = await ext.context.newPage();
  await page.goto(site.url("compose.html"));
  await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
  return page;
}

/** The gate's dialog's rule ids in `page` (every listed item: gate-dialog.mjs), or null while there is none. */
const dialogRules = async (page) => (await readGateDialog(page))?.listed ?? null;

test("before a site is added, nothing of Mailwacht runs on the test host", async () => {
  assert.deepEqual(await registered(), []);
  const page = await openCompose();
  await page.waitForTimeout(QUIET_MS);
  assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root")), null);
  await page.close();
});

test("the options page refuses what is no web address and sites Mailwacht already knows", async () => {
  options = await openOptions();
  assert.ok(either("optionsSitesAddInvalid", "not a site").includes(await addSite(options, "not a site")));
  assert.ok(either("optionsSitesAddInvalid", "ftp://files.example.nl").includes(await addSite(options, "ftp://files.example.nl")));
  assert.ok(either("optionsSitesAddKnown", "mail.google.com").includes(await addSite(options, "https://mail.google.com/mail/u/0/")));
  assert.equal((await storedSettings()).customSites, undefined, "nothing stored");
  assert.deepEqual(await registered(), []);
});

test("adding the test page's origin stores the pattern and registers the manifest's two script groups", async () => {
  const origin = new URL(site.url("")).origin; // http://127.0.0.1:<port>
  const status = await addSite(options, origin);
  assert.ok(either("optionsSitesAdded", "127.0.0.1").includes(status), status);
  assert.equal(await options.inputValue("#site-add-input"), "");
  // Normalised: scheme and host, every port and path (a match pattern has no port).
  assert.deepEqual((await storedSettings()).customSites, [PATTERN]);
  const row = options.locator(`#site-list .site-row[data-own="true"][data-site="${PATTERN}"]`);
  assert.equal(await row.count(), 1, "the site is listed with the built-in ones");
  assert.equal(await row.locator("input[type=checkbox]").isChecked(), true);
  assert.equal(await row.locator(".site-remove").count(), 1);

  const manifest = JSON.parse(readFileSync(join(copy.path, "manifest.json"), "utf-8"));
  const scripts = (await registered()).sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual(
    scripts.map((s) => ({ id: s.id, matches: s.matches, js: s.js, runAt: s.runAt })),
    manifest.content_scripts.map((group, i) => ({ id: `mailwacht-site:${i}:${PATTERN}`, matches: [PATTERN], js: group.js, runAt: group.run_at })),
    "the same file lists and run_at as the manifest's groups",
  );
  assert.ok(scripts.every((s) => s.persistAcrossSessions !== false), "kept across browser restarts");
  // The same site twice is refused.
  assert.ok(either("optionsSitesAddKnown", "127.0.0.1").includes(await addSite(options, `${origin}/other/path`)));
});

test("on the added site the marks appear and the send gate holds a non-compliant send", async () => {
  const page = await openCompose();
  const state = await until(async () => {
    const s = await overlayState(page);
    return s.layers.length && s.layers[0].checks > 0 && s.marks.length ? s : null;
  }, "the overlay's layer with a check's marks", 60000);
  assert.equal(state.host, true);
  await page.click("#send");
  const dialog = await until(() => dialogRules(page), "the gate's dialog in <mailwacht-root>");
  assert.ok(dialog.includes("unsubscribe-missing"), `${dialog}`);
  await page.waitForTimeout(800);
  assert.deepEqual(await page.evaluate(() => window.outbox), [], "the page's own send did not run");
  await page.close();
});

test("scripts the browser lost are registered again by the background (sites:sync)", async () => {
  const ids = (await registered()).map((s) => s.id);
  await (await ext.page()).evaluate((list) => chrome.scripting.unregisterContentScripts({ ids: list }), ids);
  assert.deepEqual(await registered(), []);
  const reply = await ext.send({ kind: "sites:sync" });
  assert.deepEqual(reply, { ok: true, result: { registered: [PATTERN], waiting: [] } });
  assert.deepEqual((await registered()).map((s) => s.id).sort(), ids.sort());
});

test("removing the site unregisters its scripts: a page loaded afterwards gets no marks", async () => {
  const before = await options.evaluate(() => document.body.dataset.sites || "");
  await options.click(`#site-list .site-row[data-site="${PATTERN}"] .site-remove`);
  await options.waitForFunction((b) => (document.body.dataset.sites || "") !== b, before, { timeout: 20000 });
  assert.ok(either("optionsSitesRemoved", "127.0.0.1").includes(await options.textContent("#site-add-status")));
  assert.equal(await options.locator(`#site-list .site-row[data-site="${PATTERN}"]`).count(), 0);
  assert.deepEqual((await storedSettings()).customSites, []);
  assert.deepEqual(await registered(), []);
  const page = await openCompose();
  await page.waitForTimeout(QUIET_MS);
  assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root")), null);
  await page.close();
  assert.deepEqual(options.errors, []);
});

test("a real Roundcube at its own address, added as a site: its adapter reads the draft and the gate holds Send", async () => {
  const rc = await startRoundcube({ htmlEditor: false });
  const page = await ext.context.newPage();
  try {
    await page.setViewportSize({ width: 1280, height: 900 }); // Roundcube's elastic skin: desktop layout
    assert.ok(either("optionsSitesAdded", "127.0.0.1").includes(await addSite(options, new URL(rc.url).origin)));
    await login(page, rc);
    await openRoundcubeCompose(page, rc, { html: false });
    await fillDraft(page, {
      to: ["klant@example.org"],
      subject: "Weekactie",
      // A newsletter by its web-version line (issue 10): without it the one-recipient note with no
      // From identity is personal mail, on which no bulk-mail rule holds a send.
      text: "Bekijk deze nieuwsbrief in je browser.\n\nBeste klant,\n\nAlleen deze week: 50% korting op alle broden! Bestel nu via onze webwinkel.\n\nGroeten",
    });
    const layer = await until(async () => (await overlayState(page)).layers.find((l) => l.checks > 0), "Mailwacht's layer on the compose page", 60000);
    assert.equal(layer.platform, "roundcube", "the Roundcube adapter recognised the page");
    const sent = rc.sink.count();
    await page.click(".formbuttons button.btn.btn-primary.send");
    const rules = await until(() => dialogRules(page), "the gate's dialog in <mailwacht-root>");
    assert.ok(rules.includes("unsubscribe-missing"), `${rules}`);
    await page.waitForTimeout(1500); // Roundcube delivers to the sink in ~100 ms here
    assert.equal(rc.sink.count(), sent, "the held send did not reach the SMTP sink");
  } finally {
    await page.close();
    await rc.stop();
  }
});

test("Firefox: an added site gets the marks and the gate; removed, its scripts are gone", { skip: SKIP_WITHOUT_FIREFOX }, async () => {
  const ffManifest = JSON.parse(readFileSync(join(ROOT, "dist", "firefox", "manifest.json"), "utf-8"));
  const firefox = await launchFirefox({ pagesUuid: "6d61696c-7761-4368-b874-6573742d6667", contentScripts: false });
  try {
    const opt = await firefox.newPage();
    // Not awaited as a load (see firefox-pages.test.mjs): polled until the page says it is ready.
    await openExtensionPage(opt, firefox.origin, "options/options.html", () => Boolean(document.body.dataset.ready), { what: "the options page", timeoutMs: 90000 });
    const ours = () => opt.evaluate(() => browser.scripting.getRegisteredContentScripts().then((l) => l.filter((s) => s.id.startsWith("mailwacht-site:"))));
    assert.deepEqual(await ours(), []);
    const stamp = () => opt.evaluate(() => document.body.dataset.sites || "");
    let before = await stamp();
    await opt.type("#site-add-input", new URL(site.url("")).origin);
    await opt.click("#site-add");
    await until(async () => (await stamp()) !== before, "the page's answer", 20000);
    assert.ok(either("optionsSitesAdded", "127.0.0.1").includes(await opt.evaluate(() => document.querySelector("#site-add-status").textContent)));
    const scripts = (await ours()).sort((a, b) => a.id.localeCompare(b.id));
    assert.deepEqual(
      scripts.map((s) => ({ id: s.id, runAt: s.runAt, js: s.js.map((f) => f.replace(/^\/+/, "")) })),
      ffManifest.content_scripts.map((g, i) => ({ id: `mailwacht-site:${i}:${PATTERN}`, runAt: g.run_at, js: g.js })),
    );

    const page = await firefox.newPage();
    await page.goto(site.url("compose.html"));
    await until(async () => (await overlayState(page)).marks.length > 0, "the marks", 90000);
    await page.click("#send");
    const rules = await until(() => dialogRules(page), "the gate's dialog in <mailwacht-root>");
    assert.ok(rules.includes("unsubscribe-missing"), `${rules}`);
    assert.deepEqual(await page.evaluate(() => window.outbox), [], "the page's own send did not run");

    before = await stamp();
    await opt.evaluate(() => document.querySelector('#site-list .site-row[data-own="true"] .site-remove').click());
    await until(async () => (await stamp()) !== before, "the page's answer", 20000);
    assert.deepEqual(await ours(), []);
    const later = await firefox.newPage();
    await later.goto(site.url("compose.html"));
    await later.waitForFunction(() => window.editorReady === true, { timeout: 30000 });
    await new Promise((r) => setTimeout(r, QUIET_MS));
    assert.equal(await later.evaluate(() => document.querySelector("mailwacht-root")), null);
  } finally {
    await firefox.close();
  }
});
