/**
 * Mailwacht's content script (manifest.json content_scripts; build.py bundles this file and what it
 * imports into content.js with esbuild). MV3 content scripts cannot be ES modules in Chrome or
 * Firefox, and loading modules with import(runtime.getURL(…)) would need web_accessible_resources,
 * which lets every page probe for Mailwacht's files; so the module graph is bundled at build time
 * into one classic script that runs in the extension's isolated world.
 *
 * Runs at document_start in the top frame: the send gate (gate/main.js) registers its capture
 * listeners before any of the page's own; the marks (marks/main.js) start once the document is
 * idle, as a document_idle content script would (after DOMContentLoaded, at the load event or
 * 200 ms after DOMContentLoaded, whichever comes first), or earlier when the popup or the context
 * menu asks for them (reader/requests.js). The gate reaches the marks' quick fixes and mail-kind
 * store through `marks()`; nothing is shared through a global.
 */
import { startGate } from "../gate/main.js";
import { startMarks } from "../marks/main.js";
import { listenForRequests } from "../reader/requests.js";
import { browserApi } from "../shared/messaging.js";

/** Run `start` once the document is idle (see the header); at once when it is already loaded. */
function whenIdle(start) {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    start();
  };
  if (document.readyState === "complete") return go();
  const afterContentLoaded = () => {
    window.addEventListener("load", go, { once: true });
    setTimeout(go, 200);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", afterContentLoaded, { once: true });
  else afterContentLoaded();
}

if (window.top === window) {
  const api = browserApi();
  let marks = null;
  const ensureMarks = () => (marks ??= startMarks({ api }));
  listenForRequests({ api, marks: ensureMarks });
  startGate({ api, marks: () => marks });
  whenIdle(ensureMarks);
}
