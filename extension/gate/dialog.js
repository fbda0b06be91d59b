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
 * shared with the marks' overlay (marks/overlay.js).
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
 */
import { FIX_LABELS, PROFILE_FORM_CSS, profileForm } from "../marks/quickfix.js";
import { rootHost } from "../ui/root.js";

const RANK = { error: 0, warning: 1, info: 2 };
// Fixes that change the whole draft, not one element: offered once per dialog, on the first of
// their findings (one footer fixes unsubscribe-missing, contact-missing, postal-address-missing and
// reason-missing at once; a second footer would be one too many).
const GROUPED = new Set(["footer"]);
// A notice stays long enough to be read (WCAG 2.2.1 allows none to be timed out, so the
// failed-open alert also waits for focus to leave it); 12 s covers two readings of one sentence.
const NOTICE_MS = 12000;

const CSS = `
:host { all: initial; }
.gate-backdrop { position: fixed; inset: 0; background: rgba(0, 0, 0, 0.45); z-index: 2147483646;
display: flex; align-items: center; justify-content: center; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.gate-dialog { box-sizing: border-box; width: min(560px, calc(100vw - 24px)); max-height: calc(100vh - 48px); overflow: auto;
background: #ffffff; color: #202124; border-radius: 10px; padding: 18px 20px; box-shadow: 0 8px 32px rgba(0, 0, 0, 0.35); }
.gate-dialog h2 { font: 600 17px/1.3 system-ui, sans-serif; margin: 0 0 6px; }
.gate-dialog p { margin: 4px 0 10px; }
.gate-dialog ul { list-style: none; margin: 0; padding: 0; }
.gate-dialog li { border-left: 4px solid var(--sev); padding: 6px 10px; margin: 0 0 8px; background: var(--tint); border-radius: 0 6px 6px 0; }
.gate-dialog li .sev { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--sev); }
.gate-dialog li .title { font-weight: 600; margin-left: 6px; }
.gate-dialog li .message, .gate-dialog li .fix { display: block; margin-top: 2px; }
.gate-dialog li .fix { color: #5f6368; }
[data-severity="error"] { --sev: #c5221f; --tint: rgba(197, 34, 31, 0.07); }
[data-severity="warning"] { --sev: #b06000; --tint: rgba(176, 96, 0, 0.07); }
[data-severity="info"] { --sev: #1967d2; --tint: rgba(25, 103, 210, 0.07); }
[data-severity="review"] { --sev: #5f6368; --tint: rgba(95, 99, 104, 0.07); }
.gate-dialog .reviews h3 { font: 600 14px/1.3 system-ui, sans-serif; margin: 10px 0 6px; color: #5f6368; }
.gate-actions .not-mailing { background: #ffffff; color: #202124; border: 1px solid #9aa0a6; margin-right: auto; }
.gate-actions { display: flex; gap: 10px; justify-content: flex-end; flex-wrap: wrap; }
.gate-actions button, .gate-notice button { font: 600 14px/1.2 system-ui, sans-serif; padding: 8px 14px; border-radius: 6px; cursor: pointer; }
.gate-actions .back { background: #1a73e8; color: #ffffff; border: 1px solid #1a73e8; }
.gate-actions .send { background: #ffffff; color: #c5221f; border: 1px solid #c5221f; }
.gate-dialog[data-state="clear"] .send { background: #188038; color: #ffffff; border-color: #188038; }
.gate-dialog[data-state="clear"] .back { background: #ffffff; color: #1a73e8; }
.gate-dialog .quickfix-row { margin-top: 6px; }
.gate-dialog .quickfix { font: 600 13px/1.2 system-ui, sans-serif; padding: 5px 10px; border-radius: 6px; cursor: pointer;
background: #ffffff; color: #1a73e8; border: 1px solid #1a73e8; }
.gate-dialog button:disabled { opacity: 0.55; cursor: progress; }
.gate-dialog .passes { margin: 4px 0 0; }
.gate-dialog .passes summary { cursor: pointer; color: #188038; font-weight: 600; }
.gate-dialog .passes li { border-left: 4px solid #188038; background: rgba(24, 128, 56, 0.06); padding: 3px 10px; margin: 4px 0; }
.gate-dialog .gate-status { color: #174ea6; min-height: 1em; margin: 0 0 8px; }
.gate-dialog .gate-foot { position: sticky; bottom: -18px; margin: 10px -20px -18px; padding: 10px 20px 14px; background: #ffffff;
border-top: 1px solid #e3e3e3; border-radius: 0 0 10px 10px; }
.gate-dialog .gate-foot .gate-status:empty { display: none; }
.gate-dialog li .also { display: block; margin-top: 4px; color: #5f6368; font-size: 13px; }
.gate-dialog .duties h3 { font: 600 14px/1.3 system-ui, sans-serif; margin: 10px 0 6px; }
.gate-dialog .duties label { display: flex; gap: 8px; align-items: flex-start; }
.gate-dialog .override label { display: block; font-weight: 600; margin: 8px 0 4px; }
.gate-dialog .override input { box-sizing: border-box; width: 100%; font: 14px/1.3 system-ui, sans-serif; padding: 6px 8px; }
.gate-dialog .quickfix:focus-visible, .gate-dialog .passes summary:focus-visible,
.gate-actions button:focus-visible, .gate-notice button:focus-visible { outline: 3px solid #174ea6; outline-offset: 2px; }
.gate-notices { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; display: flex; flex-direction: column; gap: 8px;
font: 14px/1.4 system-ui, sans-serif; max-width: min(420px, calc(100vw - 32px)); }
.gate-notice { display: flex; gap: 10px; align-items: flex-start; background: #202124; color: #ffffff; padding: 10px 12px; border-radius: 8px;
box-shadow: 0 4px 16px rgba(0, 0, 0, 0.35); border-left: 4px solid #8ab4f8; }
.gate-notice[data-kind="failed-open"] { border-left-color: #f28b82; }
.gate-notice span { flex: 1; }
.gate-notice button { font-size: 12px; padding: 3px 8px; background: transparent; color: #ffffff; border: 1px solid #9aa0a6; }
@media (forced-colors: active) { .gate-dialog, .gate-notice, .gate-dialog li { border: 1px solid CanvasText; forced-color-adjust: none; } }
${PROFILE_FORM_CSS}`;

