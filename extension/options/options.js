/**
 * The options page: organisation profile, audience, rule packs, language, per-rule on/off and
 * severity, the sites Mailwacht runs on (the manifest's, and the user's own added here: see
 * options/sites.js and background/custom-sites.js), the send gate's "show the summary every time",
 * the send history (how many sends are remembered, and a button that clears them), and after how
 * many idle minutes the engine is unloaded (issue 15). Everything is stored through
 * shared/settings.js (storage.sync, key "settings"); fields an administrator set in managed storage
 * are shown with their managed value, disabled, with a note.
 *
 * The rule list, titles and pack severities come from the engine (engine:catalogue, generated from
 * the rules' docstrings); the languages, audiences, severities and number bounds from
 * shared/constants.js (generated from py_core): never from a copy here. The page speaks the
 * language chosen in the settings (options/i18n.js), and switches at once when it is changed.
 */

import { applyStrings, translator } from "./i18n.js";
import { AUDIENCES, LOCALES, SEVERITY_RANK } from "../shared/constants.js";
import { mountRecords } from "../popup/records-ui.js";
import { createSites } from "./sites.js";
import { RECORDS_KEY } from "../shared/records.js";
import { createCatalogue, send as sendMessage } from "../shared/messaging.js";
import * as S from "../shared/settings.js";

const $ = (sel) => document.querySelector(sel);

let t = null;
let current = null; // {settings, locked, managed}
let catalogue = null; // [{id, title, severity, packs, basis, doc}]
let catalogueLocale = null;
// First run (background/onboarding.js opens options.html?welcome once after installation): the
// three welcome lines and the organisation profile only, "Save and start" or "Skip".
const WELCOME = new URLSearchParams(location.search).has("welcome");
const ONBOARDING_KEY = "onboarding"; // background/onboarding.js ONBOARDING_KEY (storage.local)

const send = (message) => sendMessage(message, { api: chrome, noReply: "no reply from the background" });
const catalogueLoader = createCatalogue({ send });
// The site list (options/sites.js) reads and replaces `current`, and speaks the page's language.
const page = {
  t: (key, subs) => t(key, subs),
  get current() {
    return current;
  },
  set current(value) {
    current = value;
  },
};
const sites = createSites({ page, lock, send });

/** Mark a control locked (managed storage): disabled, with the "set by your organisation" note. */
function lock(control, container) {
  control.disabled = true;
  control.dataset.locked = "true";
  const host = container || control.closest(".field, label, fieldset, td") || control.parentElement;
  if (!host.querySelector(":scope > .locked-note")) {
    const note = document.createElement("small");
    note.className = "locked-note";
    note.dataset.i18n = "optionsLockedNote";
    note.textContent = t("optionsLockedNote");
    host.append(note);
  }
}

/**
 * The choices that follow the engine's tables: one language option per locale (named in its own
 * language), one audience radio per audience (its label `optionsAudience_<value with _>`), and
 * the number fields' bounds from the settings schema.
 */
function buildChoices() {
  for (const code of LOCALES) $("#locale").append(new Option(new Intl.DisplayNames([code], { type: "language" }).of(code), code));
  for (const value of AUDIENCES) {
    const label = document.createElement("label");
    const radio = Object.assign(document.createElement("input"), { type: "radio", name: "audience", value });
    const text = document.createElement("span");
    text.dataset.i18n = `optionsAudience_${value.replace(/[^a-z]+/g, "_")}`;
    label.append(radio, " ", text);
    $("#audience").append(label);
  }
  for (const [input, { min, max }] of [
    ["#confirm-period", S.PERIOD_MONTHS],
    ["#engine-idle", S.ENGINE_IDLE_MINUTES],
  ]) Object.assign($(input), { min: String(min), max: String(max) });
}

/** A number typed in `input`, when within `bounds` ({min, max}) and whole if `integer`; else null. */
function numberIn(input, { min, max }, integer) {
  const text = $(input).value.trim();
  const n = Number(text);
  return text && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n)) ? n : null;
}

