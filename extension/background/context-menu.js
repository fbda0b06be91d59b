/**
 * The context-menu entry "Check this field with Mailwacht" (issue 4), shared by Chrome's service
 * worker (service-worker.js) and Firefox's background page (page.js).
 *
 * It shows on editables on any site (`contexts: ["editable"]`), not only the hosts the content
 * scripts match. A click grants `activeTab` for that tab (no standing host permission is needed):
 * the click handler injects the marks (marks.js, bundled from entries/marks.js: the marks without
 * the send gate) unless Mailwacht's content script already runs there (content:probe), and then
 * asks them to watch the field that was right-clicked (content:check-field, marks/main.js
 * checkField()), which draws its marks.
 *
 * Always the top frame: the marks run only there (manifest: all_frames false) and reach
 * same-origin iframe editors (CKEditor 4, TinyMCE) through `iframe.contentDocument`; injected into
 * an iframe it would return at once. `info.frameId` therefore only tells that the click was inside
 * a frame; checkField() follows the focused element down into same-origin frames.
 *
 * Its title follows Mailwacht's language setting (issue 11: one language everywhere), not the
 * browser's: `chrome.i18n.getMessage` always answers in the browser's language, so the entry is
 * created with that and then, when the setting names another language, retitled
 * (`contextMenus.update`) from that language's own `_locales/<locale>/messages.json` (an extension
 * file, read with fetch: CSP connect-src 'self'); again whenever the setting changes
 * (`storage.onChanged`). The native menu is the browser's own: only the entry's title can follow.
 */

import { LOCALES } from "../shared/constants.js";
import { sendToTab } from "../shared/messaging.js";

export const MENU_ID = "mailwacht-check-field";

/** What a click injects where the content script does not run (build.py BUNDLES). */
export const MARKS_BUNDLE = "/marks.js";

// `chrome` in both browsers: Firefox's `chrome` takes the callbacks used below (its `browser`
// namespace rejects a callback argument) and returns promises for scripting in MV3, as Chrome's does
// (background/router.js awaits chrome.scripting in both as well).
const defaultApi = () => globalThis.chrome;

// Mailwacht's settings in storage.sync (shared/settings.js KEY); its languages are LOCALES (py_core).
const SETTINGS_KEY = "settings";
const TITLE_KEY = "contextMenuCheckField";
const FALLBACK_TITLE = "Check this field with Mailwacht";

/** The entry's title in the browser's language (chrome.i18n), as the entry is first created. */
const browserTitle = (api) => (api.i18n && api.i18n.getMessage(TITLE_KEY)) || FALLBACK_TITLE;

/** The language chosen in Mailwacht's settings ("nl" | "en"), or null when none is stored. */
async function chosenLocale(api) {
  if (!api.storage || !api.storage.sync) return null;
  const stored = await api.storage.sync.get(SETTINGS_KEY);
  const locale = stored && stored[SETTINGS_KEY] && stored[SETTINGS_KEY].locale;
  return LOCALES.includes(locale) ? locale : null;
}

/** The entry's title in `locale` from that language's messages.json (null when it cannot be read). */
async function titleIn(api, locale) {
  const response = await fetch(api.runtime.getURL(`_locales/${locale}/messages.json`));
  if (!response.ok) return null;
  const messages = await response.json();
  return (messages[TITLE_KEY] && messages[TITLE_KEY].message) || null;
}

/**
 * The entry's title for Mailwacht's language setting: from that language's catalogue, or the
 * browser's own when no language is chosen (the setting's default is the browser's language).
 */
export async function menuTitle(api = defaultApi()) {
  const locale = await chosenLocale(api);
  return (locale && (await titleIn(api, locale))) || browserTitle(api);
}

/** Retitle the (existing) entry for the current setting; resolves with the title set. */
export async function retitleContextMenu(api = defaultApi()) {
  const title = await menuTitle(api);
  await new Promise((resolve, reject) => {
    api.contextMenus.update(MENU_ID, { title }, () => {
      const err = api.runtime.lastError;
      if (err) reject(new Error(err.message));
      else resolve();
    });
  });
  return title;
}

