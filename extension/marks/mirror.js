/**
 * The textarea mirror: a textarea has no DOM for its text, so text offsets are measured on a
 * mirror: an invisible div in our shadow root with the textarea's box, font and wrapping, holding
 * the same value, laid over the textarea (the page is never touched). Rebuilt only when value or
 * box change.
 *
 *   const rects = createMirror({document, shadow: () => shadowRoot});
 *   rects(textarea, start, end) -> [box]   // code-point offsets into the value, top-viewport boxes
 */

import { box, frameOffset, hash } from "../shared/util.js";

// What decides where a textarea's text wraps and lies, copied onto its mirror.
const MIRRORED = [
  "box-sizing", "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
  "border-style", "padding-top", "padding-right", "padding-bottom", "padding-left", "font-family",
  "font-size", "font-weight", "font-style", "font-variant", "font-stretch", "line-height",
  "letter-spacing", "word-spacing", "text-indent", "text-transform", "tab-size", "direction",
  "text-align", "white-space", "word-break", "overflow-wrap",
];

/** [start, end) in code points (the engine's) -> UTF-16 indexes into `text`; null if beyond it. */
export function unitOffsets(text, start, end) {
  let unit = 0;
  let point = 0;
  let from = null;
  while (unit <= text.length) {
    if (point === start) from = unit;
    if (point === end) return from === null ? null : [from, unit];
    if (unit === text.length) break;
    const code = text.charCodeAt(unit);
    unit += code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length ? 2 : 1;
    point += 1;
  }
  return null;
}

/** `shadow()`: the shadow root the mirror goes in (made on first use). */
export function createMirror({ document: top, shadow }) {
  let mirror = null;
  let mirrorKey = "";
  return function textareaRects(area, start, end) {
    const value = area.value;
    const style = area.ownerDocument.defaultView.getComputedStyle(area);
    const r = area.getBoundingClientRect();
    if (!mirror) {
      mirror = top.createElement("div");
      mirror.className = "mirror";
      mirror.setAttribute("aria-hidden", "true");
      shadow().append(mirror);
    }
    const key = `${hash(value)}|${r.width}x${r.height}|${style.font}|${style.padding}|${style.borderWidth}`;
    if (key !== mirrorKey) {
      for (const name of MIRRORED) mirror.style.setProperty(name, style.getPropertyValue(name));
      mirror.style.borderColor = "transparent";
      mirror.style.width = `${r.width}px`;
      mirror.style.height = `${r.height}px`;
      // A visible vertical scrollbar narrows the text: give the mirror one too.
      mirror.style.overflowY = area.scrollHeight > area.clientHeight && style.overflowY !== "hidden" ? "scroll" : "hidden";
      mirror.textContent = value;
      mirrorKey = key;
    }
    const { x, y } = frameOffset(area.ownerDocument);
    mirror.style.left = `${r.left + x}px`;
    mirror.style.top = `${r.top + y}px`;
    const text = mirror.firstChild;
    const units = unitOffsets(value, start, end);
    if (!text || !units) return [];
    const range = top.createRange();
    range.setStart(text, units[0]);
    range.setEnd(text, units[1]);
    const dx = -area.scrollLeft;
    const dy = -area.scrollTop;
    return Array.from(range.getClientRects())
      .filter((q) => q.width || q.height)
      .map((q) => box(q.left + dx, q.top + dy, q.right + dx, q.bottom + dy));
  };
}
