/**
 * The one dispatcher for messages sent to the background (Chrome's service worker, Firefox's
 * background page). Every message is declared in shared/protocol.js; HANDLERS maps each kind the
 * background answers to one function. The sender is checked before anything runs: only this
 * extension's own pages and its content scripts are heard, and content scripts only for the kinds
 * whose declaration lists "content". There is no onMessageExternal listener anywhere.
 *
 * `engine` is the engine behind this background (see service-worker.js and page.js):
 *   call(request, {tab, lane}) -> Promise<envelope> (tab: who asked, lane: shared/protocol.js
 *   LANES; the engine host schedules by them, so one tab's drafts cannot hold up another's send), status({start}) -> Promise<status>, restart(opts) -> Promise<status>,
 *   and optionally idle() -> Promise<{closed}> (Chrome: close the offscreen document of an idle engine).
 * `sites` is background/custom-sites.js's customSites(api) ({sync()}), or null where there is none.
 */

import { ERROR, MESSAGES, TARGET, askerOf, errorReply, invalid, laneFor, okReply, pythonRequest, senderRole } from "../shared/protocol.js";
import { applyFixInPage } from "../page-world/page-fix.js";

/**
 * A quick fix in the sending tab's frame, in the page's world where the editors' objects live
 * (page-world/page-fix.js says why); `scripting` is chrome.scripting (Firefox: browser.scripting).
 */
async function applyFix(message, { sender }, scripting) {
  if (!scripting || !sender.tab) return errorReply(ERROR.unavailable, "scripting is not available");
  const [injection] = await scripting.executeScript({
    target: { tabId: sender.tab.id, frameIds: [sender.frameId || 0] },
    world: "MAIN",
    func: applyFixInPage,
    args: [message.fix],
  });
  return okReply(injection && injection.result ? injection.result : { applied: false, via: null, reason: "no result" });
}

/** Notices the send gate carries to the next page of its tab (gate:carry-notice). */
const CARRY_MS = 10000;
const CARRY_MAX = 5;
const CARRY_KINDS = new Set(["failed-open", "swallowed", "removed"]);
const carryKey = (sender) => `gateNotices:${sender.tab.id}`;

/** Keep one notice for the sender's tab in `session` (storage.session); text only, a few seconds. */
async function carryNotice(message, { sender }, session) {
  if (!session || !sender.tab) return errorReply(ERROR.unavailable, "storage.session is not available");
  const { kind, text } = message.notice;
  if (!CARRY_KINDS.has(kind) || typeof text !== "string" || !text || text.length > 1000) {
    return errorReply(ERROR.badMessage, "gate:carry-notice: a notice is {kind, text} of a known kind");
  }
  const key = carryKey(sender);
  const now = Date.now();
  const kept = ((await session.get(key))[key] || []).filter((n) => n.until > now);
  kept.push({ kind, text, until: now + CARRY_MS });
  const list = kept.slice(-CARRY_MAX);
  await session.set({ [key]: list });
  return okReply({ kept: list.length });
}

/** The notices kept for the sender's tab that are still fresh; they are removed. */
async function takeNotices(_message, { sender }, session) {
  if (!session || !sender.tab) return okReply([]);
  const key = carryKey(sender);
  const kept = (await session.get(key))[key] || [];
  await session.remove(key);
  const now = Date.now();
  return okReply(kept.filter((n) => n.until > now).map(({ kind, text }) => ({ kind, text })));
}

export function createRouter({
  engine,
  runtimeId,
  extensionOrigin,
  scripting = globalThis.chrome?.scripting,
  sites = null,
  session = globalThis.chrome?.storage?.session,
}) {
  const viaPython = (message, { sender, role }) =>
    engine.call(pythonRequest(message), { tab: askerOf(sender), lane: laneFor(message, role) });

  /** kind -> async (message, context) -> reply envelope. Extend here (and in protocol.js). */
  const HANDLERS = {
    "engine:check": viaPython,
    "engine:render-summary": viaPython,
    "engine:footer": viaPython,
    "engine:render-records": viaPython, // issue 16
    "engine:duties": viaPython,
    "engine:catalogue": viaPython,
    "engine:history-entry": viaPython, // the send gate (issue 5)
    "engine:version": viaPython,
    "engine:status": async () => okReply(await engine.status({ start: true })),
    // issue 15: boot now (a compose window appeared, the popup opened); the reply does not wait for it.
    "engine:prepare": async () => okReply({ state: (await engine.status({ start: true })).state }),
    // Chrome: the offscreen document's host went idle; close the document (offscreen-engine.js).
    "engine:idle": async () => okReply(engine.idle ? await engine.idle() : { closed: false }),
    "engine:restart": async (message) => okReply(await engine.restart({ dropSnapshot: Boolean(message.dropSnapshot) })),
    "editor:apply-fix": (message, context) => applyFix(message, context, scripting), // quick fixes (issue 4)
    "gate:carry-notice": (message, context) => carryNotice(message, context, session), // issue 13
    "gate:take-notices": (message, context) => takeNotices(message, context, session),
    "sites:sync": async () => (sites ? okReply(await sites.sync()) : errorReply(ERROR.unavailable, "own sites are not available")),
  };

  /** Check and answer one message; always resolves with an envelope. */
  async function dispatch(message, sender) {
    const problem = invalid(message);
    if (problem) return errorReply(ERROR.badMessage, problem);
    const spec = MESSAGES[message.kind];
    const role = senderRole(sender, runtimeId, extensionOrigin);
    if (!role || !spec.from.includes(role)) {
      return errorReply(ERROR.forbidden, `${message.kind} is not accepted from this sender`);
    }
    const handler = HANDLERS[message.kind];
    if (!handler) return errorReply(ERROR.badMessage, `${message.kind} is not handled by the background`);
    try {
      return await handler(message, { sender, role });
    } catch (err) {
      return errorReply(ERROR.unavailable, err && err.message ? err.message : err);
    }
  }

  /** runtime.onMessage listener: answers only messages addressed to the background. */
  function listener(message, sender, sendResponse) {
    if (!message || message.target !== TARGET.background) return false;
    dispatch(message, sender).then(sendResponse);
    return true; // the reply is sent asynchronously
  }

  return { dispatch, listener, HANDLERS };
}
