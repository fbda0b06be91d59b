/**
 * Chrome/Edge offscreen document: owns the engine host and answers the service worker's
 * offscreen:* messages (shared/protocol.js). Only this extension's own contexts are heard (the
 * service worker and our pages, never a content script or another extension).
 */

import { EngineHost } from "../engine/host.js";
import { ERROR, MESSAGES, TARGET, errorReply, invalid, okReply, senderRole } from "../shared/protocol.js";

// Offscreen documents get only part of chrome.runtime (no getManifest): read the version from the file.
const hostReady = fetch(chrome.runtime.getURL("manifest.json"))
  .then((response) => response.json())
  .then(
    (manifest) =>
      new EngineHost({ workerURL: new URL("../engine/worker.js", import.meta.url), extensionVersion: manifest.version }),
  );

const ORIGIN = new URL(chrome.runtime.getURL("/")).origin + "/";

/** The service worker passes the settings' idle time with each message (background/lifecycle.js). */
function applyLifecycle(host, message) {
  if (message.lifecycle && typeof message.lifecycle === "object") host.setIdleMs(message.lifecycle.idleMs);
  return host;
}

const HANDLERS = {
  "offscreen:call": async (message) =>
    applyLifecycle(await hostReady, message).call(message.request, { tab: message.tab || "page", lane: message.lane || "user" }),
  "offscreen:status": async (message) => {
    const host = applyLifecycle(await hostReady, message);
    if (message.start) {
      host.touch(); // the popup opened, or a compose window appeared: that is use
      host.start().catch(() => {}); // failures show in the status
    }
    return okReply(host.status());
  },
  "offscreen:restart": async (message) => {
    const host = await hostReady;
    await host.restart({ dropSnapshot: Boolean(message.dropSnapshot) }).catch(() => {});
    return okReply(host.status());
  },
};

async function dispatch(message, sender) {
  const problem = invalid(message);
  if (problem) return errorReply(ERROR.badMessage, problem);
  if (senderRole(sender, chrome.runtime.id, ORIGIN) !== "page" || !MESSAGES[message.kind].from.includes("page")) {
    return errorReply(ERROR.forbidden, `${message.kind} is not accepted from this sender`);
  }
  const handler = HANDLERS[message.kind];
  if (!handler) return errorReply(ERROR.badMessage, `${message.kind} is not handled by the offscreen document`);
  return handler(message);
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!message || message.target !== TARGET.offscreen) return false;
  dispatch(message, sender).then(sendResponse);
  return true;
});

// This document exists only while the engine is wanted (background/offscreen-engine.js creates it
// for a call and closes it when the host unloads after the idle time, issue 15): boot at once.
hostReady.then((host) => {
  // For diagnostics and the end-to-end tests (which reach the document through DevTools).
  globalThis.mailwacht = { host };
  // Idle: the worker is gone; ask the service worker to close this document, which gives back the
  // rest (the document's own memory). It refuses while a call is on its way here.
  host.onUnload = () => {
    chrome.runtime.sendMessage({ target: TARGET.background, kind: "engine:idle" }).catch(() => {});
  };
  return host.start();
}).catch((err) => console.warn("[mailwacht] engine start:", err));
