/**
 * The toolbar popup: checks the draft of the active tab when it opens, lists the findings by
 * severity with the guideline lines they rest on, and exports the compliance summary (HTML,
 * Markdown, JSON: py_core's render-summary) through the downloads API.
 *
 * Reading the draft: the popup asks the tab's content script (content:read-draft, answered by
 * reader/requests.js with the draft adapters' editors: the focused one, else the first that is not
 * empty). On a supported site the content script is there already; on any other site the popup
 * first injects the reader alone (reader.js, bundled from entries/reader.js), which the click on
 * the toolbar button allows (activeTab). So the adapters stay the only code that knows how to read
 * an editor. Nothing is written to the page.
 *
 * Which tab: the active tab of the popup's window; `?tab=<id>` names one (tests open the popup in a
 * tab of its own, where "active tab" would be the popup itself).
 *
 * Dismissals: the findings dismissed for this draft on its cards (marks/overlay.js, kept in
 * storage.local per draft key: shared/util.js) are sent as
 * `options.dismissed`, so the popup lists and exports them as dismissed, as the marks do.
 *
 * While the engine boots (engine:status "booting"), the popup says so with its elapsed time and an
 * indeterminate progress bar; engine:check itself waits for the boot.
 *
 * Written for the sender, not the developer (issue 11): each finding says what is wrong and how to
 * fix it (the finding's `fix`); it cites only guideline lines of the packs the user chose (a source
 * of another country's law is left out unless its pack is on); the engine's timings and the rule ids
 * are behind "technical details". The popup says whether Mailwacht runs on the tab's site, and offers
 * "Add this site" when it does not: the options page's own-site flow (permissions.request in the
 * click's own turn, then settings.saveCustomSites and the background's sites:sync).
 */

import { SEVERITIES } from "../shared/constants.js";
import { createCatalogue, send as sendMessage, sendToTab } from "../shared/messaging.js";
import * as S from "../shared/settings.js";
import { createDismissStore } from "../shared/util.js";
import { applyStrings, translator } from "../options/i18n.js";
import { mountConfirmations, mountRecords } from "./records-ui.js";

const $ = (sel) => document.querySelector(sel);

let t = null;
let settings = null;
let report = null;
const basisById = new Map(); // guideline id -> {title, document}
const titleByRule = new Map();
// Sources that belong to one pack (py_core.packs): cited only when that pack is chosen. The Dutch
// law, the guidelines and the technical references (RFCs, WCAG) have no pack of their own here.
const SOURCE_PACK = { "can-spam": "us-can-spam", casl: "ca-casl", "bulk-sender": "bulk-sender", "ddg-5": "de", "ddg-6": "de" };

const send = (message) => sendMessage(message, { api: chrome });

function setPhase(phase) {
  document.body.dataset.phase = phase;
}

// ---- engine status --------------------------------------------------------------------------

let statusTimer = 0;
async function watchEngine(started = Date.now()) {
  clearTimeout(statusTimer);
  let status;
  try {
    status = await send({ kind: "engine:status" });
  } catch (err) {
    showEngine("error", t("popupStateError"), err.message);
    statusTimer = setTimeout(() => watchEngine(started), 1000);
    return;
  }
  if (status.state === "ready") {
    const boot = status.boot;
    // Timings are for the curious: under "technical details".
    $("#technical-engine").textContent = boot ? t(boot.kind === "snapshot" ? "popupBootSnapshot" : "popupBootCold", [String(boot.ms)]) : "";
    showEngine("ready", t("popupState_ready"), "");
    return;
  }
  if (status.state === "error") {
    showEngine("error", t("popupState_error"), status.error || "");
  } else {
    const seconds = Math.round((Date.now() - started) / 1000);
    showEngine(status.state, t(`popupState_${status.state}`), t("popupBootWaiting", [String(seconds)]));
  }
  statusTimer = setTimeout(() => watchEngine(started), 500);
}

function showEngine(state, label, detail) {
  $("#engine").dataset.state = state;
  $("#engine-state").textContent = label;
  $("#engine-detail").textContent = detail || "";
  $("#engine-progress").hidden = state !== "booting" && state !== "idle";
}

// ---- the draft ---------------------------------------------------------------------------------

/** The popup's own reader of drafts (entries/reader.js): injected where no content script runs. */
const READER = "/reader.js";

/**
 * The draft of the tab (reader/requests.js readDraft: {url, started, editors, blank?, adapter,
 * platform, draft, draftKey}); `started`: Mailwacht's marks run there.
 */
async function readDraft(tabId) {
  const ask = () => sendToTab(tabId, { kind: "content:read-draft" }, { api: chrome });
  try {
    return await ask();
  } catch {
    // Nothing of Mailwacht listens in this tab: the reader alone, then ask again.
    await chrome.scripting.executeScript({ target: { tabId }, files: [READER] });
    return ask();
  }
}