function fillProfile() {
  const { settings, locked } = current;
  for (const field of S.ORG_FIELDS) {
    const input = $(`[data-field="org.${field}"]`);
    const value = settings.org[field];
    input.value = Array.isArray(value) ? value.join(", ") : value || "";
    if (locked.has(`org.${field}`)) lock(input);
  }
  for (const radio of document.querySelectorAll('input[name="audience"]')) {
    radio.checked = radio.value === settings.audience;
  }
  if (locked.has("audience")) lock($("#audience"), $("#audience"));
  $("#locale").value = settings.locale;
  if (locked.has("locale")) lock($("#locale"), $("#locale").closest("label"));
  $("#gate-always-show").checked = Boolean(settings.gate && settings.gate.alwaysShow);
  if (locked.has("gate.alwaysShow")) lock($("#gate-always-show"));
  $("#person-name").value = settings.personName || "";
  if (locked.has("personName")) lock($("#person-name"));
  $("#confirm-period").value = String(settings.confirmationPeriodMonths);
  if (locked.has("confirmationPeriodMonths")) lock($("#confirm-period"));
  $("#engine-idle").value = String(settings.engineIdleMinutes);
  if (locked.has("engineIdleMinutes")) lock($("#engine-idle"));
  $("#managed-note").hidden = current.locked.size === 0;
}

/** Pack names in the order the catalogue first names them (py_core.packs.PACKS order). */
function packNames() {
  const names = [];
  for (const entry of catalogue || []) for (const p of Object.keys(entry.packs || {})) if (!names.includes(p)) names.push(p);
  for (const p of current.settings.packs) if (!names.includes(p)) names.push(p);
  return names;
}

function renderPacks() {
  const list = $("#pack-list");
  const chosen = new Set(currentPacks());
  list.replaceChildren();
  for (const name of packNames()) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = name;
    box.checked = chosen.has(name);
    box.addEventListener("change", () => {
      renderRuleDefaults();
      validatePacks();
    });
    const text = document.createElement("span");
    const key = `optionsPack_${name.replace(/-/g, "_")}`;
    const title = t(key);
    text.textContent = title === key ? name : title;
    label.append(box, " ", text);
    list.append(label);
  }
  if (current.locked.has("packs")) lock($("#packs"), $("#packs"));
}

function currentPacks() {
  const boxes = document.querySelectorAll("#pack-list input");
  if (!boxes.length) return current.settings.packs;
  return [...boxes].filter((b) => b.checked).map((b) => b.value);
}

function validatePacks() {
  const none = currentPacks().length === 0;
  $("#save").disabled = none;
  $("#save-status").textContent = none ? t("optionsPacksNone") : "";
}

/** The severity a rule has from the chosen packs alone (the highest any pack gives), or null. */
function packSeverity(entry, packs) {
  let best = null;
  for (const p of packs) {
    const sev = entry.packs && entry.packs[p];
    if (sev && (!best || SEVERITY_RANK[sev] > SEVERITY_RANK[best])) best = sev;
  }
  return best;
}

function renderRuleDefaults() {
  const packs = currentPacks();
  for (const row of document.querySelectorAll("#rules tbody tr")) {
    const entry = catalogue.find((e) => e.id === row.dataset.rule);
    const sev = packSeverity(entry, packs);
    const option = row.querySelector('select option[value=""]');
    option.textContent = sev ? t("optionsSeverityDefault", [t(`contentSeverity_${sev}`)]) : t("optionsSeverityNotInPacks");
  }
}

