/**
 * Chips: the findings about the whole draft (no place in the text to point at, or a place the
 * draft hides), each a <button class="chip"> with the rule's title, in one strip per layer.
 *
 * Issue 11: chips never cover the draft and stay readable. The strip is one row OUTSIDE the part
 * of the editor a person sees: just under it when the viewport has room there, else just above
 * it; only when the editor fills the viewport both ways does it fall back to the inside of its
 * lower edge. It is aligned with the editor's right edge and lies beside (never over) the page's
 * Send button on that row. The row holds, right to left, the badge (counts per severity), "This is
 * a mailing" and "Show dismissed" when shown, and the chips with their FULL labels. When the chips
 * do not all fit at full width (a narrow window, a small compose window), they fold into one
 * summary chip ("3 punten" / "3 issues", plural by Intl.PluralRules) that opens them as a list
 * (a column under the row, or above it when the viewport has no room below); a chip focused with
 * the keyboard opens the list too. The chips take the pointer (hover and click open the card); the
 * strip itself lets it through.
 *
 *   const strip = createStrip(document);  strip.el, strip.list, strip.summary
 *   makeChip(mark, title, label, {onEnter, onClick});  strip.list.append(mark)
 *   placeStrip(strip, visible, avoid);  layoutChips(strip, summaryText, open);  measureChips(strip, marks, dismissed)
 */

import { box } from "../shared/util.js";

// Between the editor's edge and the strip.
const GAP = 4;
// The viewport's edge the strip keeps clear of.
const MARGIN = 2;
// Between two chips in the row (styles.js .chips gap).
const CHIP_GAP = 4;

let strips = 0;

/** The (empty) strip of one layer: {el, list (the chips go in it), summary (the folded chips' button)}. */
export function createStrip(top) {
  const el = top.createElement("div");
  el.className = "edge";
  const summary = top.createElement("button");
  summary.type = "button";
  summary.className = "more";
  summary.hidden = true;
  summary.setAttribute("aria-expanded", "false");
  const list = top.createElement("div");
  list.className = "chips";
  list.id = `mailwacht-chips-${++strips}`;
  summary.setAttribute("aria-controls", list.id);
  el.append(summary, list);
  return { el, list, summary };
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
 * boxes in `avoid` (the page's Send button) on that row. Sets strip.el.dataset.side.
 */
export function placeStrip(strip, visible, avoid = []) {
  const el = strip.el;
  const doc = el.ownerDocument;
  const vh = doc.documentElement.clientHeight || doc.defaultView.innerHeight;
  el.style.left = `${visible.left}px`;
  el.style.width = `${Math.max(80, visible.width)}px`;
  const h = el.offsetHeight;
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
  el.style.top = `${top}px`;
  el.dataset.side = side;
  // The row's part left free by the avoided boxes on it.
  let left = visible.left;
  let right = visible.right;
  for (const a of avoid) {
    if (a.bottom <= top || a.top >= top + h || a.right <= left || a.left >= right) continue;
    if (a.left + a.right < left + right) left = Math.max(left, a.right + GAP);
    else right = Math.min(right, a.left - GAP);
  }
  if (right - left >= 80 && (left !== visible.left || right !== visible.right)) {
    el.style.left = `${left}px`;
    el.style.width = `${right - left}px`;
  }
}

/**
 * Show the chips at full width when they all fit in the row, else fold them into the summary chip
 * (`summaryText(n)`, n: the chips shown) whose list is shown while `open`. The list opens under
 * the row, or above it when the viewport has no room below. Returns true when folded.
 */
export function layoutChips(strip, summaryText, open) {
  const { el, list, summary } = strip;
  const chips = [...list.children].filter((c) => !c.hidden);
  el.classList.remove("folded", "open", "up");
  summary.hidden = true;
  if (!chips.length) return false;
  // Each chip at its full width (flex: none), against the row's room left for them.
  const needed = chips.reduce((w, c) => w + c.offsetWidth, 0) + CHIP_GAP * (chips.length - 1);
  if (needed <= list.clientWidth + 0.5) {
    summary.setAttribute("aria-expanded", "false");
    return false;
  }
  el.classList.add("folded");
  summary.hidden = false;
  summary.textContent = summaryText(chips.length);
  summary.setAttribute("aria-expanded", String(Boolean(open)));
  if (!open) return true;
  el.classList.add("open");
  const doc = el.ownerDocument;
  const vh = doc.documentElement.clientHeight || doc.defaultView.innerHeight;
  const row = el.getBoundingClientRect();
  const h = list.offsetHeight;
  const below = vh - MARGIN - (row.bottom + GAP);
  const above = row.top - GAP - MARGIN;
  // Towards the side away from the editor when it has room, else wherever there is more room.
  const up = el.dataset.side === "above" ? above >= h || above > below : below < h && above > below;
  el.classList.toggle("up", up);
  return true;
}

/** Each chip's box now (null when hidden, dismissed or folded away), where the strip laid it out. */
export function measureChips(strip, marks, dismissed) {
  const away = strip.el.classList.contains("folded") && !strip.el.classList.contains("open");
  for (const mark of marks) {
    if (mark._target.type !== "edge") continue;
    mark.hidden = dismissed.has(mark.dataset.fingerprint);
    const r = mark.getBoundingClientRect();
    mark._box = mark.hidden || away ? null : box(r.left, r.top, r.right, r.bottom);
  }
}
