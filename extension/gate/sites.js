/**
 * The send gate, part 1: where the send buttons are and what a send would send (issue 5).
 *
 * A site adapter is `{id, matches(doc), sendButton(el) -> Element|null, draft(button) -> Draft,
 * shortcut(event) -> boolean, platform}`: `sendButton` turns the target of a click into the send
 * button it hit (or null), `draft` reads what the page would submit (a py_core Draft as JSON),
 * `shortcut` tells whether a keydown is the page's own send shortcut. Adapters only read the
 * page; none writes to the draft. The first adapter whose `matches` holds is used; the generic
 * one (a send-labelled button inside a form that holds an editor) always matches, last.
 *
 * Classic script in the content script's isolated world (see content/util.js for why), adding to
 * `globalThis.Mailwacht.gateSites`. Loaded at document_start: the content script's editor
 * adapters (MW.adapters) are only looked up when a send is caught, by which time they are loaded.
 */
(() => {
  "use strict";
  const MW = (globalThis.Mailwacht ??= {});
  if (MW.gateSites) return;

  /**
   * Labels of send buttons (whole label, case-insensitive), per language of the mail and ESP
   * interfaces Mailwacht supports: en Send/Send now, nl Verzenden/Versturen/Verstuur(en),
   * de Senden/Absenden, fr Envoyer, es/pt Enviar, it Invia. "Send test" and "Save" are not sends.
   */
  const SEND_LABEL = /^\s*(send( now| email| message| campaign)?|verzend(en)?( nu)?|verstuur(en)?( nu)?|(ab)?senden|jetzt senden|envoyer( maintenant)?|enviar( ahora| agora)?|invia( ora)?)\s*$/i;
  /** Elements that act as buttons. */
  const BUTTONS = 'button, input[type="submit"], input[type="button"], [role="button"], a.button, a.btn';

  /**
   * The visible label of a button-like element (its aria-label, value, text or title), without
   * bidi marks and a trailing shortcut hint: Gmail labels its button "Send \u202a(Ctrl-Enter)\u202c".
   */
  function labelOf(el) {
    const text = (el.getAttribute("aria-label") || "").trim() || (el.value && el.tagName === "INPUT" ? el.value : "") || el.textContent || el.getAttribute("title") || "";
    return text
      .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
      .replace(/\s*\([^()]*\)\s*$/, "")
      .replace(/\s+/g, " ")
      .trim();
  }

  /** From an <option> text like `Name <addr>` or `addr`: {from_name, from_address}. */
  function parseFrom(text) {
    const m = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(text || "");
    if (m) return { from_name: m[1].trim(), from_address: m[2].trim() };
    return { from_name: "", from_address: (text || "").trim() };
  }

  /**
   * A recipient field's text as a list of addresses: split on commas and semicolons outside
   * quotes ("Jansen, Piet" <p@x.nl>), trimmed, empty parts dropped. Needed because Roundcube's
   * fields end in ", " and Python 3.13+'s strict email.utils.getaddresses (Pyodide runs 3.14)
   * turns a whole element with a trailing comma into no address at all.
   */
  function splitAddresses(text) {
    const out = [];
    let part = "";
    let quoted = false;
    for (const ch of text || "") {
      if (ch === '"') quoted = !quoted;
      if (!quoted && (ch === "," || ch === ";")) {
        if (part.trim()) out.push(part.trim());
        part = "";
      } else part += ch;
    }
    if (part.trim()) out.push(part.trim());
    return out;
  }

  // ----------------------------------------------------------------------------- Roundcube

  /**
   * Roundcube 1.6 (elastic and larry skins): the compose page `?_task=mail&_action=compose`.
   * Selectors from Roundcube's templates (program/… compose.html): the send button
   * `.formbuttons button.send` (its id changes per page), subject `#compose-subject`, From
   * `select#_from`, recipients in the hidden textareas `#_to`/`#_cc`/`#_bcc` that the
   * recipient-input widgets keep up to date (skins/elastic/ui.js recipient_input: apply_func),
   * HTML mode flag `input[name=_is_html]`, the body in TinyMCE's iframe `#composebody_ifr` or in
   * `textarea#composebody`. Roundcube 1.6 has no keyboard shortcut that sends.
   */
  const roundcube = {
    id: "roundcube",
    platform: "webmail",
    matches(doc) {
      return Boolean(doc.querySelector("input[name=_is_html]") && doc.querySelector("textarea#composebody"));
    },
    sendButton(el) {
      const button = el && el.closest ? el.closest(".formbuttons button.send, .formbuttons input.send, a.send[data-command=send]") : null;
      return button;
    },
    draft(_button, doc) {
      const value = (sel) => {
        const el = doc.querySelector(sel);
        return el && typeof el.value === "string" ? el.value : "";
      };
      const draft = {
        subject: value("#compose-subject"),
        to: splitAddresses(value("#_to")),
        cc: splitAddresses(value("#_cc")),
        bcc: splitAddresses(value("#_bcc")),
        source: doc.location ? doc.location.origin + doc.location.pathname : "",
      };
      const from = doc.querySelector("select#_from");
      if (from && from.selectedOptions && from.selectedOptions[0]) Object.assign(draft, parseFrom(from.selectedOptions[0].textContent));
      const isHtml = value("input[name=_is_html]") === "1";
      const frame = doc.querySelector("#composebody_ifr");
      let body = null;
      if (isHtml && frame) {
        try {
          body = frame.contentDocument && frame.contentDocument.body;
        } catch {
          body = null;
        }
      }
      if (body) draft.html = body.innerHTML;
      else draft.text = value("textarea#composebody");
      return draft;
    },
    shortcut: () => false,
  };

  // ------------------------------------------------------------------------------ generic

  /** The form (or compose region) around `el`: a <form>, a dialog, or the document. */
  function composeScope(el) {
    return (el.closest && el.closest('form, [role="dialog"], [role="main"]')) || el.ownerDocument;
  }

  /** The editor (from the content script's adapters) that belongs to `button`, or null. */
  function editorFor(button, doc) {
    if (!MW.adapters) return null;
    const editors = MW.adapters.findEditors(doc);
    if (!editors.length) return null;
    const scope = composeScope(button);
    const inScope = editors.filter((e) => scope === doc || scope.contains(e.anchor || e.root));
    if (inScope.length) return inScope[0];
    return editors.length === 1 ? editors[0] : null;
  }

  /**
   * Any page: a button labelled like a send button (SEND_LABEL) that belongs to a compose form,
   * i.e. an editor the content script recognises sits in the same form (or is the page's only
   * editor). Ctrl/Cmd+Enter inside such an editor counts as the page's shortcut when the page
   * declares one on the send button (`aria-keyshortcuts`) or the editor's form has a send button:
   * the replay re-dispatches the same keys, so a page without the shortcut still sends nothing.
   */
  const generic = {
    id: "generic",
    platform: "auto",
    matches: () => true,
    sendButton(el) {
      const button = el && el.closest ? el.closest(BUTTONS) : null;
      if (!button || button.disabled || !SEND_LABEL.test(labelOf(button))) return null;
      return editorFor(button, button.ownerDocument) ? button : null;
    },
    draft(button, doc) {
      const editor = editorFor(button, doc);
      const draft = editor ? editor.draft() : {};
      if (doc.location) draft.source = doc.location.origin + doc.location.pathname;
      const scope = composeScope(button);
      const from = scope.querySelector && scope.querySelector("select[name=from], select[name=_from]");
      if (from && from.selectedOptions && from.selectedOptions[0]) Object.assign(draft, parseFrom(from.selectedOptions[0].textContent));
      return draft;
    },
    /** The send button of the form around a keydown's target, when the keys are Ctrl/Cmd+Enter. */
    shortcut(event) {
      return event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    },
    /** The send button that a shortcut pressed in `target` would press, or null. */
    buttonNear(target, doc) {
      const el = target && target.nodeType === 1 ? target : target && target.parentElement;
      if (!el) return null;
      // Inside an iframe editor: start from the iframe element in the top document.
      const start = el.ownerDocument === doc ? el : el.ownerDocument.defaultView.frameElement;
      if (!start) return null;
      const scope = composeScope(start);
      for (const candidate of scope.querySelectorAll(BUTTONS)) {
        if (!candidate.disabled && SEND_LABEL.test(labelOf(candidate)) && editorFor(candidate, doc)) return candidate;
      }
      return null;
    },
  };

  const SITES = [roundcube, generic];

  MW.gateSites = Object.freeze({
    /** The adapter for `doc` (the top document). */
    siteFor: (doc) => SITES.find((s) => s.matches(doc)),
    SEND_LABEL,
    labelOf,
    parseFrom,
    splitAddresses,
    generic,
    roundcube,
  });
})();
