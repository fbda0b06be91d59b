/**
 * The content script's side of the messages to a tab (shared/protocol.js, target "content"): the
 * popup asks for the draft it checks (content:read-draft), the popup and the context menu ask
 * whether the marks run (content:probe), and "Check this field with Mailwacht" asks the marks to
 * check the field right-clicked (content:check-field). Answered only to this extension's own pages
 * and background, never to another content script or a page.
 *
 *   listenForRequests({api, marks})   marks() -> the marks (marks/main.js startMarks()) or null
 *   readDraft(doc, loc)               the draft the popup checks (below)
 */
import { ERROR, TARGET, errorReply, invalid, okReply } from "../shared/protocol.js";
import { draftKey } from "../shared/util.js";
import { findEditors } from "./editors.js";

/** Nothing to read: no text, no image, link or form control. */
const blank = (d) => !((d.html || "").replace(/<[^>]*>/g, "").trim() || (d.text || "").trim() || /<(img|input|a)\b/i.test(d.html || ""));

/**
 * The draft of the focused (or first non-empty) editor of `doc`: {url, editors, adapter, platform,
 * draft, draftKey} ({url, editors: 0} without editors, {url, editors, blank: true} when all are
 * empty). draftKey: the key the cards keep this draft's dismissals under (shared/util.js), never
 * content.
 */
export function readDraft(doc = document, loc = location) {
  const where = { url: loc.href };
  const editors = findEditors(doc);
  if (!editors.length) return { ...where, editors: 0 };
  const active = doc.activeElement;
  const focused = editors.find((e) => active && (e.anchor === active || e.root === active || (e.root.contains && e.root.contains(active))));
  let chosen = focused;
  let draft = chosen ? chosen.draft() : null;
  if (!chosen) {
    for (const e of editors) {
      const d = e.draft();
      if (!blank(d)) {
        chosen = e;
        draft = d;
        break;
      }
    }
  }
  if (!chosen) return { ...where, editors: editors.length, blank: true };
  return { ...where, editors: editors.length, adapter: chosen.adapter, platform: chosen.platform || "auto", draft, draftKey: draftKey(chosen, loc) };
}

/** Answer the messages of target "content" in this tab; `marks()` -> the marks or null. */
export function listenForRequests({ api, marks = () => null }) {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!message || message.target !== TARGET.content) return false;
    // Our own pages and background only (their address is the extension's; a content script's is
    // its page's).
    if (!sender || sender.id !== api.runtime.id || !String(sender.url || "").startsWith(api.runtime.getURL(""))) return false;
    const wrong = invalid(message);
    if (wrong) {
      sendResponse(errorReply(ERROR.badMessage, wrong));
      return false;
    }
    const started = Boolean(marks());
    if (message.kind === "content:probe") sendResponse(okReply({ started }));
    else if (message.kind === "content:read-draft") sendResponse(okReply({ ...readDraft(), started }));
    else if (message.kind === "content:check-field") {
      // Without the marks (the popup's reader only) another listener in this tab answers.
      if (!started) return false;
      sendResponse(okReply(marks().checkField()));
    }
    return false;
  });
}
