/**
 * The send gate's entry point and the only part of it that talks to the browser (issue 5): it
 * builds the engine client (runtime messages declared in shared/protocol.js), the send history
 * (storage.local, hashes and times only) and the strings (_locales), and starts the gate.
 *
 *   startGate({marks})   // entries/content.js, at document_start in the top frame
 *
 * Started at document_start (entries/content.js), so the gate's capture listeners are registered
 * before any of the page's own; the marks start later, at document idle. `marks()` -> the marks
 * (marks/main.js startMarks(): their quick fixes and mail-kind store) or null before they run:
 * looked up at each send.
 */
import { browserApi, createCatalogue, send as sendMessage } from "../shared/messaging.js";
import * as R from "../shared/records.js";
// shared/settings.js: the settings and the send history's storage key and keeping time, shared
// with the options page that clears it.
import * as settingsApi from "../shared/settings.js";
import { editorIn } from "../reader/editors.js";
import { composeScope } from "../reader/sites/registry.js";
import { createStrings } from "../ui/strings.js";
import { createGateUI } from "./dialog.js";
import { createGate } from "./gate.js";

export function startGate({ marks = () => null, api = browserApi() } = {}) {
  const { HISTORY_KEY, freshHistory } = settingsApi;

  // Issue 11: the dialog and the notices speak the language chosen in Mailwacht's settings, not the
  // browser's (ui/strings.js); until the settings are read, the settings' own default (the browser's).
  let locale = settingsApi.browserLocale();
  const t = createStrings(() => locale);

  const send = (message) => sendMessage(message, { api, noReply: t("gateReasonNoReply") });

  // Rule titles for the dialog; without them (not loaded yet, or the request failed: asked again
  // next time) the dialog shows rule ids.
  const catalogue = createCatalogue({ send });
  const loadCatalogue = () => catalogue.load(locale);

  const engine = {
    async check(draft, options) {
      // purpose "send": the engine host runs this before every typing-time check (issue 13).
      const titles = loadCatalogue();
      const report = await send({ kind: "engine:check", draft, options, purpose: "send" });
      // Rule titles for the dialog are waited for briefly only: the check decides, not the titles
      // (without them the dialog names rule ids).
      await Promise.race([titles, new Promise((resolve) => setTimeout(resolve, 500))]);
      return report;
    },
    /**
     * What the history keeps of a send. The check's report of this very draft carries both hashes
     * (report.draft.fingerprint and .recipients_hash, computed by the same functions as
     * engine:history-entry): then no second request of the whole draft is needed (issue 15, the
     * press to decision). Without such a report the engine is asked.
     */
    historyEntry(draft, report = null) {
      const seen = report && report.draft;
      if (seen && typeof seen.fingerprint === "string" && seen.fingerprint && typeof seen.recipients_hash === "string") {
        return Promise.resolve({ fingerprint: seen.fingerprint, recipients: seen.recipients_hash });
      }
      return send({ kind: "engine:history-entry", draft });
    },
  };

  // Notices carried to the next page of this tab (gate.js tell): kept by the background for this
  // tab in the extension's storage.session (never in the page's sessionStorage, which the page
  // could write and have shown as Mailwacht's own alert).
  const carry = {
    put: (notice) => send({ kind: "gate:carry-notice", notice }),
    take: () => send({ kind: "gate:take-notices" }),
  };

  const history = {
    async list() {
      const stored = await api.storage.local.get(HISTORY_KEY);
      return freshHistory(stored[HISTORY_KEY]);
    },
    async add(entry) {
      const stored = await api.storage.local.get(HISTORY_KEY);
      await api.storage.local.set({ [HISTORY_KEY]: freshHistory([...freshHistory(stored[HISTORY_KEY]), entry]) });
    },
  };

  // The same engine options as the marks (shared/settings.js: the options page's profile, packs,
  // rules and language, merged with managed storage), followed when they change. The gate starts
  // at once with the defaults (a send pressed before the settings are read is still checked) and
  // stops on a site switched off in the options page. "Show the summary every time" (gate.alwaysShow)
  // is followed the same way.
  // Issue 16: the duties a sender confirms and the record of each mailing sent (shared/records.js,
  // storage.local; never the draft's content). `current`: the settings in force (policy included).
  let current = settingsApi.defaults();
  let dutiesCache = null;
  const loadDuties = () =>
    (dutiesCache ??= send({ kind: "engine:duties" }).catch((err) => {
      dutiesCache = null;
      throw err;
    }));
  const orgOf = (report) => (current.org && current.org.name) || (report && report.organisation && report.organisation.name) || "";
  const context = (org, list) => ({ org, list, periodMonths: current.confirmationPeriodMonths, preset: current.presetConfirmations });
  const records = {
    required: () => Boolean(current.requireConfirmations),
    reasonRequired: () => Boolean(current.requireOverrideReason),
    async ask(draft, report) {
      const [all, entry] = await Promise.all([loadDuties(), engine.historyEntry(draft, report)]);
      const org = orgOf(report);
      const list = R.listKey(draft, entry);
      const open = await R.missing(api.storage.local, all, context(org, list));
      const items = open.map((d) => ({ id: d.id, scope: d.scope, text: d.confirm[locale] || d.confirm.en }));
      return { items, required: Boolean(current.requireConfirmations), org, list, all };
    },
    confirm: (duties, ids) => R.confirm(api.storage.local, duties.all, ids, { org: duties.org, list: duties.list, by: current.personName }),
    async add({ first, last, anyway, reason, draft, entry, sentAt, holds }) {
      const all = await loadDuties();
      const org = orgOf(last);
      const confirmations = await R.inForce(api.storage.local, all, context(org, R.listKey(draft, entry)));
      await R.appendRecord(
        api.storage.local,
        {
          time: sentAt,
          action: anyway ? "sent-anyway" : "sent",
          reason: anyway ? String(reason || "").slice(0, 300) : "",
          draft: { fingerprint: entry.fingerprint, subject: String(draft.subject || "").slice(0, 300) },
          platform: String(last.platform || ""),
          mail_kind: String(last.mail_kind || ""),
          organisation: org,
          findings: R.outcomes(first, last, { anyway, reason, holds }),
          confirmations,
          engine_version: String((last.engine && last.engine.version) || ""),
        },
        { max: current.recordsMax },
      );
    },
  };
  let options = { locale };
  let alwaysShow = false;
  let running = false;
  const describe = (rule) => {
    const entry = catalogue.rule(rule);
    return entry ? { title: entry.title } : null;
  };
  const ui = createGateUI({ document, t, describe });
  // The quick fixes are the marks' (marks/main.js fixes, the same code path as the cards'): they
  // start at document idle, after the gate, so they are looked up at each send.
  // "Mailing or not", the user's own choice per draft (issue 10): the marks' ONE store
  // (marks/main.js mailKind, documented in marks/README.md: store, draftKey(editor),
  // forSend(button)), never a copy of it here: two stores each queue their own read-modify-write of
  // the same storage.local key, so a choice made on a card and one made in this dialog could
  // overwrite each other. Through mailKind.forSend the dialog's choice also goes to the draft's
  // marks at once (they check it again as personal mail). A draft the marks do not follow (no
  // layer for it) is still kept in the same store under the same key. The marks start at document
  // idle, after the gate: looked up at each send.
  const mailKind = () => {
    const shared = marks() && marks().mailKind;
    if (!shared) return null;
    return {
      forSend(button) {
        const draft = typeof shared.forSend === "function" ? shared.forSend(button) : null;
        if (draft) return { load: () => draft.chosen(), save: (kind) => draft.set(kind) };
        const editor = shared.store && editorIn(document, composeScope(button), { only: true });
        if (!editor) return null;
        const key = shared.draftKey(editor);
        return { load: () => shared.store.load(key), save: (kind) => shared.store.save(key, kind) };
      },
    };
  };
  const gate = createGate({
    document,
    engine,
    history,
    ui,
    t,
    options: () => options,
    alwaysShow: () => alwaysShow,
    fixes: () => (marks() && marks().fixes) || null,
    mailKind,
    carry,
    records,
  });
  gate.start();
  running = true;
  const apply = ({ settings }) => {
    current = settings;
    options = settingsApi.engineOptions(settings);
    alwaysShow = Boolean(settings.gate && settings.gate.alwaysShow);
    if (options.locale !== locale) {
      catalogue.reset(); // rule titles in the new language
    }
    locale = options.locale;
    const on = settingsApi.siteEnabled(settings, location.href);
    if (on && !running) gate.start();
    if (!on && running) gate.stop();
    running = on;
  };
  settingsApi.load().then(
    (loaded) => {
      apply(loaded);
      settingsApi.onChange(apply);
    },
    (err) => console.warn("[mailwacht] gate settings:", err),
  );
  return gate;
}
