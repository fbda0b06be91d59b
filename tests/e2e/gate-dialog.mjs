/**
 * The send gate's dialog (extension/gate/dialog.js) as the end-to-end tests read it: one reader for
 * every test that presses a Send (Chromium through Playwright, Firefox through Puppeteer: only
 * `page.evaluate` is used, which both share), instead of a copy in each test file.
 *
 * The dialog is `.gate-dialog` (role="dialog", aria-modal) in <mailwacht-root>'s open shadow root:
 * its own list (`:scope > ul`) holds what holds the send; questions to review (issue 10: they
 * never hold a send) are listed apart in `.reviews`; the checks that passed in `.passes` (items
 * with data-passed, not data-rule); the duties to confirm in `.duties` (issue 16).
 */

import { until } from "../until.mjs";

/**
 * What the gate's dialog in `page` shows now, or null while none is open:
 *   rules, severities     the rule ids and severities of the dialog's own list (what holds the send)
 *   findings              that list as {rule, severity, text}
 *   reviews               the rule ids listed to review; reviewFindings: as {rule, severity, text}
 *   listed, listedItems   every item with a rule id outside the passed checks (the list, then the
 *                         reviews): ids, and {rule, severity, text}
 *   fixes                 {rule: fix kind} of the quick-fix buttons in the items; footerFixes: how
 *                         many "Insert footer" buttons; form: the names of the inline profile form's fields
 *   passed                how many passed checks are listed
 *   duties, dutiesShown, reasonShown   the duty boxes {id, scope, checked}, whether the duties and the
 *                         override reason are shown
 *   role, modal, title, summary, status, send, sendDisabled, state, busy, notMailing, focused
 *                         the dialog's role and aria-modal, its title (aria-labelledby), summary,
 *                         status line, Send button's wording and whether it is disabled,
 *                         data-state, aria-busy, whether "This is not a mailing" is offered, and
 *                         the data-action of the focused control (null when none)
 *   hosts                 how many <mailwacht-root> the page has
 */
export function readGateDialog(page) {
  return page.evaluate(() => {
    const root = document.querySelector("mailwacht-root")?.shadowRoot;
    const dialog = root?.querySelector(".gate-dialog");
    if (!dialog) return null;
    const item = (li) => ({ rule: li.dataset.rule, severity: li.dataset.severity, text: li.textContent });
    const own = [...dialog.querySelectorAll(":scope > ul > li[data-rule]")];
    const reviews = [...dialog.querySelectorAll(".reviews li[data-rule]")];
    const listed = [...dialog.querySelectorAll("li[data-rule]")].filter((li) => !li.closest(".passes"));
    const send = dialog.querySelector("[data-action=send]");
    const notMailing = dialog.querySelector("[data-action=not-mailing]");
    return {
      rules: own.map((li) => li.dataset.rule),
      severities: own.map((li) => li.dataset.severity),
      findings: own.map(item),
      reviews: reviews.map((li) => li.dataset.rule),
      reviewFindings: reviews.map(item),
      listed: listed.map((li) => li.dataset.rule),
      listedItems: listed.map(item),
      fixes: Object.fromEntries([...dialog.querySelectorAll("li[data-rule] button[data-action=fix]")].map((b) => [b.closest("li").dataset.rule, b.dataset.fix])),
      footerFixes: dialog.querySelectorAll("button[data-fix=footer]").length,
      form: [...dialog.querySelectorAll("form[data-mailwacht=profile-form] input[name]")].map((i) => i.name),
      passed: dialog.querySelectorAll(".passes li[data-passed]").length,
      duties: [...dialog.querySelectorAll(".duties input[data-duty]")].map((b) => ({ id: b.dataset.duty, scope: b.dataset.scope, checked: b.checked })),
      dutiesShown: !dialog.querySelector(".duties")?.hidden,
      reasonShown: !dialog.querySelector(".override")?.hidden,
      role: dialog.getAttribute("role"),
      modal: dialog.getAttribute("aria-modal"),
      title: root.getElementById(dialog.getAttribute("aria-labelledby"))?.textContent,
      summary: dialog.querySelector("#mailwacht-gate-summary")?.textContent,
      status: dialog.querySelector(".gate-status")?.textContent,
      send: send?.textContent ?? "",
      sendDisabled: send?.disabled,
      state: dialog.dataset.state,
      busy: dialog.getAttribute("aria-busy") === "true",
      notMailing: Boolean(notMailing && !notMailing.hidden),
      focused: root.activeElement?.dataset.action ?? null,
      hosts: document.querySelectorAll("mailwacht-root").length,
    };
  });
}

/** The dialog in `page` once one is open (readGateDialog), or fail with `what` after timeoutMs. */
export const waitForGateDialog = (page, what = "the gate's dialog", timeoutMs = 20000) => until(() => readGateDialog(page), what, timeoutMs);

/** Click a control of the dialog in `page` (a real pointer click through the shadow root; Playwright). */
export const clickInGateDialog = (page, selector) => page.locator(`mailwacht-root .gate-dialog ${selector}`).first().click();
