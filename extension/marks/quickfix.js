/**
 * Quick fixes on the cards (issue 4): insert a compliant footer, untick a pre-ticked consent box,
 * point a dead unsubscribe link at the platform's own unsubscribe merge tag. They run ONLY when the
 * user clicks the fix's button on a card (house style 6: the overlay never touches the draft by
 * itself); checking never calls anything here.
 *
 * Like the overlay, this knows nothing of `chrome.*`: `createQuickFix({footer, runInPage, profile})` gets
 *   footer({platform, format, org, draft}) -> Promise<{content, needs_unsubscribe_url, notes, language}>
 *                     (engine:footer: the footer in the language of `draft`, the draft it goes into)
 *   profile {load() -> Promise<org>, save(fields) -> Promise<settings>}  (the organisation profile,
 *                     shared/settings.js; issue 11: the footer's data, asked for where it is missing)
 *   runInPage(fix) -> Promise<{applied, via, reason}>  (editor:apply-fix: page-world/page-fix.js in the
 *                     page's world, through the editor's API so its undo takes the fix back)
 * When no editor API owns the editor (a plain contenteditable such as Gmail's body, a textarea),
 * the fix goes through the browser's own editing commands (execCommand insertHTML / insertText),
 * which put it on the browser's undo stack (Ctrl+Z), and fire the input events editors listen to.
 */
import { isRendered } from "../shared/util.js";
import { footerNeeds, unsubscribeAddress, withUnsubscribe } from "./profile-form.js";

// The footer never carries a "[…]" placeholder (issue 11): a footer fix whose profile data is
// incomplete inserts nothing and answers {applied: false, needs: [fields]}; the card and the send
// dialog then show profile-form.js profileForm, which saves the fields (saveProfile below) and runs
// the fix again.
export { PROFILE_FIELDS, PROFILE_FORM_CSS, footerNeeds, profileForm } from "./profile-form.js";

/** A fix's label key in _locales, by kind (the cards' and the send dialog's buttons). */
export const FIX_LABELS = Object.freeze({ footer: "contentFixFooter", uncheck: "contentFixUncheck", href: "contentFixHref" });

/** Rules whose fix is the compliant footer (it carries reason, sender, address, contact, link). */
const FOOTER_RULES = new Set(["unsubscribe-missing", "reason-missing", "contact-missing", "postal-address-missing"]);

/** py_core.model.WEBMAIL_PLATFORMS: nothing fills a merge tag there, so no link can point at one. */
const WEBMAIL = new Set(["gmail", "outlook", "roundcube", "webmail"]);

/** Which fix a finding offers in `editor` ("footer" | "uncheck" | "href") or null. */
function fixFor(editor, finding) {
  // GrapesJS: the draft is the editor's export, not the canvas a user edits; no fix is offered.
  if (editor.adapter === "grapesjs") return null;
  const loc = finding.location || null;
  if (FOOTER_RULES.has(finding.rule)) return "footer";
  if (editor.mode !== "html" || !loc || !loc.selector) return null;
  // CKEditor 5 and Quill re-render their DOM from their own model: there every fix is a change
  // of that model (page-fix.js: CKEditor 5 model.change, Quill formatText), never of the DOM.
  if (finding.rule === "consent-prechecked") return "uncheck";
  if (finding.rule === "unsubscribe-broken") return WEBMAIL.has(editor.platform) ? null : "href";
  return null;
}

/** Where `el` is, as indexes the page's world can follow: iframes from the top, then children. */
function pathOf(el) {
  const nodes = [];
  for (let node = el; node && node.parentElement; node = node.parentElement) {
    nodes.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
  }
  const frames = [];
  for (let win = el.ownerDocument.defaultView; win && win.frameElement; win = win.parent) {
    const frame = win.frameElement;
    frames.unshift(Array.prototype.indexOf.call(frame.ownerDocument.querySelectorAll("iframe"), frame));
  }
  return { frames, nodes };
}

/** The unsubscribe href of the platform's footer (its merge tag), or null when it has none. */
function unsubscribeHref(footer) {
  if (footer.needs_unsubscribe_url) return null; // a visible marker, not a working link
  // Parsed in an inert document (no scripts run, nothing loads).
  const parsed = new DOMParser().parseFromString(footer.content, "text/html");
  const links = parsed.querySelectorAll("a[href]");
  // footer.html.jinja: the unsubscribe link is the footer's last link.
  return links.length ? links[links.length - 1].getAttribute("href") : null;
}

