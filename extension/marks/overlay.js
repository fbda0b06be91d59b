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
 *   placement.js  where the card goes (Floating UI)
 *   report.js     "Report a false alarm": a local file
 *   geometry.js   frames, shadow-tree containment, following a moving window
 *   mirror.js     text boxes inside a textarea
 *   styles.js     the stylesheet
 *
 * Like Harper's lint-framework, this layer knows nothing of `chrome.*` or of the engine: it gets
 * `t(key, subs)` for its strings, `describe(ruleId)` for rule titles and the guideline lines a rule
 * rests on, `onDismiss(key, fingerprint)` and `quickFix` ({offer(editor, finding) -> {op, label}|null,
 * run(layer, finding) -> Promise<{applied, notes, reason}>}: the card's fix button, quickfix.js),
 * `dismissals` ({load(draftKey) -> Promise<fingerprints>, save(draftKey, fingerprints)}:
 * util.createDismissStore over the storage area main.js gives it; without it, dismissals last
 * as long as the page), `mailKinds` (the same for "This is (not) a mailing"), `locale()`
 * (Mailwacht's language: plurals), `versions()` ({extension}: for a false-alarm report,
 * marks/report.js) and `avoid(editor)` (elements no card may cover: the page's Send button); the
 * watcher hands it reports.
 *
 *   const overlay = createOverlay({document, t, describe, onDismiss, quickFix, dismissals, mailKinds, locale, versions, avoid});
 *   const layer = overlay.layer(editor, key);   // editor: see reader/adapters/registry.js
 *   layer.status("checking" | "error", detail); layer.render(report); layer.reposition(); layer.destroy();
 *   layer.dismissed (Set of fingerprints), layer.loaded (stored dismissals read), layer.onDismissedChange
 */

import { box, frameOffset } from "../shared/util.js";
import { createCard } from "./card.js";
import { createLayer } from "./layer.js";
import { createMirror } from "./mirror.js";
import { falseAlarm, saveFile } from "./report.js";
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
  versions = () => ({}),
  avoid = () => [],
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
    onReport(layer, mark) {
      const { filename, text } = falseAlarm({
        finding: mark._finding,
        title: (describe(mark._finding.rule) || {}).title,
        target: mark._target,
        platform: layer.platform || "",
        engine: layer.engine || "",
        extension: versions().extension || "",
        locale: locale(),
        site: top.location.hostname,
      });
      saveFile(topLayer.shadow, filename, text);
      return filename;
    },
    avoid: (layer) => avoidBoxes(layer.editor),
  });
  const topLayer = createTopLayer({
    document: top,
    editorAnchors: () => [...layers].map((L) => L.editor.anchor),
    onCreate: (shadow) => card.mount(shadow),
    requestFrame,
  });
  const textareaRects = createMirror({ document: top, shadow: () => topLayer.shadow });

  /** The top-viewport boxes of what a card must not cover for `editor` (the page's Send button). */
  function avoidBoxes(editor) {
    const out = [];
    for (const el of avoid(editor) || []) {
      if (!el || !el.isConnected) continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const { x, y } = frameOffset(el.ownerDocument);
      out.push(box(r.left + x, r.top + y, r.right + x, r.bottom + y));
    }
    return out;
  }

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
  const ov = { document: top, t, describe, locale, dismissals, mailKinds, card, topLayer, textareaRects, layers, dismissedByRoot, persist, requestFrame, listen, unlisten, avoidBoxes };

  return {
    layer: (editor, key) => createLayer(ov, editor, key),
    reposition: requestFrame,
    get host() {
      return topLayer.host;
    },
  };
}
