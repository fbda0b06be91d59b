/**
 * One editor's layer: its marks (boxes over the draft: buttons carrying data-rule, data-severity,
 * data-kind and data-fingerprint; keyboard users Tab to them and get the card on focus; they let
 * the pointer through, hovering is detected from pointer positions by the overlay), its chips
 * (findings about the whole draft, marks/chips.js), its badge (counts per severity, the state of
 * the check, personal mail), "Show dismissed (n)" and "This is a mailing". It re-measures on
 * scroll, resize, layout changes and moves of a floating window (through the overlay's frame).
 *
 *   const L = createLayer(ov, editor, key);   // ov: the overlay's shared parts (marks/overlay.js)
 *   L.status("checking" | "error", detail); L.render(report, {readAt}); L.blank(); L.reposition(); L.destroy();
 *   L.dismissed (Set of fingerprints), L.loaded (stored dismissals read), L.onDismissedChange
 */

import { SEVERITIES } from "../shared/constants.js";
import { backgroundOf, draftKey, frameOffset, intersect, luminance, visibleBox } from "../shared/util.js";
import { covered, measure, resolve } from "./boxes.js";
import { createStrip, layoutChips, makeChip, measureChips, placeStrip } from "./chips.js";
import { inTop, watchMove } from "./geometry.js";

const RANK = Object.fromEntries(SEVERITIES.map((severity, i) => [severity, i])); // most severe first
// A page background darker than this (WCAG relative luminance) gets the dark palette; 0.2 is
// roughly #7a7a7a, below which dark text on it falls under WCAG AA's 4.5:1.
const DARK_BELOW = 0.2;