function renderRules() {
  const body = $("#rules tbody");
  body.replaceChildren();
  const { settings, locked } = current;
  for (const entry of catalogue) {
    const row = document.createElement("tr");
    row.dataset.rule = entry.id;
    const own = settings.rules[entry.id] || {};

    const name = document.createElement("td");
    const title = document.createElement("span");
    title.className = "rule-title";
    title.textContent = entry.title;
    const id = document.createElement("code");
    id.textContent = entry.id;
    name.append(title, " ", id);
    if (entry.basis && entry.basis.length) name.title = entry.basis.map((b) => `${b.title} (${b.document})`).join("\n");

    const onCell = document.createElement("td");
    const on = document.createElement("input");
    on.type = "checkbox";
    on.className = "rule-on";
    on.checked = own.enabled !== false;
    on.setAttribute("aria-label", t("optionsRuleOnLabel", [entry.title]));
    onCell.append(on);

    const sevCell = document.createElement("td");
    const sev = document.createElement("select");
    sev.className = "rule-severity";
    sev.setAttribute("aria-label", t("optionsRuleSeverityLabel", [entry.title]));
    sev.append(new Option("", ""));
    for (const s of S.SEVERITIES) sev.append(new Option(t(`contentSeverity_${s}`), s));
    sev.value = own.severity || "";
    sevCell.append(sev);

    row.append(name, onCell, sevCell);
    body.append(row);
    if (locked.has(`rules.${entry.id}`)) {
      lock(on, onCell);
      lock(sev, sevCell);
    }
  }
  renderRuleDefaults();
  $("#rules").hidden = false;
  $("#rules-status").textContent = "";
}

