/**
 * End-to-end: the options page (extension/options) in Chromium with the built extension.
 *
 * - the profile, audience, packs, rule overrides and sites are saved to storage.sync (key
 *   "settings", shape in extension/shared/settings.js) and come back after a reload;
 * - the page switches between Dutch and English (its own strings and the engine's rule titles);
 * - values an administrator sets in managed storage lock their fields (the organisation's own
 *   sites too: listed, not removable, "Allow access" while the host is not granted);
 * - the send gate's "show the summary every time" is saved and restored, and the send history
 *   (storage.local, hashes and times only) is counted and cleared;
 * - one language (issue 11): in a Chromium started with --lang=en and Mailwacht set to Dutch, the
 *   options page and the first-run welcome page are Dutch throughout, "1 onthouden verzending" singular;
 * - the engine's tables (issue 12 §3): one language option per LOCALES entry, one audience radio per
 *   AUDIENCES entry ("first mailing" among them), pack "be" off for a new user; the engine's idle
 *   minutes bounded by the settings schema, saved and restored; the popup's colours are the palette's;
 * - a 400 px window (issue 11): the options page and the welcome page, in Dutch and English, do not
 *   scroll sideways, and every visible control lies inside the window and is reachable (tests/e2e/fit.mjs).
 *
 * Managed storage in a test: Chromium fills `storage.managed` only from enterprise policy; there is
 * no command-line flag for it. On Linux policy is read from JSON files under
 * /etc/chromium/policies/managed/, with extension settings under `3rdparty.extensions.<id>`. So the
 * managed test copies dist/chrome to a fresh temporary path (an unpacked extension's id is derived
 * from its path: sha256 of the path, first 32 hex digits spelled a-p), writes a policy file for that
 * id only, and removes both afterwards (also when the test fails). This is the real path an
 * administrator uses, not a test seam in the extension; it needs root (CI runs as root) and is
 * skipped with a message otherwise. Because the id is unique to the temporary copy, other browsers
 * running on the machine meanwhile are not affected.
 */

import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DIST_CHROME, POLICY_DIR, ROOT, launchExtension, policyWritable, unpackedId } from "./harness.mjs";
import { fitReport } from "./fit.mjs";
import { AUDIENCES, LOCALES, SETTINGS_SCHEMA, SEVERITY_COLOURS } from "../../extension/shared/constants.js";

const messages = (locale) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", locale, "messages.json"), "utf-8"));
const NL = messages("nl");
const EN = messages("en");

let ext;

before(async () => {
  ext = await launchExtension();
  await ext.waitForEngine();
});

after(async () => {
  await ext?.close();
});

