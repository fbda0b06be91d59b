/**
 * "Report a false alarm" (issue 11): a small local file about one finding the user thinks is
 * wrong, saved through the browser's own download (an <a download> of a Blob made here): the
 * finding, its rule, the versions of the extension and the engine, and the text around the mark.
 * Nothing leaves the machine: the user reads the file and decides whether to send it to whoever
 * maintains their Mailwacht. No recipients, no addresses of the envelope, no whole draft.
 *
 *   const {filename, text} = falseAlarm({finding, title, target, platform, engine, extension, locale, site});
 *   saveFile(parent, filename, text);
 */

import { unitOffsets } from "./mirror.js";

// Characters of text kept on each side of the marked part.
const AROUND = 160;

const squash = (s) => String(s || "").replace(/\s+/g, " ").trim();

/** `text` around [start, end) (code points): {before, marked, after}, or null when out of range. */
function cut(text, start, end) {
  const units = unitOffsets(text, start, end);
  if (!units) return null;
  return { before: text.slice(Math.max(0, units[0] - AROUND), units[0]), marked: text.slice(units[0], units[1]), after: text.slice(units[1], units[1] + AROUND) };
}

/**
 * The text around a finding's place in the draft (marks/boxes.js resolve(): element, range,
 * textarea or edge): {before, marked, after}; empty for a finding about the whole draft.
 */
export function textAround(target, finding) {
  const loc = finding.location || {};
  if (target.type === "textarea") return cut(target.el.value, target.start, target.end) || { before: "", marked: "", after: "" };
  if (target.type === "range") {
    const found = cut(target.el.textContent, loc.start, loc.end);
    if (found) return found;
  }
  if (target.type === "element" || target.type === "range") {
    // An element with little text of its own (a checkbox, an image): the text of the nearest
    // ancestor that has some, as far as the editor's root.
    let el = target.el;
    while (el && squash(el.textContent).length < 20 && el.parentElement) el = el.parentElement;
    const text = squash(el ? el.textContent : "");
    return { before: "", marked: text.length > 2 * AROUND ? `${text.slice(0, 2 * AROUND)}…` : text, after: "" };
  }
  return { before: "", marked: "", after: "" };
}

/**
 * The report of one finding: {filename, text} (pretty JSON). `title`: the rule's title as shown;
 * `engine`: the report's engine version; `extension`: the extension's version; `site`: the page's
 * host name (no path, no query); `now`: a Date.
 */
export function falseAlarm({ finding, title, target, platform = "", engine = "", extension = "", locale = "", site = "", now = new Date() }) {
  const around = textAround(target, finding);
  const body = {
    about:
      "A Mailwacht finding reported as a false alarm. Saved on this computer only: nothing was sent. " +
      "Read it, remove what you do not want to share, and send it to whoever maintains your Mailwacht.",
    versions: { extension, engine },
    finding: {
      rule: finding.rule,
      title: title || finding.rule,
      severity: finding.severity,
      kind: finding.kind,
      message: finding.message || "",
      fix: finding.fix || "",
      evidence: finding.evidence || "",
      basis: finding.basis || [],
      location: finding.location || null,
      fingerprint: finding.fingerprint || "",
    },
    text_around: squash(`${around.before}${around.marked}${around.after}`),
    marked_text: squash(around.marked),
    platform,
    site,
    locale,
    saved_at: now.toISOString(),
  };
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
  const rule = String(finding.rule || "finding").replace(/[^a-z0-9-]/gi, "");
  return { filename: `mailwacht-false-alarm-${rule}-${stamp}.json`, text: `${JSON.stringify(body, null, 2)}\n` };
}

/** Save `text` as `filename` through the browser's download (an <a download> put in `parent`, clicked, removed). */
export function saveFile(parent, filename, text, mime = "application/json") {
  const doc = parent.ownerDocument || parent;
  const win = doc.defaultView;
  const url = win.URL.createObjectURL(new win.Blob([text], { type: mime }));
  const a = doc.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  parent.append(a);
  a.click();
  a.remove();
  // The blob must outlive the download's start.
  win.setTimeout(() => win.URL.revokeObjectURL(url), 60000);
}
