/**
 * The one messaging client (issue 12): every runtime message that the content side (the marks, the
 * send gate) and the extension pages (popup, options) send to the background goes through `send()`,
 * checked against shared/protocol.js before it leaves (a kind or field the protocol does not
 * declare is refused here, not only by the router). The rule catalogue (engine:catalogue) is loaded
 * through `createCatalogue()`, the one loader of it.
 *
 * Firefox offers the promise-returning `browser`; Chrome's `chrome` returns promises in MV3.
 */
import { TARGET, invalid } from "./protocol.js";

/** The extension API of this context: `browser` (Firefox) or `chrome`. */
export const browserApi = () => globalThis.browser ?? globalThis.chrome;

/**
 * Send `message` ({kind, …fields}, a kind of shared/protocol.js MESSAGES) to the background and
 * resolve with the reply's `result`; reject with an Error on a malformed message, no reply
 * (`noReply` is that error's text) or an error reply ("code: message").
 */
export async function send(message, { api = browserApi(), noReply = "no reply from Mailwacht's background" } = {}) {
  const wrong = invalid(message);
  if (wrong) throw new Error(`not sent: ${wrong}`);
  const reply = await api.runtime.sendMessage({ target: TARGET.background, ...message });
  if (!reply) throw new Error(noReply);
  if (!reply.ok) throw new Error(reply.error ? `${reply.error.code}: ${reply.error.message}` : "engine error");
  return reply.result;
}

/**
 * The rule catalogue (engine:catalogue: [{id, title, severity, packs, basis, doc}]) in one
 * language, asked once and kept; a failed request is forgotten, so the next load() asks again.
 *
 *   const catalogue = createCatalogue({send});   // `send` as above (or one bound to its options)
 *   await catalogue.load(locale)  -> entries ([] after a failure; load() rejects only with `strict`)
 *   catalogue.rule(id)            -> entry | null (from the last load that succeeded)
 *   catalogue.entries()           -> entries (the same)
 *   catalogue.reset()             -> forget everything (the language changed: ids until reloaded)
 */
export function createCatalogue({ send: ask = send } = {}) {
  let pending = null;
  let pendingLocale = null;
  let byId = new Map();
  let list = [];
  return {
    load(locale, { strict = false } = {}) {
      if (!pending || pendingLocale !== locale) {
        pendingLocale = locale;
        const asked = ask({ kind: "engine:catalogue", locale }).then(
          (entries) => {
            if (pending !== asked) return entries; // a newer language was asked meanwhile
            list = entries || [];
            byId = new Map(list.map((entry) => [entry.id, entry]));
            return list;
          },
          (err) => {
            if (pending === asked) pending = null; // asked again next time
            throw err;
          },
        );
        pending = asked;
      }
      return strict ? pending : pending.catch(() => []);
    },
    reset() {
      pending = null;
      byId = new Map();
      list = [];
    },
    rule: (id) => byId.get(id) || null,
    entries: () => list,
  };
}

/**
 * Send `message` (a kind of target "content") to the content script of tab `tabId` (its top frame)
 * and resolve with the reply's `result`. Rejects when nothing of Mailwacht listens there (the
 * browser says "Receiving end does not exist" or similar) or with the error reply.
 */
export async function sendToTab(tabId, message, { api = browserApi() } = {}) {
  const wrong = invalid(message);
  if (wrong) throw new Error(`not sent: ${wrong}`);
  const reply = await api.tabs.sendMessage(tabId, { target: TARGET.content, ...message }, { frameId: 0 });
  if (!reply) throw new Error("no reply from Mailwacht's content script");
  if (!reply.ok) throw new Error(reply.error ? `${reply.error.code}: ${reply.error.message}` : "content script error");
  return reply.result;
}
