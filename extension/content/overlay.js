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
 *   const overlay = MW.createOverlay({document, t, describe, onDismiss, quickFix, dismissals});
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
(() => {
  "use strict";
  const MW = (Object.hasOwn(globalThis, "Mailwacht") ? globalThis.Mailwacht : (globalThis.Mailwacht = {}));
  if (MW.createOverlay) return;
  const { toTop, box, intersect, union, rangeOf, backgroundOf, luminance, frameOffset, hash, draftKey } = MW.util;

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
.restore[hidden] { display: none; }
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

  function createOverlay({ document: top, t, describe = () => null, onDismiss = () => {}, quickFix = null, dismissals = null }) {
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

    function ensureHost() {
      if (!host) {
        // One <mailwacht-root> per page: another part of the content script (the send gate) may
        // have made it already; its open shadow root is shared, each part adding its own style.
        // Issue 13: the gate's host is taken from this isolated world (MW.rootHost), not by name.
        const existing = MW.rootHost && MW.rootHost.shadowRoot ? MW.rootHost : Array.from(top.documentElement.children).find((el) => el.localName === "mailwacht-root" && el.shadowRoot);
        host = existing || top.createElement("mailwacht-root");
        MW.rootHost = host;
        // <html contenteditable>: the host is no editable content of the draft (adapters/contenteditable.js leaves it out).
        if (top.documentElement.isContentEditable || top.designMode === "on") host.setAttribute("contenteditable", "false");
        shadow = host.shadowRoot || host.attachShadow({ mode: "open" });
        const style = top.createElement("style");
        style.textContent = CSS;
        shadow.append(style);
        card = buildCard();
        shadow.append(card.el);
        shadow.addEventListener("keydown", onKeydown);
        shadow.addEventListener("focusout", onFocusout);
      }
      // Pages that rebuild <html>'s children can drop the host: put it back.
      if (!host.isConnected) top.documentElement.appendChild(host);
      return shadow;
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
      actions.append(apply, dismiss);
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
      return { el, sev, title, message, fix, basisLabel, basis, evidence, apply, note };
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
        for (const layer of layers) layer.reposition();
        placeCard();
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
      el.append(marksEl, edge, badge, restore);
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
        /** Resolves once the stored dismissals are in `dismissed` (the watcher's first check waits). */
        loaded: dismissals
          ? dismissals.load(draft).then(
              (list) => list.forEach((f) => dismissed.add(f)),
              (err) => console.warn("[mailwacht] dismissals:", err),
            )
          : Promise.resolve(),
        /** Set by the watcher: called when `dismissed` changed (re-check). */
        onDismissedChange: null,
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
          const summary = t("contentBadge", [String(n.error), String(n.warning), String(n.info)]);
          badge.setAttribute("aria-label", summary);
          badge.title = summary;
          if (!live.length) state.textContent = t("contentAllClear");
        },
        reposition() {
          const anchorRect = editor.anchor.isConnected ? toTop(editor.anchor.getBoundingClientRect(), editor.anchor.ownerDocument) : null;
          const viewport = box(0, 0, top.documentElement.clientWidth || win.innerWidth, win.innerHeight);
          const visible = anchorRect && intersect(anchorRect, viewport);
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
            mark.hidden = !clipped || L.dismissed.has(mark.dataset.fingerprint);
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
          for (const w of chain) unlisten(w);
          el.remove();
          layers.delete(L);
        },
      };
      badge.addEventListener("click", () => {
        const first = L.marks.find((m) => !m.hidden);
        if (first) first.focus();
      });
      restore.addEventListener("click", () => {
        L.dismissed.clear();
        persist(L);
        L.updateBadge();
        L.reposition(); // marks hidden since this report come back at once, the rest with the re-check
        if (L.onDismissedChange) L.onDismissedChange();
      });
      layers.add(L);
      return L;
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

  MW.createOverlay = createOverlay;
})();
