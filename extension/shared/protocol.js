/**
 * The one protocol file: every message between Mailwacht's content scripts, extension pages, the
 * service worker (or Firefox's background page) and the engine host is declared here.
 *
 * A message is `{kind: "area:verb", target, …fields}`. `target` names who must handle it
 * ("background": the router; "offscreen": the engine host inside Chrome's offscreen document), so
 * a listener never answers a message meant for another. Every reply is an envelope, the same one
 * py_core.api.handle() returns: `{ok: true, result}` or `{ok: false, error: {code, message}}`.
 *
 * `from` says which senders may send a kind: "page" (this extension's own pages) and/or
 * "content" (this extension's content scripts, which may only ask for what they need).
 * `python` names the py_core.api request kind a message turns into; its `fields` are copied into
 * that request as JSON, nothing else is. `reply` documents the `result` of a successful reply.
 *
 * Adding a message: one entry here, one handler in background/router.js (HANDLERS).
 */

// "content": the content script of a tab (tabs.sendMessage from the popup or the background; its
// listener is reader/requests.js).
export const TARGET = Object.freeze({ background: "background", offscreen: "offscreen", content: "content" });

/** Error codes of `{ok: false, error: {code}}` besides py_core's own ("bad-input", "internal"). */
export const ERROR = Object.freeze({
  badMessage: "bad-message", // malformed message or unknown kind
  forbidden: "forbidden", // the sender may not send this kind
  bootFailed: "engine-boot-failed", // the engine did not boot (in time); it is restarted on the next call
  timeout: "engine-timeout", // a call ran too long; the worker was terminated and is restarted
  crashed: "engine-crashed", // the worker died; it is restarted
  unavailable: "engine-unavailable", // the engine host could not be reached
  superseded: "engine-superseded", // a tab's typing-time check replaced by a newer one before it ran
  preempted: "engine-preempted", // stopped twice for a more urgent check (a send); ask again
});

/**
 * The engine host's lanes, most urgent first (engine/host.js schedules by them): "send" (the send
 * gate's check), "user" (extension pages and short requests), "typing" (the marks' checks).
 * background/router.js picks the lane of each message (laneFor).
 */
export const LANES = Object.freeze(["send", "user", "typing"]);

/** Limits (milliseconds). A cold boot takes ~2-3 s on a 2-core machine; 30 s means something is wrong. */
export const LIMITS = Object.freeze({
  bootMs: 30000,
  // A 1 MB draft is checked in well under a second (bench/RESULTS.md); a check still running after
  // 20 s is stuck (or a hostile draft), so the worker is ended rather than the tab waiting forever.
  callMs: 20000,
  // A worker idle this long is pinged before use; no pong within pingMs means it died quietly.
  idleBeforePingMs: 1000,
  pingMs: 2000,
  // A send check still running after this long is useless: the gate decided (failing open) at 4 s.
  sendMs: 8000,
  // How long a more urgent call lets the running one finish before the worker is stopped for it:
  // a warm check of a 100 KB draft takes well under this (bench/RESULTS.md).
  preemptGraceMs: 300,
  // Typing-time checks one tab may have waiting (older ones are answered ERROR.superseded).
  typingPerTab: 4,
  // A call running this long (or one that timed out or was stopped) boots a spare worker that
  // takes only sends, kept until nothing has been that slow for spareIdleMs (engine/host.js).
  pressureMs: 1000,
  spareIdleMs: 60000,
  // Issue 15, the engine lives only while it is needed: with no call for idleMs the worker is
  // terminated (Chrome: the offscreen document is closed too); the next call boots it from the
  // snapshot. The settings' engineIdleMinutes overrides idleMs (background/lifecycle.js).
  idleMs: 5 * 60000,
  // A WebAssembly heap never shrinks: once a large draft grew it past heapBoundBytes (a 1 MB draft
  // took it from 36 to 52 MiB, measured on the bench newsletter), the worker is replaced by a fresh one from the snapshot after
  // recycleQuietMs without a call (not while someone keeps typing in that draft).
  heapBoundBytes: 48 * 2 ** 20,
  recycleQuietMs: 20000,
});

const ENGINE_READ = ["page", "content"];

/**
 * kind -> declaration. `fields`: name -> "object" | "string" | "object?" | "string?" (optional).
 */
