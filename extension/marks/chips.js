/**
 * Chips: the findings about the whole draft (no place in the text to point at, or a place the
 * draft hides), each a <button class="chip"> with the rule's title, in one strip per layer.
 *
 * Issue 11: chips never cover the draft and stay readable. The strip is one row OUTSIDE the part
 * of the editor a person sees, over none of the page's controls: just under it, else under the
 * page's buttons there, else just above it; only when none of these has room does it fall back to
 * the inside of its lower edge (placeStrip). It is aligned with the editor's right edge and lies
 * beside (never over) the page's Send button and other controls on that row. The row holds, right to left, the badge (counts per severity), "This is
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

// The page's own controls the row must leave free (besides the Send button the caller names).
const CONTROLS = 'button, input, select, textarea, a[href], [role="button"], [role="link"], [role="combobox"], [role="textbox"], [contenteditable=""], [contenteditable="true"]';
// Between two probes of the page along the row (CSS px).
const PROBE_STEP = 20;

/**
 * The boxes of the page's controls under the band [top, top + h] between `left` and `right`
 * (probed with elementsFromPoint, Mailwacht's own host left out), plus those of `avoid` there.
 */
function blockers(doc, host, left, right, top, h, avoid) {
  const found = new Set();
  const out = [];
  const add = (r) => {
    if (r.bottom <= top || r.top >= top + h || r.right <= left || r.left >= right) return;
    out.push(r);
  };
  for (const a of avoid) add(a);
  for (let x = left + 2; x < right; x += PROBE_STEP) {
    for (const y of [top + 2, top + h / 2]) {
      for (const el of doc.elementsFromPoint(x, y)) {
        if (el === host || el === doc.documentElement || el === doc.body) continue;
        const control = el.closest(CONTROLS);
        if (!control || found.has(control)) continue;
        found.add(control);
        add(control.getBoundingClientRect());
      }
    }
  }
  return out;
}

/** The widest free part of [left, right] beside the boxes `taken` -> [left, right]. */
function freeSpan(left, right, taken) {
  let best = [left, left];
  let from = left;
  for (const r of [...taken].sort((a, b) => a.left - b.left)) {
    if (r.left - GAP > from && r.left - GAP - from > best[1] - best[0]) best = [from, r.left - GAP];
    from = Math.max(from, r.right + GAP);
  }
  if (right - from > best[1] - best[0]) best = [from, right];
  return best;
}

/**
 * Lay the strip outside `visible` (the part of the editor a person sees, top-viewport box) where it
 * covers neither the draft nor the page's controls: just under the editor, else under the page's
 * controls below it (a webmail's button bar), else just above the editor, else above the controls
 * there; only when none of these has room, inside the editor's lower edge. On its row it keeps to
 * the widest part left free by the boxes in `avoid` (the page's Send button) and the page's
 * controls. Sets strip.el.dataset.side ("below" | "above" | "inside").
 */
export function placeStrip(strip, visible, avoid = []) {
  const el = strip.el;
  const doc = el.ownerDocument;
  const vh = doc.documentElement.clientHeight || doc.defaultView.innerHeight;
  const host = el.getRootNode().host || null;
  el.style.left = `${visible.left}px`;
  el.style.width = `${Math.max(80, visible.width)}px`;
  const h = el.offsetHeight;
  // The room the row needs at least: its buttons (badge, "Show dismissed", "This is a mailing") and a summary chip.
  let need = 8 + 90;
  for (const child of el.children) if (child !== strip.list && child !== strip.summary && !child.hidden) need += child.offsetWidth + 4;
  const fits = (top) => top >= MARGIN && top + h <= vh - MARGIN;
  const tryAt = (top) => {
    if (!fits(top)) return null;
    const taken = blockers(doc, host, visible.left, visible.right, top, h, avoid);
    const [left, right] = freeSpan(visible.left, visible.right, taken);
    return { top, left, right, taken, ok: right - left >= need };
  };
  let chosen = null;
  let side = "below";
  const below = tryAt(visible.bottom + GAP);
  if (below && below.ok) chosen = below;
  else if (below && below.taken.length) {
    const past = tryAt(Math.max(...below.taken.map((r) => r.bottom)) + GAP);
    if (past && past.ok) chosen = past;
  }
  if (!chosen) {
    const above = tryAt(visible.top - GAP - h);
    if (above && above.ok) chosen = above;
    else if (above && above.taken.length) {
      const past = tryAt(Math.min(...above.taken.map((r) => r.top)) - GAP - h);
      if (past && past.ok) chosen = past;
    }
    if (chosen) side = "above";
  }
  if (!chosen) {
    side = "inside";
    const top = visible.bottom - GAP - h;
    const [left, right] = freeSpan(visible.left, visible.right, avoid.filter((a) => !(a.bottom <= top || a.top >= top + h)));
    chosen = { top, left, right };
  }
  el.style.top = `${chosen.top}px`;
  el.dataset.side = side;
  if (chosen.right - chosen.left >= 80 && (chosen.left !== visible.left || chosen.right !== visible.right)) {
    el.style.left = `${chosen.left}px`;
    el.style.width = `${chosen.right - chosen.left}px`;
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
