/**
 * End-to-end: the real Quill 2 (npm `quill`, pinned), whose editable `.ql-editor` div in the top
 * document is found by the generic contenteditable adapter. Quill's schema has no form controls,
 * so the consent box of the starting draft is dropped by Quill itself (asserted): there is no box
 * to mark. The rest of the issue 4 contract as for every editor (editor-contract.mjs).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "./harness.mjs";
import { editorContract, openEditorPage } from "./editor-contract.mjs";

editorContract(
  {
    name: "Quill",
    adapter: "contenteditable",
    serve: { quill: join(ROOT, "node_modules", "quill") },
    open: openEditorPage("quill.html", "quill"),
    content: (page) => page.evaluate(() => ({ semantic: quill.getSemanticHTML(), root: quill.root.innerHTML, delta: quill.getContents() })),
    consentBox: (page) =>
      page.evaluate(() => {
        const box = quill.root.querySelector("input[type=checkbox]");
        return box ? box.getBoundingClientRect().toJSON() : null;
      }),
    async typeFix(page) {
      await page.click(".ql-editor p:last-child");
      await page.keyboard.press("End");
      await page.keyboard.press("Enter");
      const text = "Afmelden voor deze nieuwsbrief";
      await page.keyboard.type(text);
      // Quill's own API for what its link button does.
      await page.evaluate((n) => {
        const end = quill.getLength() - 1;
        quill.formatText(end - n, n, "link", "https://nieuws.acme.nl/afmelden?u=1", "user");
      }, text.length);
    },
    subject: "input[name=subject]",
    formControls: false,
  },
  { test, before, after, assert },
);