/**
 * (Re)create the menu entry. removeAll first: onInstalled also fires on updates, and Firefox's
 * background page runs this on every load, so a second create must not fail on a duplicate id.
 * Resolves with the entry's id once it exists.
 */
export function registerContextMenu(api = defaultApi()) {
  const menus = api.contextMenus;
  return new Promise((resolve, reject) => {
    menus.removeAll(() => {
      menus.create(
        {
          id: MENU_ID,
          title: browserTitle(api),
          contexts: ["editable"],
        },
        () => {
          const err = api.runtime.lastError;
          if (err) reject(new Error(err.message));
          else resolve(MENU_ID);
        },
      );
    });
  });
}

/**
 * contextMenus.onClicked handler. Injects the marks unless they already run in the tab (a
 * supported host, or an earlier click), then asks them to check the field. Resolves with
 * checkField()'s result ({found, adapter?, reason?}), or null for another menu entry or a click
 * without a tab.
 */
export async function onContextMenuClick(info, tab, api = defaultApi()) {
  if (!info || info.menuItemId !== MENU_ID || !tab || typeof tab.id !== "number") return null;
  const ask = (kind) => sendToTab(tab.id, { kind }, { api });
  // Nothing listening (no content script of ours), or only the popup's reader: inject the marks.
  const probe = await ask("content:probe").catch(() => ({ started: false }));
  if (!probe.started) await api.scripting.executeScript({ target: { tabId: tab.id, frameIds: [0] }, files: [MARKS_BUNDLE] });
  return ask("content:check-field");
}

/**
 * Wire the menu: the click listener at once (MV3 wakes the worker for it only when it is added at
 * the top level, synchronously), the entry itself on install/update and on browser start (Chrome
 * keeps it across restarts; re-creating it is harmless) — or right away with `now: true` (Firefox's
 * background page, which loads on install and on start). Its title then follows the language
 * setting (retitleContextMenu), also when the setting changes. Returns {id, onClicked, registered,
 * title (the title last set), retitled (a promise of it)}.
 */
export function setupContextMenu({ api = defaultApi(), now = false } = {}) {
  const state = { id: MENU_ID, registered: null, title: null, retitled: null };
  const retitle = () => {
    if (!state.registered) return;
    state.retitled = state.registered
      .then(() => retitleContextMenu(api))
      .then((title) => (state.title = title))
      .catch((err) => {
        console.warn("[mailwacht] context menu title:", err);
        return state.title;
      });
  };
  const register = () => {
    state.registered = registerContextMenu(api).catch((err) => {
      console.warn("[mailwacht] context menu:", err);
      throw err;
    });
    state.registered.catch(() => {});
    state.title = browserTitle(api);
    retitle();
  };
  state.onClicked = (info, tab) =>
    onContextMenuClick(info, tab, api).catch((err) => {
      console.warn("[mailwacht] check this field:", err);
      return { found: false, reason: String(err && err.message ? err.message : err) };
    });
  if (!api.contextMenus) {
    // Never break the background over the menu: the router and the engine start regardless.
    console.warn("[mailwacht] context menu: contextMenus is not available");
    return state;
  }
  api.contextMenus.onClicked.addListener(state.onClicked);
  // The language setting changed: the entry's title follows (a stopped worker re-creates and
  // retitles the entry on its next start; Chrome keeps the last title meanwhile).
  if (api.storage && api.storage.onChanged) {
    api.storage.onChanged.addListener((changes, area) => {
      if (area !== "sync" || !changes[SETTINGS_KEY]) return;
      const was = (changes[SETTINGS_KEY].oldValue || {}).locale;
      const now = (changes[SETTINGS_KEY].newValue || {}).locale;
      if (was === now) return;
      if (!state.registered) state.registered = Promise.resolve(MENU_ID); // Chrome kept the entry
      retitle();
    });
  }
  if (now) register();
  else {
    api.runtime.onInstalled.addListener(register);
    api.runtime.onStartup.addListener(register);
  }
  return state;
}
