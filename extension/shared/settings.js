/**
 * Mailwacht's settings: one object in `storage.sync` under the key "settings", merged with what an
 * administrator presets in managed storage (managed_schema.json), and turned into the engine's
 * `options` (py_core.model.Options.from_dict).
 *
 * An ES module, imported by the content side (bundled, entries/), the extension pages and the
 * background; it touches `chrome.*` only inside the functions that need it.
 *
 * Shape: py_core/settings_schema.py is the one schema (issue 12 §3). Its fields, types, allowed
 * values (the engine's audiences, locales, severities, packs), bounds and defaults reach this module
 * as SETTINGS_SCHEMA in the generated shared/constants.js, and administrators as the generated
 * managed_schema.json (every field optional there). Besides those fields the stored object has
 * `version: 1`. tests/js/settings-schema.test.mjs checks that clean() keeps every field of the
 * schema and nothing else.
 *
 * Locking: every field the managed storage sets is locked, at this granularity: "org.<field>",
 * "rules.<id>", "sites.<pattern>", "gate.<field>", "customSites.<pattern>", else the top-level
 * field ("audience", "packs", …). A locked field shows the managed value and cannot be changed;
 * `save()` never writes managed values into sync storage (if the policy goes, the user's own value
 * comes back).
 */

import { AUDIENCES, LOCALES, SEVERITIES, SETTINGS_SCHEMA } from "./constants.js";

const KEY = "settings";
const VERSION = 1;
// "unsubscribe": the web address of the sender's own unsubscribe page, for the quick fix's footer
// where no merge tag makes the link (webmail; issue 11); the engine's Organisation ignores it.
const ORG_FIELDS = Object.keys(SETTINGS_SCHEMA.org.properties);
const GATE_FIELDS = Object.keys(SETTINGS_SCHEMA.gate.properties);
const PACK_NAME = /^[a-z0-9-]{1,40}$/;
// At most this many own sites: each costs two registered content scripts.
const CUSTOM_SITES_MAX = 50;
/** {min, max, default} of a number field of the schema. */
const bounds = (field) => Object.freeze({ min: field.minimum, max: field.maximum, default: field.default });
const PERIOD_MONTHS = bounds(SETTINGS_SCHEMA.confirmationPeriodMonths);
const RECORDS_MAX = bounds(SETTINGS_SCHEMA.recordsMax);
// Issue 15: minutes without a check before the engine's worker (Chrome: its offscreen document) is
// unloaded; a number, so a test can use a few seconds.
const ENGINE_IDLE_MINUTES = bounds(SETTINGS_SCHEMA.engineIdleMinutes);
const DUTY_ID = /^[a-z0-9-]{1,60}$/;

// The send history (gate/main.js writes it, the options page counts and clears it): storage.local
// under this key, [{fingerprint, recipients, sent_at}] as py_core.history reads them: hashes and
// times only, never content. py_core.history.DUPLICATE_WINDOW is 24 h; entries are kept twice as
// long (a clock that is a little off still finds them) and at most HISTORY_MAX, oldest dropped first.
const HISTORY_KEY = "sendHistory";
const HISTORY_KEEP_MS = 48 * 3600 * 1000;
const HISTORY_MAX = 500;

/** The entries of a stored send history that still count (within HISTORY_KEEP_MS, at most HISTORY_MAX). */
function freshHistory(entries, now = Date.now()) {
  const since = now - HISTORY_KEEP_MS;
  return (Array.isArray(entries) ? entries : []).filter((e) => e && Date.parse(e.sent_at) >= since).slice(-HISTORY_MAX);
}

const api = () => globalThis.browser ?? globalThis.chrome;

/** "nl" when the browser's UI language is Dutch, else "en" (issue 4: default from the browser). */
function browserLocale() {
  let lang = "en";
  try {
    lang = api().i18n.getUILanguage() || "en";
  } catch {
    lang = (globalThis.navigator && navigator.language) || "en";
  }
  return lang.toLowerCase().startsWith("nl") ? "nl" : "en";
}

/** A new user's settings: the schema's defaults; the locale (no fixed default) the browser's. */
function defaults() {
  const out = { version: VERSION };
  for (const [name, field] of Object.entries(SETTINGS_SCHEMA)) out[name] = structuredClone(field.default);
  out.locale = browserLocale();
  return out;
}

