/**
 * Generic rich-text editors: the outermost `contenteditable` element of the top document (Gmail's
 * compose body, Outlook on the web's message body, Quill's `.ql-editor`, CKEditor 5's editable),
 * and the body of a same-origin iframe in design mode or with a contenteditable body (CKEditor 4
 * and other iframe editors without an adapter of their own).
 *
 * Single-line editables (some apps render the subject or a recipient chip as contenteditable) are
 * left out: an editor must be at least MIN_HEIGHT tall or declare itself multi-line.
 */
import { frameDocument, isRendered } from "../../shared/util.js";
import { envelopeDraft, envelopeFields } from "./registry.js";
// One line of body text is ~20 px; a compose body is several lines even when empty. 40 px
// keeps single-line editables (inline subject fields, chips) out.
const MIN_HEIGHT = 40;

function isEditorRoot(el) {
  if (!el.isContentEditable) return false;
  const parent = el.parentElement;
  if (parent && parent.isContentEditable) return false; // only the outermost editable
  if (!isRendered(el)) return false;
  return el.getBoundingClientRect().height >= MIN_HEIGHT || el.getAttribute("aria-multiline") === "true";
}

// Mailwacht's own host element (<mailwacht-root>, ui/root.js) is no part
// of any draft: on a page whose <html> is contenteditable it sits inside the editing host (with
// contenteditable="false"), so it is left out of what is read (issue 13). It has no light-DOM
// children (everything is in its shadow root), so its markup is one empty element.
const OWN_HOST = /<mailwacht-root\b[^>]*><\/mailwacht-root>/gi;
const htmlOf = (root) => {
  const html = root.innerHTML;
  return root.querySelector && root.querySelector("mailwacht-root") ? html.replace(OWN_HOST, "") : html;
};

function editorFor(root, doc, anchor) {
  const fields = envelopeFields(anchor);
  return {
    adapter: "contenteditable",
    root,
    doc,
    anchor,
    mode: "html",
    platform: "auto",
    fields,
    watch: Object.values(fields),
    draft: () => ({ html: htmlOf(root), ...envelopeDraft(fields, anchor) }),
  };
}

/** The contenteditable adapter (reader/editors.js lists it). */
export default {
  id: "contenteditable",
  priority: 10,
  find(doc, claimed) {
    const editors = [];
    for (const el of doc.querySelectorAll("[contenteditable]")) {
      if (!claimed.has(el) && isEditorRoot(el)) editors.push(editorFor(el, doc, el));
    }
    // A page whose whole body is editable (designMode) has no [contenteditable] attribute.
    if (doc.designMode === "on" && doc.body && !claimed.has(doc.body)) editors.push(editorFor(doc.body, doc, doc.body));
    for (const frame of doc.querySelectorAll("iframe")) {
      if (claimed.has(frame) || !isRendered(frame)) continue;
      const inner = frameDocument(frame);
      const body = inner && inner.body;
      if (!body || claimed.has(body)) continue;
      if (inner.designMode === "on" || body.isContentEditable) editors.push(editorFor(body, inner, frame));
    }
    return editors;
  },
};
