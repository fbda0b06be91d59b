/**
 * The send gate, part 1: where the send buttons are and what a send would send (issue 5).
 *
 * The sites Mailwacht knows (Gmail, Outlook on the web, Roundcube, Mailchimp, Brevo, Tripolis
 * Dialogue, Carerix) are in extension/reader/sites/, one file each, listed in sites.json there
 * (reader/sites/registry.js describes the shape: sendButton, actionOf, draft, shortcut, buttonNear,
 * platform). This file adds the generic
 * detector, used on every other page: a button labelled like a send or a "schedule send" button
 * (reader/sites/registry.js SEND_LABEL, SCHEDULE_LABEL: whole labels, with their languages and sources)
 * that belongs to a compose form, i.e. an editor the content script recognises sits in the same
 * form (or is the page's only editor).
 *
 *   siteFor(doc)     -> the site of the top document, else the generic detector
 *   actionOf(button) -> "send" | "schedule"   (for the dialog's wording)
 *
 * Adapters only read the page; none writes to the draft.
 */
import { editorIn } from "../reader/editors.js";
import { siteFor as knownSite } from "../reader/sites/index.js";
import * as S from "../reader/sites/registry.js";

/** A send or schedule button: its label says so. */
const labelled = (button) => Boolean(button && !button.disabled && S.actionOfLabel(button));

/** The editor (from the content script's adapters) that belongs to `button`, or null. */
const editorFor = (button, doc) => editorIn(doc, S.composeScope(button), { only: true });

/**
 * Any page: a button labelled like a send or schedule button that belongs to a compose form.
 * Ctrl/Cmd+Enter inside such an editor counts as the page's shortcut when the editor's form has
 * a send button: the replay re-dispatches the same keys, so a page without the shortcut still
 * sends nothing.
 */
export const generic = {
  id: "generic",
  platform: "auto",
  matches: () => true,
  sendButton(el) {
    const button = S.buttonAt(el);
    if (!labelled(button)) return null;
    return editorFor(button, button.ownerDocument) ? button : null;
  },
  actionOf: (button) => S.actionOfLabel(button) || "send",
  draft(button, doc) {
    const editor = editorFor(button, doc);
    const draft = editor ? editor.draft() : {};
    draft.source = S.sourceOf(doc);
    // The editor's envelope (reader/adapters/registry.js: From/To/Cc/Bcc/Subject labelled in
    // nl/en/de/fr) usually has the From; a plain <select name=from> in the form as a fallback.
    const scope = S.composeScope(button);
    const from = !draft.from_address && scope.querySelector && scope.querySelector("select[name=from], select[name=_from]");
    if (from && from.selectedOptions && from.selectedOptions[0]) Object.assign(draft, S.parseFrom(from.selectedOptions[0].textContent));
    return draft;
  },
  shortcut: S.ctrlEnter,
  /** The send button (not a schedule one) that a shortcut pressed in `target` would press, or null. */
  buttonNear(target, doc) {
    const el = target && target.nodeType === 1 ? target : target && target.parentElement;
    if (!el) return null;
    // Inside an iframe editor: start from the iframe element in the top document.
    const start = el.ownerDocument === doc ? el : el.ownerDocument.defaultView.frameElement;
    if (!start) return null;
    for (const candidate of S.composeScope(start).querySelectorAll(S.BUTTONS)) {
      if (labelled(candidate) && S.actionOfLabel(candidate) === "send" && editorFor(candidate, doc)) return candidate;
    }
    return null;
  },
};

/** The site adapter for `doc` (the top document): a known site, else the generic detector. */
export const siteFor = (doc) => knownSite(doc) || generic;

/** Whether a held button sends now or schedules the send ("Schedule send", "Inplannen", …). */
export function actionOf(button) {
  const site = siteFor(button.ownerDocument);
  return site.actionOf ? site.actionOf(button) : generic.actionOf(button);
}
