/**
 * Chrome/Edge: the engine lives in an offscreen document (reason WORKERS) that runs the engine
 * worker; the service worker only routes. The document is created when something needs the engine
 * (a check, the popup's status, engine:prepare), never at browser start, and closed again when its
 * engine host has been idle for the settings' engineIdleMinutes (issue 15: the host unloads its
 * worker and sends engine:idle; closeIfIdle closes the document unless a call is on its way to it).
 * It outlives the service worker, so an engine that has booted stays booted while it is used.
 */

import { ERROR, TARGET, errorReply } from "../shared/protocol.js";
import { engineIdleTime } from "./lifecycle.js";

const DOCUMENT = "offscreen/offscreen.html";

let creating = null;
let closing = null;
/** How often a message finding no document is sent again (100 ms apart). */
const RETRIES = 10;
/** Messages sent (or about to be sent) to the document and not answered yet. */
let inflight = 0;

const idle = engineIdleTime(chrome);
/** Tell a running engine the idle time (not only with its next call). */
async function pushIdle(idleMs) {
  if (!closing && (await hasDocument())) send("offscreen:status", { start: false }, idleMs).catch(() => {});
}
idle.onChange(pushIdle);
idle.ms(); // read at once, so that the first message usually finds it known
/** The push of the idle time once read, for the messages that went without it (one for them all). */
let idleFollows = null;

async function hasDocument() {
  const url = chrome.runtime.getURL(DOCUMENT);
  const contexts = await chrome.runtime.getContexts({ contextTypes: ["OFFSCREEN_DOCUMENT"], documentUrls: [url] });
  return contexts.length > 0;
}

/** Create the offscreen document unless it exists (concurrent callers share one creation). */
export async function ensureOffscreen() {
  while (closing) await closing; // a document being closed is made again afterwards
  if (await hasDocument()) return;
  if (!creating) {
    creating = chrome.offscreen
      .createDocument({
        url: DOCUMENT,
        reasons: [chrome.offscreen.Reason.WORKERS],
        justification: "Runs Mailwacht's compliance engine (Python in WebAssembly) in a Web Worker.",
      })
      .catch((err) => {
        // Another caller won the race: that is fine.
        if (!String(err && err.message).includes("single offscreen")) throw err;
      })
      .finally(() => {
        creating = null;
      });
  }
  await creating;
}

/**
 * The engine host went idle and unloaded its worker: close the document too, unless a message is
 * on its way to it (then it stays, and its host boots again for that call). Resolves {closed}.
 */
async function closeIfIdle() {
  if (inflight || closing || creating) return { closed: false };
  closing = (async () => {
    if (!(await hasDocument()) || inflight) return false;
    await chrome.offscreen.closeDocument();
    return true;
  })()
    .catch(() => false)
    .finally(() => {
      closing = null;
    });
  return { closed: await closing };
}

async function send(kind, fields, idleMs = null) {
  inflight += 1;
  try {
    // The idle time goes with the message when it is known. A message does not wait for the read:
    // after a browser start, storage.managed answers only ~3 s after the service worker started
    // (traced in bench runs), and a first check that waited for it took 2.3-2.5 s. Without it the
    // host keeps its own idle time until the read is done; then it is sent after the reply (pushIdle).
    const known = idleMs ?? idle.known();
    const lifecycle = known === null ? {} : { lifecycle: { idleMs: known } };
    // A document that was just closed can still be counted by Chrome for a moment (createDocument
    // then says there is one, and nobody answers): ask again briefly before giving up.
    for (let attempt = 0; ; attempt += 1) {
      await ensureOffscreen();
      try {
        const reply = await chrome.runtime.sendMessage({ target: TARGET.offscreen, kind, ...fields, ...lifecycle });
        if (known === null) idleFollows ??= idle.ms().then(pushIdle);
        return reply ?? errorReply(ERROR.unavailable, "the engine host did not answer");
      } catch (err) {
        if (attempt >= RETRIES || !/Receiving end does not exist/.test(String(err && err.message))) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } catch (err) {
    return errorReply(ERROR.unavailable, `the engine host could not be reached: ${err && err.message ? err.message : err}`);
  } finally {
    inflight -= 1;
  }
}

async function unwrapStatus(reply) {
  if (reply && reply.ok) return reply.result;
  throw new Error(reply && reply.error ? reply.error.message : "no status");
}

export const offscreenEngine = {
  call: (request, { tab = "page", lane = "user" } = {}) => send("offscreen:call", { request, tab, lane }),
  async status({ start = false } = {}) {
    // Asked without starting and there is no document: the engine is unloaded; do not make one.
    if (!start && (closing || !(await hasDocument()))) return { state: "idle", boot: null, error: null, unloaded: true };
    return unwrapStatus(await send("offscreen:status", { start }));
  },
  restart: async ({ dropSnapshot = false } = {}) => unwrapStatus(await send("offscreen:restart", { dropSnapshot })),
  idle: closeIfIdle,
};
