/**
 * End-to-end: the real CKEditor 5 (npm `ckeditor5`, pinned), classic editor. Its editable
 * (`.ck-editor__editable`, in the top document) is found by the generic contenteditable adapter;
 * the marks are measured on CKEditor's editing view, the engine reads that same view's HTML.
 * The issue 4 contract as for every editor (editor-contract.mjs); `editor.getData()` is the getter.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "./harness.mjs";
import { editorContract, openEditorPage, typeLineAndSelect } from "./editor-contract.mjs";

editorContract(
  {
    name: "CKEditor 5",
    adapter: "contenteditable",
    serve: { ckeditor: join(ROOT, "node_modules", "ckeditor5") },
    open: openEditorPage("ckeditor5.html", "ckeditor"),
    content: (page) => page.evaluate(() => editor.getData()),
    consentBox: (page) =>
      page.evaluate(() => {
        const box = document.querySelector(".ck-editor__editable input[type=checkbox]");
        return box ? box.getBoundingClientRect().toJSON() : null;
      }),
    async typeFix(page) {
      await typeLineAndSelect(page, ".ck-editor__editable p:last-child");
      // CKEditor's own link command (what its link balloon runs).
      await page.evaluate(() => editor.execute("link", "https://nieuws.acme.nl/afmelden?u=1"));
    },
    subject: "input[name=subject]",
    formControls: true,
  },
  { test, before, after, assert },
);
