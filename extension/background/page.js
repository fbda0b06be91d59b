/**
 * Firefox MV3 background page: the router (background/router.js) plus the engine host itself,
 * which starts the same module worker the Chrome offscreen document starts, when something asks
 * for it, and unloads it after the idle time (issue 15).
 */

import { EngineHost } from "../engine/host.js";
import { createRouter } from "./router.js";
import { setupContextMenu } from "./context-menu.js";
import { setupCustomSites } from "./custom-sites.js";
import { setupOnboarding } from "./onboarding.js";
import { engineIdleTime } from "./lifecycle.js";
import { hasSnapshotFor } from "../engine/store.js";

const host = new EngineHost({
  workerURL: new URL("../engine/worker.js", import.meta.url),
  extensionVersion: chrome.runtime.getManifest().version,
});

// The engine lives only while it is needed (issue 15): the host unloads its worker after the
// settings' engineIdleMinutes without a call (the page itself stays: it is the router).
const idle = engineIdleTime(browser);
idle.ms().then((ms) => host.setIdleMs(ms));
idle.onChange((ms) => host.setIdleMs(ms));

const engine = {
  call: (request, context) => host.call(request, context), // {tab, lane}: engine/host.js schedules by them
  async status({ start = false } = {}) {
    if (start) {
      host.touch(); // the popup opened, or a compose window appeared: that is use
      host.start().catch(() => {}); // failures show in the status
    }
    return host.status();
  },
  restart: (opts) => host.restart(opts).catch(() => host.status()),
};

// First run (background/onboarding.js): the welcome page opens once, after installation.
setupOnboarding(browser);

// The user's own sites (background/custom-sites.js). This page loads on install and on every
// browser start, so it also reconciles right away (the registered scripts may have been lost).
const sites = setupCustomSites(browser);
sites.sync().catch((err) => console.warn("[mailwacht] own sites:", err && err.message ? err.message : err));

const router = createRouter({
  engine,
  runtimeId: chrome.runtime.id,
  extensionOrigin: new URL(chrome.runtime.getURL("/")).origin + "/",
  sites,
});

chrome.runtime.onMessage.addListener(router.listener);

// "Check this field with Mailwacht" (background/context-menu.js); this page loads on install and
// on browser start, so the entry is created right away.
const contextMenu = setupContextMenu({ now: true });

// No boot at browser start (issue 15): the first check or the popup boots the engine. After an
// install or update it boots once, so the cold boot that makes the snapshot is not on a check's clock.
browser.runtime.onInstalled.addListener(async () => {
  if (await hasSnapshotFor(chrome.runtime.getManifest().version)) return; // made by an earlier install
  host.start().catch((err) => console.warn("[mailwacht] engine start:", err));
});

// For diagnostics from the background page's console.
globalThis.mailwacht = { host, router, contextMenu, sites };
