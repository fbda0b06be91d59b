/**
 * The record chain of sends and the sender's confirmations (issue 16): the JavaScript half of
 * py_core/records.py. An ES module (the send gate, bundled; the popup and options pages; node tests
 * import it).
 *
 * A record: {v, seq, time, action: "sent"|"sent-anyway", reason, draft: {fingerprint, subject},
 * platform, mail_kind, organisation, findings: [{rule, severity, fingerprint, outcome:
 * "fixed"|"dismissed"|"overridden"|"open", reason}], confirmations: [{id, scope, by, at}],
 * engine_version, prev, hash}. Never the draft's body. `hash` is SHA-256 (hex) over the canonical
 * JSON of the record without `hash`: keys sorted at every level, no blanks, UTF-8 — what Python's
 * json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) gives (tests/py/test_records.py
 * runs this file in node and checks both agree). Integers only.
 *
 * Records: storage.local RECORDS_KEY, oldest first, at most `max` (oldest out), clearable.
 * Confirmations: storage.local CONFIRMATIONS_KEY, {<organisation key>: {<duty id>: {by, at, list?}}}.
 * A duty of scope "organisation" is in force for `periodMonths` after it was confirmed; a duty of
 * scope "list" only for the list it was confirmed for (the mailing's recipients hash, or the
 * draft's fingerprint where the draft names no recipients: an ESP's list is not in the draft), so
 * it is asked again when the list changes. Policy `presetConfirmations` ({<duty id>: {by, at}})
 * counts as confirmed for every list.
 */

const RECORDS_KEY = "mailwacht.records";
const CONFIRMATIONS_KEY = "mailwacht.confirmations";
const RECORDS_MAX_DEFAULT = 500;
const RECORD_FORMAT = 1;
const PERIOD_MONTHS_DEFAULT = 12;

/** Canonical JSON without `hash` (throws on a fractional number, as Python refuses it). */
function canonical(record) {
  const body = { ...record };
  delete body.hash;
  return stringify(body);
}

