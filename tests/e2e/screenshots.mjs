/**
 * Screenshots for the README (issue 11): `python3 build.py && node tests/e2e/screenshots.mjs [outdir]`
 * writes to docs/screenshots/ (committed; PNGs at device scale 1), in Dutch and in English
 * (Mailwacht's language setting; the browser is started in the same language, as its user has it),
 * each surface 1280 and 400 px wide:
 *
 *   marks-<lang>-<width>.png    that draft with Mailwacht's marks and the row under the editor (no card)
 *   editor-<lang>-<width>.png   a draft in a compose page with Mailwacht's marks and one card open
 *   dialog-<lang>-<width>.png   the send dialog that holds that draft at "Send"
 *   popup-<lang>-400.png        the toolbar popup checking the draft (a popup is 400 px wide at most
 *                               here: browsers cap popups at 800 px and Mailwacht's is narrow)
 *   options-<lang>-<width>.png  the options page
 *   summary-<lang>-<width>.png  the top of the exported HTML compliance summary of the draft
 *
 * The draft is written in the language of the shot (a Dutch bakery's newsletter, its English
 * counterpart): no unsubscribe link, a pre-ticked consent box, a "view in browser" line. The compose
 * page is tests/e2e/gate-pages/compose.html (its own Send button, as a webmail has), its editor made
 * fluid so that the 400 px shots show a narrow window rather than a page cut off.
 *
 * Not a test (build.py test does not run it). It uses the test copy of the extension
 * (editor-contract.mjs testExtension), which also runs on the 127.0.0.1 test pages. It fails loudly
 * when a surface does not appear (no mark, no card, no dialog, a popup that does not finish).
 */

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT, startServer } from "./harness.mjs";
import { launchForEditors, until, waitForMark } from "./editor-contract.mjs";

const out = process.argv[2] || join(ROOT, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const WIDTHS = [1280, 400];
const HEIGHT = 800;

const DRAFTS = {
  nl: {
    subject: "Weekactie: 50% korting op brood",
    html:
      "<p>Bekijk deze e-mail in je browser.</p><p>Beste klant,</p>" +
      "<p>Alleen deze week: 50% korting op alle broden! Bestel nu via onze webwinkel en haal uw brood morgen vers op.</p>" +
      '<p><label><input type="checkbox" checked> Ja, ik wil de nieuwsbrief ontvangen</label></p>' +
      "<p>Met vriendelijke groet,<br>Bakkerij De Korenaar</p>",
  },
  en: {
    subject: "This week: 50% off all bread",
    html:
      "<p>View this email in your browser.</p><p>Dear customer,</p>" +
      "<p>This week only: 50% off all bread! Order now in our web shop and pick up your loaf fresh tomorrow.</p>" +
      '<p><label><input type="checkbox" checked> Yes, I want to receive the newsletter</label></p>' +
      "<p>Kind regards,<br>De Korenaar Bakery</p>",
  },
};
const PROFILE = { name: "Bakkerij De Korenaar", address: "Dorpsstraat 1, 1234 AB Ons Dorp", phone: "+31 20 123 4567", website: "www.bakkerijdekorenaar.nl", domains: ["bakkerijdekorenaar.nl"] };

const site = await startServer({ root: join(ROOT, "tests", "e2e", "gate-pages") });
const written = [];
const shot = async (target, name, options = {}) => {
  await target.screenshot({ path: join(out, name), ...options });
  written.push(name);
};

/** The compose page at `width` with the draft of `lang`, checked: its marks drawn. */
async function compose(ext, lang, width) {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width, height: HEIGHT });
  await page.goto(site.url("compose.html"));
  await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
  await page.bringToFront(); // a background tab paints no new frames for the screenshot
  await page.evaluate(({ subject, html }) => {
    const style = document.createElement("style");
    style.textContent = "#editor { width: auto !important; max-width: 640px; } select, input { max-width: 100%; box-sizing: border-box; } @media (max-width: 500px) { body { margin: 12px !important; } }";
    document.head.append(style);
    document.querySelector("[name=subject]").value = subject;
    document.getElementById("editor").innerHTML = html;
    document.getElementById("editor").dispatchEvent(new Event("input", { bubbles: true }));
  }, DRAFTS[lang]);
  await waitForMark(page, "consent-prechecked");
  await page.waitForTimeout(400); // the last check's marks settle
  return page;
}