/** Place the caret at the very end of `root` (after its last child) and focus it. */
function caretAtEnd(root) {
  const doc = root.ownerDocument;
  root.focus({ preventScroll: true });
  const range = doc.createRange();
  range.selectNodeContents(root);
  range.collapse(false);
  const selection = doc.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

/** The fix through the browser's editing commands (undo: Ctrl+Z) where no editor API exists. */
function applyInDom(editor, op, { html, text, selector, href }) {
  const root = editor.root;
  const doc = root.ownerDocument;
  if (editor.mode === "textarea") {
    if (op !== "footer") return false;
    const value = root.value;
    root.focus({ preventScroll: true });
    root.setSelectionRange(value.length, value.length);
    const insert = (value && !/\n\s*$/.test(value) ? "\n\n" : "") + text;
    // insertText is on the textarea's undo stack; setRangeText (the fallback) is not.
    if (!doc.execCommand("insertText", false, insert)) {
      root.setRangeText(insert, value.length, value.length, "end");
      root.dispatchEvent(new Event("input", { bubbles: true }));
    }
    return true;
  }
  if (op === "footer") {
    caretAtEnd(root);
    // One insertHTML (one undo step). Chrome merges the fragment's first paragraph into the one
    // holding the caret; an empty first paragraph keeps the footer's own text out of it.
    return doc.execCommand("insertHTML", false, `<p><br></p>${html}`);
  }
  const target = root.querySelectorAll(`:scope > ${selector}`)[0];
  if (!target) return false;
  // The element is replaced by a copy without the tick / with the new href, through insertHTML on
  // a selection of exactly that element: one step on the browser's undo stack.
  const copy = target.cloneNode(true);
  if (op === "uncheck") copy.removeAttribute("checked");
  if (op === "href") copy.setAttribute("href", href);
  root.focus({ preventScroll: true });
  const range = doc.createRange();
  range.selectNode(target);
  const selection = doc.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  if (doc.execCommand("insertHTML", false, copy.outerHTML)) return true;
  // No editing command: a direct change, announced with the events editors listen to.
  if (op === "uncheck") {
    target.removeAttribute("checked");
    target.checked = false;
  } else target.setAttribute("href", href);
  root.dispatchEvent(new Event("input", { bubbles: true }));
  return true;
}

export function createQuickFix({ footer, runInPage, profile = null }) {
  /** The draft the footer goes into, for its language (engine:footer), or null. */
  function draftOf(editor) {
    try {
      const d = editor.draft();
      return d && (d.html != null || d.text != null) ? { html: d.html || "", text: d.text || "", subject: d.subject || "" } : null;
    } catch {
      return null;
    }
  }

  /**
   * Run the fix of `finding` in `editor` (on a click). Resolves {applied, via, notes}; a footer
   * whose profile data is missing: {applied: false, needs: [field, …]} (profile-form.js
   * PROFILE_FIELDS) and nothing inserted.
   */
  async function apply(editor, finding, platform) {
    const op = fixFor(editor, finding);
    if (!op) return { applied: false, via: null, notes: [] };
    const params = { selector: finding.location && finding.location.selector };
    let notes = [];
    if (op === "footer" || op === "href") {
      const textarea = editor.mode === "textarea" && editor.draft().html == null;
      const format = textarea ? "text" : "html";
      const org = op === "footer" ? (profile && (await profile.load())) || {} : null;
      const rendered = await footer({ platform: platform || editor.platform || "auto", format, org, draft: draftOf(editor) });
      notes = rendered.notes || [];
      if (op === "footer") {
        const needs = footerNeeds(org, rendered);
        if (needs.length) return { applied: false, via: null, notes: [], needs, reason: `the organisation profile lacks: ${needs.join(", ")}` };
        // Where no merge tag makes the unsubscribe link, it goes to the profile's own page.
        const content = withUnsubscribe(rendered, format, unsubscribeAddress(org.unsubscribe));
        if (content == null) return { applied: false, via: null, notes: [], reason: "the footer has no unsubscribe link to fill in" };
        params.html = content;
        params.text = content;
        // The engine's notes asked for what the profile now gives (its data, the unsubscribe page).
        notes = [];
      } else {
        params.href = unsubscribeHref(rendered);
        if (!params.href) return { applied: false, via: null, notes: [], reason: "the platform has no unsubscribe merge tag" };
      }
    }
    if (editor.mode === "html") {
      let result = null;
      try {
        result = await runInPage({ op, ...pathOf(editor.root), selector: params.selector, html: params.html, href: params.href });
      } catch (err) {
        result = { applied: false, via: null, reason: String(err && err.message ? err.message : err) };
      }
      if (result.applied) return { ...result, notes };
      // An editor API owns the root but cannot do this fix: a DOM change would be undone by it.
      if (result.via) return { ...result, notes };
    }
    if (applyInDom(editor, op, params)) return { applied: true, via: "browser", notes };
    // Said, not "?": e.g. an editor the page has hidden, where the editing command does nothing.
    return { applied: false, via: "browser", notes, reason: editor.root && editor.root.isConnected && isRendered(editor.root) ? "the browser's editing command changed nothing" : "the editor is no longer on the page" };
  }
  /** Store profile fields a footer needs (the form's); resolves with the settings in force. */
  async function saveProfile(fields) {
    if (!profile) throw new Error("no profile to save to");
    return profile.save(fields);
  }
  return { fixFor, apply, saveProfile };
}
