/**
 * Small helpers of the content side (reader/, marks/, gate/) and the popup: hashing, frames and
 * geometry, building elements, the draft key, and the two per-draft stores in storage.local (dismissals, the user's
 * "mailing or not" choice). Nothing here uses `chrome.*`: callers pass the storage area.
 */

import { MAIL_KINDS as ENGINE_MAIL_KINDS } from "./constants.js";

/**
 * A new `tag` element of `doc`: `props.text` is its text, `props.class` its class, every other prop
 * an attribute; `children` (nodes or strings) are appended in order.
 */
export function element(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

/** FNV-1a (32 bit) over UTF-16 code units plus the length: cheap change detection, not security. */
export function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16)}:${text.length}`;
}

/** The iframe document of `frame` when it is same-origin and reachable, else null. */
export function frameDocument(frame) {
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
export function frameOffset(doc) {
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
export function toTop(rect, doc) {
  const { x, y } = frameOffset(doc);
  return box(rect.left + x, rect.top + y, rect.right + x, rect.bottom + y);
}

export function box(left, top, right, bottom) {
  return { left, top, right, bottom, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
}

/** The intersection of two boxes, or null when they do not overlap. */
export function intersect(a, b) {
  const left = Math.max(a.left, b.left);
  const top = Math.max(a.top, b.top);
  const right = Math.min(a.right, b.right);
  const bottom = Math.min(a.bottom, b.bottom);
  return right > left && bottom > top ? box(left, top, right, bottom) : null;
}

/** The element or shadow host that holds `node` (up through shadow roots), or null. */
export function parentOf(node) {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode;
  return root && root.host ? root.host : null;
}

/** The iframe (or frame) element that shows `doc`, or null (the top document, cross-origin). */
export function frameOf(doc) {
  try {
    return doc.defaultView && doc.defaultView !== doc.defaultView.top ? doc.defaultView.frameElement : null;
  } catch {
    return null;
  }
}

/**
 * The part of `el` a person can see, in top-viewport coordinates, or null: its box cut by every
 * ancestor that clips what overflows it (overflow other than visible, contain: paint) along its
 * containing-block chain, by each document's viewport and by every iframe on the way up (a
 * floating compose window's scrolling body, a builder's canvas). A fixed-position element is
 * clipped by no ancestor of its own document (unless one is transformed, filtered or contained:
 * then that one is its containing block); an absolutely positioned one only by ancestors from its
 * positioned containing block up.
 */
export function visibleBox(el) {
  if (!el || !el.isConnected) return null;
  let doc = el.ownerDocument;
  let r = el.getBoundingClientRect();
  let b = box(r.left, r.top, r.right, r.bottom);
  let node = el;
  for (let hops = 0; hops < 16; hops++) {
    const win = doc.defaultView;
    const style = win.getComputedStyle(node);
    let skipUntilPositioned = style.position === "absolute";
    let fixed = style.position === "fixed";
    for (let p = parentOf(node); p && p !== doc.documentElement; p = parentOf(p)) {
      const s = win.getComputedStyle(p);
      const makesBlock = s.transform !== "none" || s.filter !== "none" || /paint|layout|strict|content/.test(s.contain || "") || (s.willChange || "").includes("transform");
      if (fixed && !makesBlock) continue;
      fixed = false;
      if (skipUntilPositioned) {
        if (s.position === "static" && !makesBlock) continue;
        skipUntilPositioned = false;
      }
      const clips = s.overflowX !== "visible" || s.overflowY !== "visible" || /paint|strict|content/.test(s.contain || "");
      if (clips && p !== doc.body) {
        const q = p.getBoundingClientRect();
        const left = q.left + p.clientLeft;
        const top = q.top + p.clientTop;
        const cut = box(
          s.overflowX === "visible" ? -Infinity : left,
          s.overflowY === "visible" ? -Infinity : top,
          s.overflowX === "visible" ? Infinity : left + (p.clientWidth || q.width),
          s.overflowY === "visible" ? Infinity : top + (p.clientHeight || q.height),
        );
        b = intersect(b, cut);
        if (!b) return null;
      }
      if (s.position === "fixed" && !makesBlock) fixed = true;
      else if (s.position === "absolute") skipUntilPositioned = true;
    }
    b = intersect(b, box(0, 0, doc.documentElement.clientWidth || win.innerWidth, doc.documentElement.clientHeight || win.innerHeight));
    if (!b) return null;
    const frame = frameOf(doc);
    if (!frame) return b;
    const fr = frame.getBoundingClientRect();
    const fs = frame.ownerDocument.defaultView.getComputedStyle(frame);
    const x = fr.left + frame.clientLeft + parseFloat(fs.paddingLeft || "0");
    const y = fr.top + frame.clientTop + parseFloat(fs.paddingTop || "0");
    b = box(b.left + x, b.top + y, b.right + x, b.bottom + y);
    node = frame;
    doc = frame.ownerDocument;
  }
  return b;
}

/** The union of several boxes (null for none). */
export function union(boxes) {
  if (!boxes.length) return null;
  return box(
    Math.min(...boxes.map((b) => b.left)),
    Math.min(...boxes.map((b) => b.top)),
    Math.max(...boxes.map((b) => b.right)),
    Math.max(...boxes.map((b) => b.bottom)),
  );
}

/** True when `el` is rendered with a size (display:none, detached and empty boxes are not). */
export function isRendered(el) {
  if (!el || !el.isConnected) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

/**
 * A DOM Range over [start, end) of `el`'s textContent. The engine (Python) counts code points;
 * JavaScript strings count UTF-16 units, so astral characters (emoji) are counted as one here.
 */
export function rangeOf(el, start, end) {
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
export function backgroundOf(el) {
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const colour = node.ownerDocument.defaultView.getComputedStyle(node).backgroundColor;
    const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?/.exec(colour || "");
    if (m && (m[4] === undefined || parseFloat(m[4]) > 0.5)) return [+m[1], +m[2], +m[3]];
  }
  return [255, 255, 255];
}

/** WCAG relative luminance of an sRGB colour [r, g, b] (0..255). */
export function luminance([r, g, b]) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

// ------------------------------------------------------------ "Dismiss for this draft"

/** An id that reads as stable across reloads (not generated: Gmail's ":1a", React's "r:0:"). */
const STABLE_ID = /^[A-Za-z][\w-]*$/;
const GENERATED = /\d{3,}/;

/** Where `el` sits in its document: the nearest stable id, else tag:index steps from the root. */
function pathIn(el) {
  const steps = [];
  for (let node = el, depth = 0; node && node.nodeType === 1 && depth < 32; node = node.parentElement, depth++) {
    const id = node.getAttribute("id");
    if (id && STABLE_ID.test(id) && !GENERATED.test(id)) {
      steps.unshift(`#${id}`);
      break;
    }
    const name = node.getAttribute("name");
    const tag = node.localName;
    const parent = node.parentElement;
    const index = parent ? Array.prototype.filter.call(parent.children, (c) => c.localName === tag).indexOf(node) : 0;
    steps.unshift(name ? `${tag}[name=${name}]` : `${tag}:${index}`);
  }
  return steps.join(">");
}

