/**
 * The one owner of <mailwacht-root> (issues 10 and 13): everything Mailwacht draws on a page (the
 * marks' layer and cards, marks/overlay.js; the send gate's dialog, gate/dialog.js) lives in the
 * open shadow root of ONE host element per page, made here and remembered in this module, never
 * looked up by name (a page can make its own <mailwacht-root>). Each part adds its own stylesheet
 * to the shared shadow root and puts the host back in the page when the page removes it.
 */

/** top document -> our host element */
const hosts = new WeakMap();

/** The page's <mailwacht-root> (made on first use, with its open shadow root), not yet attached. */
export function rootHost(doc) {
  let host = hosts.get(doc);
  if (!host) {
    host = doc.createElement("mailwacht-root");
    host.attachShadow({ mode: "open" });
    hosts.set(doc, host);
  }
  return host;
}
