/**
 * The send gate, part 2: what the user sees when a send is held (issue 5). Knows nothing of
 * `chrome.*` or of the engine: it gets `t(key, subs)` for its strings and `describe(ruleId)` for
 * rule titles.
 *
 *   const ui = createGateUI({document, t, describe});
 *   const choice = await ui.ask(findings, {action, report, fixes, duties, override});   // "back" | "send" | "removed"
 *   (issue 16: `duties` {items: [{id, scope, text}], required} lists the guideline duties to confirm,
 *   with a checkbox each; when `required`, Send waits until all are ticked; the ticked ids are left
 *   in duties.confirmed. `override` {required}: a one-line reason for "Send anyway", left in
 *   override.reason; when `required`, "Send anyway" waits for it.)
 *   ui.notice(kind, text);                   // kind: "failed-open" | "swallowed" | "checking"
 *   ui.measured({ms, outcome});              // press-to-decision time, read by bench/presend.mjs
 *
 * Everything is drawn in <mailwacht-root>'s open shadow root (house style 6: never in the
 * page's DOM, never in the draft). The host is the page's one <mailwacht-root> (ui/root.js),
 * shared with the marks' overlay (marks/overlay.js); gate/layer.js keeps it in the top layer and
 * puts the stylesheet (gate/styles.js) and the notices area in it.
 *
 * The dialog is a modal `role="dialog"` with `aria-modal="true"`, labelled by its title and
 * described by its summary; focus starts on "Back to the draft" (the safe default; on "Send" when
 * nothing holds the send), Tab cycles within the dialog, Escape means "Back to the draft", and
 * focus goes back where it was. It opens at its top (issue 11): the title, the counts and the first
 * finding are in view; the status line and the buttons stay at its foot (sticky) however long the
 * list, so the focused button is in view too. A quick fix's button sits in its finding's item; a fix
 * of the whole draft is offered once (one "Insert footer" for every footer finding, the others
 * named under it). Where the footer still needs profile data, the quick-fix module's small form
 * (marks/profile-form.js profileForm) asks for it in place and saves it to the profile before the
 * footer goes in, never a "[…]" placeholder. What a fix did is said in a `role="status"` line, and focus
 * moves to the next fix, or to "Send" when none is left. The words are `t`'s (ui/strings.js: the
 * language of Mailwacht's setting), counts in the language's plural forms.
 * Notices are `role="alert"` (failed open: the user must hear that no check ran) or
 * `role="status"` (polite), each with a close button; they leave by themselves after a while.
 * Its look (styles.js) and its place on the page (layer.js) are apart; the ~400 lines left are one
 * dialog whose parts (findings, quick fixes and the profile form, duties, reason, keys) share the
 * state of the one dialog open.
 */
import { FIX_LABELS, profileForm } from "../marks/quickfix.js";
import { SEVERITIES } from "../shared/constants.js";
import { element } from "../shared/util.js";
import { createGateLayer } from "./layer.js";
import { CSS } from "./styles.js";

// Findings sorted by severity, most severe first (shared/constants.js SEVERITIES order).
const RANK = Object.fromEntries(SEVERITIES.map((severity, i) => [severity, i]));
// Fixes that change the whole draft, not one element: offered once per dialog, on the first of
// their findings (one footer fixes unsubscribe-missing, contact-missing, postal-address-missing and
// reason-missing at once; a second footer would be one too many).
const GROUPED = new Set(["footer"]);
// A notice stays long enough to be read (WCAG 2.2.1 allows none to be timed out, so the
// failed-open alert also waits for focus to leave it); 12 s covers two readings of one sentence.
const NOTICE_MS = 12000;

