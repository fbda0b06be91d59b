/**
 * Roundcube webmail (1.6, elastic skin; ROUNDCUBE.md in the shared notes): the compose page has
 * the plain body `textarea#composebody`, or TinyMCE in `iframe#composebody_ifr` in HTML mode
 * (the editors themselves are found by textarea.js and tinymce.js). This site adapter tells the
 * engine the platform ("roundcube": webmail, nothing fills placeholders) and reads the envelope:
 * subject `#compose-subject`, the sender from `select#_from` (its option reads "Name <address>"),
 * and the real recipient fields `#_to`, `#_cc`, `#_bcc` (hidden textareas behind the widgets).
 */
(() => {
  "use strict";
  const MW = globalThis.Mailwacht;

  MW.adapters.registerSite({
    id: "roundcube",
    matches: (doc) => Boolean(doc.getElementById("composebody") && doc.getElementById("compose-subject")),
    decorate(editor, doc) {
      editor.platform = "roundcube";
      const fields = {
        subject: doc.getElementById("compose-subject"),
        to: doc.getElementById("_to"),
        cc: doc.getElementById("_cc"),
        bcc: doc.getElementById("_bcc"),
      };
      for (const [name, el] of Object.entries(fields)) if (el) editor.fields[name] = el;
      const from = doc.getElementById("_from");
      if (from) editor.fields.from_name = from;
      editor.watch = [...new Set([...editor.watch, ...Object.values(editor.fields)])];
      const base = editor.draft;
      editor.draft = () => {
        const draft = { ...base(), ...MW.adapters.envelopeDraft({ subject: fields.subject, to: fields.to, cc: fields.cc, bcc: fields.bcc }) };
        const option = from && from.selectedOptions && from.selectedOptions[0];
        if (option) {
          const { name, address } = MW.adapters.parseAddress(option.textContent);
          draft.from_name = name;
          draft.from_address = address;
        }
        return draft;
      };
    },
  });
})();
