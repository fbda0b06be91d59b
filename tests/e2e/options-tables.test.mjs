/**
 * End-to-end: what the options page draws from the engine's tables (issue 12 §3) and the choices
 * that came with them, in Chromium with the built extension (run `python3 build.py` first):
 *
 * - one language option per LOCALES entry, named in its own language ("Nederlands", "English");
 * - one audience radio per AUDIENCES entry, "first mailing" (issue 14) among them, each labelled;
 * - the pack "be" (Belgium) in the pack list with its name, off for a new user;
 * - the engine's idle minutes (issue 15): shown from the settings, bounded by the settings schema,
 *   saved and restored; a value out of bounds keeps the stored one;
 * - the popup's severity colours are the palette's (shared/palette.css from py_core/tables/palette.py).
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT, launchExtension } from "./harness.mjs";
import { AUDIENCES, LOCALES, SETTINGS_SCHEMA, SEVERITY_COLOURS } from "../../extension/shared/constants.js";

const EN = JSON.parse(readFileSync(join(ROOT, "extension", "_locales", "en", "messages.json"), "utf-8"));

let ext;

before(async () => {
  ext = await launchExtension();
  await ext.waitForEngine();
});

after(async () => {
  await ext?.close();
});

async function openOptions() {
  const page = await ext.context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${ext.origin}/options/options.html`);
  await page.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
  page.errors = errors;
  return page;
}

async function save(page) {
  const before = await page.evaluate(() => document.body.dataset.saved || "");
  await page.click("#save");
  await page.waitForFunction((b) => (document.body.dataset.saved || "") !== b, before, { timeout: 10000 });
}

test("the language list, the audiences and the packs follow the engine's tables", async () => {
  await ext.page().then((p) => p.evaluate(() => chrome.storage.sync.set({ settings: { locale: "en" } })));
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
  const stored = await page.evaluate(() => chrome.storage.sync.get("settings").then((r) => r.settings));
  assert.equal(stored.audience, "first mailing");
  assert.deepEqual(stored.packs, ["nl", "be"]);
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
  const stored = () => page.evaluate(() => chrome.storage.sync.get("settings").then((r) => r.settings.engineIdleMinutes));
  assert.equal(await stored(), 12.5);
  await page.reload();
  await page.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
  assert.equal(await page.inputValue("#engine-idle"), "12.5");

  await page.fill("#engine-idle", String(maximum + 1));
  await save(page);
  assert.equal(await stored(), 12.5, "out of bounds: the stored value stays");
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
