/**
 * The user's own sites (options page, settings `customSites`): a company's own Roundcube at
 * webmail.example.nl, or any webmail/ESP at its own address, gets the marks and the send gate like
 * the sites Mailwacht knows (extension/reader/sites/sites.json, whose hosts build.py writes into the
 * built manifest's content_scripts). For each own site whose host permission the user granted, the
 * background registers the manifest's content-script groups (scripting.registerContentScripts),
 * with the manifest's own file lists and run_at, read from runtime.getManifest() so that the two can
 * never drift apart.
 *
 * Why the background reconciles instead of the options page registering: the options page only
 * asks for the permission (permissions.request must come from the user's click) and stores the
 * list; everything else follows from two facts, the stored list and the granted permissions, which
 * can also change elsewhere: the user may revoke a host in the browser's extension settings, sync
 * may bring a list from another machine, and a browser may lose dynamic scripts (Firefox before
 * persistAcrossSessions, an update of the extension that changes the file lists). So one idempotent
 * `sync()` makes the registered scripts equal to "stored AND granted", and it runs on every event
 * that can change either side: runtime.onStartup/onInstalled, permissions.onAdded/onRemoved,
 * storage.onChanged (the settings), and the options page's `sites:sync` message, whose reply tells
 * the page what is registered now. Calls are queued, never run side by side (two overlapping
 * registrations of one id would fail).
 *
 * Script ids: `mailwacht-site:<n>:<pattern>`, n the index of the group in the manifest's
 * content_scripts (0: content.js, the send gate and the marks, at document_start; ids of another
 * n, left by an older version with more groups, are stale and unregistered). Ids of ours are
 * recognised by the prefix; nothing else registered is touched.
 */

import * as S from "../shared/settings.js";

export const ID_PREFIX = "mailwacht-site:";

/**
 * A file list as absolute paths from the extension's root ("/content.js"): Firefox's
 * getManifest() answers with full moz-extension:// URLs, which registerContentScripts refuses
 * ("must be a relative URL"), and resolves a relative path against the calling page
 * (background/background.html -> background/content.js); Chrome takes either form.
 */
function files(list, origin = "") {
  return (list || []).map((f) => "/" + String(f).replace(origin, "").replace(/^\/+/, ""));
}

/** The registered-content-script objects for `patterns`, one per manifest group and pattern. */
export function scriptsFor(manifest, patterns, origin = "") {
  const scripts = [];
  (manifest.content_scripts || []).forEach((group, index) => {
    for (const pattern of patterns) {
      const script = {
        id: `${ID_PREFIX}${index}:${pattern}`,
        matches: [pattern],
        js: files(group.js, origin),
        runAt: group.run_at || "document_idle",
        allFrames: Boolean(group.all_frames),
      };
      if (group.css && group.css.length) script.css = files(group.css, origin);
      scripts.push(script);
    }
  });
  return scripts;
}

/**
 * `api`: chrome (Chrome) or browser (Firefox): scripting, permissions, runtime, storage.
 * Returns {sync(): Promise<{registered, waiting}>} — registered: the own sites whose scripts are
 * registered now; waiting: own sites stored without a granted permission (nothing runs there).
 */
export function customSites(api) {
  const origin = api.runtime.getURL("/");
  let queue = Promise.resolve();

  async function reconcile() {
    const { settings } = await S.load();
    const stored = settings.customSites || [];
    const granted = await Promise.all(stored.map((p) => api.permissions.contains({ origins: [p] }).catch(() => false)));
    const active = stored.filter((_, i) => granted[i]);
    const wanted = new Map(scriptsFor(api.runtime.getManifest(), active, origin).map((s) => [s.id, s]));

    const existing = (await api.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(ID_PREFIX));
    const stale = existing.filter((s) => {
      const want = wanted.get(s.id);
      // A script whose files differ from the manifest's now (the extension was updated) is
      // registered afresh rather than left running an old list.
      return !want || files(s.js, origin).join("\n") !== want.js.join("\n");
    });
    if (stale.length) await api.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
    const kept = new Set(existing.filter((s) => !stale.includes(s)).map((s) => s.id));
    const missing = [...wanted.values()].filter((s) => !kept.has(s.id));
    if (missing.length) {
      try {
        await api.scripting.registerContentScripts(missing.map((s) => ({ ...s, persistAcrossSessions: true })));
      } catch (err) {
        // A browser without persistAcrossSessions refuses the key: register for this session; the
        // onStartup sync registers them again next time.
        if (!/persistAcrossSessions/i.test(String(err && err.message))) throw err;
        await api.scripting.registerContentScripts(missing);
      }
    }
    return { registered: active, waiting: stored.filter((_, i) => !granted[i]) };
  }

  /** Make the registered scripts match "stored and granted"; queued behind any sync still running. */
  function sync() {
    const run = queue.then(reconcile);
    queue = run.catch(() => {});
    return run;
  }

  return { sync };
}

/**
 * Wire `sync` to the events that can change the stored list or the granted hosts. Listeners are
 * added synchronously (MV3 service workers are woken only for listeners present at start).
 */
export function setupCustomSites(api = globalThis.browser ?? globalThis.chrome) {
  const sites = customSites(api);
  const resync = (why) => () =>
    sites.sync().catch((err) => console.warn(`[mailwacht] own sites (${why}):`, err && err.message ? err.message : err));
  api.runtime.onStartup.addListener(resync("startup"));
  api.runtime.onInstalled.addListener(resync("installed"));
  api.permissions.onAdded.addListener(resync("permission granted"));
  api.permissions.onRemoved.addListener(resync("permission removed"));
  api.storage.onChanged.addListener((changes, area) => {
    if ((area === "sync" && changes[S.KEY]) || area === "managed") resync("settings changed")();
  });
  return sites;
}
