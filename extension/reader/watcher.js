/**
 * The watcher: finds the editors of the page (through the adapter registry), re-checks each one
 * as it changes and hands the reports to the overlay. Like the overlay it knows nothing of
 * `chrome.*`: the engine client is injected (`engine.check(draft, options) -> Promise<report>`).
 *
 * Checking follows issue 4 (findings at most ~300 ms after typing stops) and issue 15 (keystroke to
 * marks ≤ 300 ms, the debounce included): the check waits for a pause in the typing, and that pause
 * is what is left of a budget once the last check's own time is taken off: debounce = BUDGET_MS
 * (250) minus the last check's time from its timer to its marks drawn, at least MIN_DEBOUNCE_MS
 * (150: a pause, not every keystroke of normal typing) and at most MAX_DEBOUNCE_MS (300, issue 4's
 * figure); FIRST_DEBOUNCE_MS (200) before an editor's first check has been timed. A 10 KB draft
 * (a check of some 30-40 ms) waits ~210 ms, a 100 KB one ~160 ms, a 1 MB one 150 ms (its marks
 * then come later than 300 ms: the check alone takes longer). bench/typing.mjs measures it. Only a
 * changed draft goes to the engine (the hash of the extracted draft, envelope and dismissed list
 * is compared with the last one sent). One check per editor is in flight at a time; changes made
 * meanwhile are checked when it returns. The watcher only observes: it never writes to an editor.
 *
 * Prefetch (issue 15): the first time an editor is found on the page (a compose window opened), the
 * engine is asked to boot (engine:prepare), so its boot overlaps the user's typing instead of
 * delaying the first check; a compose window opened blank is not checked at all until something is
 * typed, so nothing else would start it. Asked again for a new editor only once PREPARE_AGAIN_MS
 * have passed (the engine may have been unloaded after its idle time meanwhile). The injected
 * client's `engine.prepare()` is used when it has one, else engine:prepare goes through
 * shared/messaging.js; a failure is ignored (the first check boots the engine anyway).
 */
import { browserApi, send } from "../shared/messaging.js";
import { hash } from "../shared/util.js";
import { findEditors } from "./editors.js";

// Issue 15: keystroke to marks ≤ 300 ms with the debounce; the debounce adapts (see the header).
const BUDGET_MS = 250; // debounce + the check's own time; 50 ms left for timers firing late
const MIN_DEBOUNCE_MS = 150;
const MAX_DEBOUNCE_MS = 300; // issue 4: "findings at most ~300 ms after typing stops"
const FIRST_DEBOUNCE_MS = 200;
/** The pause to wait after a change, given the last check's time (timer to marks), or null. */
export function debounceFor(lastCheckMs) {
  if (!Number.isFinite(lastCheckMs)) return FIRST_DEBOUNCE_MS;
  return Math.min(MAX_DEBOUNCE_MS, Math.max(MIN_DEBOUNCE_MS, Math.round(BUDGET_MS - lastCheckMs)));
}
// New editors appear when a compose window opens; the page's DOM changes are coalesced.
const SCAN_DEBOUNCE_MS = 500;
// A draft with no text, image or form control: a compose window just opened. Its findings
// ("no unsubscribe link" in an empty body) would only be noise, so it is not checked.
const TAG = /<[^>]*>/g;
const CONTENT_TAG = /<(img|input|select|button|a|table|video|picture|svg)\b/i;
function isBlank(draft) {
  const html = draft.html || "";
  if (CONTENT_TAG.test(html)) return false;
  return !html.replace(TAG, "").replace(/&nbsp;|\u00a0/g, "").trim() && !(draft.text || "").trim();
}
// Fallback for what fires no event: iframe editors that initialise late, textarea values and
// envelope inputs set by the page's own scripts. Cheap: a DOM query and a string hash.
const POLL_MS = 1000;
const MAX_RETRY_MS = 30000;
// A new editor found this long after the last engine:prepare asks again (see the header).
const PREPARE_AGAIN_MS = 60000;

/** engine:prepare through the runtime, when this context has one (not in a detached copy). */
function prepareViaRuntime() {
  const api = browserApi();
  if (!api || !api.runtime || !api.runtime.id) return Promise.resolve(null);
  return send({ kind: "engine:prepare" }, { api });
}

