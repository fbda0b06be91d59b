/**
 * Brevo, formerly Sendinblue (app.brevo.com): platform "brevo" ({{ unsubscribe }},
 * {{ contact.FIRSTNAME }} count as filled; another platform's merge tags do not:
 * py_core/tables/placeholders.py).
 *
 * What is known: a campaign goes out from its last step with "Schedule" or "Send now" (the
 * labels this project's brief names for Brevo; Brevo's help pages could not be consulted here,
 * so treat them as unconfirmed). Both are in the generic vocabulary of reader/sites/registry.js and are
 * held when the page shows the draft (sites/esp.js); a confirmation in a modal is let through.
 *
 * Not known: the DOM of Brevo's editor and campaign pages (no page could be inspected). No
 * selector of Brevo's own is used: the editor, subject and From inputs are what the generic
 * adapters find.
 */
import { esp } from "./esp.js";
/** The brevo site (sites.json lists it, with its hosts). */
export default esp({ id: "brevo", platform: "brevo" });
