/**
 * Chrome/Edge MV3 service worker: routes messages (background/router.js) and opens (and closes) the
 * offscreen document that hosts the engine. It holds no state worth keeping, so Chrome may stop it at any time.
 * Listeners are registered synchronously at the top level, as MV3 requires for wake-up events.
 */

import { createRouter } from "./router.js";
import { offscreenEngine } from "./offscreen-engine.js";
import { hasSnapshotFor } from "../engine/store.js";
import { setupContextMenu } from "./context-menu.js";
import { setupCustomSites } from "./custom-sites.js";
import { setupOnboarding } from "./onboarding.js";

// First run (background/onboarding.js): the welcome page opens once, after installation.
setupOnboarding(chrome);

// The user's own sites (background/custom-sites.js): its listeners are added here, at the top level.
const sites = setupCustomSites(chrome);

const router = createRouter({
  engine: offscreenEngine,
  runtimeId: chrome.runtime.id,
  extensionOrigin: new URL(chrome.runtime.getURL("/")).origin + "/",
  sites,
});

chrome.runtime.onMessage.addListener(router.listener);

// "Check this field with Mailwacht" on any editable (background/context-menu.js); kept reachable
// for diagnostics and for the end-to-end test (a headless browser cannot click a native menu).
globalThis.mailwachtContextMenu = setupContextMenu();
// The engine as the router sees it (for diagnostics and tests/e2e/lifecycle.test.mjs).
globalThis.mailwachtEngine = offscreenEngine;

// The engine lives only while it is needed (issue 15): nothing boots at browser start; the first
// check, the popup or engine:prepare creates the offscreen document, which closes itself again after
// the idle time (background/offscreen-engine.js). After an install or update it boots once, so the
// cold boot that makes the memory snapshot is not on the first check's clock; it unloads when idle.
// (Chrome also reports an install at every start of a profile that loads the extension from the command
// line, --load-extension: so only when no snapshot of this version is stored yet.)
chrome.runtime.onInstalled.addListener(async () => {
  if (await hasSnapshotFor(chrome.runtime.getManifest().version)) return;
  offscreenEngine.status({ start: true }).catch((err) => console.warn("[mailwacht] engine start:", err));
});
