/**
 * The card: what a mark or chip means, shown on hover (after SHOW_DELAY_MS) or focus, with the
 * finding's message, its fix, the guideline lines it rests on, the evidence and the actions
 * (the quick fix, "This is not a mailing", "Dismiss for this draft"). One card per page, in the
 * shadow root, `role="dialog"`, labelled by its title; Escape closes it and returns the focus.
 *
 *   const card = createCard({document, t, describe, quickFix, shadow, onDismissMark});
 *   card.mount(shadow); card.show(layer, mark, via); card.hide(); card.place(); card.current
 */

// The card stays this long after the pointer leaves mark and card (lets the pointer cross gaps).
const HIDE_DELAY_MS = 300;
// Hovering this long over a mark opens its card (moving across the text does not flash cards).
const SHOW_DELAY_MS = 120;

/**
 * `quickFix`: {offer(editor, finding) -> {op, label}|null, run(layer, finding) -> Promise<{applied,
 * notes, reason}>} or null; `shadow()`: the shadow root; `onDismissMark(layer, mark)`: the user
 * dismissed the mark's finding for this draft (the card is closed already).
 */
export function createCard({ document: top, t, describe, quickFix, shadow, onDismissMark }) {
  const win = top.defaultView;
  let parts = null;
  let current = null; // {layer, mark, via: "hover"|"focus"}
  let hideTimer = 0;
  let showTimer = 0;

  function build() {
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
      hideCard();
      onDismissMark(layer, mark);
    });
    el.addEventListener("pointerenter", () => clearTimeout(hideTimer));
    el.addEventListener("pointerleave", () => scheduleHide());
    return { el, sev, title, message, fix, basisLabel, basis, evidence, apply, note, personal };
  }

  function fillCard(finding, theme) {
    const info = describe(finding.rule) || {};
    parts.el.dataset.theme = theme;
    parts.el.dataset.severity = finding.severity;
    parts.sev.textContent = t(`contentSeverity_${finding.severity}`) + (finding.kind === "review" ? ` · ${t("contentReview")}` : "");
    parts.title.textContent = info.title || finding.rule;
    parts.message.textContent = finding.message || "";
    parts.fix.textContent = "";
    if (finding.fix) {
      const label = top.createElement("span");
      label.className = "label";
      label.textContent = `${t("contentFix")} `;
      parts.fix.append(label, finding.fix);
    }
    parts.fix.hidden = !finding.fix;
    parts.basis.textContent = "";
    const lines = info.basis && info.basis.length ? info.basis : (finding.basis || []).map((id) => ({ title: id, document: "" }));
    for (const line of lines) {
      const li = top.createElement("li");
      li.textContent = line.document ? `${line.title} (${line.document})` : line.title;
      parts.basis.append(li);
    }
    parts.basisLabel.hidden = parts.basis.hidden = lines.length === 0;
    parts.evidence.textContent = finding.evidence || "";
    parts.evidence.hidden = !finding.evidence;
    parts.note.hidden = true;
    parts.note.textContent = "";
    const offer = quickFix && current ? quickFix.offer(current.layer.editor, finding) : null;
    parts.apply.textContent = offer ? offer.label : "";
    parts.apply.hidden = !offer;
    parts.apply.dataset.op = offer ? offer.op : "";
    // Offered where the engine took the draft for a mailing by itself or by the user's earlier
    // choice; an email platform's draft is a mailing by definition (no such button there).
    const layer = current ? current.layer : null;
    parts.personal.hidden = !layer || layer.kind !== "mailing" || layer.kindSource === "platform";
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
    parts.el.hidden = false;
    placeCard();
  }

  function placeCard() {
    if (!current || parts.el.hidden) return;
    const r = current.mark._box;
    if (!r) return hideCard();
    const vw = top.documentElement.clientWidth || win.innerWidth;
    const vh = win.innerHeight;
    const w = parts.el.offsetWidth;
    const h = parts.el.offsetHeight;
    let left = Math.min(Math.max(8, r.left), Math.max(8, vw - w - 8));
    let topPx = r.bottom + 6;
    if (topPx + h > vh - 8 && r.top - h - 6 >= 8) topPx = r.top - h - 6;
    parts.el.style.left = `${left}px`;
    parts.el.style.top = `${Math.max(8, topPx)}px`;
  }

  function hideCard() {
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    if (current) {
      current.mark.classList.remove("active");
      current.mark.setAttribute("aria-expanded", "false");
    }
    current = null;
    if (parts) parts.el.hidden = true;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (!current) return;
      if (current.via === "focus" && shadow().activeElement) return; // keyboard user still inside
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
    if (next && (parts.el.contains(next) || (current && next === current.mark))) return;
    if (current && current.via === "focus") scheduleHide();
  }

  /** Open `mark`'s card after the hover delay (cancelled by cancelShow or another move). */
  function showSoon(layer, mark) {
    clearTimeout(showTimer);
    showTimer = setTimeout(() => showCard(layer, mark, "hover"), SHOW_DELAY_MS);
  }

  return {
    /** Build the card into `root` (once, when the shadow root is made); listens there for Escape and focus leaving. */
    mount(root) {
      parts = build();
      root.append(parts.el);
      root.addEventListener("keydown", onKeydown);
      root.addEventListener("focusout", onFocusout);
    },
    get el() {
      return parts ? parts.el : null;
    },
    /** {layer, mark, via} of the open card, or null. */
    get current() {
      return current;
    },
    show: showCard,
    showSoon,
    hide: hideCard,
    place: placeCard,
    scheduleHide,
    cancelHide: () => clearTimeout(hideTimer),
    cancelShow: () => clearTimeout(showTimer),
  };
}
