/**
 * What a site is, and the helpers the site files share (issues 4 and 5): one file per site in
 * reader/sites/, each exporting ONE object that serves both the writing-time marks and the send
 * gate; sites.json lists them with their hosts, and reader/sites/index.js asks them in that order
 * (siteFor(doc) -> site | null).
 *
 * A site is:
 *
 *   {
 *     id: "gmail",                       // unique
 *     platform: "gmail",                 // py_core Options.platform (py_core/model.py PLATFORMS)
 *     exclusive: true,                   // true: the send gate asks only this site (webmail, whose
 *                                        // buttons are known); false: the generic detector
 *                                        // (gate/sites.js) also looks at a click the site does not know
 *     matches(doc) -> boolean,           // on its hosts (sites.json; asked only there), this top
 *                                        // document is the site: () => true when the hosts say it
 *                                        // all; a narrower test (Tripolis' /dialogue/), or, for a
 *                                        // site without hosts (Roundcube), the page's DOM
 *     decorate(editor, doc),             // writing time: platform, envelope fields, wrapped draft()
 *     sendButton(el) -> Element | null,  // send time: the send OR schedule button a click target hit
 *     actionOf(button) -> "send" | "schedule",
 *     draft(button, doc) -> Draft,       // what that button would send (py_core Draft as JSON)
 *     shortcut(event) -> boolean,        // the site's own send shortcut
 *     buttonNear(target, doc) -> Element | null,  // the send button a shortcut in `target` presses
 *   }
 *
 * Sites only read the page; none writes to it.
 *
 * Shared helpers for the site files and gate/sites.js live here too: button labels (the send and
 * schedule vocabularies) and address lists; "which editor belongs to this button" is
 * reader/editors.js editorIn.
 */
import { splitAddresses } from "../addresses.js";

/**
 * Send buttons, whole label, case-insensitive, in the languages of the mail and ESP interfaces
 * Mailwacht supports: en Send/Send now/Send email/Send message/Send campaign, nl Verzend(en)/
 * Versturen/Verstuur (nu), de (Ab)senden/Jetzt senden, fr Envoyer (maintenant), es/pt
 * Enviar (ahora/agora), it Invia (ora). "Send test", "Save" and "Preview" are not sends.
 */
export const SEND_LABEL =
  /^\s*(send( now| email| message| campaign)?|verzend(en)?( nu)?|(verstuur|versturen)( nu)?|(ab)?senden|jetzt senden|envoyer( maintenant)?|enviar( ahora| agora)?|invia( ora)?)\s*$/i;

/**
 * "Schedule send" buttons and menu items, whole label, case-insensitive. English labels from
 * the products' help: Mailchimp "Schedule or pause a regular email" ("Schedule", then "Schedule
 * campaign"; consulted); Gmail Help "Schedule emails to be sent later" (support.google.com/mail/
 * answer/9214606: "Schedule send") and Outlook's "Delay or schedule sending email messages"
 * ("Schedule send"; older builds "Send later"), both as known, not re-checked from here (no
 * internet); Brevo "Schedule" as the project's brief names it (its help not consulted). The
 * other languages are the usual interface words for scheduling, NOT checked one by one against
 * each product's localisation: nl Inplannen / Verzending (in)plannen / Verzenden (in)plannen /
 * Later verzenden, de Planen / Senden planen / Später senden, fr Programmer / Programmer
 * l'envoi / Planifier / Planifier l'envoi / Envoyer plus tard, es/pt Programar / Programar
 * envío / Programar envio / Agendar / Agendar envio / Enviar más tarde, it Programma /
 * Programma invio / Pianifica (invio).
 * "Schedule a test", "Save schedule" and the like are not matched (whole label only).
 */
export const SCHEDULE_LABEL = new RegExp(
  "^\\s*(" +
    [
      "schedule( send| email| campaign| for later)?",
      "send later",
      "inplannen",
      "verzend(ing|en) (in)?plannen",
      "later verzenden",
      "planen",
      "senden planen",
      "später senden",
      "programmer( l['’]envoi)?",
      "planifier( l['’]envoi)?",
      "envoyer plus tard",
      "programar( env[ií]o)?",
      "agendar( envio)?",
      "enviar más tarde",
      "programma( invio)?",
      "pianifica( invio)?",
    ].join("|") +
    ")\\s*$",
  "i",
);

/** Elements that act as buttons (menu items included: Gmail's and Outlook's "Schedule send"). */
export const BUTTONS = 'button, input[type="submit"], input[type="button"], [role="button"], [role="menuitem"], a.button, a.btn';

/**
 * The visible label of a button-like element (its aria-label, value, text, Gmail's data-tooltip
 * or title), without bidi marks and a trailing shortcut hint: Gmail labels its button
 * "Send \u202a(Ctrl-Enter)\u202c", Outlook titles it "Send (Ctrl+Enter)".
 */
export function labelOf(el) {
  const text =
    (el.getAttribute("aria-label") || "").trim() ||
    (el.value && el.tagName === "INPUT" ? el.value : "") ||
    el.textContent ||
    el.getAttribute("data-tooltip") ||
    el.getAttribute("title") ||
    "";
  return text
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\s*\([^()]*\)\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** "send", "schedule" or null for a button's label. */
export function actionOfLabel(el) {
  const label = labelOf(el);
  if (SCHEDULE_LABEL.test(label)) return "schedule";
  if (SEND_LABEL.test(label)) return "send";
  return null;
}

/** From an <option> text like `Name <addr>` or `addr`: {from_name, from_address}. */
export function parseFrom(text) {
  const m = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(text || "");
  if (m) return { from_name: m[1].trim(), from_address: m[2].trim() };
  return { from_name: "", from_address: (text || "").trim() };
}

const EMAIL = /[^\s<>()"',;:@]+@[^\s<>()"',;:@]+\.[^\s<>()"',;:@]+/g;

/** Every distinct address in `texts` (attribute values, chip texts), in order, lower-cased. */
export function addressesIn(texts) {
  const seen = new Set();
  for (const text of texts) for (const m of String(text || "").match(EMAIL) || []) seen.add(m.toLowerCase());
  return [...seen];
}

/** The form (or compose region) around `el`: a <form>, a dialog, the main region, or the document. */
export function composeScope(el) {
  return (el.closest && el.closest('form, [role="dialog"], [role="main"]')) || el.ownerDocument;
}

/** The closest button-like element around a click target, or null. */
export function buttonAt(el) {
  return el && el.closest ? el.closest(BUTTONS) : null;
}

/** Ctrl/Cmd+Enter without Alt or Shift: the send shortcut of Gmail, Outlook on the web and most editors. */
export function ctrlEnter(event) {
  return event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

/** The page's URL without query or fragment, for the report's `source`. */
export function sourceOf(doc) {
  return doc.location ? doc.location.origin + doc.location.pathname : "";
}

export { splitAddresses };
