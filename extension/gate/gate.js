/**
 * The send gate, part 3: catch every send, check the draft, decide (issue 5). Knows nothing of
 * `chrome.*`: main.js injects the engine client, the send history and the strings.
 * One file of ~500 lines (a third of it this header and comments) on purpose: the capture
 * listeners, the hold (check, dialog, replay, settling) and the send's record all read and change
 * one press's state (`held`, `bypass`) in one closure, and every path a send can take is read here
 * in one place; the dialog (dialog.js), the sites (sites.js) and the wiring (main.js) are apart.
 *
 *   const gate = createGate({document, engine, history, ui, t, options, alwaysShow, fixes});
 *   gate.start();
 *
 * engine.check(draft, options) -> report; engine.historyEntry(draft, report?) -> {fingerprint, recipients}
 * (from the report of that draft when it carries them, else asked);
 * history.list() -> [{fingerprint, recipients, sent_at}]; history.add(entry).
 * alwaysShow() -> boolean: the options page's "show the summary every time" (settings gate.alwaysShow).
 * fixes() -> the marks' quick fixes (marks/main.js startMarks().fixes) or null, looked up at each
 * send (the marks start after the gate, at document idle): fixes().forSend(button) -> {offer(finding) ->
 * {kind, label}|null, apply(finding, platform) -> Promise<{applied, reason, notes, needs?}>,
 * saveProfile(fields) -> Promise<settings>} | null (`needs`: the profile fields the footer lacks,
 * asked in the dialog by the quick-fix module's form and stored with saveProfile; issue 11).
 *
 * How a send is held: a click listener on the window in the capture phase (registered at
 * document_start, so before the page's own listeners on the button, its form or the document)
 * recognises the send button (gate/sites.js), cancels the event (preventDefault +
 * stopImmediatePropagation: the page never sees it), reads the draft and asks the engine. Then:
 *   - no error or warning: the send is replayed untouched, once (`button.click()` with a one-shot
 *     bypass, so this listener lets exactly that event through). Only what the engine is sure of
 *     counts (issue 10, `holds` below): a finding of kind "review" and advice never hold a send;
 *     personal mail (report.mail_kind "personal": the engine runs only the rules for any mail on
 *     it) therefore goes out on the first press unless one of those rules holds it;
 *   - errors or warnings: the dialog; "Send anyway" replays once, "Back to the draft" ends it;
 *     the questions to review are listed below what holds it; for a draft taken for a mailing,
 *     "This is not a mailing" stores that choice for the draft (the cards' store, gate/main.js)
 *     and checks it again as personal mail (a stored choice is sent as options.mail_kind);
 *     a quick fix in the dialog (the cards' own, marks/quickfix.js, applied only on its button)
 *     changes the draft through the editor, then the draft is read and checked again and the
 *     dialog shows what is left: with nothing left its button is a plain "Send" (still a click);
 *   - no error or warning but "show the summary every time" is on: the dialog with the summary
 *     and "Send";
 *   - the engine fails, is not ready, or takes longer than CHECK_TIMEOUT_MS: fail open, loudly:
 *     an alert says the mail goes out UNCHECKED, the send is replayed, and the send history gets
 *     an entry marked `unchecked` (with the reason). A send is never dropped. (Issue 13: the engine
 *     host runs the gate's check before every typing-time check of every tab, engine/host.js, so
 *     another tab's slow draft cannot make this happen.)
 * A schedule button (gate/sites.js actionOf, when the site adapter tells) reads "Schedule anyway".
 * A second press while a send is held (or just replayed, SETTLE_MS) is swallowed and says so; a
 * hold whose dialog is gone (the page removed <mailwacht-root>, dialog.js answers "back") or whose
 * check outlived its limit is no hold: the press is held and decided again (issue 13).
 * Issue 16: `records` (main.js; optional) {ask(draft, report) -> {items, required, …},
 * reasonRequired(), confirm(duties, ids), add(send)}: on a mailing whose dialog is shown, or when
 * policy requires confirmations, the duties not yet confirmed are asked in the dialog (a required
 * one holds the send until ticked); every mailing that goes out leaves a record (records.add: the
 * findings of the first check and of the send, "Send anyway" and its reason; never content).
 * After a replay the send's hashes and time are stored (history.add), never its content, so the
 * same mailing to the same recipients within 24 hours raises `duplicate-send`.
 *
 * Ctrl/Cmd+Enter: a keydown listener in the capture phase on the top window and on every
 * same-origin iframe window (TinyMCE's editor is an about:blank iframe whose key events never
 * reach the top window) holds the shortcut the same way; the replay re-dispatches the keydown.
 */