export function createLayer(ov, editor, key) {
  const { document: top, t, describe, locale, dismissals, mailKinds, card } = ov;
  const win = top.defaultView;
  const root = ov.topLayer.ensure();
  const el = top.createElement("div");
  el.className = "layer";
  el.dataset.editor = String(key);
  el.dataset.adapter = editor.adapter;
  const marksEl = top.createElement("div");
  // The row outside the editor (marks/chips.js): the chips (or their summary chip), "Show
  // dismissed", "This is a mailing" and the badge, so none of them lies over the draft's text.
  const strip = createStrip(top);
  const edge = strip.list;
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
  strip.el.append(restore, mailkind, badge);
  el.append(marksEl, strip.el);
  // The folded chips' list: open while the user asked for it (the summary chip) or while one of
  // its chips has the keyboard focus.
  let listAsked = false;
  let listFocused = false;
  root.append(el);
  // Every window between the editor and the top: scrolling any of them moves the marks.
  const chain = [];
  for (let w = editor.doc.defaultView; w && !chain.includes(w); w = w === w.parent ? null : w.parent) {
    chain.push(w);
    if (w === win) break;
  }
  if (!chain.includes(win)) chain.push(win);
  const resizeObserver = new win.ResizeObserver(ov.requestFrame);
  resizeObserver.observe(editor.anchor);
  if (editor.root !== editor.anchor) resizeObserver.observe(editor.root);
  for (const w of chain) ov.listen(w);
  // A floating compose window that is dragged or animated moves without resizing or scrolling.
  const stopMoveWatch = watchMove(inTop(editor.anchor, top) || editor.anchor, ov.requestFrame, win);

  if (!ov.dismissedByRoot.has(editor.root)) ov.dismissedByRoot.set(editor.root, new Set());
  const dismissed = ov.dismissedByRoot.get(editor.root);
  const draft = draftKey(editor, top.location);
  const L = {
    key,
    editor,
    marks: [],
    theme: "light",
    /** The engine's version that made the last report (for a false-alarm report). */
    engine: "",
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
      ov.requestFrame();
    },
    /**
     * Draw a report. `readAt` (optional): performance.now() when the watcher read the draft this
     * report is of; kept with the render's own times for bench/typing.mjs (see the end).
     */
    render(report, { readAt = null } = {}) {
      const shadow = ov.topLayer.shadow;
      const hadFocus = shadow.activeElement && shadow.activeElement.dataset ? shadow.activeElement.dataset.fingerprint : null;
      const current = card.current;
      const open = current && current.layer === L ? current.mark.dataset.fingerprint : null;
      const openVia = current ? current.via : null;
      if (current && current.layer === L) card.hide();
      el.dataset.platform = report.platform || "";
      L.platform = report.platform || "";
      L.engine = (report.engine && report.engine.version) || "";
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
        mark.addEventListener("focus", () => {
          if (target.type === "edge" && !listFocused) {
            // A folded chip reached with the keyboard: its list opens (and the chip gets its box) first.
            listFocused = true;
            L.reposition();
          }
          card.show(L, mark, "focus");
        });
        if (target.type === "edge") {
          makeChip(mark, info.title || finding.rule, label, {
            onEnter: () => {
              card.cancelHide();
              card.show(L, mark, "hover");
            },
            onClick: () => card.show(L, mark, "focus"),
          });
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
      // For bench/typing.mjs (keystroke to marks), which reads it in the page like the gate's
      // lastDecision: when the draft was read, when its marks were in place (this render, in the
      // document's clock, as an event's timeStamp) and when the frame that paints them began.
      // Kept on this layer in Mailwacht's shadow root, never in the page's DOM.
      const drawn = { checks: Number(badge.dataset.checks), readAt, drawnAt: performance.now(), frameAt: null };
      el.dataset.lastRender = JSON.stringify(drawn);
      win.requestAnimationFrame(() => {
        if (el.dataset.lastRender !== JSON.stringify(drawn)) return; // a later render took its place
        drawn.frameAt = performance.now();
        el.dataset.lastRender = JSON.stringify(drawn);
      });
      const refocus = hadFocus && L.marks.find((m) => m.dataset.fingerprint === hadFocus);
      if (refocus) refocus.focus({ preventScroll: true });
      const reopen = open && L.marks.find((m) => m.dataset.fingerprint === open);
      if (reopen) card.show(L, reopen, openVia || "hover");
    },
    /** Nothing to check (an empty draft): no marks, the badge says so. */
    blank() {
      if (card.current && card.current.layer === L) card.hide();
      L.all = [];
      L.findings = [];
      L.marks = [];
      marksEl.textContent = "";
      edge.textContent = "";
      L.updateBadge();
      badge.dataset.state = "blank";
      state.textContent = t("contentBlank");
      ov.requestFrame();
    },
    updateBadge() {
      const live = L.findings.filter((f) => !L.dismissed.has(f.fingerprint));
      const hidden = L.all.filter((f) => f.dismissed || L.dismissed.has(f.fingerprint)).length;
      restore.hidden = hidden === 0;
      restore.textContent = t("cardShowDismissed", [String(hidden)]);
      const n = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0]));
      for (const f of live) n[f.severity] += 1;
      for (const severity of SEVERITIES) {
        counts[severity].textContent = String(n[severity]);
        counts[severity].dataset.n = String(n[severity]);
      }
      // "1 fout, 2 waarschuwingen, 0 tips": each count in its plural form in Mailwacht's language
      // (t.plural, ui/strings.js: contentCount_<severity>_one for 1, contentCount_<severity> else).
      const parts = SEVERITIES.map((severity) => t.plural(`contentCount_${severity}`, n[severity]));
      let summary = t("contentBadge", [parts.join(", ")]);
      const personal = L.kind === "personal";
      // Personal mail: a quiet badge that says so (and why), and the way to say otherwise.
      if (personal) summary = `${t("contentPersonal")}. ${summary}`;
      badge.setAttribute("aria-label", summary);
      badge.title = L.kindReason ? `${summary}\n${t("contentMailKindWhy", [L.kindReason])}` : summary;
      if (personal) state.textContent = t("contentPersonal");
      else if (!live.length) state.textContent = t("contentAllClear");
      mailkind.hidden = !personal;
      mailkind.textContent = t("contentIsMailing");
    },
    reposition() {
      // The part of the editor a person can see: cut by the viewport and by every scrolling or
      // clipping box around it (a floating window's body), so no mark lies outside it; none
      // while the page's modal dialog or fullscreen element covers the editor.
      const visible = ov.topLayer.blocked ? null : visibleBox(editor.anchor);
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
        const r = measure(target, offsetOf, ov.textareaRects);
        const clipped = r && intersect(r, visible);
        mark.hidden = !clipped || L.dismissed.has(mark.dataset.fingerprint) || covered(target, clipped, top, ov.topLayer.host);
        mark._box = mark.hidden ? null : clipped;
        if (clipped) {
          mark.style.left = `${clipped.left}px`;
          mark.style.top = `${clipped.top}px`;
          mark.style.width = `${clipped.width}px`;
          mark.style.height = `${clipped.height}px`;
        }
      }
      for (const mark of L.marks) if (mark._target.type === "edge") mark.hidden = L.dismissed.has(mark.dataset.fingerprint);
      placeStrip(strip, visible, ov.avoidBoxes(editor));
      const folded = layoutChips(strip, (n) => t.plural("contentIssues", n), listAsked || listFocused);
      if (!folded) listAsked = listFocused = false;
      measureChips(strip, L.marks, L.dismissed);
    },
    destroy() {
      if (card.current && card.current.layer === L) card.hide();
      top.removeEventListener("pointerdown", onPointerDownOutside, true);
      resizeObserver.disconnect();
      stopMoveWatch();
      for (const w of chain) ov.unlisten(w);
      el.remove();
      ov.layers.delete(L);
    },
  };
  badge.addEventListener("click", () => {
    const first = L.marks.find((m) => !m.hidden);
    if (first) first.focus();
  });
  mailkind.addEventListener("click", () => L.setMailKind("mailing"));
  // The summary chip opens and closes the folded chips' list.
  strip.summary.addEventListener("click", () => {
    listAsked = !(listAsked || listFocused);
    listFocused = false;
    L.reposition();
    // The keyboard goes on from here (Tab into the list, Escape closes it); a click in the top layer does not focus by itself.
    strip.summary.focus({ preventScroll: true });
  });
  strip.list.addEventListener("focusout", (event) => {
    const next = event.relatedTarget;
    if (next && (strip.list.contains(next) || next === strip.summary || (card.el && card.el.contains(next)))) return;
    listFocused = false;
    ov.requestFrame();
  });
  strip.el.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || card.current || !(listAsked || listFocused)) return;
    listAsked = listFocused = false;
    L.reposition();
    if (!strip.summary.hidden) strip.summary.focus({ preventScroll: true });
    event.stopPropagation();
  });
  // A press anywhere else on the page closes the list (a press inside Mailwacht's root is its own).
  function onPointerDownOutside(event) {
    if (!(listAsked || listFocused) || event.composedPath().includes(ov.topLayer.host)) return;
    listAsked = listFocused = false;
    ov.requestFrame();
  }
  top.addEventListener("pointerdown", onPointerDownOutside, true);
  restore.addEventListener("click", () => {
    L.dismissed.clear();
    ov.persist(L);
    L.updateBadge();
    L.reposition(); // marks hidden since this report come back at once, the rest with the re-check
    if (L.onDismissedChange) L.onDismissedChange();
  });
  ov.layers.add(L);
  ov.topLayer.arrange(true); // above anything the page put in the top layer before this editor was found
  return L;
}