// <mailwacht-root>'s own box, as marks/overlay.js HOST_STYLE sets it (the same host; whichever
// script makes it first): the popover's UA styles (inset, margin, border, padding, background,
// size) reset inline with !important, a 0 x 0 box whose fixed-position children (the backdrop,
// the notices) are placed in viewport coordinates.
const HOST_STYLE = {
  position: "fixed", inset: "0 auto auto 0", width: "0", height: "0", "min-width": "0", "min-height": "0",
  "max-width": "none", "max-height": "none", margin: "0", padding: "0", border: "0", outline: "0",
  background: "transparent", color: "inherit", overflow: "visible", display: "block", visibility: "visible",
  opacity: "1", transform: "none", filter: "none", contain: "none", "clip-path": "none", "pointer-events": "auto",
  "z-index": "2147483647",
};
const canPopover = (el) => typeof el.showPopover === "function" && typeof el.hidePopover === "function";

export function createGateUI({ document: top, t, describe = () => null }) {
  let shadow = null;
  let notices = null;

  let host = null;
  let watching = false;

  /**
   * Issue 13: the page may remove <mailwacht-root> (a hostile page, or a single-page app
   * rendering its body again). Then the host is put back, and an open dialog answers "removed"
   * (nothing is sent; the gate lets the next press be held and decided again), so no state can
   * swallow Send for good. One observer on the document (childList, subtree; it only asks whether
   * our host is still connected), made with the host.
   */
  function watchHost() {
    if (watching) return;
    watching = true;
    new (top.defaultView.MutationObserver)(() => {
      if (!host || host.isConnected) return;
      if (open) open.finish("removed");
      attach();
    }).observe(top, { childList: true, subtree: true });
  }

  /**
   * The send dialog must be SEEN: the host lives in the browser's top layer, as the overlay keeps
   * it (marks/overlay.js: popover="manual" shown with showPopover(), its UA styles reset inline),
   * also when the gate makes the host before the marks' script has started, or on a site where the
   * marks are off. Without it the dialog's backdrop (z-index only) could lie under a page's
   * floating compose window or a page's own top-layer element. A page's modal <dialog> or
   * fullscreen element makes everything outside it inert, even the top layer above it: the host
   * goes into the topmost one (the one holding the focus, i.e. the send button just pressed or the
   * editor, else the last opened), and back under <html> when none is open.
   */
  function blocker() {
    let found = [];
    try {
      found = Array.from(top.querySelectorAll("dialog:modal"));
    } catch {
      found = Array.from(top.querySelectorAll("dialog[open]")).filter((d) => top.defaultView.getComputedStyle(d).position === "fixed");
    }
    if (top.fullscreenElement) found.push(top.fullscreenElement);
    found = found.filter((b) => b !== host && !host.contains(b));
    if (!found.length) return null;
    const active = top.activeElement;
    return found.find((b) => active && b.contains(active)) || found[found.length - 1];
  }

  /** Put the host where it is seen and show it (again), above what the page put in the top layer. */
  function raise() {
    if (!top.documentElement) return;
    for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, "important");
    // On a page whose <html> is contenteditable the host would be editable content of the
    // draft: contenteditable="false" keeps the caret and typing out of it (the contenteditable
    // adapter leaves <mailwacht-root> out of the draft it reads).
    if (top.documentElement.isContentEditable || top.designMode === "on") host.setAttribute("contenteditable", "false");
    const parent = blocker() || top.documentElement;
    if (host.parentNode !== parent) parent.appendChild(host);
    if (!canPopover(host)) return; // no top layer here: the z-index fallback
    if (host.getAttribute("popover") !== "manual") host.setAttribute("popover", "manual");
    try {
      // Shown again: a later top-layer element stacks above an earlier one.
      if (host.matches(":popover-open")) host.hidePopover();
      host.showPopover();
    } catch (err) {
      console.warn("[mailwacht] gate top layer:", err);
    }
  }

  /** Put the host into the document: under <html> (or a page's modal), never inside an editable region. */
  function attach() {
    raise();
  }

  /**
   * The shadow root of <mailwacht-root> (ui/root.js, shared with the marks' overlay) with the
   * gate's stylesheet in it.
   */
  function root() {
    if (!host) host = rootHost(top);
    let shown = true;
    try {
      shown = !canPopover(host) || host.matches(":popover-open");
    } catch {
      // no popovers here
    }
    if (!host.isConnected || !shown) attach();
    watchHost();
    if (host.shadowRoot !== shadow) {
      shadow = host.shadowRoot;
      const style = top.createElement("style");
      style.dataset.gate = "";
      style.textContent = CSS;
      shadow.append(style);
      notices = null;
    }
    if (!notices || !notices.isConnected) {
      notices = top.createElement("div");
      notices.className = "gate-notices";
      shadow.append(notices);
    }
    return shadow;
  }

  function el(tag, props = {}, children = []) {
    const node = top.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

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
    const sr = root();
    raise(); // on top of the top layer as it is now (a page's popover or modal opened since)
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
    root();
    const close = el("button", { type: "button", text: t("gateNoticeClose") });
    const node = el("div", { class: "gate-notice", "data-kind": kind, role: kind === "failed-open" ? "alert" : "status" }, [el("span", { text }), close]);
    const remove = () => node.remove();
    close.addEventListener("click", remove);
    notices.append(node);
    const later = () => {
      if (node.contains(shadow.activeElement)) setTimeout(later, NOTICE_MS);
      else remove();
    };
    setTimeout(later, NOTICE_MS);
    return node;
  }

  /** The last decision's timing ({ms, outcome}) as data-last-decision on the notices area. */
  function measured(decision) {
    root();
    notices.dataset.lastDecision = JSON.stringify(decision);
  }

  return { ask, notice, measured, isOpen: () => Boolean(open) };
}
