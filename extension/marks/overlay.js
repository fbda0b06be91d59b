/**
 * The highlight layer: draws a report's findings over an editor without touching the editor.
 *
 * Everything Mailwacht shows lives in ONE host element, <mailwacht-root>, appended to the top
 * document's documentElement, with an open shadow root (house style 6: the overlay never touches
 * the draft; Grammarly broke Slate and Draft.js editors by wrapping text). Marks are fixed-position
 * boxes measured from the live editor DOM (through iframe offsets) and re-measured on scroll,
 * resize and layout changes, at most once per animation frame.
 *
 * Like Harper's lint-framework, this layer knows nothing of `chrome.*` or of the engine: it gets
 * `t(key, subs)` for its strings, `describe(ruleId)` for rule titles and the guideline lines a rule
 * rests on, `onDismiss(key, fingerprint)` and `quickFix` ({offer(editor, finding) -> {op, label}|null,
 * run(layer, finding) -> Promise<{applied, notes, reason}>}: the card's fix button, quickfix.js),
 * and `dismissals` ({load(draftKey) -> Promise<fingerprints>, save(draftKey, fingerprints)}:
 * util.createDismissStore over the storage area main.js gives it; without it, dismissals last
 * as long as the page); the watcher hands it reports.
 *
 *   const overlay = createOverlay({document, t, describe, onDismiss, quickFix, dismissals});
 *   const layer = overlay.layer(editor, key);   // editor: see adapters/registry.js
 *   layer.status("checking" | "error", detail); layer.render(report); layer.reposition(); layer.destroy();
 *   layer.dismissed (Set of fingerprints), layer.loaded (stored dismissals read), layer.onDismissedChange
 *
 * Marks are <button>s carrying data-rule, data-severity, data-kind and data-fingerprint: keyboard
 * users Tab to them and get the card on focus; the box over the draft ignores the pointer (so
 * clicks and typing reach the editor), and hovering is detected from pointer positions instead.
 * A finding without a location (or whose element cannot be found) is a chip along the editor's
 * lower edge; chips and the badge take the pointer.
 */
import { box, intersect, union, rangeOf, backgroundOf, luminance, frameOffset, hash, draftKey, visibleBox, parentOf, frameOf } from "../shared/util.js";
import { rootHost } from "../ui/root.js";

// Issue 10: <mailwacht-root> lives in the browser's TOP LAYER (a popover="manual" shown with
// showPopover(): Chrome 114+, Firefox 125+), which is painted above every z-index, transform and
// fixed position of the page: a Gmail-like compose window (position: fixed; z-index: 1000) or a
// builder's z-indexed canvas can no longer hide the marks. The popover's UA styles (inset, margin,
// border, padding, background, colour, overflow, size) are overridden inline with !important, so
// no page stylesheet reaches the host either: a 0 x 0 box at the viewport's origin whose
// fixed-position children are placed in viewport coordinates. The host takes no room, so the
// pointer reaches the page everywhere except on what takes it (chips, badge, cards; the marks
// over the draft let it through).
const HOST_STYLE = {
  position: "fixed", inset: "0 auto auto 0", width: "0", height: "0", "min-width": "0", "min-height": "0",
  "max-width": "none", "max-height": "none", margin: "0", padding: "0", border: "0", outline: "0",
  background: "transparent", color: "inherit", overflow: "visible", display: "block", visibility: "visible",
  opacity: "1", transform: "none", filter: "none", contain: "none", "clip-path": "none", "pointer-events": "auto",
  // Where the top layer is missing (older browsers): the highest z-index, which a page can equal.
  "z-index": "2147483647",
};
const canPopover = (el) => typeof el.showPopover === "function" && typeof el.hidePopover === "function";

/** The node of `el`'s chain in document `top`: `el` itself, or the iframe that holds it. */
function inTop(el, top) {
  let node = el;
  for (let hops = 0; node && node.ownerDocument !== top && hops < 16; hops++) node = frameOf(node.ownerDocument);
  return node && node.ownerDocument === top ? node : null;
}

/** True when `outer` holds `inner` in the flat tree (through shadow roots). */
function holdsNode(outer, inner) {
  for (let node = inner; node; node = parentOf(node)) if (node === outer) return true;
  return false;
}