export const MESSAGES = Object.freeze({
  "engine:check": {
    from: ENGINE_READ,
    python: "check",
    // purpose "send": the send gate's check (a person pressed Send and waits); it is scheduled
    // before typing-time checks of every tab (engine/host.js). Not passed to py_core (`meta`).
    fields: { draft: "object", options: "object?", purpose: "string?" },
    meta: ["purpose"],
    // options.mail_kind: "auto" (default: the engine decides) | "mailing" | "personal" (the user's
    // choice for this draft). The report says mail_kind ("mailing" | "personal"), mail_kind_source
    // ("user" | "platform" | "template" | "auto"), mail_kind_reason {nl, en} (one line),
    // mail_kind_signals [{id, weight, nl, en}] and, on a mailing, organisation {name, source:
    // "profile" | "from-name" | "from-domain" | "footer"} or null. On personal mail only the rules
    // that hold for any mail run (py_core.registry.ANY_MAIL_RULES); the others are "inapplicable".
    reply:
      "report: {engine, checked_at, draft, mail_kind, mail_kind_source, mail_kind_reason, mail_kind_signals, " +
      "organisation, findings[], counts, rules[], checklist, duration_ms, …} (py_core.engine.check)",
  },
  "engine:render-summary": {
    from: ENGINE_READ,
    python: "render-summary",
    // options: {tz_offset: minutes east of UTC, tz_name: "Europe/Amsterdam"} for local times (issue 11)
    fields: { report: "object", format: "string?", locale: "string?", options: "object?" },
    reply: "{content: string, mime: string, filename: string}",
  },
  "engine:render-records": {
    // popup and options page (issue 16): the send records, one or a period, their chain verified.
    from: ENGINE_READ,
    python: "render-records",
    // records: {list: [record, …]} (a message field is an object, not an array)
    fields: { records: "object", format: "string?", locale: "string?", generated_at: "string?" },
    reply: "{content: string, mime: string, filename: string}",
  },
  "engine:duties": {
    // popup and send gate (issue 16): the duties a sender confirms, with their scope.
    from: ENGINE_READ,
    python: "duties",
    fields: {},
    reply: "[{id, scope: 'organisation'|'list', confirm: {nl, en}, title: {nl, en}, document, cite: {nl, en}}]",
  },
  "engine:footer": {
    from: ENGINE_READ,
    python: "footer",
    // issue 11: the footer is written in the language of `draft` (the draft it goes into, as for
    // engine:check; py_core.language detects it) or in `language` ("nl" | "en" | "de" | "fr"), else
    // in options.locale; its notes to the user are in options.locale.
    fields: { options: "object?", format: "string?", draft: "object?", language: "string?" },
    reply: "{content: string, needs_unsubscribe_url: boolean, notes: string[], language: string}",
  },
  "engine:status": {
    from: ENGINE_READ,
    fields: {},
    reply:
      "{state: 'idle'|'booting'|'ready'|'error', boot: {kind: 'cold'|'snapshot', ms, stages}|null, " +
      "error: string|null, restarts: number, memory: {wasmBytes}|null}; asking also starts the engine",
  },
  "engine:prepare": {
    // issue 15: a compose window or editor appeared (or the popup opened): boot the engine now, so
    // the first check does not wait for it. Any check boots it too; this only starts it earlier.
    from: ENGINE_READ,
    fields: {},
    reply: "{state} (the engine's state when asked; the boot goes on in the background)",
  },
  "engine:idle": {
    // Chrome: the offscreen document's engine host unloaded its worker after the idle time (issue 15)
    // and asks the service worker to close the document; refused while a call is on its way to it.
    from: ["page"],
    fields: {},
    reply: "{closed: boolean}",
  },
  "engine:catalogue": {
    // content: the marks' cards show each rule's title and the guideline lines it rests on.
    from: ENGINE_READ,
    python: "catalogue",
    fields: { locale: "string?" },
    reply: "[{id, title, severity, basis, doc}, …]",
  },
  "engine:history-entry": {
    // content: the send gate stores {fingerprint, recipients, sent_at} after a send (issue 5);
    // the hashes come from py_core (engine.fingerprint, history.recipients_hash), never from JS.
    from: ENGINE_READ,
    python: "history-entry",
    fields: { draft: "object" },
    reply: "{fingerprint: string, recipients: string} (sha256 hex each; no content)",
  },
  "editor:apply-fix": {
    // content: a quick fix the user clicked on a card, run through the editor's own API in the
    // page's world (page-world/page-fix.js) so that the editor's undo takes it back.
    from: ["content"],
    fields: { fix: "object" },
    reply: "{applied: boolean, via: string|null, reason?: string} (applied false + via null: no editor API owns the root)",
  },
  "gate:carry-notice": {
    // content: the send gate keeps a notice for the next page of its tab (a send usually leaves the
    // page). The background stores it in storage.session under the SENDER's tab id, so a page can
    // neither write nor read another tab's notices (issue 13; once the page's own sessionStorage).
    from: ["content"],
    fields: { notice: "object" },
    reply: "{kept: number} (notices now kept for this tab; text only, at most 5, for 10 s)",
  },
  "gate:take-notices": {
    from: ["content"],
    fields: {},
    reply: "[{kind, text}] the notices kept for the sender's tab (removed by this call)",
  },
  "sites:sync": {
    // The options page, after adding or removing an own site (background/custom-sites.js): the
    // registered content scripts are made to match the stored sites whose host permission is granted.
    from: ["page"],
    fields: {},
    reply: "{registered: [match pattern], waiting: [match pattern]} (waiting: stored, permission not granted)",
  },
  "engine:version": {
    from: ["page"],
    python: "version",
    // parses: also how the engine's checks came by their parse (diagnostics, issue 15).
    fields: { parses: "boolean?" },
    reply: "{version: string, parses?: {same: number, new: number, edited: number}}",
  },
  "engine:restart": {
    from: ["page"],
    fields: { dropSnapshot: "boolean?" },
    reply: "status (as engine:status) after a fresh boot; dropSnapshot forces a cold boot",
  },
  // Chrome only: the service worker hands engine work to the offscreen document (target "offscreen").
  // Only extension contexts may send these; the offscreen document refuses anyone else.
  "offscreen:call": {
    from: ["page"],
    target: "offscreen",
    // tab: who asked (calls of one tab run in order, tabs take turns); lane: LANES (router.js laneFor).
    // lifecycle: {idleMs} from the settings (background/lifecycle.js), applied by the engine host.
    fields: { request: "object", tab: "string?", lane: "string?", lifecycle: "object?" },
    reply: "the py_core.api reply envelope for `request` (a py_core.api request object)",
  },
  "offscreen:status": {
    from: ["page"],
    target: "offscreen",
    fields: { start: "boolean?", lifecycle: "object?" },
    reply: "status (as engine:status); start: true also starts the engine",
  },
  "offscreen:restart": {
    from: ["page"],
    target: "offscreen",
    fields: { dropSnapshot: "boolean?" },
    reply: "status after a fresh boot",
  },
  // To a tab's content script (target "content", tabs.sendMessage to frame 0; reader/requests.js
  // answers, and only this extension's own pages and background: never another content script).
  "content:probe": {
    from: ["page"],
    target: "content",
    fields: {},
    reply: "{started: boolean} (started: Mailwacht's marks run in this tab)",
  },
  "content:read-draft": {
    // The popup: the draft of the focused (or first non-empty) editor of the tab.
    from: ["page"],
    target: "content",
    fields: {},
    reply:
      "{url, started, editors?: number, blank?: true, adapter?, platform?, draft?, draftKey?} " +
      "(draftKey: where the cards keep this draft's dismissals; never content)",
  },
  "content:check-field": {
    // The context menu's "Check this field with Mailwacht" (background/context-menu.js).
    from: ["page"],
    target: "content",
    fields: {},
    reply: "{found: boolean, adapter?: string, reason?: string}",
  },
});

