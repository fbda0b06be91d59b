/**
 * Outlook on the web (outlook.office.com, outlook.office365.com, outlook.live.com): platform
 * "outlook" (webmail: nothing fills placeholders).
 *
 * What each selector rests on (Outlook cannot be loaded here; no Outlook page was inspected for
 * this file). Outlook's class names are generated; these are ARIA names, in English:
 * - body `[contenteditable="true"][aria-label="Message body"]`; subject
 *   `input[aria-label="Add a subject"]` (or its placeholder); To/Cc/Bcc wells
 *   `[aria-label="To"|"Cc"|"Bcc"]`: public Chrome extension code for Outlook on the web reads
 *   the compose window through exactly these. Fairly sure for an English interface. The Dutch
 *   names ("Berichttekst", "Onderwerp toevoegen", "Aan") are Outlook's usual Dutch words, NOT
 *   confirmed on a live page.
 * - addresses: recipient chips carry the address in a `title` attribute (same public code) or
 *   show it as text when the contact has no display name; a chip that shows only a name and
 *   hides its address is not counted (recipients-exposed may then under-count).
 * - From: shown only when the user turns the From field on; not read (the engine says it cannot
 *   see the sender: "needs review").
 * - Send: `button[aria-label="Send"]`, titled "Send (Ctrl+Enter)" (public automation scripts).
 *   Fairly sure.
 * - Schedule send: "Schedule send" (Outlook help "Delay or schedule sending email messages", as
 *   known, not re-checked from here; older builds "Send later") is an item of the menu opened by
 *   the arrow beside Send (aria-haspopup); tied back to its window as in sites/webmail.js. Labels
 *   fairly sure, roles not.
 * - Ctrl+Enter sends (the Send button's own title).
 * - compose window: the nearest ancestor of the body (or a button) holding a body and a subject
 *   input or a To well, and the Send button (sites/webmail.js composeOf).
 */
import * as S from "./registry.js";
import { webmail } from "./webmail.js";

const BODY = '[contenteditable="true"][aria-label="Message body"], [contenteditable="true"][aria-label="Berichttekst"]';
const SUBJECT =
  'input[aria-label="Add a subject"], input[placeholder="Add a subject"], input[aria-label="Onderwerp toevoegen"], input[placeholder="Onderwerp toevoegen"]';
const WELLS = { to: ["To", "Aan"], cc: ["Cc"], bcc: ["Bcc"] };
const wells = (compose, field) => WELLS[field].flatMap((name) => [...compose.querySelectorAll(`[aria-label="${name}"]:not(input[type="checkbox"])`)]);

/** The outlook site (sites.json lists it, with its hosts). */
export default webmail({
  id: "outlook",
  platform: "outlook",
  body: BODY,
  isCompose: (node) => Boolean(node.querySelector(BODY) && (node.querySelector(SUBJECT) || wells(node, "to").length)),
  subject: (compose) => compose.querySelector(SUBJECT),
  recipients: (compose) => ({ to: wells(compose, "to"), cc: wells(compose, "cc"), bcc: wells(compose, "bcc") }),
  from: () => null,
  isSend: (button) => button.getAttribute("role") !== "menuitem" && S.SEND_LABEL.test(S.labelOf(button)),
});
