/**
 * First run (issue 10): after installation the options page opens once in its welcome mode
 * (options/options.html?welcome): three lines on what Mailwacht does and that nothing leaves the
 * computer, and the organisation profile to fill in (or skip).
 *
 * Once only: on runtime.onInstalled with reason "install" (never "update", "chrome_update" or
 * "shared_module_update"; a browser restart fires onStartup, not onInstalled; not for a Firefox
 * add-on installed temporarily, `details.temporary`), and only when
 * storage.local has no ONBOARDING_KEY yet: the key is written before the tab opens, so a second
 * "install" event (an unpacked copy loaded again into the same profile, an add-on reinstalled
 * while its data was kept) does not open it a second time. The options page adds what the user
 * did with it ({finished: "saved" | "skipped"}).
 *
 *   setupOnboarding(api)  // in the background's top level (service-worker.js, page.js)
 */

export const ONBOARDING_KEY = "onboarding";
export const WELCOME_PATH = "options/options.html?welcome";

/** Open the welcome page unless it was opened before in this profile. Resolves true when opened. */
export async function openWelcomeOnce(api, { now = Date.now } = {}) {
  const stored = await api.storage.local.get(ONBOARDING_KEY);
  if (stored && stored[ONBOARDING_KEY]) return false;
  await api.storage.local.set({ [ONBOARDING_KEY]: { opened_at: now() } });
  await api.tabs.create({ url: api.runtime.getURL(WELCOME_PATH) });
  return true;
}

/** Register the onInstalled listener (synchronously, at the background's top level). */
export function setupOnboarding(api) {
  const onInstalled = (details) => {
    if (!details || details.reason !== "install") return;
    // Firefox says `temporary: true` for an add-on loaded for a session (about:debugging,
    // `web-ext run`, the end-to-end tests): a developer's session, gone at the next start, whose
    // welcome tab would only take the foreground from the page being worked on.
    if (details.temporary) return;
    openWelcomeOnce(api).catch((err) => console.warn("[mailwacht] welcome page:", err && err.message ? err.message : err));
  };
  api.runtime.onInstalled.addListener(onInstalled);
  return { onInstalled };
}
