/**
 * Roundcube webmail 1.6 (elastic and larry skins), on whatever host it is installed: recognised
 * by its compose page, not by address. Platform "roundcube" (webmail: nothing fills placeholders).
 *
 * Selectors from Roundcube's own templates (program/… compose.html, skins/elastic) and checked
 * against a real Roundcube 1.6 by tests/e2e/gate-roundcube.test.mjs and editor-roundcube.test.mjs
 * (the shared notes' ROUNDCUBE.md recipe). Sure:
 * - the body: `textarea#composebody` (plain), or TinyMCE in `iframe#composebody_ifr` when
 *   `input[name=_is_html]` is "1" (the editors themselves are found by reader/adapters);
 * - subject `#compose-subject`; From `select#_from` (its option reads "Name <address>");
 *   recipients in the hidden textareas `#_to`/`#_cc`/`#_bcc` that the recipient-input widgets
 *   keep up to date (skins/elastic/ui.js recipient_input: apply_func);
 * - Send: `.formbuttons button.send` (its id changes per page), or the toolbar's
 *   `a.send[data-command=send]`. Roundcube 1.6 has no "send later" and no send shortcut.
 */
import * as S from "./registry.js";
const byId = (doc, id) => doc.getElementById(id);
const value = (el) => (el && typeof el.value === "string" ? el.value : "");

/** Subject, recipients and From of the compose page. */
function envelope(doc) {
  const draft = {
    subject: value(byId(doc, "compose-subject")),
    to: S.splitAddresses(value(byId(doc, "_to"))),
    cc: S.splitAddresses(value(byId(doc, "_cc"))),
    bcc: S.splitAddresses(value(byId(doc, "_bcc"))),
  };
  const from = byId(doc, "_from");
  const option = from && from.selectedOptions && from.selectedOptions[0];
  if (option) Object.assign(draft, S.parseFrom(option.textContent));
  return draft;
}

/** The roundcube site (sites.json lists it, with its hosts). */
export default {
  id: "roundcube",
  platform: "roundcube",
  matches: (doc) => Boolean(doc.querySelector("textarea#composebody") && (byId(doc, "compose-subject") || doc.querySelector("input[name=_is_html]"))),
  decorate(editor, doc) {
    editor.platform = "roundcube";
    const fields = { subject: byId(doc, "compose-subject"), to: byId(doc, "_to"), cc: byId(doc, "_cc"), bcc: byId(doc, "_bcc"), from_name: byId(doc, "_from") };
    for (const [name, el] of Object.entries(fields)) if (el) editor.fields[name] = el;
    editor.watch = [...new Set([...editor.watch, ...Object.values(editor.fields)])];
    const base = editor.draft;
    editor.draft = () => ({ ...base(), ...envelope(doc) });
  },
  sendButton: (el) => (el && el.closest ? el.closest(".formbuttons button.send, .formbuttons input.send, a.send[data-command=send]") : null),
  actionOf: () => "send",
  draft(_button, doc) {
    const draft = { ...envelope(doc), source: S.sourceOf(doc) };
    const frame = byId(doc, "composebody_ifr");
    let body = null;
    if (value(doc.querySelector("input[name=_is_html]")) === "1" && frame) {
      try {
        body = frame.contentDocument && frame.contentDocument.body;
      } catch {
        body = null;
      }
    }
    if (body) draft.html = body.innerHTML;
    else draft.text = value(doc.querySelector("textarea#composebody"));
    return draft;
  },
  shortcut: () => false,
  buttonNear: () => null,
};