/** engine:catalogue in `locale`; the engine may still be booting, so this waits for it. */
async function loadCatalogue(locale) {
  $("#rules-status").textContent = t("optionsRulesLoading");
  for (let attempt = 0; attempt < 60; attempt += 1) {
    try {
      const entries = await catalogueLoader.load(locale, { strict: true });
      catalogue = entries;
      catalogueLocale = locale;
      return;
    } catch (err) {
      $("#rules-status").textContent = t("optionsRulesWaiting", [err.message]);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  $("#rules-status").textContent = t("optionsRulesFailed");
}

/** The settings as the form shows them now. */
function collect() {
  const settings = S.defaults();
  for (const field of S.ORG_FIELDS) {
    const value = $(`[data-field="org.${field}"]`).value;
    settings.org[field] = field === "domains" ? value.split(/[,;\s]+/).map((d) => d.trim()).filter(Boolean) : value.trim();
  }
  const audience = document.querySelector('input[name="audience"]:checked');
  settings.audience = audience ? audience.value : "unknown";
  settings.packs = currentPacks();
  settings.locale = $("#locale").value;
  settings.rules = {};
  for (const row of document.querySelectorAll("#rules tbody tr")) {
    const entry = {};
    if (!row.querySelector(".rule-on").checked) entry.enabled = false;
    const sev = row.querySelector(".rule-severity").value;
    if (sev) entry.severity = sev;
    if (Object.keys(entry).length) settings.rules[row.dataset.rule] = entry;
  }
  if (!catalogue) settings.rules = current.settings.rules; // the table never loaded: keep what was stored
  settings.sites = {};
  for (const box of document.querySelectorAll("#site-list input[type=checkbox]")) if (!box.checked) settings.sites[box.value] = false;
  settings.customSites = [...(current.settings.customSites || [])]; // changed by Add/Remove, stored at once
  settings.gate = { alwaysShow: $("#gate-always-show").checked };
  // Issue 16: who confirms, and after how many months an organisation duty is asked again. The
  // policy-only keys are not written from this form (managed storage sets them).
  settings.personName = $("#person-name").value.trim();
  settings.confirmationPeriodMonths = numberIn("#confirm-period", S.PERIOD_MONTHS, true) ?? current.settings.confirmationPeriodMonths;
  for (const key of ["requireConfirmations", "requireOverrideReason", "presetConfirmations", "recordsMax"]) delete settings[key];
  // Issue 15: minutes before the idle engine is unloaded; a number out of bounds keeps the stored one.
  settings.engineIdleMinutes = numberIn("#engine-idle", S.ENGINE_IDLE_MINUTES, false) ?? current.settings.engineIdleMinutes;
  return settings;
}

/**
 * The send history (storage.local, S.HISTORY_KEY; the gate writes it): only its size is shown,
 * counted as the gate counts it (S.freshHistory: what the duplicate-send check still uses).
 */
async function historyCount() {
  const stored = await chrome.storage.local.get(S.HISTORY_KEY);
  return S.freshHistory(stored[S.HISTORY_KEY]).length;
}

async function renderHistory() {
  try {
    const count = await historyCount();
    $("#history-count").textContent = t("optionsHistoryCount", [String(count)]);
    $("#history-count").dataset.count = String(count);
  } catch (err) {
    $("#history-status").textContent = t("optionsHistoryFailed", [err.message]);
  }
}

async function clearHistory() {
  try {
    const count = await historyCount();
    await chrome.storage.local.remove(S.HISTORY_KEY);
    $("#history-status").textContent = t.plural("optionsHistoryCleared", count);
  } catch (err) {
    $("#history-status").textContent = t("optionsHistoryFailed", [err.message]);
  }
  await renderHistory();
}

async function switchLanguage(locale) {
  t = await translator(locale);
  applyStrings(document, t);
  for (const note of document.querySelectorAll(".locked-note")) note.textContent = t("optionsLockedNote");
  sites.applyStrings();
  document.title = t(WELCOME ? "welcomeTitle" : "optionsTitle");
  renderHistory();
  if (catalogue) {
    const keep = collect(); // unsaved changes survive the switch
    if (catalogueLocale !== locale) await loadCatalogue(locale);
    current = { ...current, settings: { ...current.settings, ...keep } };
    renderPacks();
    renderRules();
  }
}

/** What the user did with the welcome page, next to the background's record of opening it. */
async function finishWelcome(how) {
  try {
    const stored = (await chrome.storage.local.get(ONBOARDING_KEY))[ONBOARDING_KEY] || {};
    await chrome.storage.local.set({ [ONBOARDING_KEY]: { ...stored, finished: how, finished_at: Date.now() } });
  } catch (err) {
    console.warn("[mailwacht] onboarding:", err);
  }
}

/** Welcome mode: the page shows the three lines and the profile; Skip closes the tab. */
function setUpWelcome() {
  document.body.classList.add("welcome-mode");
  $("#welcome").hidden = false;
  $("#welcome-skip").hidden = false;
  $("#save").dataset.i18n = "welcomeSave";
  $("#welcome-skip").addEventListener("click", async () => {
    await finishWelcome("skipped");
    document.body.dataset.welcome = "skipped";
    try {
      const tab = await chrome.tabs.getCurrent();
      if (tab && tab.id !== undefined) return void (await chrome.tabs.remove(tab.id));
    } catch {
      // not in a tab of its own: close the window instead
    }
    window.close();
  });
}

async function main() {
  current = await S.load();
  t = await translator(current.settings.locale);
  buildChoices();
  if (WELCOME) setUpWelcome();
  applyStrings(document, t);
  document.title = t(WELCOME ? "welcomeTitle" : "optionsTitle");
  fillProfile();
  sites.mount();
  await renderHistory();
  $("#history-clear").addEventListener("click", clearHistory);
  // Issue 16: the record of sends (export one or a period, clear).
  const records = () => mountRecords($("#records"), { send, t, settings: current.settings }).catch((err) => console.warn("[mailwacht] records:", err));
  records();
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes[RECORDS_KEY]) records();
  });
  // A send made in another tab while this page is open: the count follows.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && changes[S.HISTORY_KEY]) renderHistory();
  });
  $("#locale").addEventListener("change", (e) => switchLanguage(e.target.value));
  $("#form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (currentPacks().length === 0) return validatePacks();
    $("#save").disabled = true;
    try {
      const saved = await S.save(collect());
      current = { ...current, settings: saved };
      $("#save-status").textContent = t(WELCOME ? "welcomeSaved" : "optionsSaved");
      document.body.dataset.saved = String(Date.now());
      if (WELCOME) {
        await finishWelcome("saved");
        $("#welcome-all").hidden = false;
        document.body.dataset.welcome = "saved";
      }
    } catch (err) {
      $("#save-status").textContent = t("optionsSaveFailed", [err.message]);
    } finally {
      $("#save").disabled = false;
    }
  });
  document.body.dataset.ready = "settings";
  if (WELCOME) {
    // The profile needs no rule list: no engine call from the first page a new user sees.
    document.body.dataset.ready = "welcome";
    $("#org-name").focus();
    return;
  }
  await loadCatalogue(current.settings.locale);
  if (catalogue) {
    renderPacks();
    renderRules();
    document.body.dataset.ready = "all";
  }
}

main();