/**
 * An own site as the user types it (a host such as "webmail.example.nl", https assumed, or an
 * http(s) address with a scheme, port and path) -> the match pattern of its host: scheme, host,
 * "/*"; null when it is no http(s) address. Only the scheme and host are kept: a match pattern has no
 * port (it covers every port of the host) and the path is widened to the whole host, because
 * webmail moves between paths (Roundcube's ?_task=mail&_action=compose).
 */
function sitePattern(input) {
  let text = typeof input === "string" ? input.trim() : "";
  if (!text || text.length > 300) return null;
  if (!text.includes("://")) text = "https:" + "//" + text; // a bare host name: https
  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  const host = url.hostname;
  // A host name of letters, digits, dashes and dots, or an IPv4/IPv6 address; no wildcards.
  if (!host || host.includes("*") || !/^(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)$/.test(host)) return null;
  return `${url.protocol}//${host}/*`;
}

/** A stored list of own sites: valid, normalised patterns only, each once, at most CUSTOM_SITES_MAX. */
function customSiteList(v) {
  if (!Array.isArray(v)) return [];
  const out = [];
  for (const p of v) {
    // Stored values are patterns already ("https://host/*"); sitePattern() of the origin part
    // keeps exactly those and refuses anything else.
    const pattern = typeof p === "string" && p.endsWith("/*") ? sitePattern(p.slice(0, -2)) : null;
    if (pattern && pattern === p && !out.includes(pattern)) out.push(pattern);
  }
  return out.slice(0, CUSTOM_SITES_MAX);
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v) => (typeof v === "string" ? v.slice(0, 2000) : "");

function domainList(v) {
  const list = Array.isArray(v) ? v : typeof v === "string" ? v.split(/[,;\s]+/) : [];
  return list.map((d) => str(d).trim().toLowerCase()).filter(Boolean).slice(0, 100);
}

/**
 * The valid part of a stored or managed object, field by field (a value of the wrong type is
 * left out, so one bad field never loses the rest). Returns a partial settings object.
 */
function clean(raw) {
  const out = {};
  if (!isObject(raw)) return out;
  if (isObject(raw.org)) {
    out.org = {};
    for (const f of ORG_FIELDS) {
      if (!(f in raw.org)) continue;
      if (f === "domains") out.org.domains = domainList(raw.org.domains);
      else if (typeof raw.org[f] === "string") out.org[f] = str(raw.org[f]);
    }
  }
  if (SETTINGS_SCHEMA.audience.enum.includes(raw.audience)) out.audience = raw.audience;
  if (Array.isArray(raw.packs)) {
    const packs = [...new Set(raw.packs.filter((p) => typeof p === "string" && PACK_NAME.test(p)))];
    if (packs.length) out.packs = packs;
  }
  if (SETTINGS_SCHEMA.locale.enum.includes(raw.locale)) out.locale = raw.locale;
  if (isObject(raw.rules)) {
    out.rules = {};
    for (const [id, r] of Object.entries(raw.rules)) {
      if (!isObject(r) || !PACK_NAME.test(id)) continue;
      const entry = {};
      if (typeof r.enabled === "boolean") entry.enabled = r.enabled;
      if (SETTINGS_SCHEMA.rules.additionalProperties.properties.severity.enum.includes(r.severity)) entry.severity = r.severity;
      if (Object.keys(entry).length) out.rules[id] = entry;
    }
  }
  if (isObject(raw.sites)) {
    out.sites = {};
    for (const [pattern, on] of Object.entries(raw.sites)) if (typeof on === "boolean") out.sites[pattern] = on;
  }
  if (Array.isArray(raw.customSites)) out.customSites = customSiteList(raw.customSites);
  if (isObject(raw.gate)) {
    out.gate = {};
    for (const f of GATE_FIELDS) if (typeof raw.gate[f] === "boolean") out.gate[f] = raw.gate[f];
  }
  // Issue 16: confirmations and records.
  if (typeof raw.personName === "string") out.personName = str(raw.personName).slice(0, 200);
  const within = (v, { min, max }) => Number.isInteger(v) && v >= min && v <= max;
  if (within(raw.confirmationPeriodMonths, PERIOD_MONTHS)) out.confirmationPeriodMonths = raw.confirmationPeriodMonths;
  if (within(raw.recordsMax, RECORDS_MAX)) out.recordsMax = raw.recordsMax;
  const m = raw.engineIdleMinutes;
  if (Number.isFinite(m) && m >= ENGINE_IDLE_MINUTES.min && m <= ENGINE_IDLE_MINUTES.max) out.engineIdleMinutes = m;
  if (typeof raw.requireConfirmations === "boolean") out.requireConfirmations = raw.requireConfirmations;
  if (typeof raw.requireOverrideReason === "boolean") out.requireOverrideReason = raw.requireOverrideReason;
  if (isObject(raw.presetConfirmations)) {
    out.presetConfirmations = {};
    for (const [id, p] of Object.entries(raw.presetConfirmations)) {
      if (!DUTY_ID.test(id) || !(p === true || isObject(p))) continue;
      out.presetConfirmations[id] = { by: str(isObject(p) ? p.by : "").slice(0, 200), at: str(isObject(p) ? p.at : "").slice(0, 30) };
    }
  }
  return out;
}