for (const lang of ["nl", "en"]) {
  const ext = await launchForEditors({ args: [`--lang=${lang}`] });
  try {
    const setup = await ext.page();
    await setup.evaluate((settings) => chrome.storage.sync.set({ settings }), { org: PROFILE, audience: "opt-in list", packs: ["nl"], locale: lang });

    for (const width of WIDTHS) {
      // The draft with its marks and the consent box's card open (a card opens on keyboard focus
      // and stays until focus leaves).
      const page = await compose(ext, lang, width);
      // The marks and the row under the editor (chips, or their summary chip, and the badge), no card open.
      await shot(page, `marks-${lang}-${width}.png`);
      await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector('[data-rule="consent-prechecked"]').focus());
      await page.waitForFunction(() => {
        const card = document.querySelector("mailwacht-root").shadowRoot.querySelector(".card");
        return card && !card.hidden;
      });
      await page.waitForTimeout(300);
      await shot(page, `editor-${lang}-${width}.png`);

      // The send dialog: the page's own Send button, held by the gate.
      await page.click("#send");
      await until(() => page.evaluate(() => Boolean(document.querySelector("mailwacht-root")?.shadowRoot?.querySelector(".gate-dialog"))), "the send dialog", 30000);
      await page.waitForTimeout(500);
      await shot(page, `dialog-${lang}-${width}.png`);
      await page.close();

      const options = await ext.context.newPage();
      await options.setViewportSize({ width, height: HEIGHT });
      await options.goto(`${ext.origin}/options/options.html`);
      await options.waitForSelector('body[data-ready="all"]', { timeout: 60000 });
      await shot(options, `options-${lang}-${width}.png`);
      await options.close();

      // The exported HTML summary of the same draft, with the same settings.
      const opts = await setup.evaluate(async () => {
        const settings = await import("/shared/settings.js");
        return settings.engineOptions((await settings.load()).settings);
      });
      const draft = { html: DRAFTS[lang].html, subject: DRAFTS[lang].subject, from_name: PROFILE.name, from_address: "nieuwsbrief@bakkerijdekorenaar.nl", to: ["klant@example.org"] };
      const report = await ext.send({ kind: "engine:check", draft, options: opts });
      if (!report.ok) throw new Error(`check: ${JSON.stringify(report.error)}`);
      const tz = { tz_offset: -new Date().getTimezoneOffset(), tz_name: Intl.DateTimeFormat().resolvedOptions().timeZone || "" };
      const summary = await ext.send({ kind: "engine:render-summary", report: report.result, format: "html", locale: lang, options: tz });
      if (!summary.ok) throw new Error(`summary: ${JSON.stringify(summary.error)}`);
      const view = await ext.context.newPage();
      await view.setViewportSize({ width, height: HEIGHT });
      await view.setContent(summary.result.content);
      await shot(view, `summary-${lang}-${width}.png`);
      await view.close();
    }

    // The popup, opened on the compose page's tab (?tab=: in a tab of its own "the active tab"
    // would be the popup itself).
    const page = await compose(ext, lang, 1280);
    const sw = await ext.serviceWorker();
    const url = page.url();
    const [tab] = await sw.evaluate((u) => chrome.tabs.query({ url: u }), url.replace(/:\d+\//, "/"));
    const popup = await ext.context.newPage();
    await popup.setViewportSize({ width: 400, height: HEIGHT });
    await popup.goto(`${ext.origin}/popup/popup.html?tab=${tab.id}`);
    await popup.waitForSelector('body[data-phase="done"]', { timeout: 60000 });
    await popup.waitForSelector('#engine[data-state="ready"]', { timeout: 60000 });
    await shot(popup, `popup-${lang}-400.png`);
    await popup.close();
    await page.close();
  } finally {
    await ext.close();
  }
}
await site.close();
console.log(`${written.length} screenshots written to ${out}: ${written.join(", ")}`);
