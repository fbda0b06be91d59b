/**
 * End-to-end in Firefox (Debian's firefox-esr with a test copy of dist/firefox, over WebDriver BiDi;
 * firefox.mjs launchFirefox): the extension's own pages, the toolbar popup and the options
 * page, as popup.test.mjs and options.test.mjs prove them in Chromium; and (issue 11) that the options
 * and welcome pages fit a 400 px window in Dutch and English (fit.mjs: no sideways scrolling, every
 * control inside the window and reachable).
 *
 * Opening an extension page: WebDriver BiDi refuses to navigate to moz-extension:// URLs
 * ("Navigation … is not allowed in this context": only http, https, file, blob and about:blank are
 * "webdriver-safe" in Firefox's remote agent) unless Firefox is started with
 * --remote-allow-system-access, which this test does (a flag of the test's remote-control
 * connection; the extension and its permissions are untouched). The add-on's internal UUID is
 * random per install, so the profile pins it (pref extensions.webextensions.uuids, keyed by the
 * gecko id). The navigation into the extension's process is not reported to Puppeteer as a load,
 * so pages are awaited by polling their own readiness marks (body[data-phase], body[data-ready]).
 *
 * The popup opens as a page of its own with `?tab=<id>` naming the draft's tab (in a tab of its
 * own "the active tab" would be the popup itself), as in popup.test.mjs; the id comes from
 * browser.tabs.query in an extension page. Downloads: the profile's download folder is a
 * temporary folder of the test's (browser.download.dir, folderList 2), the popup's export goes
 * through browser.downloads.download, browser.downloads.search tells where the file went, and the
 * file is read back and parsed here.
 */

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT, startServer } from "./harness.mjs";
import { until, waitForMark } from "./editor-contract.mjs";
import { SKIP_WITHOUT_FIREFOX as skip, downloadPrefs, launchFirefox, openExtensionPage } from "./firefox.mjs";
import { fitReport } from "./fit.mjs";

const EN = JSON.parse(readFileSync(join(ROOT, "extension", "_locales", "en", "messages.json"), "utf-8"));
// Pinned in the profile (extensions.webextensions.uuids) so the test knows the pages' origin.
const UUID = "6d61696c-7761-4368-b874-6573742d6666";
const ORIGIN = `moz-extension://${UUID}`;

let firefox;
let site;
let downloads;

before(async () => {
  if (skip) return;
  downloads = mkdtempSync(join(tmpdir(), "mailwacht-ff-downloads-"));
  firefox = await launchFirefox({ pagesUuid: UUID, prefs: downloadPrefs(downloads) });
  site = await startServer();
});