/** `base` with the fields of the partial `over` laid on top (org, rules and sites per entry). */
function merge(base, over) {
  const out = structuredClone(base);
  for (const [k, v] of Object.entries(over)) {
    if (k === "org") out.org = { ...out.org, ...v };
    else if (k === "rules") {
      for (const [id, r] of Object.entries(v)) out.rules[id] = { ...(out.rules[id] || {}), ...r };
    } else if (k === "sites") out.sites = { ...out.sites, ...v };
    else if (k === "customSites") out.customSites = customSiteList([...(out.customSites || []), ...v]); // a union
    else out[k] = v;
  }
  return out;
}

/** The set of locked field paths for a cleaned managed object (see the header). */
function lockedPaths(managed) {
  const locked = new Set();
  for (const [k, v] of Object.entries(managed)) {
    if (k === "org" || k === "rules" || k === "sites" || k === "gate") for (const sub of Object.keys(v)) locked.add(`${k}.${sub}`);
    else if (k === "customSites") for (const p of v) locked.add(`customSites.${p}`);
    else locked.add(k);
  }
  return locked;
}

async function readManaged() {
  try {
    // Firefox rejects when no managed storage manifest is installed; Chrome answers {}.
    const area = api().storage.managed;
    return area ? clean(await area.get(null)) : {};
  } catch {
    return {};
  }
}

async function readSync() {
  const got = await api().storage.sync.get(KEY);
  return clean(got && got[KEY]);
}

/**
 * The settings in force: defaults ← storage.sync ← managed storage.
 * Returns {settings, locked: Set<path>, managed: partial settings}.
 */
async function load() {
  const [own, managed] = await Promise.all([readSync(), readManaged()]);
  return { settings: merge(merge(defaults(), own), managed), locked: lockedPaths(managed), managed };
}

function getPath(obj, path) {
  const [head, ...rest] = path.split(".");
  if (!rest.length) return obj[head];
  return obj[head] ? obj[head][rest.join(".")] : undefined;
}

function setPath(obj, path, value) {
  const [head, ...rest] = path.split(".");
  if (!rest.length) {
    if (value === undefined) delete obj[head];
    else obj[head] = value;
    return;
  }
  obj[head] = obj[head] || {};
  const sub = rest.join(".");
  if (value === undefined) delete obj[head][sub];
  else obj[head][sub] = value;
}

/**
 * Store `settings` in storage.sync. Locked fields keep the user's own earlier value (or none):
 * managed values are never copied into sync storage. Returns the settings now in force.
 */
async function save(settings) {
  const [own, managed] = await Promise.all([readSync(), readManaged()]);
  const next = clean(settings);
  for (const path of lockedPaths(managed)) {
    if (!path.startsWith("customSites.")) setPath(next, path, structuredClone(getPath(own, path)));
  }
  if (managed.customSites) {
    // The organisation's sites are not copied into sync storage; the user's own entry for the
    // same site (added before the policy) stays, so it comes back if the policy goes.
    const mine = own.customSites || [];
    next.customSites = (next.customSites || []).filter((p) => !managed.customSites.includes(p) || mine.includes(p));
  }
  next.version = VERSION;
  await api().storage.sync.set({ [KEY]: next });
  return (await load()).settings;
}

/**
 * The engine's `options` (py_core.model.Options) for these settings: {platform?, locale,
 * audience, packs, org, rules}; rules carry only the overrides the user (or the organisation) set.
 */
