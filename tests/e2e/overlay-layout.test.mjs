/**
 * End-to-end, issue 11 (the overlay made for people), on the Gmail-like floating compose window
 * (pages/floating-compose.html: a fixed window, its Send button under the draft):
 *   - chips never cover the draft: no chip's box intersects the draft's text boxes (the editable
 *     element's client rects of its text, cut to what is seen), at 1280 x 800, 760 px high and
 *     400 px wide; one row at most; a chip's full label on focus (not cut);
 *   - an opened card lies inside the viewport at each of those sizes, never over the page's Send
 *     button nor over the mark (the text) it describes;
 *   - "Report a false alarm" saves a local file (JSON) the user can read: the finding, the rule id,
 *     the engine's version and the text around the mark;
 *   - the card and badge follow Mailwacht's language setting, not the browser's: a Chromium
 *     started with --lang=en and Mailwacht set to Dutch shows Dutch words, with correct plurals.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, startServer } from "./harness.mjs";
import { assertCardsInViewport, assertNoChipOverText, intersects, launchForEditors, openedCards, overlayState, until, waitForMark } from "./editor-contract.mjs";

const messages = (locale) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", locale, "messages.json"), "utf-8"));
const NL = messages("nl");

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1280, height: 760 },
  { width: 400, height: 800 },
];

/** The box of the page's own Send button. */
const sendBox = (page) =>
  page.evaluate(() => {
    const r = document.getElementById("send").getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });

/** Open the floating compose window with `query` and wait until Mailwacht has drawn its marks. */
async function open(page, site, query) {
  await page.goto(site.url(`floating-compose.html?${query}`));
  await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
  // In a narrow window the compose window takes the whole width (as webmails do on a phone).
  await page.evaluate(() => innerWidth < 600 && window.moveCompose(0, 0, innerWidth));
  await waitForMark(page, "unsubscribe-missing", 60000);
  await waitForMark(page, "consent-prechecked");
}

describe("chips and cards on the floating compose window", () => {
  let ext;
  let site;
  let page;
  before(async () => {
    ext = await launchForEditors();
    site = await startServer();
    page = await ext.context.newPage();
  });
  after(async () => {
    await ext?.close();
    await site?.close();
  });

  for (const size of SIZES) {
    test(`${size.width} x ${size.height}: no chip covers the draft's text nor the Send button; the chips take one row; every opened card lies inside the viewport, off the Send button and off its mark`, async () => {
      await page.setViewportSize(size);
      await open(page, site, "mail=newsletter");
      // Scrolled to the end of the draft too: the last lines ("Met vriendelijke groet") are where the chips used to sit.
      for (const scrollTop of [0, 10000]) {
        await page.evaluate((y) => (document.getElementById("scroller").scrollTop = y), scrollTop);
        await page.waitForTimeout(150);
        const what = `${size.width} x ${size.height}, scrollTop ${scrollTop}`;
        const { chips } = await assertNoChipOverText(page, assert, { what });
        const tops = new Set(chips.map((c) => Math.round(c.rect.top)));
        assert.equal(tops.size, 1, `the chips take one row (${what}): ${JSON.stringify(chips.map((c) => c.rect))}`);
        const send = await sendBox(page);
        for (const c of chips) assert.ok(!intersects(c.rect, send), `the chip of ${c.rule} ${JSON.stringify(c.rect)} is not over the Send button ${JSON.stringify(send)} (${what})`);
        const cards = await assertCardsInViewport(page, assert, { atLeast: 2, what });
        for (const c of cards) {
          assert.ok(!intersects(c.card, send), `the card of ${c.rule} ${JSON.stringify(c.card)} is not over the Send button ${JSON.stringify(send)} (${what})`);
          assert.ok(!intersects(c.card, c.mark, 1), `the card of ${c.rule} ${JSON.stringify(c.card)} is not over its mark ${JSON.stringify(c.mark)} (${what})`);
        }
      }
    });
  }

  test("a chip shows its full label when focused (not cut with an ellipsis)", async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    await open(page, site, "mail=newsletter");
    const chips = await page.evaluate(async () => {
      const root = document.querySelector("mailwacht-root").shadowRoot;
      const out = [];
      for (const chip of root.querySelectorAll(".chip")) {
        if (chip.hidden) continue;
        chip.focus();
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const label = chip.querySelector(".label") || chip;
        out.push({ rule: chip.dataset.rule, scroll: label.scrollWidth, client: label.clientWidth, text: label.textContent });
        chip.blur();
      }
      return out;
    });
    assert.ok(chips.length >= 1, "chips are drawn");
    for (const c of chips) assert.ok(c.scroll <= c.client + 1, `the focused chip of ${c.rule} shows all of "${c.text}" (${c.scroll} > ${c.client})`);
  });

  test("'Report a false alarm' saves a local JSON file with the finding, the rule id, the engine version and the text around the mark", async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await open(page, site, "mail=newsletter");
    await page.evaluate(() => {
      const root = document.querySelector("mailwacht-root").shadowRoot;
      root.querySelector('[data-rule="consent-prechecked"]').focus();
    });
    const button = page.locator("mailwacht-root .card button.report");
    await until(() => button.isVisible(), "the report button in the card");
    const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), button.click()]);
    assert.match(download.suggestedFilename(), /^mailwacht-false-alarm-consent-prechecked-.*\.json$/);
    const file = await download.path();
    const saved = JSON.parse(readFileSync(file, "utf-8"));
    assert.equal(saved.finding.rule, "consent-prechecked");
    assert.match(saved.versions.engine, /^\d+\.\d+/);
    assert.match(saved.versions.extension, /^\d+\.\d+/);
    assert.match(saved.text_around, /ik wil de nieuwsbrief ontvangen/, "the text around the mark");
    assert.ok(!("html" in saved) && !JSON.stringify(saved).includes("lid1@leden"), "no recipients, no whole draft");
    const note = await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector(".card .note").textContent);
    assert.ok(note.includes(download.suggestedFilename()), `the card names the saved file: ${note}`);
  });
});