/** Open the options page and wait until the rule table (from engine:catalogue) is drawn. */
async function openOptions(target = ext) {
  const page = await target.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${target.origin}/options/options.html`);
  await page.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
  page.errors = errors;
  return page;
}

async function save(page) {
  const before = await page.evaluate(() => document.body.dataset.saved || "");
  await page.click("#save");
  await page.waitForFunction((b) => (document.body.dataset.saved || "") !== b, before, { timeout: 10000 });
}

const stored = (page) => page.evaluate(() => chrome.storage.sync.get("settings").then((r) => r.settings));

test("the options page saves the profile to storage.sync and restores it after a reload", async () => {
  const page = await openOptions();
  await page.fill("#org-name", "Acme B.V.");
  await page.fill("#org-address", "Keizersgracht 1\n1015 AA Amsterdam");
  await page.fill("#org-phone", "+31 20 123 4567");
  await page.fill("#org-website", "www.acme.nl");
  await page.fill("#org-domains", "acme.nl, Nieuws.Acme.nl");
  // The sender's own unsubscribe page (issue 11: the footer's link where no merge tag makes one).
  await page.fill("#org-unsubscribe", "https://www.acme.nl/afmelden");
  await page.check('input[name="audience"][value="opt-in list"]');
  await page.check('#pack-list input[value="bulk-sender"]');
  await page.uncheck('#rules tr[data-rule="logo-missing"] .rule-on');
  await page.selectOption('#rules tr[data-rule="reason-missing"] .rule-severity', "error");
  const site = await page.locator("#site-list input").first().getAttribute("value");
  await page.uncheck(`#site-list input[value="${site}"]`);
  await save(page);
  assert.equal(await page.textContent("#save-status"), EN.optionsSaved.message);

  const settings = await stored(page);
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
  assert.deepEqual(settings.rules, { "logo-missing": { enabled: false }, "reason-missing": { severity: "error" } });
  assert.deepEqual(settings.sites, { [site]: false });

  await page.reload();
  await page.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
  assert.equal(await page.inputValue("#org-name"), "Acme B.V.");
  assert.equal(await page.inputValue("#org-address"), "Keizersgracht 1\n1015 AA Amsterdam");
  assert.equal(await page.inputValue("#org-unsubscribe"), "https://www.acme.nl/afmelden");
  assert.equal(await page.inputValue("#org-phone"), "+31 20 123 4567");
  assert.equal(await page.inputValue("#org-website"), "www.acme.nl");
  assert.equal(await page.inputValue("#org-domains"), "acme.nl, nieuws.acme.nl");
  assert.ok(await page.isChecked('input[name="audience"][value="opt-in list"]'));
  assert.ok(await page.isChecked('#pack-list input[value="bulk-sender"]'));
  assert.ok(await page.isChecked('#pack-list input[value="nl"]'));
  assert.ok(!(await page.isChecked('#pack-list input[value="us-can-spam"]')));
  assert.ok(!(await page.isChecked('#rules tr[data-rule="logo-missing"] .rule-on')));
  assert.equal(await page.inputValue('#rules tr[data-rule="reason-missing"] .rule-severity'), "error");
  assert.ok(!(await page.isChecked(`#site-list input[value="${site}"]`)));

  // The engine takes what the settings make of them: the profile's name is used, logo-missing is
  // off, reason-missing is an error.
  const options = await page.evaluate(async () => {
    const settings = await import("/shared/settings.js");
    return settings.engineOptions((await settings.load()).settings);
  });
  assert.deepEqual(options.rules, { "logo-missing": { enabled: false }, "reason-missing": { enabled: true, severity: "error" } });
  // A one-line draft is taken for personal mail (issue 10), on which the bulk rules do not run:
  // asked as the mailing it stands for.
  const reply = await ext.send({ kind: "engine:check", draft: { html: "<p>Hallo van Acme B.V.</p>", subject: "Nieuws" }, options: { ...options, mail_kind: "mailing" } });
  assert.ok(reply.ok, JSON.stringify(reply.error));
  const outcome = Object.fromEntries(reply.result.rules.map((r) => [r.id, r]));
  assert.equal(outcome["logo-missing"].outcome, "disabled");
  assert.equal(reply.result.findings.find((f) => f.rule === "reason-missing").severity, "error");
  assert.ok(!reply.result.findings.some((f) => f.rule === "organisation-missing"), "the organisation named in the profile is found in the draft");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the send gate's option and the send history: 'show the summary every time' is saved and restored, the history is counted and cleared", async () => {
  const page = await openOptions();
  assert.equal(await page.isChecked("#gate-always-show"), false, "off by default");
  await page.check("#gate-always-show");
  await save(page);
  assert.deepEqual((await stored(page)).gate, { alwaysShow: true });
  await page.reload();
  await page.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
  assert.ok(await page.isChecked("#gate-always-show"));
  const inForce = await page.evaluate(async () => (await (await import("/shared/settings.js")).load()).settings.gate);
  assert.deepEqual(inForce, { alwaysShow: true });

  // The send history as the gate stores it: two recent sends and one older than the 48 hours kept
  // (shared/settings.js HISTORY_KEEP_MS), which no longer counts.
  const iso = (msAgo) => new Date(Date.now() - msAgo).toISOString().replace(/\.\d+Z$/, "Z");
  const entries = [
    { fingerprint: "a".repeat(64), recipients: "b".repeat(64), sent_at: iso(72 * 3600 * 1000) },
    { fingerprint: "c".repeat(64), recipients: "d".repeat(64), sent_at: iso(3600 * 1000) },
    { fingerprint: "e".repeat(64), recipients: "f".repeat(64), sent_at: iso(60 * 1000) },
  ];
  await page.evaluate((list) => chrome.storage.local.set({ sendHistory: list }), entries);
  // The page follows storage changes: the count updates without a reload.
  await page.waitForFunction(() => document.querySelector("#history-count").dataset.count === "2");
  assert.equal(await page.textContent("#history-count"), EN.optionsHistoryCount.message.replace("$COUNT$", "2"));
  await page.click("#history-clear");
  await page.waitForFunction(() => document.querySelector("#history-count").dataset.count === "0");
  assert.equal(await page.textContent("#history-status"), EN.optionsHistoryCleared.message.replace("$COUNT$", "2"));
  assert.deepEqual(await page.evaluate(() => chrome.storage.local.get(null)).then((all) => Object.keys(all).filter((k) => k === "sendHistory")), []);
  // Clearing the history leaves the settings alone.
  assert.deepEqual((await stored(page)).gate, { alwaysShow: true });

  await page.uncheck("#gate-always-show");
  await save(page);
  assert.deepEqual((await stored(page)).gate, { alwaysShow: false });
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the options page switches between Dutch and English, its strings and the engine's rule titles", async () => {
  const page = await openOptions();
  const catalogue = async (locale) => (await ext.send({ kind: "engine:catalogue", locale })).result;
  const [nlRules, enRules] = [await catalogue("nl"), await catalogue("en")];
  const firstTitle = () => page.textContent("#rules tbody tr:first-child .rule-title");

  await page.selectOption("#locale", "nl");
  await page.waitForFunction((text) => document.querySelector("h1").textContent === text, NL.optionsTitle.message);
  assert.equal(await page.textContent("#save"), NL.optionsSave.message);
  assert.equal(await page.getAttribute("html", "lang"), "nl");
  // The send gate's section and the history control speak it too.
  assert.equal(await page.textContent('h2[data-i18n="optionsGateHeading"]'), NL.optionsGateHeading.message);
  assert.equal(await page.textContent('label:has(#gate-always-show) span'), NL.optionsGateAlwaysShow.message);
  assert.equal(await page.textContent("#history-clear"), NL.optionsHistoryClear.message);
  await page.waitForFunction((text) => document.querySelector("#history-count").textContent === text, NL.optionsHistoryCount.message.replace("$COUNT$", "0"));
  await page.waitForFunction((text) => document.querySelector("#rules tbody tr .rule-title").textContent === text, nlRules[0].title);
  assert.notEqual(nlRules[0].title, enRules[0].title, "the engine has the titles in both languages");

  await page.selectOption("#locale", "en");
  await page.waitForFunction((text) => document.querySelector("h1").textContent === text, EN.optionsTitle.message);
  assert.equal(await page.textContent("#save"), EN.optionsSave.message);
  await page.waitForFunction((text) => document.querySelector("#rules tbody tr .rule-title").textContent === text, enRules[0].title);
  assert.equal(await page.textContent('h2[data-i18n="optionsGateHeading"]'), EN.optionsGateHeading.message);
  assert.equal(await page.textContent('label:has(#gate-always-show) span'), EN.optionsGateAlwaysShow.message);
  assert.equal(await page.textContent("#history-clear"), EN.optionsHistoryClear.message);
  await page.waitForFunction((text) => document.querySelector("#history-count").textContent === text, EN.optionsHistoryCount.message.replace("$COUNT$", "0"));

  // The choice is kept: saved as Dutch, the page (and the popup) open in Dutch.
  await page.selectOption("#locale", "nl");
  await page.waitForFunction((text) => document.querySelector("h1").textContent === text, NL.optionsTitle.message);
  await save(page);
  assert.equal((await stored(page)).locale, "nl");
  await page.reload();
  await page.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
  assert.equal(await page.textContent("h1"), NL.optionsTitle.message);
  assert.equal(await firstTitle(), nlRules[0].title);
  const popup = await ext.context.newPage();
  await popup.goto(`${ext.origin}/popup/popup.html`);
  await popup.waitForFunction((text) => document.querySelector("#open-options").textContent === text, NL.popupOptions.message);

  // Back to English for the other tests.
  await page.selectOption("#locale", "en");
  await save(page);
  await popup.close();
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("values set by the organisation (managed storage) lock their fields", async (t) => {
  if (!policyWritable()) {
    t.skip(`managed storage comes from Chromium policy files in ${POLICY_DIR}, which this user cannot write (run as root, as CI does)`);
    return;
  }
  const copy = mkdtempSync(join(tmpdir(), "mailwacht-managed-"));
  const policy = join(POLICY_DIR, `mailwacht-e2e-${process.pid}-${Date.now()}.json`);
  let managedExt = null;
  try {
    cpSync(DIST_CHROME, copy, { recursive: true });
    const id = unpackedId(copy);
    const managed = {
      org: { name: "Acme Beheer B.V.", phone: "+31 20 765 4321" },
      audience: "existing customers",
      locale: "en",
      rules: { "image-only": { enabled: false } },
      gate: { alwaysShow: true },
      customSites: ["https://webmail.acme.example/*"],
    };
    writeFileSync(policy, JSON.stringify({ "3rdparty": { extensions: { [id]: managed } } }));
    managedExt = await launchExtension({ extensionPath: copy });
    assert.equal(managedExt.extensionId, id, "the policy names the id of the temporary copy");
    await managedExt.waitForEngine();
    // The user's own earlier value for a field that is then locked, and one for a free field.
    const setup = await managedExt.page();
    await setup.evaluate(() =>
      chrome.storage.sync.set({
        settings: { org: { name: "Eigen naam", address: "Dorpsstraat 2, Ons Dorp" }, gate: { alwaysShow: false }, customSites: ["https://mail.eigen.example/*"] },
      }),
    );

    const page = await openOptions(managedExt);
    assert.ok(await page.isVisible("#managed-note"));
    // Locked: managed value shown, disabled, with the note.
    for (const [selector, value] of [["#org-name", "Acme Beheer B.V."], ["#org-phone", "+31 20 765 4321"]]) {
      assert.equal(await page.inputValue(selector), value);
      assert.ok(await page.isDisabled(selector), `${selector} is locked`);
      const note = await page.evaluate((sel) => document.querySelector(sel).closest(".field").querySelector(".locked-note")?.textContent, selector);
      assert.equal(note, EN.optionsLockedNote.message);
    }
    assert.ok(await page.isChecked('input[name="audience"][value="existing customers"]'));
    assert.ok(await page.isDisabled('input[name="audience"][value="opt-in list"]'), "a locked fieldset disables its choices");
    assert.ok(await page.isDisabled("#locale"));
    assert.ok(!(await page.isChecked('#rules tr[data-rule="image-only"] .rule-on')));
    assert.ok(await page.isDisabled('#rules tr[data-rule="image-only"] .rule-on'));
    assert.ok(await page.isDisabled('#rules tr[data-rule="image-only"] .rule-severity'));
    // The send gate's option, set by the organisation: on, locked, with the note.
    assert.ok(await page.isChecked("#gate-always-show"));
    assert.ok(await page.isDisabled("#gate-always-show"));
    assert.equal(await page.evaluate(() => document.querySelector("#gate-always-show").closest("label").querySelector(".locked-note")?.textContent), EN.optionsLockedNote.message);
    // Own sites: the organisation's is listed, locked, without "Remove"; the user's own beside it. Neither
    // host is granted (nothing asked the user yet), so both wait with "Allow access" and nothing is registered.
    const ORG_SITE = '#site-list .site-row[data-own="true"][data-site="https://webmail.acme.example/*"]';
    const OWN_SITE = '#site-list .site-row[data-own="true"][data-site="https://mail.eigen.example/*"]';
    await page.waitForSelector(`${ORG_SITE} .site-allow`);
    assert.ok(await page.isDisabled(`${ORG_SITE} input[type=checkbox]`));
    assert.equal(await page.locator(`${ORG_SITE} .site-remove`).count(), 0);
    assert.equal(await page.locator(`${ORG_SITE} .locked-note`).count(), 1);
    assert.equal(await page.locator(`${OWN_SITE} .site-remove`).count(), 1);
    assert.equal(await page.locator(`${OWN_SITE} .site-allow`).count(), 1);
    assert.deepEqual(await managedExt.send({ kind: "sites:sync" }), {
      ok: true,
      result: { registered: [], waiting: ["https://mail.eigen.example/*", "https://webmail.acme.example/*"] },
    });
    // The history control is the user's own, never locked.
    assert.ok(!(await page.isDisabled("#history-clear")));
    // Free: the user's own value, editable.
    assert.equal(await page.inputValue("#org-address"), "Dorpsstraat 2, Ons Dorp");
    assert.ok(!(await page.isDisabled("#org-address")));
    assert.ok(!(await page.isDisabled("#org-website")));
    assert.ok(!(await page.isDisabled('#rules tr[data-rule="logo-missing"] .rule-on')));

    // Saving keeps managed values out of sync storage; the settings in force carry them.
    await page.fill("#org-website", "www.acme.nl");
    await save(page);
    const own = await stored(page);
    assert.equal(own.org.name, "Eigen naam", "the user's own value stays underneath the managed one");
    assert.equal(own.org.phone, undefined);
    assert.equal(own.org.website, "www.acme.nl");
    assert.equal(own.rules["image-only"], undefined);
    assert.deepEqual(own.gate, { alwaysShow: false }, "the user's own value stays underneath the managed one");
    assert.deepEqual(own.customSites, ["https://mail.eigen.example/*"], "the organisation's site is not copied into sync storage");
    const inForce = await page.evaluate(async () => (await (await import("/shared/settings.js")).load()).settings);
    assert.equal(inForce.org.name, "Acme Beheer B.V.");
    assert.equal(inForce.audience, "existing customers");
    assert.deepEqual(inForce.rules["image-only"], { enabled: false });
    assert.deepEqual(inForce.gate, { alwaysShow: true });
    assert.deepEqual(inForce.customSites, ["https://mail.eigen.example/*", "https://webmail.acme.example/*"]);
    assert.deepEqual(page.errors, []);
  } finally {
    if (existsSync(policy)) rmSync(policy);
    await managedExt?.close();
    rmSync(copy, { recursive: true, force: true });
  }
  assert.ok(!existsSync(policy), "the policy file is gone");
});

test("the content script follows the settings: a rule switched off loses its mark, a site switched off is left alone", async () => {
  const { launchForEditors, waitForMark, waitForNoMark } = await import("./editor-contract.mjs");
  const { startServer } = await import("./harness.mjs");
  const editors = await launchForEditors(); // the test copy also runs on http://127.0.0.1/*
  const site = await startServer();
  try {
    const page = await editors.context.newPage();
    await page.goto(site.url("editors/contenteditable.html"));
    await waitForMark(page, "consent-prechecked");
    const options = await openOptions(editors);
    await options.uncheck('#rules tr[data-rule="consent-prechecked"] .rule-on');
    await save(options);
    await waitForNoMark(page, "consent-prechecked");
    await waitForMark(page, "unsubscribe-missing");

    // The test host is one of the sites of the test copy's manifest: switched off, no marks.
    await options.uncheck('#site-list input[value="http://127.0.0.1/*"]');
    await save(options);
    await waitForNoMark(page, "unsubscribe-missing");
    await page.reload();
    await page.waitForTimeout(2000); // the watcher would have checked by now (300 ms debounce)
    assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root")?.shadowRoot?.querySelectorAll("[data-rule]").length ?? 0), 0);
    await options.check('#site-list input[value="http://127.0.0.1/*"]');
    await options.check('#rules tr[data-rule="consent-prechecked"] .rule-on');
    await save(options);
    await waitForMark(page, "consent-prechecked");
  } finally {
    await editors.close();
    await site.close();
  }
});

/** Every `[data-i18n]` text (and `[data-i18n-placeholder]` placeholder) of `page` that is not `messages`' (key, shown, expected). */
const offLanguage = (page, messages) =>
  page.evaluate((m) => {
    const off = [];
    for (const e of document.querySelectorAll("[data-i18n]")) if (e.textContent !== m[e.dataset.i18n]?.message) off.push([e.dataset.i18n, e.textContent]);
    for (const e of document.querySelectorAll("[data-i18n-placeholder]")) if (e.placeholder !== m[e.dataset.i18nPlaceholder]?.message) off.push([e.dataset.i18nPlaceholder, e.placeholder]);
    return off;
  }, messages);

test("issue 11: a browser in English, Mailwacht set to Dutch: the options page and the welcome page speak Dutch, with correct plurals", async () => {
  const english = await launchExtension({ args: ["--lang=en"] });
  try {
    await english.waitForEngine();
    const setup = await english.page();
    // The premise: the browser's own language (chrome.i18n) is English.
    assert.match(await setup.evaluate(() => chrome.i18n.getUILanguage()), /^en/);
    assert.equal(await setup.evaluate(() => chrome.i18n.getMessage("optionsTitle")), EN.optionsTitle.message);
    await setup.evaluate(() => chrome.storage.sync.set({ settings: { locale: "nl" } }));

    const page = await openOptions(english);
    assert.equal(await page.textContent("h1"), NL.optionsTitle.message);
    assert.equal(await page.title(), NL.optionsTitle.message);
    assert.equal(await page.getAttribute("html", "lang"), "nl");
    assert.equal(await page.inputValue("#locale"), "nl");
    assert.deepEqual(await offLanguage(page, NL), [], "every fixed string of the options page is the Dutch one");
    // The engine's rule titles in Dutch too.
    const nlRules = (await english.send({ kind: "engine:catalogue", locale: "nl" })).result;
    assert.equal(await page.textContent("#rules tbody tr:first-child .rule-title"), nlRules[0].title);
    // A count of one in the singular: one remembered send, cleared.
    const iso = new Date(Date.now() - 60000).toISOString().replace(/\.\d+Z$/, "Z");
    await page.evaluate((at) => chrome.storage.local.set({ sendHistory: [{ fingerprint: "a".repeat(64), recipients: "b".repeat(64), sent_at: at }] }), iso);
    await page.waitForFunction(() => document.querySelector("#history-count").dataset.count === "1");
    assert.equal(await page.textContent("#history-count"), NL.optionsHistoryCount.message.replace("$COUNT$", "1"));
    await page.click("#history-clear");
    await page.waitForFunction(() => document.querySelector("#history-count").dataset.count === "0");
    assert.equal(await page.textContent("#history-status"), NL.optionsHistoryCleared_one.message.replace("$COUNT$", "1"));
    assert.match(await page.textContent("#history-status"), /: 1 onthouden verzending vergeten\./);
    assert.deepEqual(page.errors, []);
    await page.close();

    // The first-run page (background/onboarding.js opens options.html?welcome) follows the setting too.
    const welcome = await english.context.newPage();
    const errors = [];
    welcome.on("pageerror", (e) => errors.push(e.message));
    await welcome.goto(`${english.origin}/options/options.html?welcome`);
    await welcome.waitForSelector("body.welcome-mode");
    await welcome.waitForFunction((text) => document.title === text, NL.welcomeTitle.message);
    assert.equal(await welcome.getAttribute("html", "lang"), "nl");
    assert.equal(await welcome.textContent("#save"), NL.welcomeSave.message);
    assert.deepEqual(await offLanguage(welcome, NL), [], "every fixed string of the welcome page is the Dutch one");
    assert.deepEqual(errors, []);
    await welcome.close();
  } finally {
    await english.close();
  }
});

// What the page draws from the engine's tables (issue 12 §3) and the choices that came with them.
test("the language list, the audiences and the packs follow the engine's tables", async () => {
  // A new user with an English page: earlier tests of this file stored an audience and packs.
  await ext.page().then((p) => p.evaluate(() => chrome.storage.sync.clear().then(() => chrome.storage.sync.set({ settings: { locale: "en" } }))));
  const page = await openOptions();
  const options = await page.$$eval("#locale option", (els) => els.map((o) => [o.value, o.textContent]));
  assert.deepEqual(options, [
    ["nl", "Nederlands"],
    ["en", "English"],
  ]);
  assert.deepEqual(
    options.map(([value]) => value),
    LOCALES,
  );
  const radios = await page.$$eval('#audience input[name="audience"]', (els) => els.map((r) => [r.value, r.parentElement.textContent.trim(), r.checked]));
  assert.deepEqual(
    radios.map(([value]) => value),
    AUDIENCES,
  );
  assert.ok(AUDIENCES.includes("first mailing"));
  for (const [value, label] of radios) assert.equal(label, EN[`optionsAudience_${value.replace(/[^a-z]+/g, "_")}`].message, value);
  assert.deepEqual(
    radios.filter(([, , checked]) => checked).map(([value]) => value),
    [SETTINGS_SCHEMA.audience.default],
  );
  const be = await page.$eval('#pack-list input[value="be"]', (box) => ({ checked: box.checked, label: box.parentElement.textContent.trim() }));
  assert.deepEqual(be, { checked: false, label: EN.optionsPack_be.message });
  assert.deepEqual(page.errors, []);

  await page.check('input[name="audience"][value="first mailing"]');
  await page.check('#pack-list input[value="be"]');
  await save(page);
  const settings = await stored(page);
  assert.equal(settings.audience, "first mailing");
  assert.deepEqual(settings.packs, ["nl", "be"]);
  await page.reload();
  await page.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
  assert.ok(await page.isChecked('input[name="audience"][value="first mailing"]'));
  assert.ok(await page.isChecked('#pack-list input[value="be"]'));
  await page.close();
});

test("the engine's idle minutes: shown, bounded by the schema, saved and restored", async () => {
  const page = await openOptions();
  const field = await page.$eval("#engine-idle", (el) => ({ value: el.value, min: el.min, max: el.max, label: el.labels[0].textContent }));
  const { minimum, maximum } = SETTINGS_SCHEMA.engineIdleMinutes;
  assert.deepEqual(field, { value: String(SETTINGS_SCHEMA.engineIdleMinutes.default), min: String(minimum), max: String(maximum), label: EN.optionsEngineIdle.message });
  assert.equal(await page.$eval("#confirm-period", (el) => [el.min, el.max].join("-")), "1-60");

  await page.fill("#engine-idle", "12.5");
  await save(page);
  const idle = async () => (await stored(page)).engineIdleMinutes;
  assert.equal(await idle(), 12.5);
  await page.reload();
  await page.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
  assert.equal(await page.inputValue("#engine-idle"), "12.5");

  await page.fill("#engine-idle", String(maximum + 1));
  await save(page);
  assert.equal(await idle(), 12.5, "out of bounds: the stored value stays");
  await page.close();
});

test("the popup's severity colours are the palette's", async () => {
  const page = await ext.context.newPage();
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`${ext.origin}/popup/popup.html`);
  const vars = await page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return Object.fromEntries(["error", "warning", "info", "review"].map((s) => [s, style.getPropertyValue(`--${s}`).trim()]));
  });
  assert.deepEqual(vars, Object.fromEntries(Object.entries(SEVERITY_COLOURS).map(([s, pair]) => [s, pair.light])));
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--error").trim());
  assert.equal(dark, SEVERITY_COLOURS.error.dark);
  await page.close();
});

