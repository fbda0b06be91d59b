/**
 * End-to-end: the real CKEditor 4 (npm `ckeditor4` 4.22.1, pinned), classic mode: the draft is
 * the contenteditable body of a same-origin iframe (`iframe.cke_wysiwyg_frame`), found by the
 * generic contenteditable adapter's iframe branch. The issue 4 contract as for every editor
 * (editor-contract.mjs); `editor.getData()` is the getter.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "./harness.mjs";
import { editorContract, openEditorPage, typeLineAndSelect } from "./editor-contract.mjs";

editorContract(
  {
    name: "CKEditor 4",
    adapter: "contenteditable",
    serve: { ckeditor: join(ROOT, "node_modules", "ckeditor4") },
    open: openEditorPage("ckeditor4.html", "ckeditor"),
    content: (page) => page.evaluate(() => CKEDITOR.instances.body.getData()),
    consentBox: (page) =>
      page.evaluate(() => {
        const frame = document.querySelector("iframe.cke_wysiwyg_frame");
        const box = frame.contentDocument.querySelector("input[type=checkbox]");
        if (!box) return null;
        const f = frame.getBoundingClientRect();
        const r = box.getBoundingClientRect();
        const x = f.left + frame.clientLeft;
        const y = f.top + frame.clientTop;
        return { left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y, width: r.width, height: r.height };
      }),
    async typeFix(page) {
      await typeLineAndSelect(page, page.frameLocator("iframe.cke_wysiwyg_frame").locator("p").last());
      // What CKEditor 4's link dialog applies: a link style on the selection.
      const selected = await page.evaluate(() => {
        const editor = CKEDITOR.instances.body;
        const text = editor.getSelection().getSelectedText();
        const style = new CKEDITOR.style({ element: "a", attributes: { href: "https://nieuws.acme.nl/afmelden?u=1" } });
        style.type = CKEDITOR.STYLE_INLINE;
        editor.applyStyle(style);
        return text;
      });
      assert.equal(selected, "Afmelden voor deze nieuwsbrief");
    },
    subject: "input[name=subject]",
    formControls: true,
  },
  { test, before, after, assert },
);