describe("the card and the badge follow Mailwacht's language, not the browser's", () => {
  let ext;
  let site;
  let page;
  before(async () => {
    ext = await launchForEditors({ args: ["--lang=en"] });
    site = await startServer();
    const extPage = await ext.page();
    assert.match(await extPage.evaluate(() => chrome.i18n.getUILanguage()), /^en/, "the browser speaks English");
    await extPage.evaluate(() => chrome.storage.sync.set({ settings: { version: 1, locale: "nl" } }));
    page = await ext.context.newPage();
  });
  after(async () => {
    await ext?.close();
    await site?.close();
  });

  test("--lang=en browser, Dutch setting: the card frame and the badge are Dutch, with Dutch plurals", async () => {
    await open(page, site, "mail=newsletter");
    const seen = await page.evaluate(() => {
      const root = document.querySelector("mailwacht-root").shadowRoot;
      root.querySelector('[data-rule="consent-prechecked"]').focus();
      const card = root.querySelector(".card");
      const badge = root.querySelector(".badge");
      const n = Object.fromEntries([...badge.querySelectorAll(".count")].map((c) => [c.dataset.severity, Number(c.dataset.n)]));
      return {
        dismiss: card.querySelector("button.dismiss").textContent,
        report: card.querySelector("button.report").textContent,
        sev: card.querySelector(".sev").textContent,
        basis: card.querySelector(".label").textContent,
        badge: badge.getAttribute("aria-label"),
        n,
      };
    });
    assert.equal(seen.dismiss, NL.contentDismiss.message);
    assert.equal(seen.report, NL.contentReport.message);
    assert.ok(seen.sev.startsWith(NL.contentSeverity_error.message), seen.sev);
    const plural = new Intl.PluralRules("nl");
    // <key>_one for exactly one (Intl.PluralRules "one"), <key> (the plural) for every other number.
    const count = (severity) => NL[`contentCount_${severity}${plural.select(seen.n[severity]) === "one" ? "_one" : ""}`].message.replace("$COUNT$", String(seen.n[severity]));
    assert.equal(seen.badge, NL.contentBadge.message.replace("$COUNTS$", ["error", "warning", "info"].map(count).join(", ")));
    assert.doesNotMatch(seen.badge, /errors|warnings|\(en\)/);
    const state = await overlayState(page);
    assert.ok(state.layers.length === 1);
    // The chip labels (rule titles) are Dutch too (the engine's catalogue in the chosen language).
    assert.ok(state.marks.some((m) => m.rule === "unsubscribe-missing" && m.chip));
    const cards = await openedCards(page);
    assert.ok(cards.every((c) => c.open));
  });
});
