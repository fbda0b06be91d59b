/**
 * The marks' start and the only part of them that talks to the browser: it builds the engine
 * client (shared/messaging.js), the string lookup (the extension's _locales) and the rule
 * descriptions (engine:catalogue), and injects them into the overlay and the watcher, which know
 * nothing of `chrome.*`.
 *
 *   const marks = startMarks();   // entries/content.js (with the send gate), entries/marks.js
 *   marks.fixes.forSend(button), marks.mailKind.forSend(button)   // for the send gate's dialog
 *   marks.checkField()            // "Check this field with Mailwacht" (content:check-field)
 *
 * Runs in the top frame only (manifest: all_frames false): same-origin iframe editors are reached
 * from here through `iframe.contentDocument`, and all marks are drawn in the top document.
 */
import { createCatalogue, browserApi, send as sendMessage } from "../shared/messaging.js";
import * as settingsApi from "../shared/settings.js";
import { createDismissStore, createMailKindStore, draftKey, frameDocument, isRendered } from "../shared/util.js";
import { actionOfLabel, BUTTONS, composeScope } from "../reader/sites/registry.js";
import { createWatcher } from "../reader/watcher.js";
import { createOverlay } from "./overlay.js";
import { FIX_LABELS, createQuickFix } from "./quickfix.js";
import { createStrings } from "../ui/strings.js";

