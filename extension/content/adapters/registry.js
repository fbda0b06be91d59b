/**
 * The adapter registry: one adapter per editor kind (one file each, in adapters/), asked in order
 * of `priority` (highest first) so that a specific adapter (TinyMCE's iframe body) claims its
 * editor before a generic one (any contenteditable) would.
 *
 * An adapter is `{id, priority, find(doc, claimed) -> Editor[]}`. `find` gets the top document
 * and the Set of elements already claimed by higher adapters; it returns the editors it
 * recognises (it must not return a claimed root). An Editor is:
 *
 *   {
 *     adapter: "tinymce",            // the adapter's id
 *     root: Element,                 // the editor root: location selectors are relative to it
 *     doc: Document,                 // root's document (an iframe's for iframe editors)
 *     anchor: Element,               // the element whose box is the editor on screen (iframe or root)
 *     mode: "html" | "textarea",     // "textarea": the draft is a value, not a live DOM
 *     platform: "auto",              // py_core Options.platform this editor implies
 *     draft(): {html?, text?, subject?, to?, cc?, bcc?, …}   // a py_core Draft (model.py) as JSON
 *     fields: {subject?: Element, …} // the page's envelope fields (for field locations)
 *     watch: Node[],                 // extra nodes whose changes change the draft (envelope inputs)
 *   }
 *
 * Adapters only read the page. None of them writes to the editor or its document.
 */
(() => {
  "use strict";
  const MW = (globalThis.Mailwacht ??= {});
  if (MW.adapters) return;
  const adapters = [];

  /** Envelope inputs by exact name (Roundcube uses `_subject`, `_to`, …; many forms the plain name). */
  const FIELD_NAMES = {
    subject: ["subject", "_subject"],
    to: ["to", "_to"],
    cc: ["cc", "_cc"],
    bcc: ["bcc", "_bcc"],
    from_name: ["from_name", "fromname", "sender_name"],
  };
  /** Labels that name the subject field where it has no telling name (nl and en UI). */
  const SUBJECT_LABEL = /^(subject|onderwerp)$/i;

  /**
   * The envelope fields around an editor: inputs of the form holding `near` (else of its whole
   * document) named like the fields above, or labelled "Subject"/"Onderwerp".
   */
  function envelopeFields(near) {
    const scope = near.closest("form") || near.ownerDocument;
    const fields = {};
    for (const [field, names] of Object.entries(FIELD_NAMES)) {
      for (const name of names) {
        const el = scope.querySelector(`input[name="${name}" i], textarea[name="${name}" i]`);
        if (el && el !== near) {
          fields[field] = el;
          break;
        }
      }
    }
    if (!fields.subject) {
      for (const el of scope.querySelectorAll("input[aria-label], input[placeholder]")) {
        if (SUBJECT_LABEL.test((el.getAttribute("aria-label") || el.getAttribute("placeholder") || "").trim())) {
          fields.subject = el;
          break;
        }
      }
    }
    return fields;
  }

  /** The envelope part of a draft read from `fields` (addresses split on commas and semicolons). */
  function envelopeDraft(fields) {
    const draft = {};
    const value = (el) => (el && typeof el.value === "string" ? el.value : "");
    if (fields.subject) draft.subject = value(fields.subject);
    if (fields.from_name) draft.from_name = value(fields.from_name);
    for (const list of ["to", "cc", "bcc"]) {
      if (fields[list]) {
        draft[list] = value(fields[list])
          .split(/[,;]/)
          .map((a) => a.trim())
          .filter(Boolean);
      }
    }
    return draft;
  }

  // ESP builders nest their editor's iframe inside another iframe; three levels is more than any
  // editor seen so far needs, and bounds the work done on every scan.
  const MAX_FRAME_DEPTH = 3;

  /** The top document and the same-origin iframe documents inside it (nested to MAX_FRAME_DEPTH). */
  function documents(top) {
    const found = [[top, 0]];
    for (let i = 0; i < found.length; i++) {
      const [doc, depth] = found[i];
      if (depth >= MAX_FRAME_DEPTH) continue;
      for (const frame of doc.querySelectorAll("iframe, frame")) {
        const inner = MW.util.frameDocument(frame);
        if (inner && !found.some(([d]) => d === inner)) found.push([inner, depth + 1]);
      }
    }
    return found.map(([d]) => d);
  }

  MW.adapters = Object.freeze({
    /** Add an adapter (called by each adapters/*.js file). */
    register(adapter) {
      adapters.push(adapter);
      adapters.sort((a, b) => b.priority - a.priority);
    },
    /** Every editor in `doc` (the top document), each claimed by the first adapter that knows it. */
    findEditors(doc) {
      const claimed = new Set();
      const roots = [];
      const editors = [];
      const docs = documents(doc);
      // Inside an editor already found (GrapesJS makes the text block being edited
      // contenteditable inside its canvas): part of that editor, not another one.
      const inside = (el) => roots.some((r) => r !== el && r.contains(el));
      for (const adapter of adapters) {
        for (const d of docs) {
          let found = [];
          try {
            found = adapter.find(d, claimed) || [];
          } catch (err) {
            console.warn(`[mailwacht] adapter ${adapter.id}:`, err);
          }
          for (const editor of found) {
            if (claimed.has(editor.root) || inside(editor.root)) continue;
            claimed.add(editor.root);
            roots.push(editor.root);
            if (editor.anchor) claimed.add(editor.anchor);
            editors.push(editor);
          }
        }
      }
      // The site (extension/sites/: Gmail, Outlook, Roundcube, the ESPs) adds what the page tells
      // about the draft: the platform and the envelope fields the generic lookup cannot find; it
      // may reject an "editor" that is one of its widgets (Outlook's contenteditable To well).
      // Without sites/ loaded (the popup injects only util.js and adapters/ on other sites) the
      // editors stay generic.
      const site = MW.sites ? MW.sites.siteFor(doc) : null;
      if (!site) return editors;
      const kept = [];
      for (const editor of editors) {
        try {
          if (site.rejects && site.rejects(editor)) continue;
          site.decorate(editor, doc);
          editor.site = site.id;
        } catch (err) {
          console.warn(`[mailwacht] site ${site.id}:`, err);
        }
        kept.push(editor);
      }
      return kept;
    },
    list: () => adapters.map((a) => a.id),
    envelopeFields,
    envelopeDraft,
  });
})();
