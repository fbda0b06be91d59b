/**
 * Mailchimp (the app at <datacenter>.admin.mailchimp.com, e.g. us1.admin.mailchimp.com):
 * platform "mailchimp" (its merge tags *|UNSUB|*, *|FNAME|* count as filled; another platform's
 * do not: py_core/tables/placeholders.py).
 *
 * What is known: Mailchimp help ("Schedule or pause a regular email", and the older "Schedule,
 * pause, or send a campaign") — the send step has a "Schedule" button (a date picker, then
 * "Schedule campaign" / "Confirm scheduling email" to confirm) and a "Send" button (then a
 * confirmation with "Send now"). Those first presses are held (sites/esp.js); the confirmations
 * in their modal are let through. The labels are the generic vocabulary of reader/sites/registry.js.
 *
 * Not known: the DOM of Mailchimp's builder and send pages (no page could be inspected; no
 * public source describes it reliably). No selector of Mailchimp's own is used: the editor, the
 * subject and From inputs are what the generic adapters find, and a send page that does not show
 * the draft is not held (see sites/esp.js).
 */
import { esp } from "./esp.js";
/** The mailchimp site (sites.json lists it, with its hosts). */
export default esp({ id: "mailchimp", platform: "mailchimp" });