/**
 * The key a draft's dismissals are kept under: the page (origin, path and query: on one path an
 * ESP or Roundcube tells its drafts apart by the query, e.g. `campaigns/edit?id=…`,
 * `?_action=compose&_id=…`) and the editor's identity on it (adapter, where its box sits),
 * never its content. Hashed, so no address of a page is written to storage either.
 */
export function draftKey(editor, loc) {
  const page = `${loc.origin}${loc.pathname}${loc.search}`;
  let identity = `${editor.adapter}|${pathIn(editor.anchor)}`;
  if (editor.root !== editor.anchor) identity += `|${pathIn(editor.root)}`;
  return `${hash(page)}/${hash(identity)}`;
}

// Issue 4: dismissals last "for this draft", not for ever. A draft left for 30 days is taken
// as sent or abandoned (its entry is dropped); the caps bound storage whatever a user does:
// 200 drafts x 100 fingerprints (16 hex characters each) is well under 1 MB.
const DISMISS_KEY = "mailwacht.dismissed";
const DISMISS_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const DISMISS_MAX_DRAFTS = 200;
const DISMISS_MAX_PER_DRAFT = 100;

/**
 * The dismissed finding fingerprints per draft, in a storage area injected by main.js
 * (`storage.local`: {get(key) -> Promise<object>, set(object) -> Promise}); stored as
 * {[draftKey]: {t: last dismissal (ms), f: [fingerprint, …]}} under one key. Writes from this
 * page are queued one after another, so two quick dismissals cannot overwrite each other.
 */
