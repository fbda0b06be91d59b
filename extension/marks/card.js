/**
 * The card: what a mark or chip means, shown on hover (after SHOW_DELAY_MS) or focus, with the
 * finding's message, its fix, the guideline lines it rests on, the evidence and the actions
 * (the quick fix, "This is not a mailing", "Report a false alarm", "Dismiss for this draft"). It is
 * placed beside its mark inside the viewport (marks/placement.js). One card per page, in the
 * shadow root, `role="dialog"`, labelled by its title; Escape closes it and returns the focus.
 *
 *   const card = createCard({document, t, describe, quickFix, shadow, onDismissMark, onReport, avoid});
 *   card.mount(shadow); card.show(layer, mark, via); card.hide(); card.place(); card.current
 */

import { placeBeside } from "./placement.js";
import { profileForm } from "./profile-form.js";

// The card stays this long after the pointer leaves mark and card (lets the pointer cross gaps).
const HIDE_DELAY_MS = 300;
// Hovering this long over a mark opens its card (moving across the text does not flash cards).
const SHOW_DELAY_MS = 120;

/**
 * `quickFix`: {offer(editor, finding) -> {op, label}|null, run(layer, finding) -> Promise<{applied,
 * notes, reason, needs}>, saveProfile(fields) -> Promise} or null; `shadow()`: the shadow root; `onDismissMark(layer, mark)`: the user
 * dismissed the mark's finding for this draft (the card is closed already); `onReport(layer, mark)`:
 * save a false-alarm report of the mark's finding, -> the file's name (or null); `avoid(layer)`:
 * boxes (top viewport) the card must not cover (the page's Send button).
 */
export function createCard({ document: top, t, describe, quickFix, shadow, onDismissMark, onReport = () => null, avoid = () => [] }) {
  let parts = null;
  let current = null; // {layer, mark, via: "hover"|"focus"}
  let hideTimer = 0;
  let showTimer = 0;
  let placing = 0; // the latest placement asked for
  let returning = false; // the focus is being given back to a mark (Escape)

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
    const basis = top.createElement("ul");
    const evidence = top.createElement("code");
    const actions = top.createElement("div");
    actions.className = "actions";
    const dismiss = top.createElement("button");
    dismiss.type = "button";
    dismiss.className = "dismiss";
    // Report a false alarm (issue 11): a small local file the user reads before sending it anywhere.
    const report = top.createElement("button");
    report.type = "button";
    report.className = "report";
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
    personal.hidden = true;
    actions.append(apply, personal, report, dismiss);
    personal.addEventListener("click", () => {
      if (!current) return;
      const { layer } = current;
      hideCard();
      layer.setMailKind("personal");
    });
    // The quick fix's profile form goes here while it asks (see runFix).
    const form = top.createElement("div");
    form.className = "profile";
    form.hidden = true;
    el.append(sev, title, message, fix, basisLabel, basis, evidence, note, form, actions);
    async function runFix() {
      if (!current || !quickFix) return;
      const shown = current;
      apply.disabled = true;
      let result;
      try {
        result = await quickFix.run(shown.layer, shown.mark._finding);
      } catch (err) {
        result = { applied: false, notes: [], reason: String(err && err.message ? err.message : err) };
      }
      apply.disabled = false;
      if (current !== shown) return; // the card moved on meanwhile
      // "Insert footer" without the profile data it needs (issue 11): nothing was inserted; the
      // profile form (marks/profile-form.js) asks for it in the card, saves it, and runs the fix again.
      if (!result.applied && result.needs && result.needs.length && quickFix.saveProfile) {
        const close = () => {
          form.textContent = "";
          form.hidden = true;
          actions.hidden = false;
          placeCard();
        };
        const asked = profileForm({
          document: top,
          t,
          missing: result.needs,
          save: (fields) => quickFix.saveProfile(fields),
          onSaved: () => {
            close();
            runFix();
          },
          onCancel: () => {
            close();
            apply.focus({ preventScroll: true });
          },
        });
        shown.via = "focus"; // the card stays while the user types, wherever the pointer goes
        form.textContent = "";
        form.append(asked);
        form.hidden = false;
        actions.hidden = true;
        note.hidden = true;
        placeCard();
        const first = asked.querySelector("input");
        if (first) first.focus({ preventScroll: true });
        return;
      }
      const lines = result.applied ? result.notes || [] : [t("contentFixFailed", [result.reason || "?"])];
      note.textContent = lines.join(" ");
      note.hidden = lines.length === 0;
      if (!lines.length) hideCard();
      else placeCard();
    }
    apply.addEventListener("click", runFix);
    report.addEventListener("click", () => {
      if (!current) return;
      const { layer, mark } = current;
      const name = onReport(layer, mark);
      note.textContent = name ? t("contentReportSaved", [name]) : "";
      note.hidden = !name;
      placeCard();
    });
    dismiss.addEventListener("click", () => {
      if (!current) return;
      const { layer, mark } = current;
      hideCard();
      onDismissMark(layer, mark);
    });
    el.addEventListener("pointerenter", () => clearTimeout(hideTimer));
    el.addEventListener("pointerleave", () => scheduleHide());
    return { el, sev, title, message, fix, basisLabel, basis, evidence, apply, note, personal, report, dismiss, form, actions };
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
    // The frame's words in Mailwacht's language now (it may have changed since the card was built).
    parts.basisLabel.textContent = t("contentBasis");
    parts.dismiss.textContent = t("contentDismiss");
    parts.personal.textContent = t("contentNotMailing");
    parts.report.textContent = t("contentReport");
    parts.report.title = t("contentReportTitle");
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
    parts.form.hidden = true;
    parts.form.textContent = "";
    parts.actions.hidden = false;
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
    if (returning) return; // Escape gives the focus back to the mark: the card stays closed
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

  /**
   * Place the open card next to its mark with Floating UI (marks/placement.js): inside the
   * viewport, off the mark, off the page's Send button. Floating UI answers asynchronously; an
   * answer for a card closed or moved since is dropped.
   */
  function placeCard() {
    if (!current || parts.el.hidden) return;
    const r = current.mark._box;
    if (!r) return hideCard();
    const token = ++placing;
    const shown = current;
    placeBeside(parts.el, r, avoid(shown.layer)).then(
      ({ x, y }) => {
        if (token !== placing || current !== shown || parts.el.hidden) return;
        parts.el.style.left = `${x}px`;
        parts.el.style.top = `${y}px`;
      },
      (err) => console.warn("[mailwacht] card:", err),
    );
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
      const { mark, via } = current;
      hideCard();
      // The focus goes back to the mark when the card had it (opened from the keyboard, or the
      // focus inside the card); that focus does not open the card again. A card opened by the
      // pointer just closes: the focus stays where it was.
      if (via === "focus" && mark.isConnected && !mark.hidden) {
        returning = true;
        try {
          mark.focus({ preventScroll: true });
        } finally {
          returning = false;
        }
      }
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