import { actionOf as actionOfButton, generic, siteFor } from "./sites.js";

// Issue 5: "the gate never waits longer than a few seconds". A warm check of a 100 KB draft
// takes well under 300 ms (bench/RESULTS.md, presend); 4 s leaves room for a busy machine.
const CHECK_TIMEOUT_MS = 4000;
// After a replay the page is sending: further presses in this window are swallowed (Carerix:
// pressing send twice sends the mailing twice). Roundcube's request starts within this time.
const SETTLE_MS = 2500;
// Checks slower than this show "checking before sending…" (a warm 100 KB check takes ~80 ms
// from the press, bench/RESULTS.md presend; a booting engine takes seconds).
const CHECKING_NOTE_MS = 400;
// Same-origin iframes (iframe editors) get the shortcut listener; new ones are looked for this often.
const FRAME_SCAN_MS = 1000;

// A send usually leaves the page (Roundcube goes back to the mailbox): a notice shown just before
// would vanish unread, so it is also handed to `carry` (main.js: the background keeps it for this
// tab in the extension's storage.session, text only, no draft content; never the page's own
// sessionStorage, which the page can write) and shown again on the next page within 10 s.

class CheckTimeout extends Error {}

function withTimeout(promise, ms) {
  let timer = 0;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/**
 * Findings that hold a send: errors and warnings the engine is sure of (kind "violation") that
 * the user has not dismissed. Issue 10, "the gate holds only what is wrong": a finding of kind
 * "review" (a person must judge: "the From name cannot be seen here") and advice (severity
 * "info") never hold a send on their own; the dialog lists them when something else holds the
 * send, or when "show the summary every time" is on (dialog.js).
 */
const holds = (f) => !f.dismissed && f.kind !== "review" && (f.severity === "error" || f.severity === "warning");
const holding = (report) => ((report && report.findings) || []).filter(holds);

export function createGate({
  document: top,
  engine,
  history,
  ui,
  t,
  options = () => ({}),
  alwaysShow = () => false,
  fixes = () => null,
  mailKind = () => null,
  now = () => new Date(),
  timeoutMs = CHECK_TIMEOUT_MS,
  settleMs = SETTLE_MS,
  carry = null, // {put({kind, text}) -> Promise, take() -> Promise<[{kind, text}]>}: see tell()
  records = null, // issue 16, see the header
}) {
  const win = top.defaultView;
  let held = null; // {button, since}: a send is being checked, shown or replayed
  let bypass = null; // the one event target the next replay may pass
  let frameTimer = 0;
  const framed = new WeakSet();
  const decisions = []; // [{ms, outcome}]: press to decision, for bench/presend.mjs (see note())

  function site() {
    return siteFor(top);
  }

  /** "send" or "schedule": what `button` does, when gate/sites.js can tell (else "send"). */
  function actionOf(button) {
    try {
      return actionOfButton(button) === "schedule" ? "schedule" : "send";
    } catch {
      return "send";
    }
  }

  /**
   * The user's own "mailing or not" for the draft `button` sends ({load() -> Promise<kind|null>,
   * save(kind) -> Promise}, kind "mailing" | "personal"), or null when the draft cannot be told
   * apart (no editor found) or nothing can store it.
   */
  function kindFor(button) {
    try {
      const all = mailKind();
      return all && typeof all.forSend === "function" ? all.forSend(button) : null;
    } catch (err) {
      console.warn("[mailwacht] mail kind unavailable:", err);
      return null;
    }
  }

  /** The quick fixes for the editor `button` sends, as the dialog uses them, or null. */
  function fixerFor(button) {
    let api = null;
    try {
      const all = fixes();
      api = all && typeof all.forSend === "function" ? all.forSend(button) : null;
    } catch (err) {
      console.warn("[mailwacht] quick fixes unavailable:", err);
    }
    return api;
  }

  function swallow(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  let active = false; // stop() leaves listeners on iframe documents; they do nothing then

  function onClick(event) {
    if (!active) return;
    if (bypass && event.target && event.target.nodeType && bypass.contains(event.target)) {
      bypass = null; // the replay: let it reach the page, once
      return;
    }
    const s = site();
    const button = s.sendButton(event.target);
    if (!button) return;
    swallow(event);
    if (held && !stale()) {
      tell("swallowed", t("gateSwallowed"));
      return;
    }
    hold(s, button, () => replayClick(button), event.timeStamp);
  }

  function onKeydown(event) {
    if (!active) return;
    if (bypass && bypass === event.target) {
      bypass = null;
      return;
    }
    const s = site();
    if (!s.shortcut(event)) return;
    const button = (s.buttonNear || generic.buttonNear)(event.target, top);
    if (!button) return;
    swallow(event);
    if (held && !stale()) {
      tell("swallowed", t("gateSwallowed"));
      return;
    }
    const init = { key: event.key, code: event.code, keyCode: event.keyCode, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, altKey: event.altKey };
    const target = event.target;
    const view = target.ownerDocument.defaultView;
    // An iframe's events carry that iframe document's clock: measure from now instead.
    const pressedAt = event.target.ownerDocument === top ? event.timeStamp : performance.now();
    hold(s, button, () => {
      bypass = target;
      try {
        target.dispatchEvent(new view.KeyboardEvent("keydown", { ...init, bubbles: true, cancelable: true, composed: true }));
      } finally {
        bypass = null;
      }
    }, pressedAt);
  }

  /**
   * A hold that can no longer end by itself: its dialog is gone (dialog.js answered "back" when
   * the page removed it; this is the safety net), or its check outlived the limit by far.
   */
  function stale() {
    if (!held) return false;
    const age = performance.now() - held.since;
    if (held.phase === "dialog" && !ui.isOpen()) return true;
    if (held.phase === "checking" && age > timeoutMs * 2 + 2000) return true;
    if (held.phase === "settling" && age > settleMs + timeoutMs * 2 + 2000) return true;
    return false;
  }

  /** Show a notice now, and on the next page of this tab if it is left soon (`carry`). */
  function tell(kind, text) {
    ui.notice(kind, text);
    if (!carry) return;
    Promise.resolve()
      .then(() => carry.put({ kind, text }))
      .catch(() => {}); // an unreachable background only costs the carried notice
  }

  /** Notices carried over from the previous page of this tab. */
  async function showCarried() {
    if (!carry) return;
    try {
      const carried = await carry.take();
      for (const n of carried || []) if (n && typeof n.text === "string") ui.notice(n.kind === "failed-open" ? "failed-open" : "carried", n.text);
    } catch {
      // ignore
    }
  }

  function replayClick(button) {
    bypass = button;
    try {
      button.click();
    } finally {
      bypass = null;
    }
  }

  /** Why a check did not answer, in words for the user. */
  function reasonOf(err) {
    if (err instanceof CheckTimeout) return t("gateReasonTimeout", [String(Math.round(timeoutMs / 1000))]);
    return (err && err.message) || String(err);
  }

  /**
   * Check and decide one held send. `pressedAt`: the press event's timeStamp (the document's
   * clock, as performance.now()), so the measured time runs from the user's press.
   */
  async function hold(s, button, replay, pressedAt = performance.now()) {
    const started = Math.min(pressedAt, performance.now());
    held = { button, since: started, phase: "checking" };
    const mine = held;
    let draft = null;
    let report = null;
    let opts = null;
    let failure = null;
    // A check that is not back at once (an engine still booting) gets a polite "checking" note.
    let checking = null;
    const slow = setTimeout(() => {
      checking = ui.notice("checking", t("gateChecking"));
    }, CHECKING_NOTE_MS);
    const kind = kindFor(button);
    try {
      draft = s.draft(button, top);
      opts = { ...options(), history: await history.list() };
      if (s.platform && s.platform !== "auto") opts.platform = s.platform;
      // The user's own choice for this draft ("This is not a mailing", here or on the card)
      // decides over the engine's reading of the draft.
      const chosen = kind ? await kind.load().catch(() => null) : null;
      if (chosen === "mailing" || chosen === "personal") opts.mail_kind = chosen;
      report = await withTimeout(engine.check(draft, opts), timeoutMs);
    } catch (err) {
      failure = reasonOf(err);
    }
    clearTimeout(slow);
    if (checking) checking.remove();
    if (held !== mine) return; // reset meanwhile (stale()): the new press decides
    if (failure !== null) {
      note(started, "failed-open");
      tell("failed-open", t("gateFailedOpen", [failure]));
      go(replay, draft, failure);
      return;
    }
    const first = report;
    let stopping = holding(report);
    // Issue 16: the duties to confirm, asked when the dialog shows or policy requires them.
    let duties = null;
    if (records && report && report.mail_kind === "mailing" && (records.required() || stopping.length || alwaysShow())) {
      try {
        duties = await withTimeout(records.ask(draft, report), timeoutMs);
      } catch (err) {
        console.warn("[mailwacht] duties not read:", err);
      }
      if (held !== mine) return;
      stopping = holding(report);
    }
    const mustConfirm = Boolean(duties && duties.required && duties.items.length);
    if (!stopping.length && !alwaysShow() && !mustConfirm) {
      note(started, "sent");
      go(replay, draft, null, { first, last: report, anyway: false, reason: "" });
      return;
    }
    const override = records ? { required: records.reasonRequired(), reason: "" } : null;
    note(started, stopping.length ? "dialog" : "summary");
    held.phase = "dialog";
    const fixer = fixerFor(button);
    // A fix applied in this dialog is not offered again for the same place: a webmail footer
    // leaves a marker link to replace, and a second "Insert footer" would add a second footer.
    const done = new Set();
    // The footer is one fix of the whole draft, whichever footer finding offered it (issue 11: one
    // "Insert footer" per dialog): once applied, it is not offered again for any of them.
    const fixKey = (kind, finding) => (kind === "footer" ? kind : `${kind}|${(finding.location && finding.location.selector) || ""}`);
    const choice = await ui.ask(stopping, {
      action: actionOf(button),
      report,
      duties: duties && duties.items.length ? duties : null,
      override,
      // "This is not a mailing": offered only for a draft the engine took for a mailing (a
      // personal mail held for another reason gets nothing new). Remembered for this draft
      // (marks/main.js mailKind, the cards' one store), then the draft is checked again
      // as personal mail and the dialog shows what is left.
      notMailing:
        report && report.mail_kind === "mailing"
          ? async () => {
              let remembered = false;
              if (kind) {
                try {
                  await kind.save("personal");
                  remembered = true;
                } catch (err) {
                  console.warn("[mailwacht] mail kind not stored:", err);
                }
              }
              opts = { ...opts, mail_kind: "personal" };
              try {
                draft = s.draft(button, top);
                report = await withTimeout(engine.check(draft, opts), timeoutMs);
              } catch (err) {
                return { error: reasonOf(err), remembered };
              }
              return { report, findings: holding(report), remembered };
            }
          : null,
      // The fixes are looked up again at each use (fixerFor: the content script's session for the
      // button's editor as it is NOW): an editor can be replaced while the dialog is open (TinyMCE
      // hides the contenteditable it was made from and edits in its iframe's body; the marks'
      // watcher then follows the new editor), and a fix kept from the press would be applied to
      // the hidden one, where nothing can change ("The quick fix could not be applied").
      fixes: fixer && {
        offer(finding) {
          const offer = (fixerFor(button) || fixer).offer(finding);
          return offer && !done.has(fixKey(offer.kind, finding)) ? offer : null;
        },
        /** Apply one fix, then read and check the draft again: {result, findings, report} or {result, error}. */
        async apply(finding) {
          const current = fixerFor(button) || fixer;
          const offer = current.offer(finding);
          const result = await current.apply(finding, report.platform);
          if (!result || !result.applied) return { result: result || { applied: false } };
          if (offer) done.add(fixKey(offer.kind, finding));
          try {
            draft = s.draft(button, top);
            report = await withTimeout(engine.check(draft, opts), timeoutMs);
          } catch (err) {
            return { result, error: reasonOf(err) };
          }
          return { result, report, findings: holding(report) };
        },
        /**
         * Issue 11: store profile fields the footer needs (the quick-fix module's inline form,
         * marks/quickfix.js), so the fix can insert a footer without placeholders; the checks of
         * this dialog from now on use the profile as stored. Resolves with the settings in force.
         */
        async saveProfile(fields) {
          const current = fixerFor(button) || fixer;
          const settings = await current.saveProfile(fields);
          if (settings && settings.org) opts = { ...opts, org: { ...settings.org } };
          return settings;
        },
      },
    });
    if (held !== mine) return;
    if (choice === "send") {
      const anyway = holding(report).length > 0;
      go(replay, draft, null, { first, last: report, anyway, reason: anyway && override ? override.reason : "", duties });
    } else held = null;
    // "removed": the page took the dialog away (or re-rendered); nothing was sent: say so.
    if (choice === "removed") tell("removed", t("gateDialogRemoved"));
  }

  function note(started, outcome) {
    decisions.push({ ms: performance.now() - started, outcome });
    if (decisions.length > 100) decisions.shift();
    // For bench/presend.mjs, which cannot reach this isolated world: kept in our shadow root,
    // never in the page's own DOM.
    ui.measured(decisions[decisions.length - 1]);
  }

  /**
   * Let the send go (once), remember it, and keep swallowing presses for a moment. `unchecked`:
   * why the gate could not decide (it failed open); the history entry says so.
   */
  function go(replay, draft, unchecked = null, sent = null) {
    const at = now();
    const mine = held;
    if (mine) mine.phase = "settling";
    try {
      replay();
    } finally {
      setTimeout(() => {
        if (held === mine) held = null;
      }, settleMs);
    }
    if (draft || unchecked) remember(draft, at, unchecked, sent);
  }

  async function remember(draft, at, unchecked = null, sent = null) {
    const sentAt = at.toISOString().replace(/\.\d+Z$/, "Z");
    if (unchecked) {
      // Recorded at once, without the engine: it is down or busy (that is why the send went out
      // unchecked), and the send may be leaving this page right now. Without hashes, the entry
      // never counts toward duplicate-send; it says when and why a send went out unchecked.
      try {
        await history.add({ sent_at: sentAt, unchecked: true, reason: String(unchecked).slice(0, 300) });
      } catch (err) {
        console.warn("[mailwacht] unchecked send not recorded:", err);
      }
      return;
    }
    try {
      const entry = await withTimeout(engine.historyEntry(draft, sent && sent.last), timeoutMs);
      await history.add({ fingerprint: entry.fingerprint, recipients: entry.recipients, sent_at: sentAt });
      // Issue 16: a record of the mailing (the duties ticked in the dialog stored first).
      if (records && sent && sent.last && sent.last.mail_kind === "mailing") {
        if (sent.duties && sent.duties.confirmed && sent.duties.confirmed.length) await records.confirm(sent.duties, sent.duties.confirmed);
        await records.add({ ...sent, draft, entry, sentAt, holds });
      }
    } catch (err) {
      // The engine is down: this send cannot be recognised later.
      console.warn("[mailwacht] send not recorded:", err);
    }
  }

  /** Give every same-origin iframe window (iframe editors) the shortcut listener. */
  function scanFrames() {
    for (const frame of top.querySelectorAll("iframe")) {
      let doc = null;
      try {
        doc = frame.contentDocument;
      } catch {
        doc = null; // cross-origin
      }
      // Keyed on the document, not the window: an iframe's WindowProxy stays the same when its
      // document is replaced (about:blank, then the editor's own document).
      if (!doc || framed.has(doc)) continue;
      framed.add(doc);
      doc.addEventListener("keydown", onKeydown, true);
    }
  }

  return {
    start() {
      if (active) return;
      active = true;
      win.addEventListener("click", onClick, true);
      win.addEventListener("keydown", onKeydown, true);
      frameTimer = setInterval(scanFrames, FRAME_SCAN_MS);
      // At document_start there is no <html> to draw in yet.
      if (top.readyState === "loading") top.addEventListener("DOMContentLoaded", showCarried, { once: true });
      else showCarried();
    },
    stop() {
      active = false;
      win.removeEventListener("click", onClick, true);
      win.removeEventListener("keydown", onKeydown, true);
      clearInterval(frameTimer);
    },
    decisions: () => decisions.slice(),
  };
}