after(async () => {
  await firefox?.close();
  await site?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

/** Open an extension page of the add-on (firefox.mjs openExtensionPage: the load is polled, see the header). */
const openPage = (page, path, ready) => openExtensionPage(page, ORIGIN, path, ready);

const popupDone = () => ["done", "no-draft", "error"].includes(document.body.dataset.phase);

/** The tab id of the tab showing `url`, asked in an extension page. */
async function tabIdOf(extPage, url) {
  const tabs = await extPage.evaluate(() => browser.tabs.query({}).then((all) => all.map((t) => ({ id: t.id, url: t.url }))));
  const tab = tabs.find((t) => t.url === url);
  assert.ok(tab, `a tab shows ${url}: ${JSON.stringify(tabs)}`);
  return tab.id;
}

/** Click an export button in the popup; the downloaded file, read back: {name, text, mime}. */
async function exportAs(popup, format) {
  const before = await popup.evaluate(() => document.body.dataset.downloads || "");
  await popup.evaluate((f) => document.querySelector(`#export button[data-format="${f}"]`).click(), format);
  const after = await until(async () => {
    const now = await popup.evaluate(() => document.body.dataset.downloads || "");
    return now !== before ? now : null;
  }, `the ${format} export to start`, 30000);
  const id = Number(after.split(",").pop().split(":")[1]);
  const item = await until(async () => {
    const [found] = await popup.evaluate((i) => browser.downloads.search({ id: i }).then((r) => r.map((d) => ({ state: d.state, filename: d.filename, mime: d.mime }))), id);
    return found && found.state === "complete" ? found : null;
  }, `the ${format} download to complete`, 30000);
  assert.equal(dirname(item.filename), downloads, "saved into the test's download folder");
  return { name: item.filename.slice(downloads.length + 1), mime: item.mime, text: readFileSync(item.filename, "utf-8") };
}

test("Firefox: the popup checks the tab's draft, lists its findings, and exports summaries that parse and carry them", { skip }, async () => {
  const page = await firefox.newPage();
  const url = site.url("editors/contenteditable.html");
  await page.goto(url);
  await waitForMark(page, "consent-prechecked", 90000); // the content script checked it (a cold engine boot)
  const marks = await page.evaluate(() =>
    [...document.querySelector("mailwacht-root").shadowRoot.querySelectorAll("[data-rule][data-fingerprint]")].map((m) => m.dataset.fingerprint),
  );

  const popup = await firefox.newPage();
  // First without ?tab=: the popup's own tab is the active one, which holds no draft.
  await openPage(popup, "popup/popup.html", popupDone);
  assert.equal(await popup.evaluate(() => document.body.dataset.phase), "no-draft");
  const tabId = await tabIdOf(popup, url);
  await openPage(popup, `popup/popup.html?tab=${tabId}`, popupDone);
  assert.equal(await popup.evaluate(() => document.body.dataset.phase), "done", await popup.evaluate(() => document.body.textContent));
  const listed = await popup.evaluate(() =>
    [...document.querySelectorAll("li.finding")].map((li) => ({ rule: li.dataset.rule, severity: li.dataset.severity, fingerprint: li.dataset.fingerprint, group: li.closest(".group").dataset.severity })),
  );
  const rules = listed.map((f) => f.rule);
  assert.ok(rules.includes("unsubscribe-missing") && rules.includes("consent-prechecked"), rules.join(", "));
  for (const f of listed) assert.equal(f.group, f.severity, "listed under its severity");
  assert.deepEqual(new Set(listed.map((f) => f.fingerprint)), new Set(marks), "the popup and the marks agree on the findings");
  assert.match(await popup.evaluate(() => document.querySelector("#draft-info").textContent), /Nieuwsbrief november/);
  assert.match(await popup.evaluate(() => document.querySelector('li.finding[data-rule="unsubscribe-missing"] .basis').textContent), /Telecommunicatiewet art\. 11\.7/);
  assert.equal(await popup.evaluate(() => document.querySelector("#engine").dataset.state), "ready");

  // JSON: parses; the same findings by rule id and fingerprint; the checklist.
  const json = await exportAs(popup, "json");
  assert.match(json.name, /^mailwacht-summary-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json$/);
  const summary = JSON.parse(json.text);
  const exported = summary.groups.filter((g) => g.key !== "dismissed").flatMap((g) => g.findings);
  assert.deepEqual(exported.map((f) => f.fingerprint).sort(), listed.map((f) => f.fingerprint).sort());
  assert.equal(summary.draft.subject, "Nieuwsbrief november");
  assert.match(summary.draft.fingerprint, /^[0-9a-f]{64}$/);
  assert.ok(summary.checklist.some((c) => c.status === "confirm" && /5 (years|jaar)/.test(c.confirm)), "the checklist holds what the sender must confirm");

  // HTML: parses (DOMParser in the popup), names every finding's rule and the draft fingerprint.
  const html = await exportAs(popup, "html");
  assert.match(html.name, /\.html$/);
  const parsed = await popup.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "text/html");
    return { title: doc.title, rules: [...doc.querySelectorAll("article.finding > p:first-child > code")].map((c) => c.textContent), text: doc.body.textContent };
  }, html.text);
  assert.ok(parsed.title);
  assert.deepEqual(parsed.rules.sort(), [...rules].sort());
  assert.ok(parsed.text.includes(summary.draft.fingerprint));

  // Markdown: the same rules and the draft fingerprint.
  const md = await exportAs(popup, "markdown");
  assert.match(md.name, /\.md$/);
  const mdRules = [...md.text.matchAll(/^- \*\*.+?\*\* \(`([a-z0-9-]+)`, /gm)].map((m) => m[1]);
  assert.deepEqual(mdRules.sort(), [...rules].sort());
  assert.ok(md.text.includes(summary.draft.fingerprint));
  await popup.close();
  await page.close();
});

