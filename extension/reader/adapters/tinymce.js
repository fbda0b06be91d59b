/**
 * TinyMCE (classic, iframe) mode: Roundcube's HTML editor and many CMS/ESP forms. TinyMCE edits
 * the body of a same-origin iframe (`<iframe id="…_ifr">`, body `#tinymce.mce-content-body`); the
 * original <textarea> is hidden and only updated on save, so the live iframe body is the draft.
 *
 * The draft is `body.innerHTML` as the DOM holds it, not `editor.getContent()`: the location
 * selectors the engine returns must match the live tree (TinyMCE's cleaned output drops its
 * bogus <br> elements, which would shift `:nth-of-type` indexes), and a content script cannot
 * reach the page's `tinymce` object anyway (it lives in the page's world, not ours).
 * Inline mode (a contenteditable div with `.mce-content-body`) is left to contenteditable.js.
 */
import { frameDocument, isRendered } from "../../shared/util.js";
import { envelopeDraft, envelopeFields } from "./registry.js";

/** The tinymce adapter (reader/editors.js lists it). */
export default {
  id: "tinymce",
  priority: 30,
  find(doc, claimed) {
    const editors = [];
    for (const frame of doc.querySelectorAll("iframe")) {
      if (claimed.has(frame) || !isRendered(frame)) continue;
      const inner = frameDocument(frame);
      const body = inner && inner.body;
      if (!body || claimed.has(body)) continue;
      const isTiny = body.classList.contains("mce-content-body") || (body.id === "tinymce" && /_ifr$/.test(frame.id));
      if (!isTiny || !body.isContentEditable) continue;
      const fields = envelopeFields(frame);
      editors.push({
        adapter: "tinymce",
        root: body,
        doc: inner,
        anchor: frame,
        mode: "html",
        platform: "auto",
        fields,
        watch: Object.values(fields),
        draft: () => ({ html: body.innerHTML, ...envelopeDraft(fields, frame) }),
      });
    }
    return editors;
  },
};
