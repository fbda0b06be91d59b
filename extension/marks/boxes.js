/**
 * Boxes: where each finding is drawn (over an element, over a text range, over text in a
 * textarea, or as a chip about the whole draft) and that place's box in top-viewport coordinates
 * now, measured from the live editor DOM through iframe offsets.
 */

import { box, rangeOf, union } from "../shared/util.js";
import { holdsNode, inTop } from "./geometry.js";

// Pixels added around an element's box so the outline does not hide the element's own border.
const MARGIN = 2;

/** Where a finding is drawn: over an element, over a text range, or as a chip on the lower edge. */
export function resolve(editor, finding) {
  const loc = finding.location;
  if (!loc) return { type: "edge" };
  const span = typeof loc.start === "number" && typeof loc.end === "number" && loc.end > loc.start;
  // Plain text in a textarea (text mode: offsets into the draft's `text`, i.e. the value).
  if (loc.field === "text" && editor.mode === "textarea" && span) return { type: "textarea", el: editor.root, start: loc.start, end: loc.end };
  if (loc.field) {
    const el = editor.fields && editor.fields[loc.field];
    return el && hasBox(el) ? { type: "element", el } : { type: "edge" };
  }
  if (editor.mode !== "html") return { type: "edge" };
  let el = editor.root;
  if (loc.selector) {
    try {
      el = editor.root.querySelectorAll(`:scope > ${loc.selector}`)[0] || null;
    } catch {
      el = null; // a selector this browser cannot parse
    }
    if (!el) return { type: "edge" };
  }
  if (span) {
    const range = rangeOf(el, loc.start, loc.end);
    // A range with no box (text hidden by the draft's CSS) is shown on the lower edge instead.
    if (range && Array.from(range.getClientRects()).some((r) => r.width || r.height)) return { type: "range", range, el };
  }
  // An element the draft hides (display:none, a hidden unsubscribe link) has no box to draw on.
  return loc.selector && hasBox(el) ? { type: "element", el } : { type: "edge" };
}

export function hasBox(el) {
  const r = el.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

/** The top-viewport box of a target now (null when it is not rendered). */
export function measure(target, offsetOf, textareaRects) {
  if (target.type === "textarea") {
    if (!target.el.isConnected) return null;
    return union(textareaRects(target.el, target.start, target.end));
  }
  if (target.type === "element") {
    if (!target.el.isConnected) return null;
    const r = target.el.getBoundingClientRect();
    if (!r.width && !r.height) return null;
    const { x, y } = offsetOf(target.el.ownerDocument);
    return box(r.left + x - MARGIN, r.top + y - MARGIN, r.right + x + MARGIN, r.bottom + y + MARGIN);
  }
  if (target.type === "range") {
    if (!target.el.isConnected) return null;
    const { x, y } = offsetOf(target.el.ownerDocument);
    const rects = Array.from(target.range.getClientRects()).filter((r) => r.width || r.height);
    const u = union(rects.map((r) => box(r.left + x, r.top + y, r.right + x, r.bottom + y)));
    return u;
  }
  return null;
}


/**
 * True when something of the page is drawn over the centre of `target`'s mark (a menu, a
 * sticky header, the page's popover over the editor): the top layer would otherwise draw the
 * mark over it. The page's hit test at that point, skipping Mailwacht's own host, must land on
 * the target, inside it or on an element that holds it (for iframe editors: on the iframe).
 */
export function covered(target, r, top, host) {
  const node = inTop(target.el, top);
  if (!node) return false;
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  let hit = null;
  for (const el of top.elementsFromPoint(x, y)) {
    if (el !== host) {
      hit = el;
      break;
    }
  }
  if (!hit) return false;
  return !(holdsNode(node, hit) || holdsNode(hit, node));
}