function stringify(value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new TypeError("records hold integers only");
    return String(value);
  }
  if (typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stringify).join(",")}]`;
  if (typeof value === "object") {
    // Python sorts keys by code point; JS compares UTF-16 units: the same below U+D800 (record keys are ASCII).
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stringify(value[k])}`).join(",")}}`;
  }
  throw new TypeError(`a record cannot hold a ${typeof value}`);
}

async function recordHash(record) {
  const bytes = new TextEncoder().encode(canonical(record));
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `record` chained after `previous` (or first): v, seq, prev and hash filled in. */
async function sealRecord(record, previous) {
  const out = { ...record };
  delete out.hash;
  out.v = RECORD_FORMAT;
  out.seq = previous ? Number(previous.seq) + 1 : 1;
  out.prev = previous ? String(previous.hash) : "";
  out.hash = await recordHash(out);
  return out;
}

/** {intact, count, broken_at, problem}, as py_core.records.verify (the engine's export is the word that counts). */
async function verifyChain(records) {
  let previous = null;
  for (let i = 0; i < records.length; i += 1) {
    const r = records[i];
    let problem = "";
    if (!r || typeof r !== "object" || typeof r.hash !== "string" || !Number.isInteger(r.seq) || typeof r.prev !== "string") {
      problem = "shape";
    } else {
      let hash = "";
      try {
        hash = await recordHash(r);
      } catch {
        problem = "shape";
      }
      if (!problem && hash !== r.hash) problem = "hash";
      else if (!problem && previous && r.prev !== previous.hash) problem = "prev";
      else if (!problem && previous && r.seq !== previous.seq + 1) problem = "seq";
    }
    if (problem) return { intact: false, count: records.length, broken_at: i, problem };
    previous = r;
  }
  return { intact: true, count: records.length, broken_at: null, problem: "" };
}

/** Append one record (sealed after the newest); at most `max` kept, the oldest out. */
async function appendRecord(storage, record, { max = RECORDS_MAX_DEFAULT } = {}) {
  const list = await readRecords(storage);
  const sealed = await sealRecord(record, list.length ? list[list.length - 1] : null);
  list.push(sealed);
  const keep = Math.max(1, Math.floor(Number(max) || RECORDS_MAX_DEFAULT));
  await storage.set({ [RECORDS_KEY]: list.length > keep ? list.slice(list.length - keep) : list });
  return sealed;
}

async function readRecords(storage) {
  const got = await storage.get(RECORDS_KEY);
  return Array.isArray(got[RECORDS_KEY]) ? got[RECORDS_KEY] : [];
}

/** Records whose time falls in [from, to] (ISO dates or datetimes; either may be empty). */
function recordsInPeriod(records, from = "", to = "") {
  const end = to && to.length <= 10 ? `${to}T23:59:59.999Z` : to;
  return records.filter((r) => (!from || String(r.time) >= from) && (!end || String(r.time) <= end));
}

async function clearRecords(storage) {
  await storage.remove(RECORDS_KEY);
}

// ---- confirmations -----------------------------------------------------------------------

/** The key confirmations are kept under: the organisation's name, lower-cased ("" for none). */
function orgKey(name) {
  return String(name || "").trim().toLowerCase().replace(/\s+/g, " ").slice(0, 200);
}

function monthsBefore(now, months) {
  const d = new Date(now);
  d.setMonth(d.getMonth() - months);
  return d;
}

async function readConfirmations(storage) {
  const got = await storage.get(CONFIRMATIONS_KEY);
  const all = got[CONFIRMATIONS_KEY];
  return all && typeof all === "object" && !Array.isArray(all) ? all : {};
}

/**
 * The confirmations in force for `duties` ([{id, scope}]), organisation `org` and list `list`:
 * [{id, scope, by, at}] (policy presets first). `periodMonths`: how long one counts.
 */
async function inForce(storage, duties, { org, list = "", periodMonths = PERIOD_MONTHS_DEFAULT, preset = {}, now = Date.now() } = {}) {
  const mine = (await readConfirmations(storage))[orgKey(org)] || {};
  const since = monthsBefore(now, Math.max(1, Number(periodMonths) || PERIOD_MONTHS_DEFAULT)).toISOString();
  const out = [];
  for (const duty of duties) {
    const p = preset && preset[duty.id];
    if (p) {
      out.push({ id: duty.id, scope: duty.scope, by: String((p && p.by) || "policy").slice(0, 200), at: String((p && p.at) || "").slice(0, 30) });
      continue;
    }
    const c = mine[duty.id];
    if (!c || typeof c.at !== "string" || c.at < since) continue;
    if (duty.scope === "list" && c.list !== list) continue;
    out.push({ id: duty.id, scope: duty.scope, by: String(c.by || ""), at: c.at });
  }
  return out;
}

/** The duties not in force (what to ask). */
async function missing(storage, duties, context) {
  const have = new Set((await inForce(storage, duties, context)).map((c) => c.id));
  return duties.filter((d) => !have.has(d.id));
}

/** Store confirmations of `ids` by `by` now; list duties for `list`. */
async function confirm(storage, duties, ids, { org, list = "", by = "", now = Date.now() } = {}) {
  const all = await readConfirmations(storage);
  const key = orgKey(org);
  const mine = { ...(all[key] || {}) };
  const at = new Date(now).toISOString().replace(/\.\d+Z$/, "Z");
  for (const duty of duties) {
    if (!ids.includes(duty.id)) continue;
    mine[duty.id] = { by: String(by || "").slice(0, 200), at, ...(duty.scope === "list" ? { list } : {}) };
  }
  await storage.set({ [CONFIRMATIONS_KEY]: { ...all, [key]: mine } });
}

async function clearConfirmations(storage) {
  await storage.remove(CONFIRMATIONS_KEY);
}

/**
 * The list a mailing goes to: the recipients' hash when the draft names recipients, else the
 * draft's own fingerprint (an ESP's list is not in the draft: each mailing is asked anew).
 */
function listKey(draft, entry) {
  const named = draft && [draft.to, draft.cc, draft.bcc].some((v) => (Array.isArray(v) ? v.length : v && String(v).trim()));
  return named ? `to:${entry.recipients}` : `draft:${entry.fingerprint}`;
}

/**
 * The findings of a send and their outcome. `first`: the report at the first check of this
 * send; `last`: the report the send went out with; `anyway`: "Send anyway" with `reason`.
 * Only rule ids, severities and fingerprints: a finding's message may quote the draft.
 */
function outcomes(first, last, { anyway = false, reason = "", holds = () => false } = {}) {
  const lastFindings = (last && last.findings) || [];
  const present = new Set(lastFindings.map((f) => f.fingerprint));
  const out = [];
  for (const f of (first && first.findings) || []) {
    if (!present.has(f.fingerprint)) out.push({ rule: f.rule, severity: f.severity, fingerprint: f.fingerprint || "", outcome: "fixed", reason: "" });
  }
  for (const f of lastFindings) {
    const outcome = f.dismissed ? "dismissed" : anyway && holds(f) ? "overridden" : "open";
    out.push({ rule: f.rule, severity: f.severity, fingerprint: f.fingerprint || "", outcome, reason: outcome === "overridden" ? reason : outcome === "dismissed" ? String(f.dismissed_reason || "") : "" });
  }
  return out;
}

export {
  RECORDS_KEY,
  CONFIRMATIONS_KEY,
  RECORDS_MAX_DEFAULT,
  RECORD_FORMAT,
  PERIOD_MONTHS_DEFAULT,
  canonical,
  recordHash,
  sealRecord,
  verifyChain,
  appendRecord,
  readRecords,
  recordsInPeriod,
  clearRecords,
  orgKey,
  readConfirmations,
  inForce,
  missing,
  confirm,
  clearConfirmations,
  listKey,
  outcomes,
};
