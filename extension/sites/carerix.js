/**
 * Carerix (the recruitment system at <application>.carerix.net: Carerix help and its login
 * screen): platform "carerix" (a draft with {{…}} left in is refused until filled:
 * py_core/rules/placeholder_unresolved.py).
 *
 * What is known (Carerix help, "mailing with group", summarised in the shared REFERENCES.md "How
 * a Carerix mailing goes out"): the user selects contacts or candidates, picks an e-mail template
 * under "Send e-mail(s)", checks the e-mail screen and presses [Generate e-mails] ("Genereer
 * e-mails"); the messages are then generated and sent. That button IS Carerix's send button, the
 * one its guideline warns against pressing twice: it is held here (whole label, with or without
 * the hyphen) when the e-mail screen shows the draft (sites/esp.js).
 *
 * Not known: the DOM of that e-mail screen (no page could be inspected). No selector of Carerix's
 * own is used: the editor, subject and From inputs are what the generic adapters find.
 */
(() => {
  "use strict";
  const S = globalThis.Mailwacht.sites;
  // "Generate e-mails" (en) / "Genereer e-mails" (nl), as Carerix help names the button.
  const GENERATE = /^\s*(generate e-?mails|genereer e-?mails)\s*$/i;
  S.register(S.esp({ id: "carerix", platform: "carerix", hosts: /(^|\.)carerix\.net$/, labels: GENERATE }));
})();