function engineOptions(settings, { platform } = {}) {
  const s = merge(defaults(), clean(settings));
  const rules = {};
  for (const [id, r] of Object.entries(s.rules)) {
    const entry = { enabled: r.enabled !== false };
    if (r.severity) entry.severity = r.severity;
    if (!entry.enabled || entry.severity) rules[id] = entry;
  }
  const options = { locale: s.locale, audience: s.audience, packs: [...s.packs], org: structuredClone(s.org), rules };
  if (platform && platform !== "auto") options.platform = platform;
  return options;
}

/** A Chrome match pattern (scheme, host with an optional leading "*.", path) -> RegExp over a URL. */
function patternRegExp(pattern) {
  const m = /^(\*|https?|file|ftp):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return null;
  const esc = (s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  const scheme = m[1] === "*" ? "https?" : esc(m[1]);
  let host = m[2];
  host = host === "*" ? "[^/]+" : host.startsWith("*.") ? `(?:[^/]+\\.)?${esc(host.slice(2))}` : esc(host);
  const path = esc(m[3]).replace(/\\\*|\*/g, ".*");
  return new RegExp(`^${scheme}://${host}(?::\\d+)?${path}$`);
}

/** The supported sites: the match patterns the manifest's content scripts run on. */
function supportedSites() {
  let manifest = {};
  try {
    manifest = api().runtime.getManifest();
  } catch {
    return [];
  }
  const seen = new Set();
  for (const script of manifest.content_scripts || []) for (const p of script.matches || []) seen.add(p);
  return [...seen];
}

/** Whether Mailwacht may run on `url`: false only when a matching site is switched off. */
function siteEnabled(settings, url) {
  const sites = (settings && settings.sites) || {};
  for (const [pattern, on] of Object.entries(sites)) {
    if (on !== false) continue;
    const re = patternRegExp(pattern);
    if (re && re.test(url)) return false;
  }
  return true;
}

/**
 * Store the list of own sites alone (the options page's "Add"/"Remove" take effect at once, without
 * the form's other unsaved changes); the organisation's sites are never written. Returns the
 * settings now in force.
 */
async function saveCustomSites(patterns) {
  const [own, managed] = await Promise.all([readSync(), readManaged()]);
  const fixed = managed.customSites || [];
  const next = { ...own, version: VERSION, customSites: customSiteList(patterns).filter((p) => !fixed.includes(p) || (own.customSites || []).includes(p)) };
  await api().storage.sync.set({ [KEY]: next });
  return (await load()).settings;
}

/**
 * Store fields of the organisation profile alone (issue 11: the quick fix's inline form asks for
 * what the footer lacks), leaving every other stored setting as it is; fields the organisation
 * sets (managed, locked) are not written. Returns the settings now in force.
 */
async function saveOrg(fields) {
  const [own, managed] = await Promise.all([readSync(), readManaged()]);
  const org = clean({ org: fields }).org || {};
  for (const f of Object.keys(managed.org || {})) delete org[f];
  await api().storage.sync.set({ [KEY]: { ...own, version: VERSION, org: { ...(own.org || {}), ...org } } });
  return (await load()).settings;
}

/** Call `listener(loadResult)` whenever the stored settings change; returns an unsubscribe. */
function onChange(listener) {
  const handler = (changes, area) => {
    if ((area === "sync" && changes[KEY]) || area === "managed") load().then(listener);
  };
  api().storage.onChanged.addListener(handler);
  return () => api().storage.onChanged.removeListener(handler);
}

export {
  KEY,
  VERSION,
  AUDIENCES,
  LOCALES,
  SEVERITIES,
  ORG_FIELDS,
  GATE_FIELDS,
  CUSTOM_SITES_MAX,
  PERIOD_MONTHS,
  RECORDS_MAX,
  ENGINE_IDLE_MINUTES,
  HISTORY_KEY,
  HISTORY_KEEP_MS,
  HISTORY_MAX,
  freshHistory,
  browserLocale,
  defaults,
  clean,
  merge,
  lockedPaths,
  load,
  save,
  saveCustomSites,
  saveOrg,
  engineOptions,
  sitePattern,
  customSiteList,
  supportedSites,
  siteEnabled,
  patternRegExp,
  onChange,
};