/** [start, end) in code points (the engine's) -> UTF-16 indexes into `text`; null if beyond it. */
function unitOffsets(text, start, end) {
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

const SEVERITIES = ["error", "warning", "info"];
// What decides where a textarea's text wraps and lies, copied onto its mirror.
const MIRRORED = [
  "box-sizing", "border-top-width", "border-right-width", "border-bottom-width", "border-left-width",
  "border-style", "padding-top", "padding-right", "padding-bottom", "padding-left", "font-family",
  "font-size", "font-weight", "font-style", "font-variant", "font-stretch", "line-height",
  "letter-spacing", "word-spacing", "text-indent", "text-transform", "tab-size", "direction",
  "text-align", "white-space", "word-break", "overflow-wrap",
];
const RANK = { error: 0, warning: 1, info: 2 };
// A page background darker than this (WCAG relative luminance) gets the dark palette; 0.2 is
// roughly #7a7a7a, below which dark text on it falls under WCAG AA's 4.5:1.
const DARK_BELOW = 0.2;
// wrap-reverse (in CSS): the first chips (most severe first) sit on the editor's lower edge.
// Pixels added around an element's box so the outline does not hide the element's own border.
const MARGIN = 2;
// The card stays this long after the pointer leaves mark and card (lets the pointer cross gaps).
const HIDE_DELAY_MS = 300;
// Hovering this long over a mark opens its card (moving across the text does not flash cards).
const SHOW_DELAY_MS = 120;

const CSS = `
:host { all: initial; }
.layer, .card { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.layer { --fg: #202124; --bg: #ffffff; --muted: #5f6368; --halo: #ffffff; --focus: #1a73e8; }
.layer[data-theme="dark"], .card[data-theme="dark"] { --fg: #e8eaed; --bg: #202124; --muted: #bdc1c6; --halo: #000000; --focus: #8ab4f8; }
.card { --fg: #202124; --bg: #ffffff; --muted: #5f6368; --focus: #1a73e8; }
[data-severity="error"] { --sev: #c5221f; --tint: rgba(197, 34, 31, 0.12); }
[data-severity="warning"] { --sev: #b06000; --tint: rgba(176, 96, 0, 0.12); }
[data-severity="info"] { --sev: #1967d2; --tint: rgba(25, 103, 210, 0.12); }
[data-theme="dark"] [data-severity="error"], .card[data-theme="dark"][data-severity="error"] { --sev: #f28b82; --tint: rgba(242, 139, 130, 0.18); }
[data-theme="dark"] [data-severity="warning"], .card[data-theme="dark"][data-severity="warning"] { --sev: #fdd663; --tint: rgba(253, 214, 99, 0.18); }
[data-theme="dark"] [data-severity="info"], .card[data-theme="dark"][data-severity="info"] { --sev: #8ab4f8; --tint: rgba(138, 180, 248, 0.18); }
.mark { position: fixed; box-sizing: border-box; margin: 0; padding: 0; background: transparent; color: transparent;
border: 2px solid var(--sev); border-radius: 3px; box-shadow: 0 0 0 1px var(--halo), inset 0 0 0 1px var(--halo);
pointer-events: none; font: inherit; overflow: hidden; }
.mark.text { border-width: 0 0 2px 0; border-radius: 0; box-shadow: 0 1px 0 0 var(--halo); background: var(--tint); }
.mark[data-kind="review"] { border-style: dashed; }
.mirror { position: fixed; left: 0; top: 0; visibility: hidden; pointer-events: none; overflow: hidden; margin: 0; white-space: pre-wrap; overflow-wrap: break-word; }
.mark[hidden], .chip[hidden], .badge[hidden], .edge[hidden] { display: none; }
.mark:focus-visible, .mark.active, .chip:focus-visible, .chip.active { outline: 2px solid var(--focus); outline-offset: 2px; background: var(--tint); }
.edge { position: fixed; display: flex; flex-wrap: wrap-reverse; gap: 4px; pointer-events: none; transform: translateY(calc(-100% - 4px)); }
.chip { pointer-events: auto; box-sizing: border-box; margin: 0; font: 12px/1.3 system-ui, sans-serif; padding: 2px 8px;
border-radius: 10px; border: 1px solid var(--sev); background: var(--bg); color: var(--fg); cursor: pointer;
max-width: 26ch; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.chip[data-kind="review"] { border-style: dashed; }
.chip::before, .count::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--sev); margin-right: 5px; vertical-align: 0; }
.badge { position: fixed; pointer-events: auto; transform: translateX(-100%); margin: 0; display: flex; gap: 8px; align-items: center;
font: 600 12px/1.2 system-ui, sans-serif; padding: 3px 8px; border-radius: 12px; border: 1px solid var(--muted);
background: var(--bg); color: var(--fg); cursor: pointer; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25); }
.badge:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.badge .count[data-n="0"] { display: none; }
.badge .state { color: var(--muted); font-weight: 400; }
.restore { position: fixed; pointer-events: auto; transform: translateX(-100%); margin: 0; font: 12px/1.2 system-ui, sans-serif;
padding: 2px 8px; border-radius: 10px; border: 1px dashed var(--muted); background: var(--bg); color: var(--fg); cursor: pointer; }
.restore[hidden], .mailkind[hidden] { display: none; }
.mailkind { position: fixed; pointer-events: auto; transform: translateX(-100%); margin: 0; font: 12px/1.2 system-ui, sans-serif;
padding: 2px 8px; border-radius: 10px; border: 1px solid var(--muted); background: var(--bg); color: var(--fg); cursor: pointer; }
.mailkind:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.badge[data-mail-kind="personal"] .state { color: var(--fg); }
.restore:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.card { position: fixed; z-index: 1; box-sizing: border-box; width: max-content; max-width: min(380px, calc(100vw - 16px));
padding: 10px 12px; border-radius: 8px; border: 1px solid var(--muted); border-left: 4px solid var(--sev);
background: var(--bg); color: var(--fg); box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3); pointer-events: auto; }
.card[hidden] { display: none; }
.card h2 { font: 600 14px/1.3 system-ui, sans-serif; margin: 0 0 4px; }
.card .sev { display: block; font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--sev); font-weight: 700; margin-bottom: 2px; }
.card p { margin: 4px 0; }
.card .label { font-weight: 600; }
.card ul { margin: 2px 0 4px; padding-left: 18px; color: var(--muted); }
.card code { display: block; font: 12px/1.3 ui-monospace, monospace; color: var(--muted); white-space: pre-wrap; word-break: break-all; max-height: 4.2em; overflow: hidden; }
.card .actions { margin-top: 8px; display: flex; justify-content: flex-end; gap: 6px; }
.card .note { color: var(--muted); font-size: 12px; }
.card button { font: 12px/1.3 system-ui, sans-serif; padding: 4px 10px; border-radius: 4px; border: 1px solid var(--muted); background: var(--bg); color: var(--fg); cursor: pointer; }
.card button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
@media (forced-colors: active) { .mark, .chip, .badge, .restore, .card { border-color: CanvasText; forced-color-adjust: none; } }
`;

export function createOverlay({ document: top, t, describe = () => null, onDismiss = () => {}, quickFix = null, dismissals = null, mailKinds = null, locale = () => "en" }) {
  const win = top.defaultView;
  // "Dismiss for this draft": the dismissed fingerprints per editor root (kept while the page
  // lives, also when an editor is hidden and found again) and, with a store injected
  // (util.createDismissStore over storage.local, main.js), per draft across reloads.
  const dismissedByRoot = new WeakMap();
  const persist = (layer) => {
    if (!dismissals) return;
    dismissals.save(layer.draft, [...layer.dismissed]).catch((err) => console.warn("[mailwacht] dismissals:", err));
  };
  let host = null;
  let shadow = null;
  let card = null;
  const layers = new Set();
  const windows = new Map(); // window -> number of layers using it (listeners added once)
  let frameRequested = false;
  let current = null; // {layer, mark, via: "hover"|"focus"}
  let hideTimer = 0;
  let showTimer = 0;
  let pointer = null; // last pointer position in top-viewport coordinates
  // The page's own top layer: a modal <dialog> or a fullscreen element makes the rest of the page
  // inert (hit testing skips it, even a popover shown above it), so the host goes INTO the
  // topmost such element when it holds an editor, and the layers hide when it holds none (the
  // editors are covered and inert: no mark is drawn over the page's dialog). Each time the page
  // opens a top-layer element that holds an editor (a dialog, fullscreen, its own popover), the
  // host is shown again, which puts it above (a later top-layer element stacks above an earlier).
  let blocked = false;
  const opened = new WeakMap(); // top-layer element -> the order it was seen open in
  let openCount = 0;
  let watchingTopLayer = false;

  function ensureHost() {
    if (!host) {
      // One <mailwacht-root> per page (ui/root.js): the send gate's dialog may have made it
      // already; its open shadow root is shared, each part adding its own style.
      host = rootHost(top);
      // <html contenteditable>: the host is no editable content of the draft (adapters/contenteditable.js leaves it out).
      if (top.documentElement.isContentEditable || top.designMode === "on") host.setAttribute("contenteditable", "false");
      shadow = host.shadowRoot;
      const style = top.createElement("style");
      style.textContent = CSS;
      shadow.append(style);
      card = buildCard();
      shadow.append(card.el);
      shadow.addEventListener("keydown", onKeydown);
      shadow.addEventListener("focusout", onFocusout);
    }
    for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, "important");
    if (canPopover(host) && host.getAttribute("popover") !== "manual") host.setAttribute("popover", "manual");
    watchTopLayer();
    // Pages that rebuild <html>'s children can drop the host: put it back.
    if (!host.isConnected) arrange();
    else if (!isShown()) raise();
    return shadow;
  }

  function isShown() {
    try {
      return host.matches(":popover-open");
    } catch {
      return true; // no popovers here: the z-index fallback
    }
  }

  /** Show the host (again): on top of the top layer as it is now. */
  function raise() {
    if (!host || !host.isConnected || !canPopover(host)) return;
    try {
      if (isShown()) host.hidePopover();
      host.showPopover();
    } catch (err) {
      console.warn("[mailwacht] top layer:", err);
    }
  }

  /** The topmost element that makes the rest of the page inert (modal dialog, fullscreen), or null. */
  function blocker() {
    const found = [];
    try {
      found.push(...top.querySelectorAll("dialog:modal"));
    } catch {
      found.push(...Array.from(top.querySelectorAll("dialog[open]")).filter((d) => win.getComputedStyle(d).position === "fixed"));
    }
    if (top.fullscreenElement) found.push(top.fullscreenElement);
    let best = null;
    for (const el of found) {
      if (!opened.has(el)) opened.set(el, ++openCount);
      if (!best || opened.get(el) > opened.get(best)) best = el;
    }
    return best;
  }

  const holdsEditor = (el) => [...layers].some((L) => {
    const node = inTop(L.editor.anchor, top);
    return node && holdsNode(el, node);
  });

  /** Put the host where it is seen (see `blocked` above) and show it; `force`: show it again. */
  function arrange(force = false) {
    if (!host) return;
    const b = blocker();
    const inside = b && b !== host && holdsEditor(b);
    const wasBlocked = blocked;
    blocked = Boolean(b) && !inside;
    const parent = inside ? b : top.documentElement;
    let moved = false;
    if (host.parentNode !== parent) {
      parent.appendChild(host); // leaving the top layer (a removed popover is hidden): shown below
      moved = true;
    }
    if (moved || force || !isShown()) raise();
    if (wasBlocked !== blocked || moved) requestFrame();
  }

  /** A page element entered or left the top layer (or may have): re-arrange, raise if it holds an editor. */
  function onTopLayerChange(target) {
    if (!host || target === host) return;
    const holds = target && target.nodeType === 1 && target.isConnected && holdsEditor(target);
    arrange(Boolean(holds));
  }

  function watchTopLayer() {
    if (watchingTopLayer) return;
    watchingTopLayer = true;
    // Dialogs get and lose the `open` attribute (show(), showModal(), close()); popovers fire
    // `toggle` (which does not bubble: caught while capturing); fullscreen fires fullscreenchange.
    new win.MutationObserver((records) => {
      for (const r of records) if (r.target !== host) onTopLayerChange(r.target);
    }).observe(top.documentElement, { attributes: true, attributeFilter: ["open"], subtree: true });
    top.addEventListener("toggle", (e) => onTopLayerChange(e.target), true);
    top.addEventListener("fullscreenchange", () => onTopLayerChange(top.fullscreenElement), true);
  }

  // ------------------------------------------------------------------------------- the card

  function buildCard() {
    const el = top.createElement("div");
    el.className = "card";
    el.hidden = true;
    el.setAttribute("role", "dialog");
    el.id = "mailwacht-card";
    const sev = top.createElement("span");
    sev.className = "sev";
    const title = top.createElement("h2");
    title.id = "mailwacht-card-title";
    el.setAttribute("aria-labelledby", title.id);
    const message = top.createElement("p");
    const fix = top.createElement("p");
    const basisLabel = top.createElement("p");
    basisLabel.className = "label";
    basisLabel.textContent = t("contentBasis");
    const basis = top.createElement("ul");
    const evidence = top.createElement("code");
    const actions = top.createElement("div");
    actions.className = "actions";
    const dismiss = top.createElement("button");
    dismiss.type = "button";
    dismiss.className = "dismiss";
    dismiss.textContent = t("contentDismiss");
    // The quick fix: only ever run by a click on this button (never by a check).
    const apply = top.createElement("button");
    apply.type = "button";
    apply.className = "quickfix";
    apply.hidden = true;
    const note = top.createElement("p");
    note.className = "note";
    note.setAttribute("role", "status");
    note.hidden = true;
    // "This is not a mailing" for this draft (issue 10): the rules of bulk mail stop for it.
    const personal = top.createElement("button");
    personal.type = "button";
    personal.className = "notmailing";
    personal.textContent = t("contentNotMailing");
    personal.hidden = true;
    actions.append(apply, personal, dismiss);
    personal.addEventListener("click", () => {
      if (!current) return;
      const { layer } = current;
      hideCard();
      layer.setMailKind("personal");
    });
    el.append(sev, title, message, fix, basisLabel, basis, evidence, note, actions);
    apply.addEventListener("click", async () => {
      if (!current || !quickFix) return;
      const { layer, mark } = current;
      apply.disabled = true;
      let result;
      try {
        result = await quickFix.run(layer, mark._finding);
      } catch (err) {
        result = { applied: false, notes: [], reason: String(err && err.message ? err.message : err) };
      }
      apply.disabled = false;
      const lines = result.applied ? result.notes || [] : [t("contentFixFailed", [result.reason || "?"])];
      note.textContent = lines.join(" ");
      note.hidden = lines.length === 0;
      if (!lines.length) hideCard();
    });
    dismiss.addEventListener("click", () => {
      if (!current) return;
      const { layer, mark } = current;
      const fingerprint = mark.dataset.fingerprint;
      hideCard();
      mark.hidden = true; // at once; the next report leaves it out (dismissed) for good
      layer.dismissed.add(fingerprint);
      persist(layer);
      layer.updateBadge();
      onDismiss(layer.key, fingerprint);
      if (layer.onDismissedChange) layer.onDismissedChange();
    });
    el.addEventListener("pointerenter", () => clearTimeout(hideTimer));
    el.addEventListener("pointerleave", () => scheduleHide());
    return { el, sev, title, message, fix, basisLabel, basis, evidence, apply, note, personal };
  }

  function fillCard(finding, theme) {
    const info = describe(finding.rule) || {};
    card.el.dataset.theme = theme;
    card.el.dataset.severity = finding.severity;
    card.sev.textContent = t(`contentSeverity_${finding.severity}`) + (finding.kind === "review" ? ` · ${t("contentReview")}` : "");
    card.title.textContent = info.title || finding.rule;
    card.message.textContent = finding.message || "";
    card.fix.textContent = "";
    if (finding.fix) {
      const label = top.createElement("span");
      label.className = "label";
      label.textContent = `${t("contentFix")} `;
      card.fix.append(label, finding.fix);
    }
    card.fix.hidden = !finding.fix;
    card.basis.textContent = "";
    const lines = info.basis && info.basis.length ? info.basis : (finding.basis || []).map((id) => ({ title: id, document: "" }));
    for (const line of lines) {
      const li = top.createElement("li");
      li.textContent = line.document ? `${line.title} (${line.document})` : line.title;
      card.basis.append(li);
    }
    card.basisLabel.hidden = card.basis.hidden = lines.length === 0;
    card.evidence.textContent = finding.evidence || "";
    card.evidence.hidden = !finding.evidence;
    card.note.hidden = true;
    card.note.textContent = "";
    const offer = quickFix && current ? quickFix.offer(current.layer.editor, finding) : null;
    card.apply.textContent = offer ? offer.label : "";
    card.apply.hidden = !offer;
    card.apply.dataset.op = offer ? offer.op : "";
    // Offered where the engine took the draft for a mailing by itself or by the user's earlier
    // choice; an email platform's draft is a mailing by definition (no such button there).
    const layer = current ? current.layer : null;
    card.personal.hidden = !layer || layer.kind !== "mailing" || layer.kindSource === "platform";
  }

  function showCard(layer, mark, via) {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (current && current.mark !== mark) current.mark.classList.remove("active");
    current = { layer, mark, via };
    mark.classList.add("active");
    // (fillCard below reads `current` for the quick fix of this mark's editor)
    mark.setAttribute("aria-expanded", "true");
    fillCard(mark._finding, layer.theme);
    card.el.hidden = false;
    placeCard();
  }

  function placeCard() {
    if (!current || card.el.hidden) return;
    const r = current.mark._box;
    if (!r) return hideCard();
    const vw = top.documentElement.clientWidth || win.innerWidth;
    const vh = win.innerHeight;
    const w = card.el.offsetWidth;
    const h = card.el.offsetHeight;
    let left = Math.min(Math.max(8, r.left), Math.max(8, vw - w - 8));
    let topPx = r.bottom + 6;
    if (topPx + h > vh - 8 && r.top - h - 6 >= 8) topPx = r.top - h - 6;
    card.el.style.left = `${left}px`;
    card.el.style.top = `${Math.max(8, topPx)}px`;
  }

  function hideCard() {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (current) {
      current.mark.classList.remove("active");
      current.mark.setAttribute("aria-expanded", "false");
    }
    current = null;
    if (card) card.el.hidden = true;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (!current) return;
      if (current.via === "focus" && shadow.activeElement) return; // keyboard user still inside
      hideCard();
    }, HIDE_DELAY_MS);
  }

  function onKeydown(event) {
    if (event.key === "Escape" && current) {
      const mark = current.mark;
      hideCard();
      if (mark.isConnected && !mark.hidden) mark.focus({ preventScroll: true });
      event.stopPropagation();
    }
  }

  function onFocusout(event) {
    const next = event.relatedTarget;
    if (next && (card.el.contains(next) || (current && next === current.mark))) return;
    if (current && current.via === "focus") scheduleHide();
  }

  // --------------------------------------------------------------------- pointer hovering

  function onPointerMove(event) {
    const doc = event.view && event.view.document;
    if (!doc) return;
    const { x, y } = doc === top ? { x: 0, y: 0 } : frameOffset(doc);
    pointer = { x: event.clientX + x, y: event.clientY + y };
    const path = event.composedPath ? event.composedPath() : [];
    if (card && path.includes(card.el)) return clearTimeout(hideTimer);
    const hit = markAt(pointer.x, pointer.y);
    if (hit) {
      clearTimeout(hideTimer);
      if (current && current.mark === hit.mark) return;
      clearTimeout(showTimer);
      showTimer = setTimeout(() => showCard(hit.layer, hit.mark, "hover"), SHOW_DELAY_MS);
    } else {
      clearTimeout(showTimer);
      if (current && current.via === "hover") scheduleHide();
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
      if (host && !host.isConnected && layers.size) arrange(); // the page removed it (or its dialog)
      for (const layer of layers) layer.reposition();
      placeCard();
    });
  }

  /**
   * Call `onMove` when `el` moves in the viewport without scrolling or resizing (a dragged or
   * animated floating window): an IntersectionObserver whose root margin shrinks the viewport to
   * exactly the part of `el` that is seen now (visibleBox), with the ratio seen now as its
   * threshold: any move takes part of that seen box out of the root, so the ratio drops and the
   * observer fires (the technique of Floating UI's autoUpdate, with the clipped box as root so a
   * window whose body scrolls is followed in every direction); re-armed after each move.
   * Returns a function that stops it.
   */
  function watchMove(el, onMove) {
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

  // ----------------------------------------------------------------- text inside textareas

  // A textarea has no DOM for its text, so text offsets are measured on a mirror: an invisible
  // div in our shadow root with the textarea's box, font and wrapping, holding the same value,
  // laid over the textarea (the page is never touched). Rebuilt only when value or box change.
  let mirror = null;
  let mirrorKey = "";
  function textareaRects(area, start, end) {
    const value = area.value;
    const style = area.ownerDocument.defaultView.getComputedStyle(area);
    const r = area.getBoundingClientRect();
    if (!mirror) {
      mirror = top.createElement("div");
      mirror.className = "mirror";
      mirror.setAttribute("aria-hidden", "true");
      shadow.append(mirror);
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
  }

  // --------------------------------------------------------------------------------- layers

  function layer(editor, key) {
    const root = ensureHost();
    const el = top.createElement("div");
    el.className = "layer";
    el.dataset.editor = String(key);
    el.dataset.adapter = editor.adapter;
    const marksEl = top.createElement("div");
    const edge = top.createElement("div");
    edge.className = "edge";
    const badge = top.createElement("button");
    badge.type = "button";
    badge.className = "badge";
    badge.dataset.state = "checking";
    badge.dataset.checks = "0";
    const counts = {};
    for (const severity of SEVERITIES) {
      const span = top.createElement("span");
      span.className = "count";
      span.dataset.severity = severity;
      span.dataset.n = "0";
      span.textContent = "0";
      counts[severity] = span;
    }
    const state = top.createElement("span");
    state.className = "state";
    badge.append(counts.error, counts.warning, counts.info, state);
    // "Show dismissed (n)": undoes this draft's dismissals (shown only while there are some).
    const restore = top.createElement("button");
    restore.type = "button";
    restore.className = "restore";
    restore.hidden = true;
    // "This is a mailing" under the badge while the draft is taken for personal mail (issue 10).
    const mailkind = top.createElement("button");
    mailkind.type = "button";
    mailkind.className = "mailkind";
    mailkind.hidden = true;
    mailkind.textContent = t("contentIsMailing");
    el.append(marksEl, edge, badge, restore, mailkind);
    root.append(el);
    // Every window between the editor and the top: scrolling any of them moves the marks.
    const chain = [];
    for (let w = editor.doc.defaultView; w && !chain.includes(w); w = w === w.parent ? null : w.parent) {
      chain.push(w);
      if (w === win) break;
    }
    if (!chain.includes(win)) chain.push(win);
    const resizeObserver = new win.ResizeObserver(requestFrame);
    resizeObserver.observe(editor.anchor);
    if (editor.root !== editor.anchor) resizeObserver.observe(editor.root);
    for (const w of chain) listen(w);
    // A floating compose window that is dragged or animated moves without resizing or scrolling.
    const stopMoveWatch = watchMove(inTop(editor.anchor, top) || editor.anchor, requestFrame);

    if (!dismissedByRoot.has(editor.root)) dismissedByRoot.set(editor.root, new Set());
    const dismissed = dismissedByRoot.get(editor.root);
    const draft = draftKey(editor, top.location);
    const L = {
      key,
      editor,
      marks: [],
      theme: "light",
      /** Fingerprints dismissed for this draft (the watcher sends them as options.dismissed). */
      dismissed,
      draft,
      /**
       * Resolves once the stored dismissals are in `dismissed` and the stored mail kind is in
       * `mailKind` (the watcher's first check waits for both).
       */
      loaded: Promise.all([
        dismissals
          ? dismissals.load(draft).then(
              (list) => list.forEach((f) => dismissed.add(f)),
              (err) => console.warn("[mailwacht] dismissals:", err),
            )
          : null,
        mailKinds
          ? mailKinds.load(draft).then(
              (kind) => {
                if (L.mailKind === null) L.mailKind = kind;
              },
              (err) => console.warn("[mailwacht] mail kind:", err),
            )
          : null,
      ]),
      /** Set by the watcher: called when `dismissed` changed (re-check). */
      onDismissedChange: null,
      /** The user's choice for this draft: "mailing" | "personal", or null (the engine decides). */
      mailKind: null,
      /** What the last report said: "mailing" | "personal", where from, and why (this locale). */
      kind: null,
      kindSource: "",
      kindReason: "",
      /** Set by the watcher: called when `mailKind` changed (re-check with options.mail_kind). */
      onMailKindChange: null,
      /** The user chose for this draft (kept per draft with a store; null forgets the choice). */
      setMailKind(kind, { persist = true } = {}) {
        const next = kind === "mailing" || kind === "personal" ? kind : null;
        if (next === L.mailKind) return Promise.resolve();
        L.mailKind = next;
        const saved = persist && mailKinds ? mailKinds.save(draft, next).catch((err) => console.warn("[mailwacht] mail kind:", err)) : Promise.resolve();
        if (L.onMailKindChange) L.onMailKindChange();
        return saved;
      },
      all: [],
      findings: [],
      status(kind, detail = "") {
        badge.dataset.state = kind;
        state.textContent = kind === "checking" && !L.findings.length ? t("contentChecking") : kind === "error" ? "!" : "";
        badge.title = kind === "error" ? t("contentEngineError", [detail]) : badge.title;
        requestFrame();
      },
      render(report) {
        const hadFocus = shadow.activeElement && shadow.activeElement.dataset ? shadow.activeElement.dataset.fingerprint : null;
        const open = current && current.layer === L ? current.mark.dataset.fingerprint : null;
        const openVia = current ? current.via : null;
        if (current && current.layer === L) hideCard();
        el.dataset.platform = report.platform || "";
        L.platform = report.platform || "";
        L.kind = report.mail_kind === "personal" ? "personal" : "mailing";
        L.kindSource = report.mail_kind_source || "";
        const reason = report.mail_kind_reason || {};
        L.kindReason = (typeof reason === "string" ? reason : reason[locale()] || reason.en) || "";
        badge.dataset.mailKind = L.kind;
        el.dataset.mailKind = L.kind;
        L.theme = luminance(backgroundOf(editor.root)) < DARK_BELOW ? "dark" : "light";
        el.dataset.theme = L.theme;
        L.all = report.findings || [];
        L.findings = L.all.filter((f) => !f.dismissed && !L.dismissed.has(f.fingerprint));
        L.findings.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
        marksEl.textContent = "";
        edge.textContent = "";
        L.marks = [];
        for (const finding of L.findings) {
          const target = resolve(editor, finding);
          const mark = top.createElement("button");
          mark.type = "button";
          mark.dataset.rule = finding.rule;
          mark.dataset.severity = finding.severity;
          mark.dataset.kind = finding.kind;
          mark.dataset.fingerprint = finding.fingerprint;
          mark.setAttribute("aria-haspopup", "dialog");
          mark.setAttribute("aria-expanded", "false");
          mark.setAttribute("aria-controls", "mailwacht-card");
          const info = describe(finding.rule) || {};
          const label = `${t(`contentSeverity_${finding.severity}`)}: ${info.title || finding.rule}`;
          mark.setAttribute("aria-label", label);
          mark._finding = finding;
          mark._target = target;
          mark.addEventListener("focus", () => showCard(L, mark, "focus"));
          if (target.type === "edge") {
            mark.className = "chip";
            mark.textContent = info.title || finding.rule;
            mark.title = label;
            mark.addEventListener("pointerenter", () => {
              clearTimeout(hideTimer);
              showCard(L, mark, "hover");
            });
            mark.addEventListener("click", () => showCard(L, mark, "focus"));
            edge.append(mark);
          } else {
            mark.className = target.type === "range" || target.type === "textarea" ? "mark text" : "mark";
            marksEl.append(mark);
          }
          L.marks.push(mark);
        }
        badge.dataset.checks = String(Number(badge.dataset.checks) + 1);
        badge.dataset.state = "ready";
        state.textContent = "";
        L.updateBadge();
        L.reposition();
        const refocus = hadFocus && L.marks.find((m) => m.dataset.fingerprint === hadFocus);
        if (refocus) refocus.focus({ preventScroll: true });
        const reopen = open && L.marks.find((m) => m.dataset.fingerprint === open);
        if (reopen) showCard(L, reopen, openVia || "hover");
      },
      /** Nothing to check (an empty draft): no marks, the badge says so. */
      blank() {
        if (current && current.layer === L) hideCard();
        L.all = [];
        L.findings = [];
        L.marks = [];
        marksEl.textContent = "";
        edge.textContent = "";
        L.updateBadge();
        badge.dataset.state = "blank";
        state.textContent = t("contentBlank");
        requestFrame();
      },
      updateBadge() {
        const live = L.findings.filter((f) => !L.dismissed.has(f.fingerprint));
        const hidden = L.all.filter((f) => f.dismissed || L.dismissed.has(f.fingerprint)).length;
        restore.hidden = hidden === 0;
        restore.textContent = t("cardShowDismissed", [String(hidden)]);
        const n = { error: 0, warning: 0, info: 0 };
        for (const f of live) n[f.severity] += 1;
        for (const severity of SEVERITIES) {
          counts[severity].textContent = String(n[severity]);
          counts[severity].dataset.n = String(n[severity]);
        }
        let summary = t("contentBadge", [String(n.error), String(n.warning), String(n.info)]);
        const personal = L.kind === "personal";
        // Personal mail: a quiet badge that says so (and why), and the way to say otherwise.
        if (personal) summary = `${t("contentPersonal")}. ${summary}`;
        badge.setAttribute("aria-label", summary);
        badge.title = L.kindReason ? `${summary}\n${t("contentMailKindWhy", [L.kindReason])}` : summary;
        if (personal) state.textContent = t("contentPersonal");
        else if (!live.length) state.textContent = t("contentAllClear");
        mailkind.hidden = !personal;
      },
      reposition() {
        // The part of the editor a person can see: cut by the viewport and by every scrolling or
        // clipping box around it (a floating window's body), so no mark lies outside it; none
        // while the page's modal dialog or fullscreen element covers the editor.
        const visible = blocked ? null : visibleBox(editor.anchor);
        el.hidden = !visible;
        if (!visible) {
          for (const mark of L.marks) mark._box = null;
          return;
        }
        const offsets = new Map();
        const offsetOf = (doc) => {
          if (!offsets.has(doc)) offsets.set(doc, frameOffset(doc));
          return offsets.get(doc);
        };
        for (const mark of L.marks) {
          let target = mark._target;
          if (target.type !== "edge" && target.type !== "textarea" && !target.el.isConnected) {
            // Editors that render from a model (CKEditor 5's widgets, e.g. after its undo)
            // replace elements without changing the draft, so no new report comes: the
            // finding's location is looked up again in the live DOM.
            const again = resolve(editor, mark._finding);
            if (again.type === "element" || again.type === "range") mark._target = target = again;
          }
          if (target.type === "edge") {
            mark._box = null; // laid out by the .edge flex row; measured below
            continue;
          }
          const r = measure(target, offsetOf, textareaRects);
          const clipped = r && intersect(r, visible);
          mark.hidden = !clipped || L.dismissed.has(mark.dataset.fingerprint) || covered(target, clipped);
          mark._box = mark.hidden ? null : clipped;
          if (clipped) {
            mark.style.left = `${clipped.left}px`;
            mark.style.top = `${clipped.top}px`;
            mark.style.width = `${clipped.width}px`;
            mark.style.height = `${clipped.height}px`;
          }
        }
        edge.style.left = `${visible.left + 4}px`;
        edge.style.top = `${visible.bottom}px`;
        edge.style.maxWidth = `${Math.max(80, visible.width - 8)}px`;
        badge.style.left = `${visible.right - 4}px`;
        badge.style.top = `${visible.top + 4}px`;
        restore.style.left = `${visible.right - 4}px`;
        restore.style.top = `${visible.top + 8 + badge.offsetHeight}px`;
        mailkind.style.left = `${visible.right - 4}px`;
        mailkind.style.top = `${visible.top + 8 + badge.offsetHeight + (restore.hidden ? 0 : restore.offsetHeight + 4)}px`;
        for (const mark of L.marks) {
          if (mark._target.type !== "edge") continue;
          mark.hidden = L.dismissed.has(mark.dataset.fingerprint);
          const r = mark.getBoundingClientRect();
          mark._box = mark.hidden ? null : box(r.left, r.top, r.right, r.bottom);
        }
      },
      destroy() {
        if (current && current.layer === L) hideCard();
        resizeObserver.disconnect();
        stopMoveWatch();
        for (const w of chain) unlisten(w);
        el.remove();
        layers.delete(L);
      },
    };
    badge.addEventListener("click", () => {
      const first = L.marks.find((m) => !m.hidden);
      if (first) first.focus();
    });
    mailkind.addEventListener("click", () => L.setMailKind("mailing"));
    restore.addEventListener("click", () => {
      L.dismissed.clear();
      persist(L);
      L.updateBadge();
      L.reposition(); // marks hidden since this report come back at once, the rest with the re-check
      if (L.onDismissedChange) L.onDismissedChange();
    });
    layers.add(L);
    arrange(true); // above anything the page put in the top layer before this editor was found
    return L;
  }

  /**
   * True when something of the page is drawn over the centre of `target`'s mark (a menu, a
   * sticky header, the page's popover over the editor): the top layer would otherwise draw the
   * mark over it. The page's hit test at that point, skipping Mailwacht's own host, must land on
   * the target, inside it or on an element that holds it (for iframe editors: on the iframe).
   */
  function covered(target, r) {
    const node = inTop(target.el, top);
    if (!node) return false;
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    let hit = null;
    for (const el of top.elementsFromPoint(x, y)) {
      if (el !== host) {
        hit = el;
        break;
      }
    }
    if (!hit) return false;
    return !(holdsNode(node, hit) || holdsNode(hit, node));
  }

  return { layer, reposition: requestFrame, get host() { return host; } };
}

/** Where a finding is drawn: over an element, over a text range, or as a chip on the lower edge. */
function resolve(editor, finding) {
  const loc = finding.location;
  if (!loc) return { type: "edge" };
  const span = typeof loc.start === "number" && typeof loc.end === "number" && loc.end > loc.start;
  // Plain text in a textarea (text mode: offsets into the draft's `text`, i.e. the value).
  if (loc.field === "text" && editor.mode === "textarea" && span) return { type: "textarea", el: editor.root, start: loc.start, end: loc.end };
  if (loc.field) {
    const el = editor.fields && editor.fields[loc.field];
    return el && hasBox(el) ? { type: "element", el } : { type: "edge" };
  }
  if (editor.mode !== "html") return { type: "edge" };
  let el = editor.root;
  if (loc.selector) {
    try {
      el = editor.root.querySelectorAll(`:scope > ${loc.selector}`)[0] || null;
    } catch {
      el = null; // a selector this browser cannot parse
    }
    if (!el) return { type: "edge" };
  }
  if (span) {
    const range = rangeOf(el, loc.start, loc.end);
    // A range with no box (text hidden by the draft's CSS) is shown on the lower edge instead.
    if (range && Array.from(range.getClientRects()).some((r) => r.width || r.height)) return { type: "range", range, el };
  }
  // An element the draft hides (display:none, a hidden unsubscribe link) has no box to draw on.
  return loc.selector && hasBox(el) ? { type: "element", el } : { type: "edge" };
}

function hasBox(el) {
  const r = el.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

/** The top-viewport box of a target now (null when it is not rendered). */
function measure(target, offsetOf, textareaRects) {
  if (target.type === "textarea") {
    if (!target.el.isConnected) return null;
    return union(textareaRects(target.el, target.start, target.end));
  }
  if (target.type === "element") {
    if (!target.el.isConnected) return null;
    const r = target.el.getBoundingClientRect();
    if (!r.width && !r.height) return null;
    const { x, y } = offsetOf(target.el.ownerDocument);
    return box(r.left + x - MARGIN, r.top + y - MARGIN, r.right + x + MARGIN, r.bottom + y + MARGIN);
  }
  if (target.type === "range") {
    if (!target.el.isConnected) return null;
    const { x, y } = offsetOf(target.el.ownerDocument);
    const rects = Array.from(target.range.getClientRects()).filter((r) => r.width || r.height);
    const u = union(rects.map((r) => box(r.left + x, r.top + y, r.right + x, r.bottom + y)));
    return u;
  }
  return null;
}
