/**
 * Screenshots of the marks for the README (issue 4: "Screenshots of the marks, the card …"):
 * `node tests/e2e/editor-screenshots.mjs [outdir]` after `python3 build.py` writes PNGs of the
 * marks over a contenteditable draft, a focused mark's card, the dark palette and TinyMCE to
 * `dist/screenshots/` (generated, not committed). Not a test: build.py test does not run it.
 */

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startServer } from "./harness.mjs";
import { launchForEditors, waitForMark } from "./editor-contract.mjs";

const out = process.argv[2] || join(ROOT, "dist", "screenshots");
mkdirSync(out, { recursive: true });
const ext = await launchForEditors();
const site = await startServer();
const tiny = await startServer({ root: join(ROOT, "node_modules", "tinymce") });
try {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 900, height: 640 });
  const focus = (rule) =>
    page.evaluate((r) => document.querySelector("mailwacht-root").shadowRoot.querySelector(`[data-rule="${r}"]`).focus(), rule);

  await page.goto(site.url("editors/contenteditable.html"));
  await waitForMark(page, "consent-prechecked");
  await page.screenshot({ path: join(out, "marks.png") });
  await focus("consent-prechecked");
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(out, "card.png") });

  await page.goto(site.url("editors/contenteditable.html?dark"));
  await waitForMark(page, "consent-prechecked");
  await focus("unsubscribe-missing");
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(out, "card-dark.png") });

  await page.goto(site.url(`editors/tinymce.html?base=${encodeURIComponent(tiny.url(""))}`));
  await page.waitForFunction(() => window.editorReady === true);
  await waitForMark(page, "consent-prechecked");
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, "tinymce.png") });
  console.log(`screenshots written to ${out}`);
} finally {
  await ext.close();
  await site.close();
  await tiny.close();
}
