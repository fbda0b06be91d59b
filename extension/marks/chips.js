/**
 * Chips: the findings about the whole draft (no place in the text to point at, or a place the
 * draft hides), each a <button class="chip"> with the rule's title, in one strip per layer.
 *
 * Issue 11: chips never cover the draft. The strip lies OUTSIDE the part of the editor a person
 * sees: just under it when the viewport has room there, else just above it; only when the editor
 * fills the viewport both ways does it fall back to the inside of its lower edge. It is one row
 * at most, aligned with the editor's right edge and beside (never over) the page's Send button on
 * that row: chips shrink (their labels cut with an ellipsis) when they do not all fit, and a chip
 * hovered, focused or open shows its full label (the others give way). The chips
 * take the pointer (hover and click open the card); the strip itself lets it through.
 *
 *   const strip = createStrip(document);  makeChip(mark, title, label, {onEnter, onClick});
 *   placeStrip(strip, visible);  measureChips(marks, dismissed);
 */

import { box } from "../shared/util.js";

// Between the editor's edge and the strip.
const GAP = 4;
// The viewport's edge the strip keeps clear of.
const MARGIN = 2;

/** The (empty) strip the chips of one layer go in. */
export function createStrip(top) {
  const el = top.createElement("div");
  el.className = "edge";
  return el;
}

/** Make `mark` (a finding's button) a chip showing `title`; `label` is its accessible name. */
export function makeChip(mark, title, label, { onEnter, onClick }) {
  mark.className = "chip";
  const text = mark.ownerDocument.createElement("span");
  text.className = "label";
  text.textContent = title;
  mark.append(text);
  mark.title = label;
  mark.addEventListener("pointerenter", onEnter);
  mark.addEventListener("click", onClick);
}

/**
 * Lay the strip outside `visible` (the part of the editor a person sees, top-viewport box): under
 * it, else above it, else (no room either way) inside its lower edge; beside, never over, the
 * boxes in `avoid` (the page's Send button) on that row. Sets strip.dataset.side.
 */
export function placeStrip(strip, visible, avoid = []) {
  const doc = strip.ownerDocument;
  const vh = doc.documentElement.clientHeight || doc.defaultView.innerHeight;
  strip.style.left = `${visible.left}px`;
  strip.style.width = `${Math.max(80, visible.width)}px`;
  const h = strip.offsetHeight;
  let side = "below";
  let top = visible.bottom + GAP;
  if (top + h > vh - MARGIN) {
    if (visible.top - GAP - h >= MARGIN) {
      side = "above";
      top = visible.top - GAP - h;
    } else {
      side = "inside";
      top = visible.bottom - GAP - h;
    }
  }
  strip.style.top = `${top}px`;
  strip.dataset.side = side;
  // The row's part left free by the avoided boxes on it: the chips shrink into it.
  let left = visible.left;
  let right = visible.right;
  for (const a of avoid) {
    if (a.bottom <= top || a.top >= top + h || a.right <= left || a.left >= right) continue;
    if (a.left + a.right < left + right) left = Math.max(left, a.right + GAP);
    else right = Math.min(right, a.left - GAP);
  }
  if (right - left >= 80 && (left !== visible.left || right !== visible.right)) {
    strip.style.left = `${left}px`;
    strip.style.width = `${right - left}px`;
  }
}

/** Each chip's box now (null when hidden or dismissed), where the strip laid it out. */
export function measureChips(marks, dismissed) {
  for (const mark of marks) {
    if (mark._target.type !== "edge") continue;
    mark.hidden = dismissed.has(mark.dataset.fingerprint);
    const r = mark.getBoundingClientRect();
    mark._box = mark.hidden ? null : box(r.left, r.top, r.right, r.bottom);
  }
}
