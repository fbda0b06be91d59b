/**
 * Screenshots for the README: `python3 build.py && node tests/e2e/screenshots.mjs [outdir]` writes
 * to docs/screenshots/ (committed; small PNGs at device scale 1):
 *
 *   popup.png    the toolbar popup checking a contenteditable draft (findings by severity, export)
 *   options.png  the options page (profile, audience, packs, rules from the engine's catalogue)
 *   marks.png    the marks the content script draws over that draft
 *   card.png     a mark's card (message, fix, the guideline it rests on)
 *   summary.png  the top of the exported HTML compliance summary for the same draft
 *
 * Not a test (build.py test does not run it). It uses the test copy of the extension
 * (editor-contract.mjs testExtension), which also runs on the 127.0.0.1 test pages.
 */

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startServer } from "./harness.mjs";
import { launchForEditors, waitForMark } from "./editor-contract.mjs";

const out = process.argv[2] || join(ROOT, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const ext = await launchForEditors();
const site = await startServer();
try {
  // The settings a real user would have filled in, so the footer and findings name them.
  const setup = await ext.page();
  await setup.evaluate(() =>
    chrome.storage.sync.set({
      settings: {
        org: { name: "Acme B.V.", address: "Keizersgracht 1, 1015 AA Amsterdam", phone: "+31 20 123 4567", website: "www.acme.nl", domains: ["acme.nl"] },
        audience: "opt-in list",
        packs: ["nl"],
        locale: "en",
      },
    }),
  );

  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 820, height: 560 });
  const url = site.url("editors/contenteditable.html");
  await page.goto(url);
  await page.bringToFront(); // a background tab paints no new frames for the screenshot
  await waitForMark(page, "consent-prechecked");
  const draft = await page.evaluate(() => ({ html: document.getElementById("editor").innerHTML, subject: document.querySelector('[name="subject"]').value }));
  const sw = await ext.serviceWorker();
  const [tab] = await sw.evaluate((u) => chrome.tabs.query({ url: u }), url.replace(/:\d+\//, "/"));
  // The popup first: Playwright's page screenshots add an empty style attribute to the page's
  // inputs (playwright-core 1.65.1, also on a page without the extension), which would show in the
  // evidence of a later check; the draft for the summary is read before them too.
  const popup = await ext.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`${ext.origin}/popup/popup.html?tab=${tab.id}`);
  await popup.waitForSelector('body[data-phase="done"]', { timeout: 60000 });
  await popup.screenshot({ path: join(out, "popup.png") });

  await page.bringToFront();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, "marks.png") });
  // The card opens on keyboard focus and stays until focus leaves (one opened by hovering had
  // closed again by the time of the shot here).
  await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector('[data-rule="consent-prechecked"]').focus());
  await page.waitForFunction(() => !document.querySelector("mailwacht-root").shadowRoot.querySelector(".card").hidden);
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(out, "card.png") });

  const options = await ext.context.newPage();
  await options.setViewportSize({ width: 900, height: 1000 });
  await options.goto(`${ext.origin}/options/options.html`);
  await options.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
  await options.screenshot({ path: join(out, "options.png") });

  // The exported HTML summary of the same draft, with the same settings.
  const opts = await options.evaluate(async () => globalThis.MailwachtSettings.engineOptions((await globalThis.MailwachtSettings.load()).settings));
  const report = await ext.send({ kind: "engine:check", draft, options: opts });
  const summary = await ext.send({ kind: "engine:render-summary", report: report.result, format: "html", locale: "en" });
  const view = await ext.context.newPage();
  await view.setViewportSize({ width: 820, height: 900 });
  await view.setContent(summary.result.content);
  await view.screenshot({ path: join(out, "summary.png") });
  console.log(`screenshots written to ${out}`);
} finally {
  await ext.close();
  await site.close();
}
