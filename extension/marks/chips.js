/**
 * Chips: the findings about the whole draft (no place in the text to point at, or a place the
 * draft hides), each a <button class="chip"> with the rule's title, in one strip per layer. The
 * chips take the pointer (hover and click open the card); the strip itself lets it through.
 *
 *   const strip = createStrip(document);  makeChip(mark, title, label, {onEnter, onClick});
 *   placeStrip(strip, visible);  measureChips(marks, dismissed);
 */

import { box } from "../shared/util.js";

/** The (empty) strip the chips of one layer go in. */
export function createStrip(top) {
  const el = top.createElement("div");
  el.className = "edge";
  return el;
}

/** Make `mark` (a finding's button) a chip showing `title`; `label` is its accessible name. */
export function makeChip(mark, title, label, { onEnter, onClick }) {
  mark.className = "chip";
  mark.textContent = title;
  mark.title = label;
  mark.addEventListener("pointerenter", onEnter);
  mark.addEventListener("click", onClick);
}

/** Lay the strip along the lower edge of `visible` (the part of the editor a person sees). */
export function placeStrip(strip, visible) {
  strip.style.left = `${visible.left + 4}px`;
  strip.style.top = `${visible.bottom}px`;
  strip.style.maxWidth = `${Math.max(80, visible.width - 8)}px`;
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