test("Firefox: the options page saves the profile to storage.sync and restores it after a reload", { skip }, async () => {
  const page = await firefox.newPage();
  const ready = () => document.body.dataset.ready === "all";
  await openPage(page, "options/options.html", ready);
  await page.evaluate(() => {
    const set = (selector, value) => {
      const el = document.querySelector(selector);
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    };
    set("#org-name", "Acme B.V.");
    set("#org-address", "Keizersgracht 1\n1015 AA Amsterdam");
    set("#org-phone", "+31 20 123 4567");
    set("#org-website", "www.acme.nl");
    set("#org-domains", "acme.nl, Nieuws.Acme.nl");
    set("#org-unsubscribe", "https://www.acme.nl/afmelden");
    document.querySelector('input[name="audience"][value="opt-in list"]').click();
    document.querySelector('#pack-list input[value="bulk-sender"]').click();
  });
  const before = await page.evaluate(() => document.body.dataset.saved || "");
  await page.evaluate(() => document.querySelector("#save").click());
  await until(async () => (await page.evaluate(() => document.body.dataset.saved || "")) !== before, "the settings to be saved");
  assert.equal(await page.evaluate(() => document.querySelector("#save-status").textContent), EN.optionsSaved.message);
  const settings = await page.evaluate(() => browser.storage.sync.get("settings").then((r) => r.settings));
  assert.deepEqual(settings.org, {
    name: "Acme B.V.",
    address: "Keizersgracht 1\n1015 AA Amsterdam",
    phone: "+31 20 123 4567",
    website: "www.acme.nl",
    domains: ["acme.nl", "nieuws.acme.nl"],
    unsubscribe: "https://www.acme.nl/afmelden",
  });
  assert.equal(settings.audience, "opt-in list");
  assert.deepEqual(settings.packs, ["nl", "bulk-sender"]);

  // A fresh load of the page (a new document) shows what was stored.
  await openPage(page, "options/options.html?again", ready);
  const values = await page.evaluate(() => ({
    name: document.querySelector("#org-name").value,
    address: document.querySelector("#org-address").value,
    phone: document.querySelector("#org-phone").value,
    website: document.querySelector("#org-website").value,
    domains: document.querySelector("#org-domains").value,
    unsubscribe: document.querySelector("#org-unsubscribe").value,
    optIn: document.querySelector('input[name="audience"][value="opt-in list"]').checked,
    bulk: document.querySelector('#pack-list input[value="bulk-sender"]').checked,
    nl: document.querySelector('#pack-list input[value="nl"]').checked,
    saved: document.body.dataset.saved || "",
  }));
  assert.equal(values.saved, "", "a new document, not the one that saved");
  assert.deepEqual(values, {
    name: "Acme B.V.",
    address: "Keizersgracht 1\n1015 AA Amsterdam",
    phone: "+31 20 123 4567",
    website: "www.acme.nl",
    domains: "acme.nl, nieuws.acme.nl",
    unsubscribe: "https://www.acme.nl/afmelden",
    optIn: true,
    bulk: true,
    nl: true,
    saved: "",
  });
  await page.close();
});

test("Firefox: in a 400 px window the options page and the welcome page fit, in Dutch and English: no sideways scrolling, every control inside the window and reachable", { skip }, async () => {
  const page = await firefox.newPage();
  await page.setViewport({ width: 400, height: 800 });
  await openPage(page, "options/options.html?narrow", () => document.body.dataset.ready === "all");
  // A filled-in profile and an own site with a long host name: the longest things the page shows.
  const org = { name: "Stichting Bakkerij De Korenaar en Omstreken", address: "Dorpsstraat 1\n1234 AB Ons Dorp", website: "www.bakkerijdekorenaarenomstreken.nl", domains: ["bakkerijdekorenaarenomstreken.nl"] };
  const customSites = ["https://webmail.bakkerijdekorenaarenomstreken.example.org/*"];
  const saved = await page.evaluate(() => browser.storage.sync.get("settings").then((r) => r.settings ?? {}));
  try {
    for (const locale of ["nl", "en"]) {
      await page.evaluate((settings) => browser.storage.sync.set({ settings }), { ...saved, locale, org, customSites });
      for (const [path, ready, least] of [
        [`options/options.html?narrow-${locale}`, () => document.body.dataset.ready === "all" && !!document.querySelector('#site-list .site-row[data-own="true"]'), 60],
        [`options/options.html?welcome&narrow-${locale}`, () => document.body.classList.contains("welcome-mode") && document.title !== "Mailwacht", 6],
      ]) {
        await openPage(page, path, ready);
        assert.equal(await page.evaluate(() => document.documentElement.lang), locale, path);
        const fit = await page.evaluate(fitReport);
        assert.ok(fit.clientWidth <= 400 && fit.clientWidth > 300, `${path}: a 400 px window (clientWidth ${fit.clientWidth})`);
        assert.ok(fit.controls >= least, `${path}: the controls were measured (${fit.controls})`);
        assert.ok(fit.scrollWidth <= fit.clientWidth, `${path}: the page scrolls sideways (scrollWidth ${fit.scrollWidth} > clientWidth ${fit.clientWidth})`);
        assert.deepEqual(fit.outside, [], `${path}: controls past the window's edge`);
        assert.deepEqual(fit.unreachable, [], `${path}: controls covered or out of reach`);
      }
    }
  } finally {
    await page.evaluate((settings) => browser.storage.sync.set({ settings }), saved);
    await page.close();
  }
});