/** `{ok: false, error}` envelope. */
export function errorReply(code, message) {
  return { ok: false, error: { code, message: String(message) } };
}

/** `{ok: true, result}` envelope. */
export function okReply(result) {
  return { ok: true, result };
}

const TYPES = {
  object: (v) => v !== null && typeof v === "object" && !Array.isArray(v),
  string: (v) => typeof v === "string",
  boolean: (v) => typeof v === "boolean",
};

/** null when `message` is a well-formed message of a declared kind, else why not. */
export function invalid(message) {
  if (message === null || typeof message !== "object") return "a message must be an object";
  const spec = MESSAGES[message.kind];
  if (!spec) return `unknown message kind ${JSON.stringify(message.kind)}`;
  for (const [name, type] of Object.entries(spec.fields)) {
    const optional = type.endsWith("?");
    const value = message[name];
    if (value === undefined || value === null) {
      if (!optional) return `${message.kind}: '${name}' is required`;
      continue;
    }
    if (!TYPES[type.replace("?", "")](value)) return `${message.kind}: '${name}' must be a ${type.replace("?", "")}`;
  }
  return null;
}

/** The py_core.api request (a plain object) for a validated message with a `python` kind. */
export function pythonRequest(message) {
  const spec = MESSAGES[message.kind];
  const request = { kind: spec.python };
  const meta = new Set(spec.meta || []);
  for (const name of Object.keys(spec.fields)) {
    if (meta.has(name)) continue;
    if (message[name] !== undefined && message[name] !== null) request[name] = message[name];
  }
  return request;
}

/**
 * The engine host's lane for a validated message from a sender of `role` (see LANES): the send
 * gate's check is "send", any other check from a content script (the marks, while typing) is
 * "typing", everything else (extension pages, the catalogue, footers, summaries) is "user".
 */
export function laneFor(message, role) {
  if (message.kind !== "engine:check" || role !== "content") return "user";
  return message.purpose === "send" ? "send" : "typing";
}

/** Who asked, for the engine host's per-tab queues: "tab:<id>" for a content script, else "page". */
export function askerOf(sender) {
  return sender && sender.tab && typeof sender.tab.id === "number" ? `tab:${sender.tab.id}` : "page";
}

/**
 * Who sent a runtime message: "page" (an extension page of ours), "content" (our content script in
 * a tab) or null (anyone else: refused). `sender` is the runtime.MessageSender.
 */
export function senderRole(sender, runtimeId, extensionOrigin) {
  if (!sender || sender.id !== runtimeId) return null;
  // Our own pages (popup, options, offscreen document, also when opened in a tab) have our origin.
  if (typeof sender.url === "string" && sender.url.startsWith(extensionOrigin)) return "page";
  // Our content scripts run in web pages: their sender has a tab and the page's URL.
  if (sender.tab) return "content";
  return null;
}