export function createGateUI({ document: top, t, describe = () => null }) {
  // The host in the top layer, the stylesheet and the notices area (gate/layer.js); the page
  // removing the host answers an open dialog "removed" (issue 13).
  const layer = createGateLayer({ document: top, css: CSS, onRemoved: () => open && open.finish("removed") });

  const el = (tag, props, children) => element(top, tag, props, children);

  let open = null; // the dialog now shown: {finish(choice)}

  const titleOf = (f) => (describe(f.rule) || {}).title || f.rule;

  /**
   * What each finding offers, by finding: {offer, also: [findings]} for the one that carries the
   * fix's button (`also`: the other findings the same fix resolves, GROUPED kinds), {under: offer}
   * for those others; nothing for a finding without a fix.
   */
  function plan(findings, fixes) {
    const out = new Map();
    if (!fixes) return out;
    const groups = new Map();
    for (const f of findings) {
      const offered = fixes.offer(f);
      if (!offered) continue;
      // The label in the dialog's language (the cards' keys, marks/quickfix.js FIX_LABELS).
      const offer = FIX_LABELS[offered.kind] ? { ...offered, label: t(FIX_LABELS[offered.kind]) } : offered;
      const first = GROUPED.has(offer.kind) ? groups.get(offer.kind) : null;
      if (first) {
        first.also.push(f);
        out.set(f, { under: first.offer });
        continue;
      }
      const entry = { offer, also: [] };
      if (GROUPED.has(offer.kind)) groups.set(offer.kind, entry);
      out.set(f, entry);
    }
    return out;
  }

  /** A finding as a list item; with the quick fix's button when its plan (above) carries one. */
  function item(f, planned, onFix) {
    const offer = planned && planned.offer;
    const children = [
      el("span", { class: "sev", text: t(f.kind === "review" ? "gateSeverity_review" : `gateSeverity_${f.severity}`) }),
      el("span", { class: "title", text: titleOf(f) }),
      el("span", { class: "message", text: f.message || "" }),
      ...(f.fix ? [el("span", { class: "fix", text: f.fix })] : []),
    ];
    if (offer) {
      const button = el("button", { type: "button", class: "quickfix", "data-action": "fix", "data-fix": offer.kind, text: offer.label });
      button.addEventListener("click", () => onFix(f, offer, button));
      const row = el("div", { class: "quickfix-row" }, [button]);
      if (planned.also.length) row.append(el("span", { class: "also", text: t("gateFixAlso", [t.list(planned.also.map(titleOf))]) }));
      children.push(row);
    }
    const li = el("li", { "data-rule": f.rule, "data-severity": f.kind === "review" ? "review" : f.severity }, children);
    if (planned && planned.under) li.dataset.fixedBy = planned.under.kind;
    return li;
  }

  /**
   * Show the findings that hold the send (none: the summary of a compliant draft, the option
   * "show the summary every time"); resolves with "back" or "send". `action` "schedule" words
   * the dialog for a schedule-send button. `fixes` ({offer(finding) -> {kind, label}|null,
   * apply(finding) -> Promise<{result, findings?, report?, error?}>}, gate.js) adds the cards'
   * quick fixes: applied only on their button, then the dialog shows what the new check left.
   * Only one dialog at a time: asking again while one is open answers the first with "back".
   */
  function ask(findings, { action = "send", report = null, fixes = null, notMailing = null, duties = null, override = null } = {}) {
    if (open) open.finish("back");
    const sr = layer.root();
    layer.raise(); // on top of the top layer as it is now (a page's popover or modal opened since)
    const schedule = action === "schedule" ? "Schedule" : "";
    const title = el("h2", { id: "mailwacht-gate-title" });
    const summary = el("p", { id: "mailwacht-gate-summary" });
    const list = el("ul");
    // Questions for the user (kind "review") never hold a send: listed apart, below what does.
    const reviewHeading = el("h3", { class: "reviews-heading", text: t("gateReviewHeading") });
    const reviewList = el("ul");
    const reviews = el("section", { class: "reviews", "data-mailwacht": "reviews" }, [reviewHeading, reviewList]);
    const passes = el("details", { class: "passes" });
    const status = el("p", { class: "gate-status", role: "status" });
    const back = el("button", { type: "button", class: "back", "data-action": "back", text: t("gateBack") });
    const send = el("button", { type: "button", class: "send", "data-action": "send" });
    // "This is not a mailing" (gate.js notMailing): only for a draft taken for a mailing.
    const personal = el("button", { type: "button", class: "not-mailing", "data-action": "not-mailing", text: t("gateNotMailing") });
    // Issue 16: the duties to confirm, and the reason for "Send anyway".
    const dutyBoxes = ((duties && duties.items) || []).map((d) =>
      el("input", { type: "checkbox", "data-duty": d.id, "data-scope": d.scope, id: `mailwacht-duty-${d.id}` }),
    );
    const dutyList = el(
      "ul",
      {},
      ((duties && duties.items) || []).map((d, i) =>
        el("li", { "data-severity": "review", "data-duty-item": d.id }, [el("label", { for: dutyBoxes[i].id }, [dutyBoxes[i], el("span", { text: d.text })])]),
      ),
    );
    const dutySection = el("section", { class: "duties", "data-mailwacht": "duties" }, [
      el("h3", { text: t(duties && duties.required ? "gateDutiesRequired" : "gateDutiesHeading") }),
      dutyList,
    ]);
    dutySection.hidden = dutyBoxes.length === 0;
    const reason = el("input", { type: "text", id: "mailwacht-override-reason", maxlength: "300", "data-mailwacht": "override-reason", autocomplete: "off" });
    const overrideSection = el("div", { class: "override" }, [
      el("label", { for: reason.id, text: t(override && override.required ? "gateOverrideReasonRequired" : "gateOverrideReason") }),
      reason,
    ]);
    const dialog = el(
      "div",
      { class: "gate-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": title.id, "aria-describedby": summary.id, "data-mailwacht": "gate", "data-action-kind": action },
      [
        title,
        summary,
        list,
        reviews,
        passes,
        dutySection,
        overrideSection,
        el("div", { class: "gate-foot" }, [status, el("div", { class: "gate-actions" }, [personal, back, send])]),
      ],
    );
    dialog.lang = t.locale;
    /** Send waits for required confirmations and, for "Send anyway", a required reason. */
    function gateSend() {
      const held = dialog.dataset.state === "held";
      overrideSection.hidden = !held || !override;
      const unconfirmed = Boolean(duties && duties.required) && dutyBoxes.some((b) => !b.checked);
      const unexplained = held && Boolean(override && override.required) && !reason.value.trim();
      send.disabled = busy || unconfirmed || unexplained;
    }
    for (const box of dutyBoxes) box.addEventListener("change", gateSend);
    reason.addEventListener("input", gateSend);
    const backdrop = el("div", { class: "gate-backdrop" }, [dialog]);
    let busy = false;

    /** Fill the dialog for `current` (the holding findings) and `rep` (the report they came from). */
    function render(current, rep) {
      const shown = [...current].sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
      const errors = shown.filter((f) => f.severity === "error").length;
      const warnings = shown.filter((f) => f.severity === "warning").length;
      const clear = shown.length === 0;
      const all = (rep && rep.findings) || [];
      const notes = all.filter((f) => !f.dismissed && f.severity === "info" && f.kind !== "review");
      const toReview = all.filter((f) => !f.dismissed && f.kind === "review").sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
      const passed = ((rep && rep.rules) || []).filter((r) => r.outcome === "passed");
      dialog.dataset.state = clear ? "clear" : "held";
      title.textContent = t(clear ? `gateTitleClear${schedule}` : errors ? `gateTitleErrors${schedule}` : `gateTitleWarnings${schedule}`);
      // Counts in words with the language's plural forms ("1 fout", "2 fouten"), zeros left out.
      const counts = clear
        ? [t.plural("gateCountPassed", passed.length), notes.length ? t.plural("gateCountNotes", notes.length) : ""]
        : [errors ? t.plural("gateCountErrors", errors) : "", warnings ? t.plural("gateCountWarnings", warnings) : ""];
      summary.textContent = t(clear ? `gateSummaryClear${schedule}` : `gateSummary${schedule}`, [t.list(counts.filter(Boolean))]);
      // Held: what holds it. Clear: the notes (advice only), for the summary.
      const fixPlan = plan(clear ? [] : shown, fixes);
      list.replaceChildren(...(clear ? notes : shown).map((f) => item(f, fixPlan.get(f), runFix)));
      list.hidden = !list.children.length;
      reviewList.replaceChildren(...toReview.map((f) => item(f, null, runFix)));
      reviews.hidden = toReview.length === 0;
      personal.hidden = !notMailing || !rep || rep.mail_kind !== "mailing";
      // Passed checks carry data-passed, not data-rule: data-rule items are what the user must look at.
      passes.replaceChildren(
        el("summary", { text: t("gatePassed", [String(passed.length)]) }),
        el("ul", {}, passed.map((r) => el("li", { class: "passed", "data-passed": r.id, text: (describe(r.id) || {}).title || r.id }))),
      );
      passes.hidden = passed.length === 0;
      send.textContent = t(clear ? (schedule ? "gateSchedule" : "gateSend") : schedule ? "gateScheduleAnyway" : "gateSendAnyway");
      gateSend();
    }

    /** A quick fix's button was pressed: apply it, then show what the new check left. */
    async function runFix(finding, offer, button) {
      if (busy || !fixes) return;
      busy = true;
      dialog.setAttribute("aria-busy", "true");
      for (const b of dialog.querySelectorAll('button[data-action="fix"]')) b.disabled = true;
      send.disabled = true; // the draft is changing: no send of a half-applied fix
      status.textContent = t("gateFixApplying", [offer.label]);
      let out;
      try {
        out = await fixes.apply(finding);
      } catch (err) {
        out = { result: { applied: false, reason: String(err && err.message ? err.message : err) } };
      }
      if (!open || open.dialog !== dialog) return; // closed meanwhile
      busy = false;
      gateSend();
      dialog.removeAttribute("aria-busy");
      const result = out.result || {};
      if (!result.applied && Array.isArray(result.needs) && result.needs.length && typeof fixes.saveProfile === "function") {
        for (const b of dialog.querySelectorAll('button[data-action="fix"]')) b.disabled = false;
        askProfile(finding, offer, button, result.needs);
        return;
      }
      if (!result.applied || out.error) {
        for (const b of dialog.querySelectorAll('button[data-action="fix"]')) b.disabled = false;
        status.textContent = result.applied ? t("gateRecheckFailed", [offer.label, out.error]) : t("gateFixFailed", [result.reason || "?"]);
        (button.isConnected ? button : back).focus();
        return;
      }
      render(out.findings || [], out.report);
      status.textContent = [t("gateFixApplied", [offer.label]), ...(result.notes || [])].join(" ");
      // The fix moved focus into the editor (it edits there) and its button may be gone: back
      // into the dialog, on the next fix or, with nothing left, on "Send" (still the user's press).
      (dialog.dataset.state === "clear" ? send : dialog.querySelector('button[data-action="fix"]') || back).focus();
    }

    /**
     * The footer needs profile data the profile lacks (`needs`, marks/profile-form.js footerNeeds): the
     * quick-fix module's form takes the fix button's place; once it has saved the data to the
     * profile, the fix runs again (and inserts the footer). "Cancel" or Escape puts the button back.
     */
    function askProfile(finding, offer, button, needs) {
      const row = button.closest(".quickfix-row") || button.parentNode;
      for (const old of row.querySelectorAll("form")) old.remove();
      let form = null;
      const close = () => {
        if (form) form.remove();
        button.hidden = false;
      };
      form = profileForm({
        document: top,
        t,
        missing: needs,
        save: (fields) => fixes.saveProfile(fields),
        onSaved: () => {
          close();
          runFix(finding, offer, button);
        },
        onCancel: () => {
          close();
          status.textContent = "";
          button.focus();
        },
      });
      button.hidden = true;
      row.append(form);
      status.textContent = t("gateFixNeedsProfile");
      const first = form.querySelector("input");
      if (first) first.focus();
    }

    /** "This is not a mailing": remember it, check again as personal mail, show what is left. */
    async function runNotMailing() {
      if (busy || !notMailing) return;
      busy = true;
      dialog.setAttribute("aria-busy", "true");
      for (const b of dialog.querySelectorAll("button")) b.disabled = true;
      status.textContent = t("gateRechecking");
      let out;
      try {
        out = await notMailing();
      } catch (err) {
        out = { error: String(err && err.message ? err.message : err) };
      }
      if (!open || open.dialog !== dialog) return; // closed meanwhile
      busy = false;
      dialog.removeAttribute("aria-busy");
      for (const b of dialog.querySelectorAll("button")) b.disabled = false;
      gateSend();
      if (out.error) {
        status.textContent = t("gateRecheckFailed", [t("gateNotMailing"), out.error]);
        back.focus();
        return;
      }
      render(out.findings || [], out.report);
      status.textContent = t(out.remembered ? "gateNotMailingDone" : "gateNotMailingOnce");
      (dialog.dataset.state === "clear" ? send : back).focus();
    }

    render(findings, report);
    const before = top.activeElement;
    sr.append(backdrop);
    // "Back to the draft" is the default while something holds the send; a compliant draft's
    // summary starts on "Send". Focusing it must not scroll the dialog to its foot (issue 11: it
    // opened scrolled to the bottom, its title and first finding out of view): the buttons are in
    // the sticky foot, in view at any scroll, and the dialog opens at its top.
    (dialog.dataset.state === "clear" ? send : back).focus({ preventScroll: true });
    dialog.scrollTop = 0;

    return new Promise((resolve) => {
      const finish = (choice) => {
        if (!open || open.finish !== finish) return;
        open = null;
        backdrop.remove();
        top.removeEventListener("keydown", onTopKey, true);
        // "Back to the draft": focus returns to where the user was (the editor or the button).
        if (before && before.isConnected && typeof before.focus === "function") before.focus();
        resolve(choice);
      };
      const onKey = (event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          finish("back");
        } else if (event.key === "Tab") {
          // Focus stays inside the modal dialog.
          event.preventDefault();
          const focusable = [...dialog.querySelectorAll("button:not(:disabled), input:not(:disabled), details:not([hidden]) > summary")].filter((n) => !n.closest("[hidden]"));
          const at = focusable.indexOf(sr.activeElement);
          const next = (at + (event.shiftKey ? focusable.length - 1 : 1)) % focusable.length;
          focusable[at < 0 ? 0 : next].focus();
        }
        event.stopPropagation(); // keys meant for the dialog do not reach the page's shortcuts
      };
      // Keys pressed while focus has escaped to the page (e.g. a click on the backdrop): bring
      // it back instead of letting the page act on them.
      const onTopKey = (event) => {
        if (event.composedPath().includes(dialog)) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        back.focus();
      };
      dialog.addEventListener("keydown", onKey);
      top.addEventListener("keydown", onTopKey, true);
      back.addEventListener("click", () => finish("back"));
      send.addEventListener("click", () => {
        if (send.disabled) return;
        if (duties) duties.confirmed = dutyBoxes.filter((b) => b.checked).map((b) => b.dataset.duty);
        if (override) override.reason = reason.value.trim().slice(0, 300);
        finish("send");
      });
      personal.addEventListener("click", runNotMailing);
      backdrop.addEventListener("mousedown", (event) => {
        if (event.target === backdrop) {
          event.preventDefault();
          back.focus();
        }
      });
      open = { finish, dialog };
    });
  }

  /** A short message in the corner; `kind` picks its role and look. Returns the element. */
  function notice(kind, text) {
    layer.root();
    const close = el("button", { type: "button", text: t("gateNoticeClose") });
    const node = el("div", { class: "gate-notice", "data-kind": kind, role: kind === "failed-open" ? "alert" : "status" }, [el("span", { text }), close]);
    const remove = () => node.remove();
    close.addEventListener("click", remove);
    layer.notices.append(node);
    const later = () => {
      if (node.contains(layer.shadow.activeElement)) setTimeout(later, NOTICE_MS);
      else remove();
    };
    setTimeout(later, NOTICE_MS);
    return node;
  }

  /** The last decision's timing ({ms, outcome}) as data-last-decision on the notices area. */
  function measured(decision) {
    layer.root();
    layer.notices.dataset.lastDecision = JSON.stringify(decision);
  }

  return { ask, notice, measured, isOpen: () => Boolean(open) };
}
