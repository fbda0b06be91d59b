/**
 * The highlight layer: draws a report's findings over an editor without touching the editor.
 *
 * Everything Mailwacht shows lives in ONE host element, <mailwacht-root>, in the browser's top
 * layer with an open shadow root (marks/top-layer.js; house style 6: the overlay never touches
 * the draft; Grammarly broke Slate and Draft.js editors by wrapping text). Marks are fixed-position
 * boxes measured from the live editor DOM (through iframe offsets: marks/boxes.js, and a mirror
 * for textareas: marks/mirror.js) and re-measured on scroll, resize and layout changes, at most
 * once per animation frame. The parts, after Harper's lint-framework:
 *
 *   overlay.js    this file: the shared parts, hovering, the frame loop, window listeners
 *   top-layer.js  <mailwacht-root>, its shadow root, the browser's top layer, the page's dialogs
 *   layer.js      one editor's marks, chips and badge
 *   boxes.js      where a finding is drawn and its box now
 *   chips.js      the findings about the whole draft
 *   card.js       the card a mark or chip opens
 *   geometry.js   frames, shadow-tree containment, following a moving window
 *   mirror.js     text boxes inside a textarea
 *   styles.js     the stylesheet
 *
 * Like Harper's lint-framework, this layer knows nothing of `chrome.*` or of the engine: it gets
 * `t(key, subs)` for its strings, `describe(ruleId)` for rule titles and the guideline lines a rule
 * rests on, `onDismiss(key, fingerprint)` and `quickFix` ({offer(editor, finding) -> {op, label}|null,
 * run(layer, finding) -> Promise<{applied, notes, reason}>}: the card's fix button, quickfix.js),
 * and `dismissals` ({load(draftKey) -> Promise<fingerprints>, save(draftKey, fingerprints)}:
 * util.createDismissStore over the storage area main.js gives it; without it, dismissals last
 * as long as the page); the watcher hands it reports.
 *
 *   const overlay = createOverlay({document, t, describe, onDismiss, quickFix, dismissals, mailKinds, locale});
 *   const layer = overlay.layer(editor, key);   // editor: see reader/adapters/registry.js
 *   layer.status("checking" | "error", detail); layer.render(report); layer.reposition(); layer.destroy();
 *   layer.dismissed (Set of fingerprints), layer.loaded (stored dismissals read), layer.onDismissedChange
 */

import { frameOffset } from "../shared/util.js";
import { createCard } from "./card.js";
import { createLayer } from "./layer.js";
import { createMirror } from "./mirror.js";
import { createTopLayer } from "./top-layer.js";

export function createOverlay({
  document: top,
  t,
  describe = () => null,
  onDismiss = () => {},
  quickFix = null,
  dismissals = null,
  mailKinds = null,
  locale = () => "en",
}) {
  const win = top.defaultView;
  const layers = new Set();
  const windows = new Map(); // window -> number of layers using it (listeners added once)
  let frameRequested = false;

  // "Dismiss for this draft": the dismissed fingerprints per editor root (kept while the page
  // lives, also when an editor is hidden and found again) and, with a store injected
  // (util.createDismissStore over storage.local, main.js), per draft across reloads.
  const dismissedByRoot = new WeakMap();
  const persist = (layer) => {
    if (!dismissals) return;
    dismissals.save(layer.draft, [...layer.dismissed]).catch((err) => console.warn("[mailwacht] dismissals:", err));
  };

  const card = createCard({
    document: top,
    t,
    describe,
    quickFix,
    shadow: () => topLayer.shadow,
    onDismissMark(layer, mark) {
      const fingerprint = mark.dataset.fingerprint;
      mark.hidden = true; // at once; the next report leaves it out (dismissed) for good
      layer.dismissed.add(fingerprint);
      persist(layer);
      layer.updateBadge();
      onDismiss(layer.key, fingerprint);
      if (layer.onDismissedChange) layer.onDismissedChange();
    },
  });
  const topLayer = createTopLayer({
    document: top,
    editorAnchors: () => [...layers].map((L) => L.editor.anchor),
    onCreate: (shadow) => card.mount(shadow),
    requestFrame,
  });
  const textareaRects = createMirror({ document: top, shadow: () => topLayer.shadow });

  // --------------------------------------------------------------------- pointer hovering

  function onPointerMove(event) {
    const doc = event.view && event.view.document;
    if (!doc) return;
    const { x, y } = doc === top ? { x: 0, y: 0 } : frameOffset(doc);
    const pointer = { x: event.clientX + x, y: event.clientY + y };
    const path = event.composedPath ? event.composedPath() : [];
    if (card.el && path.includes(card.el)) return card.cancelHide();
    const hit = markAt(pointer.x, pointer.y);
    const current = card.current;
    if (hit) {
      card.cancelHide();
      if (current && current.mark === hit.mark) return;
      card.showSoon(hit.layer, hit.mark);
    } else {
      card.cancelShow();
      if (current && current.via === "hover") card.scheduleHide();
    }
  }

  /** The smallest visible mark (of any layer) whose box holds the point. */
  function markAt(x, y) {
    let best = null;
    for (const layer of layers) {
      for (const mark of layer.marks) {
        const r = mark._box;
        if (mark.hidden || !r || x < r.left || x > r.right || y < r.top || y > r.bottom) continue;
        const area = r.width * r.height;
        if (!best || area < best.area) best = { layer, mark, area };
      }
    }
    return best;
  }

  // ------------------------------------------------------------------------- repositioning

  function requestFrame() {
    if (frameRequested) return;
    frameRequested = true;
    win.requestAnimationFrame(() => {
      frameRequested = false;
      const host = topLayer.host;
      if (host && !host.isConnected && layers.size) topLayer.arrange(); // the page removed it (or its dialog)
      for (const layer of layers) layer.reposition();
      card.place();
    });
  }

  function listen(w) {
    const n = windows.get(w) || 0;
    windows.set(w, n + 1);
    if (n) return;
    // capture: scrolling any scrollable element (not only the window) moves the marks
    w.addEventListener("scroll", requestFrame, { capture: true, passive: true });
    w.addEventListener("resize", requestFrame, { passive: true });
    w.addEventListener("pointermove", onPointerMove, { capture: true, passive: true });
  }

  function unlisten(w) {
    const n = windows.get(w) || 0;
    if (n > 1) return windows.set(w, n - 1);
    windows.delete(w);
    try {
      w.removeEventListener("scroll", requestFrame, { capture: true });
      w.removeEventListener("resize", requestFrame);
      w.removeEventListener("pointermove", onPointerMove, { capture: true });
    } catch {
      // the iframe's window is gone already
    }
  }

  // What every layer shares (marks/layer.js).
  const ov = { document: top, t, describe, locale, dismissals, mailKinds, card, topLayer, textareaRects, layers, dismissedByRoot, persist, requestFrame, listen, unlisten };

  return {
    layer: (editor, key) => createLayer(ov, editor, key),
    reposition: requestFrame,
    get host() {
      return topLayer.host;
    },
  };
}
