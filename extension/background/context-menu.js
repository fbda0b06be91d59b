/**
 * The context-menu entry "Check this field with Mailwacht" (issue 4), shared by Chrome's service
 * worker (service-worker.js) and Firefox's background page (page.js).
 *
 * It shows on editables on any site (`contexts: ["editable"]`), not only the hosts the content
 * scripts match. A click grants `activeTab` for that tab (no standing host permission is needed):
 * the click handler injects the content scripts — the manifest's first content_scripts entry, read
 * from the running manifest so this list never drifts from it — and then asks them to watch the
 * field that was right-clicked (content/main.js `Mailwacht.checkField()`), which draws its marks.
 *
 * Always the top frame: content/main.js runs only there (manifest: all_frames false) and reaches
 * same-origin iframe editors (CKEditor 4, TinyMCE) through `iframe.contentDocument`; injected into
 * an iframe it would return at once. `info.frameId` therefore only tells that the click was inside
 * a frame; checkField() follows the focused element down into same-origin frames.
 */

export const MENU_ID = "mailwacht-check-field";

// `chrome` in both browsers: Firefox's `chrome` takes the callbacks used below (its `browser`
// namespace rejects a callback argument) and returns promises for scripting in MV3, as Chrome's does
// (background/router.js awaits chrome.scripting in both as well).
const defaultApi = () => globalThis.chrome;

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
          title: api.i18n.getMessage("contextMenuCheckField") || "Check this field with Mailwacht",
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

/** Run in the tab's isolated world: how much of the content script is there already. */
function probeInPage() {
  // Only an own property of this isolated world's global is ours: a page element named "Mailwacht"
  // (a form with inputs "started", "adapters") shows up as window.Mailwacht here too (issue 13).
  const MW = Object.hasOwn(globalThis, "Mailwacht") ? globalThis.Mailwacht : null;
  return {
    started: Boolean(MW && MW.started === true),
    adapters: Boolean(MW && Object.hasOwn(MW, "adapters") && typeof MW.adapters.findEditors === "function"),
  };
}

/** Run in the tab's isolated world after the injection: watch and check the right-clicked field. */
function checkFieldInPage() {
  const MW = Object.hasOwn(globalThis, "Mailwacht") ? globalThis.Mailwacht : null;
  if (!MW || typeof MW.checkField !== "function") return { found: false, reason: "content script not loaded" };
  return MW.checkField();
}

/**
 * contextMenus.onClicked handler. Injects the content scripts unless they already run in the tab
 * (a supported host, or an earlier click), then calls checkField(). Resolves with checkField()'s
 * result ({found, adapter?, reason?}), or null for another menu entry or a click without a tab.
 */
export async function onContextMenuClick(info, tab, api = defaultApi()) {
  if (!info || info.menuItemId !== MENU_ID || !tab || typeof tab.id !== "number") return null;
  const target = { tabId: tab.id, frameIds: [0] }; // the top frame: see the header
  const [probe] = await api.scripting.executeScript({ target, func: probeInPage });
  const state = (probe && probe.result) || { started: false, adapters: false };
  if (!state.started) {
    const scripts = api.runtime.getManifest().content_scripts || [];
    let files = scripts.length ? scripts[0].js : [];
    // The popup injects util.js and the adapters on its own (popup.js adapterFiles); those files
    // register adapters without a guard, so they are not run a second time.
    if (state.adapters) files = files.filter((f) => !/(^|\/)(util|adapters\/[^/]+)\.js$/.test(f));
    await api.scripting.executeScript({ target, files });
  }
  const [result] = await api.scripting.executeScript({ target, func: checkFieldInPage });
  return result ? result.result : null;
}

/**
 * Wire the menu: the click listener at once (MV3 wakes the worker for it only when it is added at
 * the top level, synchronously), the entry itself on install/update and on browser start (Chrome
 * keeps it across restarts; re-creating it is harmless) — or right away with `now: true` (Firefox's
 * background page, which loads on install and on start). Returns {id, onClicked, registered}.
 */
export function setupContextMenu({ api = defaultApi(), now = false } = {}) {
  const state = { id: MENU_ID, registered: null };
  const register = () => {
    state.registered = registerContextMenu(api).catch((err) => {
      console.warn("[mailwacht] context menu:", err);
      throw err;
    });
    state.registered.catch(() => {});
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
  if (now) register();
  else {
    api.runtime.onInstalled.addListener(register);
    api.runtime.onStartup.addListener(register);
  }
  return state;
}
