/**
 * Gmail and Outlook on the web: their compose bodies are contenteditable divs (found by
 * contenteditable.js). This site adapter tells the engine the platform, which it knows from the
 * address alone (webmail: nothing fills placeholders), and reads Gmail's subject field
 * (`input[name="subjectbox"]`, the name Gmail's compose form has long used). The recipients and
 * sender of these pages live in widgets without stable names; they are left for later, and the
 * engine reports what it cannot see as "needs review".
 *
 * Not tested end to end here (no Gmail or Outlook on 127.0.0.1): only the platform and the
 * subject lookup, both read-only.
 */
(() => {
  "use strict";
  const MW = globalThis.Mailwacht;
  const PLATFORMS = [
    { id: "gmail", hosts: /^mail\.google\.com$/ },
    { id: "outlook", hosts: /^outlook\.(office|office365|live)\.com$/ },
  ];

  for (const { id, hosts } of PLATFORMS) {
    MW.adapters.registerSite({
      id,
      matches: (doc) => hosts.test(doc.location.hostname),
      decorate(editor, doc) {
        editor.platform = id;
        if (id !== "gmail" || editor.fields.subject) return;
        // The subject of the compose window holding this editor (several can be open at once).
        let node = editor.anchor;
        while (node && node !== doc.body && !node.querySelector('input[name="subjectbox"]')) node = node.parentElement;
        const subject = node && node.querySelector('input[name="subjectbox"]');
        if (!subject) return;
        editor.fields.subject = subject;
        editor.watch = [...editor.watch, subject];
        const base = editor.draft;
        editor.draft = () => ({ ...base(), subject: subject.value });
      },
    });
  }
})();
