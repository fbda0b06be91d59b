/**
 * Where a card goes (issue 11: cards cut off at the top of TinyMCE, past the bottom of a 760 px
 * window, over the page's own Send button). Floating UI (`@floating-ui/dom`, pinned in
 * package.json, bundled by esbuild) does the geometry: the card beside its mark, flipped to the
 * other side when it does not fit, shifted along to stay inside the viewport, and no taller than
 * the room on its side (it scrolls inside then). The mark is a virtual reference: its box in
 * top-viewport coordinates (the marks are measured through iframes; marks/boxes.js).
 *
 * On top of that: the card never covers the page's Send button (or anything else in `avoid`).
 * When Floating UI's choice does, the other sides are tried in turn; the first that stays inside
 * the viewport and off the mark and the avoided boxes wins (else Floating UI's choice stands).
 */

import { computePosition, flip, offset, shift, size } from "@floating-ui/dom";

// Between the mark and the card, and between the card and the viewport's edges.
const GAP = 6;
const PADDING = 8;
// A card is never made shorter than this (its buttons must stay reachable); it scrolls inside.
const MIN_HEIGHT = 96;
const SIDES = ["bottom-start", "top-start", "right-start", "left-start", "bottom-end", "top-end"];

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** A Floating UI virtual element for a top-viewport box. */
function virtual(r) {
  const rect = { x: r.left, y: r.top, left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  return { getBoundingClientRect: () => rect };
}

/** Floating UI's middleware: the gap, then flip (when asked), shift and size. */
function middleware(withFlip) {
  return [
    offset(GAP),
    withFlip ? flip({ padding: PADDING, fallbackPlacements: SIDES.slice(1) }) : null,
    shift({ padding: PADDING, crossAxis: true }),
    size({
      padding: PADDING,
      apply({ availableHeight, availableWidth, elements }) {
        const style = elements.floating.style;
        style.maxHeight = `${Math.max(MIN_HEIGHT, Math.floor(availableHeight))}px`;
        style.maxWidth = `${Math.max(160, Math.min(380, Math.floor(availableWidth)))}px`;
      },
    }),
  ].filter(Boolean);
}

/**
 * Where `card` (a position: fixed element, shown) goes beside the box `mark`, off the boxes in
 * `avoid`: resolves {x, y, placement}.
 */
export async function placeBeside(card, mark, avoid = []) {
  const reference = virtual(mark);
  const doc = card.ownerDocument;
  const vw = doc.documentElement.clientWidth || doc.defaultView.innerWidth;
  const vh = doc.documentElement.clientHeight || doc.defaultView.innerHeight;
  const boxOf = (p) => ({ left: p.x, top: p.y, right: p.x + card.offsetWidth, bottom: p.y + card.offsetHeight });
  const fits = (b) => b.left >= 0 && b.top >= 0 && b.right <= vw && b.bottom <= vh && !overlaps(b, mark) && !avoid.some((a) => overlaps(b, a));
  const chosen = await computePosition(reference, card, { strategy: "fixed", placement: SIDES[0], middleware: middleware(true) });
  if (fits(boxOf(chosen))) return chosen;
  for (const placement of SIDES) {
    const tried = await computePosition(reference, card, { strategy: "fixed", placement, middleware: middleware(false) });
    if (fits(boxOf(tried))) return tried;
  }
  // Nothing better: Floating UI's own choice (measured again: the tries changed the card's size).
  return computePosition(reference, card, { strategy: "fixed", placement: SIDES[0], middleware: middleware(true) });
}
