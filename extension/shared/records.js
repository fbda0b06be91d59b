/**
 * The record chain of sends (issue 16), the JavaScript half of py_core/records.py.
 *
 * A record: {v, seq, time, action: "sent"|"sent-anyway", reason, draft: {fingerprint, subject},
 * platform, mail_kind, organisation, findings: [{rule, severity, fingerprint, outcome:
 * "fixed"|"dismissed"|"overridden"|"open", reason}], confirmations: [{id, scope, by, at}],
 * engine_version, prev, hash}. Never the draft's body. `hash` is SHA-256 (hex) over the
 * canonical JSON of the record without `hash`: keys sorted at every level, no blanks, UTF-8 —
 * what Python's json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) gives
 * (tests/test_records.py runs this module in node and checks both agree). Integers only.
 *
 * Stored in chrome.storage.local under RECORDS_KEY, oldest first, at most `max` (oldest out).
 */

export const RECORDS_KEY = "mailwacht.records";
export const RECORDS_MAX_DEFAULT = 500;
export const RECORD_FORMAT = 1;

/** Canonical JSON without `hash` (throws on a fractional number, as Python refuses it). */
export function canonical(record) {
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
    // Python sorts keys by code point; JS's default sort compares UTF-16 units: the same for
    // every key below U+D800 (record keys are ASCII).
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stringify(value[k])}`).join(",")}}`;
  }
  throw new TypeError(`a record cannot hold a ${typeof value}`);
}

/** SHA-256 hex of the canonical form. */
export async function recordHash(record) {
  const bytes = new TextEncoder().encode(canonical(record));
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `record` chained after `previous` (or first): v, seq, prev and hash filled in. */
export async function sealRecord(record, previous) {
  const out = { ...record };
  delete out.hash;
  out.v = RECORD_FORMAT;
  out.seq = previous ? Number(previous.seq) + 1 : 1;
  out.prev = previous ? String(previous.hash) : "";
  out.hash = await recordHash(out);
  return out;
}

/** {intact, count, broken_at, problem} as py_core.records.verify (the engine's word is final). */
export async function verifyChain(records) {
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

/**
 * Append one record to the stored chain (sealed after the newest); keeps at most `max`, the
 * oldest out. The chain stays verifiable: the oldest kept record's `prev` names the one dropped.
 */
export async function appendRecord(storage, record, { max = RECORDS_MAX_DEFAULT } = {}) {
  const got = await storage.get(RECORDS_KEY);
  const list = Array.isArray(got[RECORDS_KEY]) ? got[RECORDS_KEY] : [];
  const sealed = await sealRecord(record, list.length ? list[list.length - 1] : null);
  list.push(sealed);
  const keep = Math.max(1, Math.floor(Number(max) || RECORDS_MAX_DEFAULT));
  const kept = list.length > keep ? list.slice(list.length - keep) : list;
  await storage.set({ [RECORDS_KEY]: kept });
  return sealed;
}

/** Every stored record, oldest first. */
export async function readRecords(storage) {
  const got = await storage.get(RECORDS_KEY);
  return Array.isArray(got[RECORDS_KEY]) ? got[RECORDS_KEY] : [];
}

/** Records whose time falls in [from, to] (ISO dates or datetimes; either may be empty). */
export function recordsInPeriod(records, from = "", to = "") {
  const end = to && to.length <= 10 ? `${to}T23:59:59.999Z` : to;
  return records.filter((r) => (!from || String(r.time) >= from) && (!end || String(r.time) <= end));
}

export async function clearRecords(storage) {
  await storage.remove(RECORDS_KEY);
}
