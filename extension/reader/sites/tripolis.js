/**
 * Tripolis Dialogue: platform "tripolis" (its FreeMarker merge fields ${contact.name},
 * <#assign …>, ${nu?string.yyyy} and the system tag [view_online=…] count as filled; another
 * platform's do not: py_core/tables/placeholders.py).
 *
 * What rests on sources (shared/REFERENCES.md, "Tripolis Dialogue, Carerix and Dutch ESPs", 1):
 * - host `td<N>.tripolis.com` (td36 … td54 in the WordPress plugin; td45 in a public script), the
 *   application under `/dialogue/` (login.html, home.html, content/directemails/edit.html,
 *   editHtml.html, preview.html: the @DefaultUrl of the Tripolis QA suite DiaWebTest, 2016).
 * - the Direct email form's inputs `#subject`, `#fromName`, `#fromAddress`, `#replyToAddress`;
 *   the body in TinyMCE (`#tinymce` in its iframe) or, on the HTML source page, the textarea
 *   `#emailHtmlSourceTA` (DiaWebTest DiaCreateContentDirectEmailPage, DiaContentDirectEmailHTMLSourcePage).
 *   Both are found by the generic adapters (reader/adapters/tinymce.js, textarea.js); this file
 *   gives them the platform and the three envelope inputs by id.
 * - the send is the "Publish email" wizard (`#dialog`, `#wizardForm`, its header the first
 *   `div` of the form's first `div`): a group (`#selectedContactGroup`), send now or schedule
 *   (radios `#sendOption1` value "sendNow", `#sendOption2` value "schedule"), content and URL
 *   checks, `#mailsPerHour`, then `#submitNext`; on the next step `#confirmMailing` is ticked and
 *   `#submitNext` pressed again: that press is the send (DiaWebTest EndToEndFlow/PublishEmail.java,
 *   which calls it clickOnSendNowButton). Result: "Publish email is finished".
 * - a test goes to a test contact group through a wizard of its own (DiaWebTest has a
 *   DiaContentTestPublicationWizard, a FormWizard like the publish one; the API's
 *   publishTestEmail(testContactGroupId, …) has no scheduleAt, unlike publishEmail).
 *
 * What the gate does: it holds `#submitNext` inside `#wizardForm` only while `#confirmMailing`
 * is on screen and ticked (the wizard's final press); every earlier step passes. "schedule"
 * when `#sendOption2` is checked (the dialog then says "Schedule anyway"). Never a test send.
 * Whether the wizard keeps its first step in the page at the final step is not known, so the
 * send option (and whether the wizard offered one at all) is also remembered from the earlier
 * `#submitNext` press of the same wizard (a click listener that only reads).
 *
 * Unknown (so assumed here; each is a reason this adapter may miss on the real application):
 * - how the test wizard differs on screen: taken to be a test when the wizard's header says
 *   "test" (any case), or when neither the final step nor the step before offered the
 *   send-now/schedule radios (the test API has no schedule). Its DOM was never seen.
 * - the draft at the final press. The suite opens the wizard from the Direct email's preview
 *   page (preview.html), whose markup is not known: the draft is the editor on the page when
 *   there is one (TinyMCE or #emailHtmlSourceTA), else the largest same-origin iframe outside
 *   the wizard that holds a document (assumed: the preview shows the e-mail in an iframe), with
 *   #subject/#fromName/#fromAddress when present. When neither is found the press is NOT held
 *   (the gate could only guess what goes out).
 * - the Dutch (and other) labels of the wizard's buttons: the adapter goes by ids only; whether
 *   Dialogue releases after 2016 kept TinyMCE, these ids or this wizard; whether Dialogue has an
 *   unsubscribe tag at all (none documented: a customer's own URL counts as the link).
 */
import { frameDocument } from "../../shared/util.js";
import * as S from "./registry.js";
import { editorIn } from "../editors.js";
const HOST = /^td\d+\.tripolis\.com$/i;
const PATH = /^\/dialogue\//;
// What the wizard's earlier step offered, read at its #submitNext press (see the header).
const REMEMBER_MS = 30 * 60 * 1000;
let earlier = null; // {options: boolean, schedule: boolean, at: number}

const byId = (doc, id) => doc.getElementById(id);
const rendered = (el) => Boolean(el && el.getClientRects().length && getComputedStyle(el).visibility !== "hidden");

/** The publish wizard's form around `el`, or null. */
const wizardOf = (el) => (el && el.closest ? el.closest("#wizardForm") : null);

/** The wizard's header text ("Publish email"): the first div of the form's first div (DiaWebTest FormWizard). */
function headerOf(form) {
  const head = form.querySelector(":scope > div:first-of-type > div:first-of-type");
  return head ? head.textContent.trim() : "";
}

