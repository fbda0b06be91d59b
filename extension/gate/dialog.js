/**
 * The send gate, part 2: what the user sees when a send is held (issue 5). Knows nothing of
 * `chrome.*` or of the engine: it gets `t(key, subs)` for its strings and `describe(ruleId)` for
 * rule titles.
 *
 *   const ui = MW.createGateUI({document, t, describe});
 *   const choice = await ui.ask(findings);   // "back" | "send"
 *   ui.notice(kind, text);                   // kind: "failed-open" | "swallowed" | "checking"
 *   ui.measured({ms, outcome});              // press-to-decision time, read by bench/presend.mjs
 *
 * Everything is drawn in <mailwacht-root>'s open shadow root (house style 6: never in the
 * page's DOM, never in the draft). The host is the overlay's (content/overlay.js) when it exists;
 * otherwise one is made here with the same name, so there is one <mailwacht-root> per page.
 *
 * The dialog is a modal `role="dialog"` with `aria-modal="true"`, labelled by its title and
 * described by its summary; focus starts on "Back to the draft" (the safe default), Tab cycles
 * within the dialog, Escape means "Back to the draft", and focus goes back where it was.
 * Notices are `role="alert"` (failed open: the user must hear that no check ran) or
 * `role="status"` (polite), each with a close button; they leave by themselves after a while.
 */
(() => {
  "use strict";
  const MW = (globalThis.Mailwacht ??= {});
  if (MW.createGateUI) return;

  const RANK = { error: 0, warning: 1, info: 2 };
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
.gate-actions { display: flex; gap: 10px; justify-content: flex-end; margin-top: 14px; flex-wrap: wrap; }
.gate-actions button, .gate-notice button { font: 600 14px/1.2 system-ui, sans-serif; padding: 8px 14px; border-radius: 6px; cursor: pointer; }
.gate-actions .back { background: #1a73e8; color: #ffffff; border: 1px solid #1a73e8; }
.gate-actions .send { background: #ffffff; color: #c5221f; border: 1px solid #c5221f; }
.gate-actions button:focus-visible, .gate-notice button:focus-visible { outline: 3px solid #174ea6; outline-offset: 2px; }
.gate-notices { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; display: flex; flex-direction: column; gap: 8px;
  font: 14px/1.4 system-ui, sans-serif; max-width: min(420px, calc(100vw - 32px)); }
.gate-notice { display: flex; gap: 10px; align-items: flex-start; background: #202124; color: #ffffff; padding: 10px 12px; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.35); border-left: 4px solid #8ab4f8; }
.gate-notice[data-kind="failed-open"] { border-left-color: #f28b82; }
.gate-notice span { flex: 1; }
.gate-notice button { font-size: 12px; padding: 3px 8px; background: transparent; color: #ffffff; border: 1px solid #9aa0a6; }
@media (forced-colors: active) { .gate-dialog, .gate-notice, .gate-dialog li { border: 1px solid CanvasText; forced-color-adjust: none; } }
`;

  function createGateUI({ document: top, t, describe = () => null }) {
    let shadow = null;
    let notices = null;

    /** The shadow root of <mailwacht-root> with the gate's stylesheet in it. */
    function root() {
      let host = top.querySelector("mailwacht-root");
      if (!host) {
        host = top.createElement("mailwacht-root");
        host.attachShadow({ mode: "open" });
      }
      if (!host.isConnected) top.documentElement.appendChild(host);
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

    /**
     * Show the findings that hold the send; resolves with "back" or "send". Only one dialog at a
     * time: asking again while one is open answers the first with "back".
     */
    function ask(findings) {
      if (open) open.finish("back");
      const sr = root();
      const shown = [...findings].sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
      const errors = shown.filter((f) => f.severity === "error").length;
      const warnings = shown.filter((f) => f.severity === "warning").length;
      const title = el("h2", { id: "mailwacht-gate-title", text: t(errors ? "gateTitleErrors" : "gateTitleWarnings") });
      const summary = el("p", { id: "mailwacht-gate-summary", text: t("gateSummary", [String(errors), String(warnings)]) });
      const list = el(
        "ul",
        {},
        shown.map((f) => {
          const info = describe(f.rule);
          return el("li", { "data-rule": f.rule, "data-severity": f.severity }, [
            el("span", { class: "sev", text: t(`gateSeverity_${f.severity}`) }),
            el("span", { class: "title", text: (info && info.title) || f.rule }),
            el("span", { class: "message", text: f.message || "" }),
            ...(f.fix ? [el("span", { class: "fix", text: f.fix })] : []),
          ]);
        }),
      );
      const back = el("button", { type: "button", class: "back", "data-action": "back", text: t("gateBack") });
      const send = el("button", { type: "button", class: "send", "data-action": "send", text: t("gateSendAnyway") });
      const dialog = el(
        "div",
        { class: "gate-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": title.id, "aria-describedby": summary.id, "data-mailwacht": "gate" },
        [title, summary, list, el("div", { class: "gate-actions" }, [back, send])],
      );
      const backdrop = el("div", { class: "gate-backdrop" }, [dialog]);
      const before = top.activeElement;
      sr.append(backdrop);
      back.focus();

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
        const buttons = [back, send];
        const onKey = (event) => {
          if (event.key === "Escape") {
            event.preventDefault();
            finish("back");
          } else if (event.key === "Tab") {
            // Focus stays inside the modal dialog.
            event.preventDefault();
            const at = buttons.indexOf(sr.activeElement);
            const next = (at + (event.shiftKey ? buttons.length - 1 : 1)) % buttons.length;
            buttons[at < 0 ? 0 : next].focus();
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
        send.addEventListener("click", () => finish("send"));
        backdrop.addEventListener("mousedown", (event) => {
          if (event.target === backdrop) {
            event.preventDefault();
            back.focus();
          }
        });
        open = { finish };
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

  MW.createGateUI = createGateUI;
})();
