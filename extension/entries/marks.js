/**
 * The marks alone (bundled into marks.js): what "Check this field with Mailwacht"
 * (background/context-menu.js) injects into a tab where Mailwacht's content script does not run,
 * before it sends content:check-field. No send gate: the user asked for the marks of one field.
 */
import { startMarks } from "../marks/main.js";
import { listenForRequests } from "../reader/requests.js";
import { browserApi } from "../shared/messaging.js";

if (window.top === window) {
  const api = browserApi();
  const marks = startMarks({ api });
  listenForRequests({ api, marks: () => marks });
}