/** The send-now/schedule choice in `form` now: {options, schedule}. */
function choiceIn(form) {
  const schedule = form.querySelector("#sendOption2");
  return { options: Boolean(schedule || form.querySelector("#sendOption1")), schedule: Boolean(schedule && schedule.checked) };
}

/** The choice at the earlier step of this wizard, when remembered recently. */
const remembered = () => (earlier && Date.now() - earlier.at < REMEMBER_MS ? earlier : null);

/** A test publication (assumed, see the header): "test" in the header, or no send-now/schedule choice seen. */
function isTest(form) {
  if (/test/i.test(headerOf(form))) return true;
  if (choiceIn(form).options) return false;
  const before = remembered();
  return !(before && before.options);
}

/** `#submitNext` on the wizard's final step (`#confirmMailing` on screen and ticked), else null. */
function finalPress(el) {
  const button = S.buttonAt(el) || (el && el.closest ? el.closest("#submitNext") : null);
  if (!button || button.id !== "submitNext" || button.disabled) return null;
  const form = wizardOf(button);
  if (!form || isTest(form)) return null;
  const confirm = form.querySelector("#confirmMailing");
  if (!confirm || !rendered(confirm) || !confirm.checked) return null;
  return button;
}

/** The envelope inputs of the Direct email form, when on this page. */
function envelope(doc) {
  const out = {};
  const subject = byId(doc, "subject");
  const name = byId(doc, "fromName");
  const address = byId(doc, "fromAddress");
  if (subject && typeof subject.value === "string") out.subject = subject.value;
  if (name && typeof name.value === "string") out.from_name = name.value;
  if (address && typeof address.value === "string") out.from_address = address.value;
  return out;
}

/** The e-mail shown on a page without an editor: the largest same-origin iframe outside the wizard (assumed). */
function previewHtml(doc) {
  let best = null;
  let size = 0;
  for (const frame of doc.querySelectorAll("iframe")) {
    if (frame.closest("#dialog, #wizardForm")) continue;
    const inner = frameDocument(frame);
    const html = inner && inner.documentElement ? inner.documentElement.outerHTML : "";
    if (inner && inner.body && inner.body.textContent.trim() && html.length > size) {
      best = html;
      size = html.length;
    }
  }
  return best;
}

/** The draft the final press publishes, or null when the page shows none. */
function draftOn(doc) {
  const editor = editorIn(doc, (el) => !el.closest("#dialog, #wizardForm"), { only: true });
  if (editor) return editor.draft();
  const html = previewHtml(doc);
  return html ? { html, ...envelope(doc) } : null;
}

if (HOST.test(location.hostname) && PATH.test(location.pathname)) {
  // Reads the wizard at each #submitNext press that is not the final one; never changes the page.
  addEventListener(
    "click",
    (event) => {
      const button = event.target && event.target.closest ? event.target.closest("#submitNext") : null;
      const form = wizardOf(button);
      if (!form || finalPress(button)) return;
      const confirm = form.querySelector("#confirmMailing");
      if (confirm && rendered(confirm)) return; // the final step, unticked: keep what the earlier step said
      earlier = { ...choiceIn(form), at: Date.now() };
    },
    true,
  );
}

/** The tripolis site (sites.json lists it, with its hosts). */
export default {
  id: "tripolis",
  platform: "tripolis",
  // On its hosts (sites.json: *.tripolis.com), only the application: td<N>, under /dialogue/.
  matches: (doc) => HOST.test(doc.location.hostname) && PATH.test(doc.location.pathname),
  decorate(editor, doc) {
    editor.platform = "tripolis";
    const subject = byId(doc, "subject");
    const name = byId(doc, "fromName");
    const address = byId(doc, "fromAddress");
    if (subject) editor.fields.subject = subject;
    if (name) editor.fields.from_name = name;
    if (address) editor.fields.from = address;
    editor.watch = [...new Set([...editor.watch, ...[subject, name, address].filter(Boolean)])];
    const base = editor.draft;
    editor.draft = () => ({ ...base(), ...envelope(doc) });
  },
  sendButton(el) {
    const button = finalPress(el);
    return button && draftOn(button.ownerDocument) ? button : null;
  },
  actionOf(button) {
    const form = wizardOf(button);
    if (!form) return "send";
    const now = choiceIn(form);
    const before = remembered();
    const schedule = now.options ? now.schedule : Boolean(before && before.schedule);
    return schedule ? "schedule" : "send";
  },
  draft(button, doc) {
    const draft = draftOn(doc) || {};
    draft.source = S.sourceOf(doc);
    return draft;
  },
  shortcut: () => false,
  buttonNear: () => null,
};