export function startMarks({ api = browserApi() } = {}) {

  // The browser's language until the settings are read; then Mailwacht's own setting (issue 11:
  // the cards and the badge in the language the user chose, not the browser's: ui/strings.js).
  let locale = (api.i18n.getUILanguage() || "en").toLowerCase().startsWith("nl") ? "nl" : "en";
  const t = createStrings(() => locale);

  async function send(message) {
    if (!api.runtime || !api.runtime.id) {
      // The extension was updated or removed while this page stayed open: this copy of the
      // content script can no longer reach it, so it stops (a new copy runs after a reload).
      if (watcher) watcher.stop();
      throw new Error("Mailwacht was updated or removed; reload the page");
    }
    return sendMessage(message, { api });
  }

  // Rule titles and the guideline lines each rule rests on, for the marks and the card; the card
  // falls back to rule ids while the catalogue is not there (asked again with the next check).
  const catalogue = createCatalogue({ send });
  const loadCatalogue = () => catalogue.load(locale, { strict: true }).catch((err) => console.warn("[mailwacht] catalogue:", err));
  const describe = (rule) => {
    const entry = catalogue.rule(rule);
    return entry ? { title: entry.title, basis: entry.basis || [] } : null;
  };

  const engine = {
    async check(draft, options) {
      await loadCatalogue();
      return send({ kind: "engine:check", draft, options });
    },
  };

  let watcher = null;
  // Quick fixes (quickfix.js), run only from a click on a card's button: the footer comes from
  // py_core (engine:footer, from the organisation profile as stored now, in the platform's dialect
  // and the draft's language); the fix is applied through the editor's API in the page's world
  // (editor:apply-fix, page-world/page-fix.js). Profile data the footer lacks is asked for in the
  // card or the send dialog (profile-form.js) and stored here (shared/settings.js saveOrg).
  const fixes = createQuickFix({
    footer: ({ platform, format, org, draft }) =>
      send({ kind: "engine:footer", options: { ...options, platform, ...(org ? { org: { ...options.org, ...org } } : {}) }, format, ...(draft ? { draft } : {}) }),
    runInPage: (fix) => send({ kind: "editor:apply-fix", fix }),
    profile: {
      load: async () => (await settingsApi.load()).settings.org,
      save: (fields) => settingsApi.saveOrg(fields),
    },
  });
  const mailKinds = api.storage && api.storage.local ? createMailKindStore(api.storage.local) : null;
  const overlay = createOverlay({
    document,
    t,
    describe,
    onDismiss: (key, fingerprint) => watcher && watcher.dismiss(key, fingerprint),
    quickFix: {
      offer(editor, finding) {
        const op = fixes.fixFor(editor, finding);
        return op ? { op, label: t(FIX_LABELS[op]) } : null;
      },
      // {applied: false, needs} when the footer lacks profile data: the card shows quickfix.js
      // profileForm({document, t, missing: needs, save: saveProfile, onSaved: run again, onCancel}).
      run: (layer, finding) => fixes.apply(layer.editor, finding, layer.platform),
      saveProfile: (fields) => fixes.saveProfile(fields),
    },
    // "Dismiss for this draft", kept across reloads: fingerprints per draft key (page + editor,
    // never content) in storage.local, expiring after 30 days (util.createDismissStore).
    dismissals: api.storage && api.storage.local ? createDismissStore(api.storage.local) : null,
    // "This is (not) a mailing" for one draft (issue 10), kept the same way (util.createMailKindStore).
    mailKinds,
    locale: () => locale,
    // For a false-alarm report (marks/report.js): the extension's version.
    versions: () => ({ extension: api.runtime && api.runtime.getManifest ? api.runtime.getManifest().version : "" }),
    // No card covers the page's Send (or Schedule) button of the editor's compose form.
    avoid: sendButtonsOf,
  });
  /** The Send and Schedule buttons in `editor`'s compose form, dialog or main region (looked up at most once a second). */
  const buttonsSeen = new WeakMap();
  function sendButtonsOf(editor) {
    const anchor = editor.anchor || editor.root;
    const seen = buttonsSeen.get(editor);
    if (seen && Date.now() - seen.at < 1000) return seen.buttons;
    const scope = anchor && anchor.isConnected ? composeScope(anchor) : null;
    const buttons = scope ? [...scope.querySelectorAll(BUTTONS)].filter((b) => actionOfLabel(b) !== null) : [];
    buttonsSeen.set(editor, { at: Date.now(), buttons });
    return buttons;
  }
  // Options come from the options page (shared/settings.js: storage.sync merged with managed
  // storage), read before the first check and followed when they change; a site switched off
  // there is left alone. Without settings (read failed): the defaults, the browser's language.
  let options = { locale };
  let running = false;
  watcher = createWatcher({ document, engine, overlay, options: () => options });
  const apply = ({ settings }) => {
    options = settingsApi.engineOptions(settings);
    if (options.locale !== locale) {
      // Rule titles and guideline lines in the new language from the next check on.
      catalogue.reset();
    }
    locale = options.locale;
    const on = settingsApi.siteEnabled(settings, location.href);
    if (on && !running) watcher.start();
    if (!on && running) watcher.stop();
    running = on;
  };
  // The send gate's dialog (gate/gate.js, through entries/content.js) offers the cards' quick fixes
  // for the editor a send button belongs to, through this same code path (so the editor's undo
  // takes them back): the editor in the button's form (or dialog, or main region), else the page's
  // only one. forSend(button) -> {offer(finding) -> {kind, label}|null, apply(finding, platform)} | null.
  /** The watcher's session of the editor a send button belongs to, or null. */
  function sessionForSend(button) {
    // An editor the page has hidden (TinyMCE hides the contenteditable it replaces with its iframe)
    // until the watcher drops its session: the one on screen is the send's.
    const rendered = (s) => isRendered(s.editor.anchor || s.editor.root);
    let all = watcher.sessions();
    // The replacing editor may not be found yet (the watcher's scan waits for the page's DOM
    // changes to settle): scan now.
    if (all.some((s) => !rendered(s)) && typeof watcher.rescan === "function") {
      watcher.rescan();
      all = watcher.sessions();
    }
    const shown = all.filter(rendered);
    const sessions = shown.length ? shown : all;
    // reader/sites/registry.js composeScope: the button's form, dialog or main region (the document
    // when it has none, and then only the page's only editor is the send's).
    const found = button && button.closest ? composeScope(button) : null;
    const scope = found && found.nodeType === Node.ELEMENT_NODE ? found : null;
    return (scope && sessions.find((s) => scope.contains(s.editor.anchor || s.editor.root))) || (sessions.length === 1 ? sessions[0] : null);
  }
  const fixesForSend = {
    forSend(button) {
      const session = sessionForSend(button);
      const editor = session ? session.editor : null;
      if (!editor) return null;
      return {
        offer(finding) {
          const kind = fixes.fixFor(editor, finding);
          return kind ? { kind, label: t(FIX_LABELS[kind]) } : null;
        },
        apply: (finding, platform) => fixes.apply(editor, finding, platform),
        saveProfile: (fields) => fixes.saveProfile(fields),
      };
    },
  };
  // "This is a mailing" / "This is not a mailing" for one draft (issue 10), shared with the send
  // gate (gate/*, through entries/content.js): see marks/README.md "Mail kind per draft".
  const mailKind = {
    /** util.createMailKindStore over storage.local: load(draftKey), save(draftKey, kind|null). */
    store: mailKinds,
    /** The key a draft's choice is kept under (util.draftKey: page + editor, hashed). */
    draftKey: (editor) => draftKey(editor, location),
    /**
     * The draft a send button belongs to (as fixes.forSend finds it), or null:
     * {draft: key, chosen() -> Promise<"mailing"|"personal"|null>, kind() -> what the last report
     * said ("mailing"|"personal"|null), set(kind) -> Promise (the marks re-check at once)}.
     */
    forSend(button) {
      const session = sessionForSend(button);
      if (!session) return null;
      const layer = session.layer;
      return {
        draft: layer.draft,
        chosen: () => Promise.resolve(layer.loaded).then(() => layer.mailKind),
        kind: () => layer.kind,
        set: (kind) => layer.setMailKind(kind),
      };
    },
  };
  // A choice written elsewhere (the send gate's dialog in this page, another tab, the popup) is
  // followed by the marks of the same draft.
  if (mailKinds && api.storage && api.storage.onChanged) {
    api.storage.onChanged.addListener((changes, area) => {
      if (area !== "local" || !changes[mailKinds.key] || !watcher) return;
      const all = changes[mailKinds.key].newValue || {};
      for (const s of watcher.sessions()) {
        const entry = all[s.layer.draft];
        s.layer.setMailKind(entry && entry.k ? entry.k : null, { persist: false });
      }
    });
  }
  // "Check this field with Mailwacht" (background/context-menu.js injects entries/marks.js on any
  // site and then sends content:check-field): the field right-clicked (the last contextmenu target, known once
  // this script runs; else the focused element, followed into same-origin iframes) is watched and
  // checked now. Only fields an adapter recognises as an editor are checked ({found: false} else).
  let contextTarget = null;
  document.addEventListener("contextmenu", (event) => (contextTarget = event.composedPath()[0] || event.target), true);
  const checkField = () => {
    // A right-click inside an iframe never reaches the listener above (events stay in the frame's
    // document) but focuses the editable there: with focus in a frame, an older right-click in
    // the top document is stale and the focus is followed instead.
    const active = document.activeElement;
    const inFrame = active && /^i?frame$/i.test(active.tagName);
    let field = !inFrame && contextTarget && contextTarget.isConnected ? contextTarget : active;
    for (let depth = 0; field && /^i?frame$/i.test(field.tagName) && depth < 3; depth++) {
      const inner = frameDocument(field);
      if (!inner || !inner.activeElement || inner.activeElement === field) break;
      field = inner.activeElement;
    }
    if (!running) {
      watcher.start(); // scans at once
      running = true;
    }
    const hit = watcher
      .sessions()
      .find((s) => field && (s.editor.root === field || s.editor.anchor === field || s.editor.root.contains(field)));
    if (!hit) return { found: false, reason: "no editor at the field" };
    hit.checkNow();
    return { found: true, adapter: hit.editor.adapter };
  };
  settingsApi.load().then(
    (loaded) => {
      apply(loaded);
      settingsApi.onChange(apply);
    },
    (err) => {
      console.warn("[mailwacht] settings:", err);
      if (!running) watcher.start(); // checkField() may have started it already
      running = true;
    },
  );
  return { fixes: fixesForSend, mailKind, checkField };
}
