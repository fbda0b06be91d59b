/**
 * End-to-end: the real GrapesJS with the newsletter preset (npm `grapesjs` and
 * `grapesjs-preset-newsletter`, pinned), the drag-and-drop builder many ESPs embed. The email
 * lives in a same-origin canvas iframe next to the builder's chrome; the grapesjs adapter checks
 * the email as GrapesJS exports it (its wrapper without editing attributes, plus its CSS) and
 * draws the marks on the live canvas. The issue 4 contract as for every editor
 * (editor-contract.mjs); the getters are `editor.getHtml()` and `editor.getCss()`.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "./harness.mjs";
import { editorContract, openEditorPage } from "./editor-contract.mjs";

editorContract(
  {
    name: "GrapesJS (newsletter preset)",
    adapter: "grapesjs",
    serve: { modules: join(ROOT, "node_modules") },
    open: openEditorPage("grapesjs.html", "modules"),
    content: (page) =>
      page.evaluate(() => ({
        html: editor.getHtml(),
        css: editor.getCss(),
        canvas: editor.Canvas.getDocument().querySelector('[data-gjs-type="wrapper"]').outerHTML,
      })),
    consentBox: (page) =>
      page.evaluate(() => {
        const frame = editor.Canvas.getFrameEl();
        const box = editor.Canvas.getDocument().querySelector("input[type=checkbox]");
        if (!box) return null;
        const f = frame.getBoundingClientRect();
        const r = box.getBoundingClientRect();
        const x = f.left + frame.clientLeft;
        const y = f.top + frame.clientTop;
        return { left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y, width: r.width, height: r.height };
      }),
    async typeFix(page) {
      const canvas = page.frameLocator("iframe.gjs-frame");
      const last = canvas.locator('p[data-gjs-type="text"]').last();
      await last.dblclick(); // GrapesJS's rich text editor starts on a double click
      await page.keyboard.press("Control+End");
      await page.keyboard.press("Enter");
      await page.keyboard.type("Afmelden voor deze nieuwsbrief");
      await page.keyboard.down("Shift");
      await page.keyboard.press("Home");
      await page.keyboard.up("Shift");
      // GrapesJS's rich text editor formats through the canvas document's editing commands.
      await page.evaluate(() => editor.Canvas.getDocument().execCommand("createLink", false, "https://nieuws.acme.nl/afmelden?u=1"));
      // Leaving the text block ends editing; GrapesJS then stores it in its model (getHtml).
      await canvas.locator("td").first().click({ position: { x: 5, y: 5 } });
      await page.waitForFunction(() => editor.getHtml().includes("afmelden?u=1"), null, { timeout: 10000 });
    },
    subject: "input[name=subject]",
    formControls: true,
  },
  { test, before, after, assert },
);
