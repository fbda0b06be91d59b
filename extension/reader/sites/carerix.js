/**
 * Carerix (the recruitment system at <company>.carerix.net): platform "carerix" (its CxScript,
 * `<cx:write value="$activity.…"/>`, counts as its own in a template; `{{…}}` left in is refused
 * until filled: py_core/rules/placeholder_unresolved.py).
 *
 * What rests on sources (shared/REFERENCES.md, "Tripolis Dialogue, Carerix and Dutch ESPs", 2, and
 * "How a Carerix mailing goes out"):
 * - the host: "Go to applicationname.carerix.net" (help.carerix.com/en/articles/1947433-login-screen;
 *   "companyname.carerix.net", written with http:, in 2318216-change-password). Not the UI: `<app>web.carerix.net`
 *   (legacy web API), `*.mail.carerix.net` (sending addresses), api.carerix.io: not matched.
 * - the flow (en.help.carerix.com/marketing/campaigns/mailing-with-group): select contacts or
 *   candidates, "Send e-mail(s)", pick the template, "The e-mail screen opens"; a TEST goes out by
 *   typing an address at "E-mail address for test" and clicking [send]; the real send is
 *   [Generate e-mails], after which the messages "automatically are going to be send". The
 *   campaign variant's test button is [Send Example] (help.carerix.com/en/articles/1795120).
 * - the pace: the queue is checked every 3 minutes, at most 100 e-mails a time (…/1990014-mailing-size):
 *   why the guideline says not to press twice. duplicate-send reads that from ONE table,
 *   py_core/tables/sending.py; the gate passes the send history (gate/gate.js) and this site's
 *   platform, nothing else.
 *
 * What the gate does: it holds a button labelled "Generate e-mails" (and the Dutch "Genereer
 * e-mails", see below), whole label, with or without the hyphen, when the e-mail screen shows the
 * e-mail (an editor the adapters find: sites/esp.js). The generic send vocabulary is NOT used
 * here: the test [send] on the same screen, "Send Example" and every other button pass.
 *
 * Unknown (assumed here):
 * - the DOM of the e-mail screen: no page could be inspected; the editor, subject and From are
 *   what the generic adapters find (reader/adapters: contenteditable, iframe editors, textarea;
 *   inputs labelled Subject/Onderwerp, …). Whether the screen shows raw CxScript or the generated
 *   text is not known either (the engine treats CxScript as Carerix's own here).
 * - the Dutch label: "Genereer e-mails" is the usual translation but was NOT found in a Dutch
 *   Carerix page (only the English "[Generate e-mails]" is documented); other localisations of the
 *   button are not held.
 * - the recipients: whether the e-mail screen lists them is not known; without them duplicate-send
 *   compares the e-mail alone and takes the largest advised mailing (2000) for the queue window.
 */
import { esp } from "./esp.js";
// "[Generate e-mails]" (Carerix help, en); "Genereer e-mails" (nl, unconfirmed).
const GENERATE = /^\s*(generate e-?mails|genereer e-?mails)\s*$/i;
/** The carerix site (sites.json lists it, with its hosts). */
// Its hosts are sites.json's (*.carerix.net); of those, only one label before carerix.net is the
// application (not *.mail.carerix.net, the sending addresses; see the header).
const APP_HOST = /^[a-z0-9-]+\.carerix\.net$/i;
export default esp({ id: "carerix", platform: "carerix", matches: (doc) => APP_HOST.test(doc.location.hostname), labels: GENERATE, generic: false });
