/**
 * GrapesJS (with or without the newsletter preset): the drag-and-drop email builder many ESPs
 * embed. The email is rendered in a same-origin canvas iframe (`iframe.gjs-frame`) whose body
 * holds the builder's own chrome (its canvas stylesheet, CSS and script containers) next to the
 * email: the wrapper component `body > [data-gjs-type="wrapper"]`. Issue 4: check the email the
 * editor exports, not its canvas chrome. So:
 *
 * - the editor root is the wrapper (location selectors are relative to it, and resolve in the
 *   live canvas);
 * - the draft is the wrapper's HTML without the builder's editing attributes (`data-gjs-*`,
 *   `draggable`, `contenteditable`, `spellcheck`, `gjs-*` state classes) plus the email's own CSS
 *   (the `<style>` elements GrapesJS keeps in `.gjs-css-rules`), which is what `editor.getHtml()`
 *   and `editor.getCss()` export. The cleaning is done on a copy in an inert document (no
 *   browsing context: its images are not fetched); the canvas is never touched. Removing
 *   attributes only, never elements, keeps every `:nth-of-type` index equal to the live canvas.
 */
import { frameDocument, isRendered } from "../../shared/util.js";
import { envelopeDraft, envelopeFields } from "./registry.js";
const EDITING_ATTRIBUTES = ["draggable", "contenteditable", "spellcheck"];

function exportedHtml(root, doc) {
  const inert = doc.implementation.createHTMLDocument("");
  const copy = inert.importNode(root, true);
  for (const el of [copy, ...copy.querySelectorAll("*")]) {
    for (const name of el.getAttributeNames()) {
      if (name.startsWith("data-gjs-") || EDITING_ATTRIBUTES.includes(name)) el.removeAttribute(name);
    }
    if (el.classList.length) {
      for (const cls of [...el.classList]) if (cls.startsWith("gjs-")) el.classList.remove(cls);
      if (!el.classList.length) el.removeAttribute("class");
    }
  }
  const css = Array.from(doc.querySelectorAll(".gjs-css-rules style"), (s) => s.textContent).join("\n");
  // The <style> goes first, as in an exported <head>; it does not shift the indexes of the
  // email's own elements (a different tag name).
  return (css.trim() ? `<style>${css}</style>` : "") + copy.innerHTML;
}

/** The grapesjs adapter (reader/editors.js lists it). */
export default {
  id: "grapesjs",
  priority: 40,
  find(doc, claimed) {
    const editors = [];
    for (const frame of doc.querySelectorAll("iframe")) {
      if (claimed.has(frame) || !isRendered(frame)) continue;
      const inner = frameDocument(frame);
      const root = inner && inner.body && inner.body.querySelector(':scope > [data-gjs-type="wrapper"]');
      if (!root || claimed.has(root)) continue;
      const fields = envelopeFields(frame);
      editors.push({
        adapter: "grapesjs",
        root,
        doc: inner,
        anchor: frame,
        mode: "html",
        platform: "auto",
        fields,
        watch: Object.values(fields),
        draft: () => ({ html: exportedHtml(root, inner), ...envelopeDraft(fields, frame) }),
      });
    }
    return editors;
  },
};
