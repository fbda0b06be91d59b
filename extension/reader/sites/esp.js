/**
 * The shape of the email platforms' (ESP) sites (sites/mailchimp.js, brevo.js, tripolis.js,
 * carerix.js): the site is known by its host and tells the engine its platform, so that the
 * platform's own merge tags count as filled and another platform's as not; the editor and its
 * subject/From inputs are found by the generic adapters (reader/adapters: contenteditable,
 * iframe editors, GrapesJS, textarea; inputs named or labelled "subject", "from_name", …).
 *
 *   esp({id, platform, matches?, labels?, generic?}) -> site
 *
 * Its hosts are its entry's in sites.json (reader/sites/index.js asks a site only there); `matches(doc)`:
 * a narrower test of the page on those hosts (Carerix: the application's own host), by default none.
 *
 * Send time: a button whose whole label is a send or schedule word (reader/sites/registry.js
 * SEND_LABEL, SCHEDULE_LABEL) or one of the site's own `labels` (RegExp, e.g. Carerix's
 * "Generate e-mails"); with `generic: false` only the site's own labels (Carerix: its test
 * [send] must pass), held only when the page shows the draft it would send (an editor the
 * adapters recognise, in the button's form or as the page's only editor): a send page without
 * the draft on it is not held, since the gate could only guess what goes out. A button inside a
 * modal dialog that holds no editor is a confirmation step ("Send now?" after "Send", "Schedule
 * campaign" after "Schedule"): the press that opened it was the one held, so it is let through.
 * No ESP send shortcut is known: none is held.
 */
import * as S from "./registry.js";
import { editorIn } from "../editors.js";
const MODAL = 'dialog, [role="dialog"], [role="alertdialog"], [aria-modal="true"]';

export function esp({ id, platform, matches = () => true, labels = null, generic = true }) {
  const action = (button) => {
    const label = S.labelOf(button);
    if (labels && labels.test(label)) return "send";
    return generic ? S.actionOfLabel(button) : null;
  };
  const editorFor = (button) => {
    const doc = button.ownerDocument;
    const modal = button.closest(MODAL);
    if (modal) return editorIn(doc, modal); // a confirmation step has no editor of its own
    return editorIn(doc, S.composeScope(button), { only: true });
  };
  return {
    id,
    platform,
    matches,
    decorate(editor) {
      editor.platform = platform;
    },
    sendButton(el) {
      const button = S.buttonAt(el);
      if (!button || button.disabled || button.getAttribute("aria-disabled") === "true" || !action(button)) return null;
      return editorFor(button) ? button : null;
    },
    actionOf: (button) => action(button) || "send",
    draft(button, doc) {
      const editor = editorFor(button);
      const draft = editor ? editor.draft() : {};
      draft.source = S.sourceOf(doc);
      return draft;
    },
    shortcut: () => false,
    buttonNear: () => null,
  };
}

