/**
 * Chrome/Edge: the engine lives in an offscreen document (reason WORKERS) that runs the engine
 * worker; the service worker only routes. The document is created on demand and kept: it outlives
 * the service worker, so an engine that has booted stays booted when the service worker is stopped.
 */

import { ERROR, TARGET, errorReply } from "../shared/protocol.js";

const DOCUMENT = "offscreen/offscreen.html";

let creating = null;

async function hasDocument() {
  const url = chrome.runtime.getURL(DOCUMENT);
  const contexts = await chrome.runtime.getContexts({ contextTypes: ["OFFSCREEN_DOCUMENT"], documentUrls: [url] });
  return contexts.length > 0;
}

/** Create the offscreen document unless it exists (concurrent callers share one creation). */
export async function ensureOffscreen() {
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

async function send(kind, fields) {
  try {
    await ensureOffscreen();
    const reply = await chrome.runtime.sendMessage({ target: TARGET.offscreen, kind, ...fields });
    return reply ?? errorReply(ERROR.unavailable, "the engine host did not answer");
  } catch (err) {
    return errorReply(ERROR.unavailable, `the engine host could not be reached: ${err && err.message ? err.message : err}`);
  }
}

async function unwrapStatus(reply) {
  if (reply && reply.ok) return reply.result;
  throw new Error(reply && reply.error ? reply.error.message : "no status");
}

export const offscreenEngine = {
  call: (request, { tab = "page", lane = "user" } = {}) => send("offscreen:call", { request, tab, lane }),
  status: async ({ start = false } = {}) => unwrapStatus(await send("offscreen:status", { start })),
  restart: async ({ dropSnapshot = false } = {}) => unwrapStatus(await send("offscreen:restart", { dropSnapshot })),
};