test("issue 11: in a 400 px window the options page and the welcome page fit, in Dutch and English: no sideways scrolling, every control inside the window and reachable", async () => {
  const setup = await ext.page();
  // A filled-in profile and an own site with a long host name: the longest things the page shows.
  const org = { name: "Stichting Bakkerij De Korenaar en Omstreken", address: "Dorpsstraat 1\n1234 AB Ons Dorp", website: "www.bakkerijdekorenaarenomstreken.nl", domains: ["bakkerijdekorenaarenomstreken.nl"] };
  const customSites = ["https://webmail.bakkerijdekorenaarenomstreken.example.org/*"];
  try {
    for (const locale of LOCALES) {
      await setup.evaluate((settings) => chrome.storage.sync.clear().then(() => chrome.storage.sync.set({ settings })), { locale, org, customSites });
      for (const path of ["options.html", "options.html?welcome"]) {
        const page = await ext.context.newPage();
        await page.setViewportSize({ width: 400, height: 800 });
        await page.goto(`${ext.origin}/options/${path}`);
        await page.waitForSelector(path.endsWith("welcome") ? "body.welcome-mode" : 'body[data-ready="all"]', { timeout: 60000 });
        if (!path.endsWith("welcome")) await page.waitForSelector('#site-list .site-row[data-own="true"]');
        const fit = await page.evaluate(fitReport);
        const where = `${path}, ${locale}`;
        assert.ok(fit.clientWidth <= 400 && fit.clientWidth > 300, `${where}: a 400 px window (clientWidth ${fit.clientWidth})`);
        assert.ok(fit.controls >= (path.endsWith("welcome") ? 6 : 60), `${where}: the controls were measured (${fit.controls})`);
        assert.ok(fit.scrollWidth <= fit.clientWidth, `${where}: the page scrolls sideways (scrollWidth ${fit.scrollWidth} > clientWidth ${fit.clientWidth})`);
        assert.deepEqual(fit.outside, [], `${where}: controls past the window's edge`);
        assert.deepEqual(fit.unreachable, [], `${where}: controls covered or out of reach`);
        await page.close();
      }
    }
  } finally {
    await setup.evaluate(() => chrome.storage.sync.clear().then(() => chrome.storage.sync.set({ settings: { locale: "en" } })));
  }
});
