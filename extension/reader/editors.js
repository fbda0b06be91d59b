/**
 * Finding the drafts on a page (issue 4): the editor adapters, asked in order of `priority`
 * (highest first), each claiming the editors it knows (reader/adapters/registry.js says what an
 * adapter and an Editor are), then the page's site (reader/sites/) decorating what was found.
 *
 *   findEditors(doc) -> Editor[]      every editor of the top document `doc` and its frames
 *   editorIn(doc, inside, {only})     the editor inside a compose region (the send gate, the sites)
 *   adapterIds() -> [id]              the adapters, in the order they are asked
 *
 * Adapters and sites only read the page; nothing here writes to it.
 */
import { frameDocument } from "../shared/util.js";
import contenteditable from "./adapters/contenteditable.js";
import grapesjs from "./adapters/grapesjs.js";
import textarea from "./adapters/textarea.js";
import tinymce from "./adapters/tinymce.js";
import { siteFor } from "./sites/index.js";

/** The adapters, most specific first (a TinyMCE iframe body before any contenteditable). */
const ADAPTERS = [tinymce, grapesjs, contenteditable, textarea].sort((a, b) => b.priority - a.priority);

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
      const inner = frameDocument(frame);
      if (inner && !found.some(([d]) => d === inner)) found.push([inner, depth + 1]);
    }
  }
  return found.map(([d]) => d);
}

/** Every editor in `doc` (the top document), each claimed by the first adapter that knows it. */
export function findEditors(doc) {
  const claimed = new Set();
  const roots = [];
  const editors = [];
  const docs = documents(doc);
  // Inside an editor already found (GrapesJS makes the text block being edited
  // contenteditable inside its canvas): part of that editor, not another one.
  const inside = (el) => roots.some((r) => r !== el && r.contains(el));
  for (const adapter of ADAPTERS) {
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
  const site = siteFor(doc);
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
}

/** The adapters' ids, in the order they are asked. */
export const adapterIds = () => ADAPTERS.map((a) => a.id);

/**
 * The editor (from the content script's adapters, already decorated by the site) whose box lies
 * inside `scope` (an element, or a function el -> boolean); with `only: true` the page's only
 * editor when none does.
 */
export function editorIn(doc, inside, { only = false } = {}) {
  const editors = findEditors(doc);
  const test = typeof inside === "function" ? inside : (el) => inside === doc || (inside && inside.contains(el));
  const hit = editors.find((e) => test(e.anchor || e.root));
  if (hit) return hit;
  return only && editors.length === 1 ? editors[0] : null;
}