export function createWatcher({ document: top, engine, overlay, options = () => ({}), debounceMs = null }) {
  const prepare = typeof engine.prepare === "function" ? () => engine.prepare() : prepareViaRuntime;
  let preparedAt = -Infinity;
  /** A new editor was found: have the engine boot now (at most once per PREPARE_AGAIN_MS). */
  function prepareEngine() {
    if (Date.now() - preparedAt < PREPARE_AGAIN_MS) return;
    preparedAt = Date.now();
    Promise.resolve()
      .then(prepare)
      .catch(() => {}); // the first check boots the engine anyway
  }
  const sessions = new Map(); // editor root -> session
  const dismissedByRoot = new WeakMap(); // survives an editor being hidden and found again
  let nextKey = 1;
  let scanTimer = 0;
  let pollTimer = 0;
  let pageObserver = null;

  function session(editor) {
    const key = nextKey++;
    const layer = overlay.layer(editor, key);
    // The overlay keeps the dismissed fingerprints (stored per draft when it has a store);
    // an overlay without them gets a set per root here (kept while the page lives).
    if (!layer.dismissed && !dismissedByRoot.has(editor.root)) dismissedByRoot.set(editor.root, new Set());
    const dismissed = layer.dismissed || dismissedByRoot.get(editor.root);
    // The first check waits for the stored dismissals, so a dismissed finding never flashes.
    const loaded = Promise.resolve(layer.loaded);
    layer.onDismissedChange = () => schedule(0);
    // "This is (not) a mailing" for this draft (issue 10): checked again at once with the choice.
    layer.onMailKindChange = () => schedule(0);
    let timer = 0;
    let lastHash = null;
    let inFlight = false;
    let again = false;
    let destroyed = false;
    // After a failed check the poll waits before asking again (1 s, 2 s, 4 s … at most 30 s),
    // so a broken engine is not hammered; a change typed by the user still checks at once.
    let failures = 0;
    let retryAt = 0;
    // The last check's time from its timer to its marks drawn (ms), for the next debounce.
    let lastCheckMs = null;

    const onChange = () => {
      overlay.reposition();
      schedule();
    };
    const observer = new MutationObserver(onChange);
    observer.observe(editor.root, { childList: true, subtree: true, characterData: true, attributes: true });
    const inputs = editor.mode === "textarea" ? [editor.root, ...editor.watch] : editor.watch;
    for (const el of inputs) {
      el.addEventListener("input", onChange);
      el.addEventListener("change", onChange);
    }

    // `debounceMs` given: a fixed pause (a caller's choice); else the adaptive one (the header).
    function schedule(delay = debounceMs ?? debounceFor(lastCheckMs)) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = 0;
        run();
      }, delay);
    }

    function draftAndOptions() {
      const draft = editor.draft();
      const opts = { ...options(), dismissed: [...dismissed] };
      // The user's choice for this draft (the layer keeps it, stored per draft); else the engine decides.
      if (layer.mailKind === "mailing" || layer.mailKind === "personal") opts.mail_kind = layer.mailKind;
      if (editor.platform && editor.platform !== "auto") opts.platform = editor.platform;
      return { draft, opts, key: hash(JSON.stringify(draft)) + "|" + hash(JSON.stringify(opts)) };
    }

    async function run() {
      if (destroyed || !editor.root.isConnected) return;
      await loaded;
      if (destroyed) return;
      if (inFlight) {
        again = true;
        return;
      }
      const readAt = performance.now();
      const { draft, opts, key: h } = draftAndOptions();
      if (h === lastHash) return; // unchanged: the engine is not asked again
      lastHash = h;
      if (isBlank(draft)) {
        layer.blank();
        return;
      }
      inFlight = true;
      layer.status("checking");
      try {
        const report = await engine.check(draft, opts);
        failures = 0;
        if (!destroyed) {
          layer.render(report, { readAt });
          lastCheckMs = performance.now() - readAt;
        }
      } catch (err) {
        lastHash = null; // try again on the next change
        failures += 1;
        retryAt = Date.now() + Math.min(MAX_RETRY_MS, 1000 * 2 ** (failures - 1));
        if (!destroyed) layer.status("error", err && err.message ? err.message : String(err));
      } finally {
        inFlight = false;
        if (again && !destroyed) {
          again = false;
          schedule(0);
        }
      }
    }

    return {
      key,
      editor,
      /** The overlay's layer of this editor (its dismissals and mail-kind choice). */
      layer,
      poll() {
        if (destroyed || inFlight || Date.now() < retryAt) return;
        // A check already waiting for its pause is left alone: scheduling it again here would
        // start the pause over (a keystroke's marks up to a whole poll later; bench/typing.mjs
        // measured p95 512 ms with a 300 ms pause at 10 KB).
        if (timer) return;
        const { key: h } = draftAndOptions();
        if (h !== lastHash) schedule();
      },
      dismiss(fingerprint) {
        dismissed.add(fingerprint);
        schedule(0);
      },
      checkNow: () => schedule(0),
      destroy() {
        destroyed = true;
        clearTimeout(timer);
        observer.disconnect();
        for (const el of inputs) {
          el.removeEventListener("input", onChange);
          el.removeEventListener("change", onChange);
        }
        layer.destroy();
      },
    };
  }

  /** Find editors; start a session for each new one, end those whose editor is gone. */
  function scan() {
    const found = findEditors(top);
    const roots = new Set(found.map((e) => e.root));
    for (const [root, s] of sessions) {
      if (!roots.has(root)) {
        s.destroy();
        sessions.delete(root);
      }
    }
    for (const editor of found) {
      if (sessions.has(editor.root)) continue;
      prepareEngine();
      const s = session(editor);
      sessions.set(editor.root, s);
      s.checkNow();
    }
  }

  function scheduleScan() {
    clearTimeout(scanTimer);
    scanTimer = setTimeout(scan, SCAN_DEBOUNCE_MS);
  }

  return {
    start() {
      scan();
      pageObserver = new MutationObserver(scheduleScan);
      pageObserver.observe(top.documentElement, { childList: true, subtree: true });
      pollTimer = setInterval(() => {
        if (top.visibilityState === "hidden") return;
        scan();
        for (const s of sessions.values()) s.poll();
      }, POLL_MS);
    },
    stop() {
      clearTimeout(scanTimer);
      clearInterval(pollTimer);
      if (pageObserver) pageObserver.disconnect();
      for (const s of sessions.values()) s.destroy();
      sessions.clear();
    },
    /** "Dismiss for this draft": the finding is kept out of this editor's marks from now on. */
    dismiss(key, fingerprint) {
      for (const s of sessions.values()) if (s.key === key) s.dismiss(fingerprint);
    },
    sessions: () => [...sessions.values()],
    /** Scan now (the send gate asks when a session's editor is hidden: a replaced editor). */
    rescan() {
      clearTimeout(scanTimer);
      scan();
    },
  };
}
