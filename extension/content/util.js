/**
 * Mailwacht content script, part 1 of the classic scripts listed in manifest.json
 * ("content_scripts"; order matters: util, adapters, overlay, watcher, main).
 *
 * Why classic scripts and not ES modules: MV3 content scripts cannot be declared as modules in
 * Chrome or Firefox. A module graph would have to be pulled in with `import(runtime.getURL(…))`,
 * which works only for files listed in `web_accessible_resources`: that lets every web page probe
 * for Mailwacht's files (fingerprinting the user) in both browsers. Classic scripts share the
 * content script's isolated world instead, so each file adds its part to one namespace object,
 * `globalThis.Mailwacht`, which page scripts cannot see.
 *
 * This file: small helpers shared by the adapters, the overlay and the watcher. Nothing here uses
 * `chrome.*` (only main.js does).
 */
(() => {
  "use strict";
  const MW = (globalThis.Mailwacht ??= {});
  if (MW.util) return; // injected twice (e.g. by the extension being reloaded): keep the first

  /** FNV-1a (32 bit) over UTF-16 code units plus the length: cheap change detection, not security. */
  function hash(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return `${(h >>> 0).toString(16)}:${text.length}`;
  }

  /** The iframe document of `frame` when it is same-origin and reachable, else null. */
  function frameDocument(frame) {
    try {
      const doc = frame.contentDocument;
      return doc && doc.documentElement ? doc : null;
    } catch {
      return null; // cross-origin
    }
  }

  /**
   * Offset (x, y) that turns a client rect of `doc`'s viewport into one of the top document's
   * viewport: the sum of the content-box origins of every iframe between `doc` and the top.
   */
  function frameOffset(doc) {
    let x = 0;
    let y = 0;
    let win = doc.defaultView;
    while (win && win !== win.top) {
      let frame = null;
      try {
        frame = win.frameElement;
      } catch {
        frame = null;
      }
      if (!frame) break;
      const r = frame.getBoundingClientRect();
      const style = frame.ownerDocument.defaultView.getComputedStyle(frame);
      x += r.left + frame.clientLeft + parseFloat(style.paddingLeft || "0");
      y += r.top + frame.clientTop + parseFloat(style.paddingTop || "0");
      win = frame.ownerDocument.defaultView;
    }
    return { x, y };
  }

  /** A plain {left, top, right, bottom, width, height} in top-viewport coordinates. */
  function toTop(rect, doc) {
    const { x, y } = frameOffset(doc);
    return box(rect.left + x, rect.top + y, rect.right + x, rect.bottom + y);
  }

  function box(left, top, right, bottom) {
    return { left, top, right, bottom, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
  }

  /** The intersection of two boxes, or null when they do not overlap. */
  function intersect(a, b) {
    const left = Math.max(a.left, b.left);
    const top = Math.max(a.top, b.top);
    const right = Math.min(a.right, b.right);
    const bottom = Math.min(a.bottom, b.bottom);
    return right > left && bottom > top ? box(left, top, right, bottom) : null;
  }

  /** The union of several boxes (null for none). */
  function union(boxes) {
    if (!boxes.length) return null;
    return box(
      Math.min(...boxes.map((b) => b.left)),
      Math.min(...boxes.map((b) => b.top)),
      Math.max(...boxes.map((b) => b.right)),
      Math.max(...boxes.map((b) => b.bottom)),
    );
  }

  /** True when `el` is rendered with a size (display:none, detached and empty boxes are not). */
  function isRendered(el) {
    if (!el || !el.isConnected) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }

  /**
   * A DOM Range over [start, end) of `el`'s textContent. The engine (Python) counts code points;
   * JavaScript strings count UTF-16 units, so astral characters (emoji) are counted as one here.
   */
  function rangeOf(el, start, end) {
    const doc = el.ownerDocument;
    const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    let seen = 0; // code points before the current node
    let startPos = null;
    let endPos = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const data = node.data;
      let unit = 0;
      let point = seen;
      while (unit <= data.length) {
        if (startPos === null && point === start) startPos = [node, unit];
        if (point === end && startPos !== null) {
          endPos = [node, unit];
          break;
        }
        if (unit === data.length) break;
        const code = data.charCodeAt(unit);
        unit += code >= 0xd800 && code <= 0xdbff && unit + 1 < data.length ? 2 : 1;
        point += 1;
      }
      if (endPos) break;
      seen = point;
    }
    if (!startPos || !endPos) return null;
    const range = doc.createRange();
    range.setStart(startPos[0], startPos[1]);
    range.setEnd(endPos[0], endPos[1]);
    return range;
  }

  /**
   * The colour behind `el` as [r, g, b] (the first opaque background among it and its ancestors,
   * white when none is set), to tell light pages from dark ones.
   */
  function backgroundOf(el) {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const colour = node.ownerDocument.defaultView.getComputedStyle(node).backgroundColor;
      const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?/.exec(colour || "");
      if (m && (m[4] === undefined || parseFloat(m[4]) > 0.5)) return [+m[1], +m[2], +m[3]];
    }
    return [255, 255, 255];
  }

  /** WCAG relative luminance of an sRGB colour [r, g, b] (0..255). */
  function luminance([r, g, b]) {
    const lin = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }

  MW.util = Object.freeze({ hash, frameDocument, frameOffset, toTop, box, intersect, union, isRendered, rangeOf, backgroundOf, luminance });
})();