export function createDismissStore(area, { now = Date.now, key = DISMISS_KEY } = {}) {
  let queue = Promise.resolve();
  const read = async () => {
    const got = await area.get(key);
    const all = got ? got[key] : null;
    return all && typeof all === "object" && !Array.isArray(all) ? all : {};
  };
  const fresh = (entry, t) => !!entry && Array.isArray(entry.f) && typeof entry.t === "number" && t - entry.t <= DISMISS_MAX_AGE_MS;
  return {
    /** The fingerprints dismissed for `draft` (none once its entry has expired). */
    async load(draft) {
      const entry = (await read())[draft];
      return fresh(entry, now()) ? entry.f.filter((f) => typeof f === "string") : [];
    },
    /** Keep `fingerprints` for `draft` (an empty list removes the draft); prunes old entries. */
    save(draft, fingerprints) {
      const t = now(); // the moment of the dismissal, not of the queued write
      queue = queue
        .catch(() => {})
        .then(async () => {
          const kept = Object.entries(await read()).filter(([k, entry]) => k !== draft && fresh(entry, t));
          if (fingerprints.length) kept.push([draft, { t, f: fingerprints.slice(-DISMISS_MAX_PER_DRAFT) }]);
          kept.sort((a, b) => b[1].t - a[1].t);
          await area.set({ [key]: Object.fromEntries(kept.slice(0, DISMISS_MAX_DRAFTS)) });
        });
      return queue;
    },
  };
}

// Issue 10: "This is a mailing" / "This is not a mailing" for one draft, kept like dismissals:
// per draft key (page + editor, never content), in storage.local, for 30 days, at most 200 drafts.
const MAIL_KIND_KEY = "mailwacht.mailKind";
// The kinds a user may choose: the engine's MAIL_KINDS but "auto" (no choice: the engine decides).
const MAIL_KINDS = ENGINE_MAIL_KINDS.filter((kind) => kind !== "auto");

/**
 * The user's choice of mail kind per draft, in a storage area injected by main.js
 * (`storage.local`), stored as {[draftKey]: {t: when chosen (ms), k: "mailing"|"personal"}} under
 * `mailwacht.mailKind`. `load(draft)` -> "mailing" | "personal" | null (no choice: the engine
 * decides, `auto`); `save(draft, kind)` keeps the choice (null forgets it) and prunes expired
 * entries; writes from this page are queued. The send gate reads and sets the same store.
 */
export function createMailKindStore(area, { now = Date.now, key = MAIL_KIND_KEY } = {}) {
  let queue = Promise.resolve();
  const read = async () => {
    const got = await area.get(key);
    const all = got ? got[key] : null;
    return all && typeof all === "object" && !Array.isArray(all) ? all : {};
  };
  const fresh = (entry, t) => !!entry && MAIL_KINDS.includes(entry.k) && typeof entry.t === "number" && t - entry.t <= DISMISS_MAX_AGE_MS;
  return {
    key,
    /** The choice for `draft`, or null (none, or expired). */
    async load(draft) {
      const entry = (await read())[draft];
      return fresh(entry, now()) ? entry.k : null;
    },
    /** Keep `kind` ("mailing" | "personal") for `draft`; null (or "auto") removes the choice. */
    save(draft, kind) {
      const t = now();
      const k = MAIL_KINDS.includes(kind) ? kind : null;
      queue = queue
        .catch(() => {})
        .then(async () => {
          const kept = Object.entries(await read()).filter(([d, entry]) => d !== draft && fresh(entry, t));
          if (k) kept.push([draft, { t, k }]);
          kept.sort((a, b) => b[1].t - a[1].t);
          await area.set({ [key]: Object.fromEntries(kept.slice(0, DISMISS_MAX_DRAFTS)) });
        });
      return queue;
    },
  };
}
