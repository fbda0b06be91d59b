/**
 * Geometry shared by the overlay's parts: where an element of an iframe sits in the top document,
 * whether one node holds another through shadow roots, and following an element that moves
 * without scrolling or resizing (watchMove). Boxes are plain {left, top, right, bottom, width,
 * height} in top-viewport coordinates (shared/util.js box()).
 */

import { frameOf, parentOf, visibleBox } from "../shared/util.js";

/** The node of `el`'s chain in document `top`: `el` itself, or the iframe that holds it. */
export function inTop(el, top) {
  let node = el;
  for (let hops = 0; node && node.ownerDocument !== top && hops < 16; hops++) node = frameOf(node.ownerDocument);
  return node && node.ownerDocument === top ? node : null;
}

/** True when `outer` holds `inner` in the flat tree (through shadow roots). */
export function holdsNode(outer, inner) {
  for (let node = inner; node; node = parentOf(node)) if (node === outer) return true;
  return false;
}

/**
 * Call `onMove` when `el` moves in the viewport without scrolling or resizing (a dragged or
 * animated floating window): an IntersectionObserver whose root margin shrinks the viewport to
 * exactly the part of `el` that is seen now (visibleBox), with the ratio seen now as its
 * threshold: any move takes part of that seen box out of the root, so the ratio drops and the
 * observer fires (the technique of Floating UI's autoUpdate, with the clipped box as root so a
 * window whose body scrolls is followed in every direction); re-armed after each move.
 * `win`: the window whose size stands in when the document reports none. Returns a function that stops it.
 */
export function watchMove(el, onMove, win = el.ownerDocument.defaultView) {
  let io = null;
  let timer = 0;
  let stopped = false;
  const root = el.ownerDocument.documentElement;
  const IO = el.ownerDocument.defaultView.IntersectionObserver;
  // `seen`: the ratio is one the observer reported (else it is computed from the boxes).
  function arm(threshold = null, seen = false) {
    if (io) io.disconnect();
    clearTimeout(timer);
    if (stopped || !el.isConnected) return;
    const v = visibleBox(el);
    const r = el.getBoundingClientRect();
    if (!v || v.width < 1 || v.height < 1 || !r.width || !r.height) {
      timer = setTimeout(() => arm(), 1000); // not seen now: look again later
      return;
    }
    const expected = threshold ?? Math.min(1, (v.width * v.height) / (r.width * r.height));
    const width = root.clientWidth || win.innerWidth;
    const height = root.clientHeight || win.innerHeight;
    const margin = [-Math.floor(v.top), -Math.floor(width - Math.ceil(v.right)), -Math.floor(height - Math.ceil(v.bottom)), -Math.floor(v.left)]
      .map((n) => `${Math.min(0, n)}px`)
      .join(" ");
    let first = true;
    io = new IO(
      (entries) => {
        const ratio = entries[entries.length - 1].intersectionRatio;
        if (first) {
          first = false;
          if (Math.abs(ratio - expected) <= 2e-3) return; // armed where it is
          if (seen) {
            onMove(); // it moved while being armed
            arm();
          } else if (ratio > 0) {
            arm(ratio, true); // the browser clips a little otherwise than computed: its ratio
          } else {
            timer = setTimeout(() => arm(), 1000);
          }
          return;
        }
        onMove();
        arm();
      },
      { rootMargin: margin, threshold: Math.max(1e-7, Math.min(1, expected - 1e-3)) },
    );
    io.observe(el);
  }
  arm();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (io) io.disconnect();
  };
}

