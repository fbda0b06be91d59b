/**
 * The draft reader alone (bundled into reader.js): what the popup injects into a tab where
 * Mailwacht's content script does not run, to read the draft it checks (content:read-draft).
 * It only reads the page: no marks, no send gate.
 */
import { listenForRequests } from "../reader/requests.js";
import { browserApi } from "../shared/messaging.js";

if (window.top === window) listenForRequests({ api: browserApi(), marks: () => null });