/** The fingerprints dismissed for the draft on its cards ([] when none or unreadable). */
async function dismissedFor(draftKey) {
  if (!draftKey) return [];
  try {
    return await createDismissStore(chrome.storage.local).load(draftKey);
  } catch {
    return [];
  }
}

async function targetTab() {
  const param = new URLSearchParams(location.search).get("tab");
  if (param && /^\d+$/.test(param)) return Number(param);
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

function noDraft(reasonKey, detail) {
  setPhase("no-draft");
  $("#no-draft").hidden = false;
  $("#no-draft-reason").textContent = detail ? `${t(reasonKey)} (${detail})` : t(reasonKey);
}

// ---- this site -----------------------------------------------------------------------------------

/**
 * "Mailwacht runs on this site" (its content script is there and the site is not switched off), or
 * "does not run" with "Add this site" (an http(s) page only). Only for pages the popup could read.
 */
function showSite(found) {
  let url;
  try {
    url = new URL(found.url);
  } catch {
    return;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return;
  const box = $("#site");
  const runs = found.started && S.siteEnabled(settings, url.href);
  box.dataset.runs = String(runs);
  box.hidden = false;
  if (runs) {
    $("#site-state").textContent = t("popupSiteRuns", [url.host]);
    return;
  }
  if (found.started) {
    // A site Mailwacht knows, switched off in the settings: that is where to switch it on again.
    $("#site-state").textContent = t("popupSiteOff", [url.host]);
    return;
  }
  $("#site-state").textContent = t("popupSiteNotRunning", [url.host]);
  const pattern = S.sitePattern(url.origin);
  const button = $("#site-add");
  button.hidden = !pattern;
  button.addEventListener("click", () => addSite(pattern, url.host));
}

/** The options page's own-site flow: the browser's prompt in this click's turn, then store and register. */
function addSite(pattern, host) {
  const status = $("#site-status");
  chrome.permissions
    .request({ origins: [pattern] })
    .then(async (granted) => {
      if (!granted) {
        status.textContent = t("optionsSitesAddDenied", [host]);
        return;
      }
      const saved = await S.saveCustomSites([...(settings.customSites || []), pattern]);
      settings = { ...settings, customSites: saved.customSites };
      await send({ kind: "sites:sync" });
      $("#site-add").hidden = true;
      status.textContent = t("popupSiteAdded", [host]);
    })
    .catch((err) => {
      status.textContent = t("optionsSitesFailed", [err.message]);
    });
}

// ---- findings ----------------------------------------------------------------------------------

async function loadCatalogue() {
  try {
    for (const entry of await createCatalogue({ send }).load(settings.locale, { strict: true })) {
      titleByRule.set(entry.id, entry.title);
      for (const b of entry.basis || []) basisById.set(b.id, b);
    }
  } catch {
    // Titles fall back to rule ids; the findings themselves still show.
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function renderReport(found) {
  const live = report.findings.filter((f) => !f.dismissed);
  const draft = report.draft || {};
  const subject = draft.subject || t("popupNoSubject");
  $("#draft-info").textContent = t("popupDraftInfo", [subject, report.platform || found.platform || "?"]);
  const counts = report.counts || {};
  const verdict = $("#verdict");
  const level = counts.error ? "error" : counts.warning ? "warning" : "ok";
  verdict.dataset.level = level;
  const numbers = [String(counts.error || 0), String(counts.warning || 0), String(counts.info || 0)];
  // The number the sentence is about decides its form: "1 fout", "3 fouten" (t.plural).
  verdict.textContent = t.plural(`popupVerdict_${level}`, level === "error" ? counts.error : level === "warning" ? counts.warning : 0, numbers);

  const packs = Array.isArray(report.packs) ? report.packs : settings.packs || [];
  const technical = [report.engine && report.engine.version ? `Mailwacht ${report.engine.version}` : "", typeof report.duration_ms === "number" ? t("popupCheckTime", [String(Math.round(report.duration_ms))]) : "", packs.length ? `packs: ${packs.join(", ")}` : ""];
  $("#technical-check").textContent = technical.filter(Boolean).join(" · ");
  const box = $("#findings");
  box.replaceChildren();
  for (const severity of SEVERITIES) {
    const mine = live.filter((f) => f.severity === severity);
    if (!mine.length) continue;
    const group = el("section", "group");
    group.dataset.severity = severity;
    group.append(el("h2", "", t.plural(`popupGroup_${severity}`, mine.length)));
    const list = el("ul");
    for (const f of mine) {
      const li = el("li", "finding");
      li.dataset.rule = f.rule;
      li.dataset.severity = f.severity;
      li.dataset.fingerprint = f.fingerprint;
      li.append(el("span", "title", titleByRule.get(f.rule) || f.rule), " ", el("code", "rule-id", f.rule));
      if (f.kind === "review") li.append(" ", el("span", "review", t("contentReview")));
      li.append(el("div", "message", f.message));
      if (f.fix) {
        const fix = el("div", "fix");
        fix.append(el("strong", "", t("contentFix")), " ", f.fix);
        li.append(fix);
      }
      if (f.evidence) li.append(el("span", "evidence", f.evidence));
      const basis = (f.basis || []).filter((id) => !SOURCE_PACK[id] || packs.includes(SOURCE_PACK[id])).map((id) => basisById.get(id)).filter(Boolean);
      if (basis.length) li.append(el("div", "basis", `${t("contentBasis")} ${basis.map((b) => `${b.title} (${b.document})`).join("; ")}`));
      list.append(li);
    }
    group.append(list);
    box.append(group);
  }
  if (!live.length) box.append(el("p", "muted", t("popupNoFindings")));
  $("#result").hidden = false;
  setPhase("done");
}

// ---- export ------------------------------------------------------------------------------------

async function exportSummary(format) {
  const status = $("#export-status");
  status.textContent = t("popupExporting");
  try {
    // The summary's times in this computer's time zone (the report carries UTC).
    const options = { tz_offset: -new Date().getTimezoneOffset(), tz_name: Intl.DateTimeFormat().resolvedOptions().timeZone || "" };
    const { content, mime, filename } = await send({ kind: "engine:render-summary", report, format, locale: settings.locale, options });
    const url = URL.createObjectURL(new Blob([content], { type: mime }));
    const id = await chrome.downloads.download({ url, filename, saveAs: false, conflictAction: "uniquify" });
    // The blob must outlive the download's start; it is released when the download ends (or the popup closes).
    const done = (delta) => {
      if (delta.id === id && delta.state && delta.state.current !== "in_progress") {
        URL.revokeObjectURL(url);
        chrome.downloads.onChanged.removeListener(done);
      }
    };
    chrome.downloads.onChanged.addListener(done);
    status.textContent = t("popupExported", [filename]);
    const ids = document.body.dataset.downloads ? document.body.dataset.downloads.split(",") : [];
    document.body.dataset.downloads = [...ids, `${format}:${id}`].join(",");
  } catch (err) {
    status.textContent = t("popupExportFailed", [err.message]);
  }
}

// ---- start -------------------------------------------------------------------------------------

async function main() {
  settings = (await S.load()).settings;
  t = await translator(settings.locale);
  applyStrings(document, t);
  $("#open-options").addEventListener("click", () => chrome.runtime.openOptionsPage());
  $("#technical").addEventListener("toggle", () => {
    document.body.dataset.technical = String($("#technical").open);
  });
  for (const button of document.querySelectorAll("#export button")) {
    button.addEventListener("click", () => exportSummary(button.dataset.format));
  }
  watchEngine();
  // Issue 16: the record of sends (export one or a period, clear), whatever the tab holds.
  mountRecords($("#records"), { send, t, settings }).catch((err) => console.warn("[mailwacht] records:", err));

  setPhase("reading");
  const tabId = await targetTab();
  let found;
  try {
    if (tabId === null) throw new Error("no active tab");
    found = await readDraft(tabId);
  } catch (err) {
    // Browser pages (chrome://, the web store) and pages we may not script: nothing to read.
    noDraft("popupNoDraftUnreadable", err.message);
    mountConfirmations($("#confirmations"), { send, t, settings }).catch((e) => console.warn("[mailwacht] duties:", e));
    return;
  }
  if (found) showSite(found);
  if (!found || !found.draft) {
    noDraft(found && found.blank ? "popupNoDraftBlank" : "popupNoDraftNone");
    mountConfirmations($("#confirmations"), { send, t, settings }).catch((e) => console.warn("[mailwacht] duties:", e));
    return;
  }
  // The duties: the organisation's, and those of this draft's list (issue 16).
  mountConfirmations($("#confirmations"), { send, t, settings, draft: found.draft }).catch((e) => console.warn("[mailwacht] duties:", e));
  setPhase("checking");
  try {
    await loadCatalogue();
    const options = { ...S.engineOptions(settings, { platform: found.platform }), dismissed: await dismissedFor(found.draftKey) };
    report = await send({ kind: "engine:check", draft: found.draft, options });
  } catch (err) {
    setPhase("error");
    $("#error").hidden = false;
    $("#error").textContent = t("popupCheckFailed", [err.message]);
    return;
  }
  renderReport(found);
}

main();
