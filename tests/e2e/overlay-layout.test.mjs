/**
 * End-to-end, issue 11 (the overlay made for people), on the Gmail-like floating compose window
 * (pages/floating-compose.html: a fixed window, its Send button under the draft):
 *   - chips never cover the draft: no chip's box intersects the draft's text boxes (the editable
 *     element's client rects of its text, cut to what is seen), at 1280 x 800, 760 px high and
 *     400 px wide; one row at most, with the badge (neither covers text); the chips at their full
 *     labels, or, when they do not all fit, folded into one summary chip ("5 issues", plural by the
 *     language setting) whose list opens outside the text and shows every label whole;
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
import { assertCardsInViewport, assertNoChipOverText, intersects, launchForEditors, openedCards, overlayState, textBoxes, until, waitForMark } from "./editor-contract.mjs";

const messages = (locale) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", locale, "messages.json"), "utf-8"));
const NL = messages("nl");
const EN = messages("en");
/** "<n> issues" / "1 issue" in `catalogue`'s language (contentIssues, Intl.PluralRules). */
const issues = (catalogue, locale, n) => catalogue[`contentIssues${new Intl.PluralRules(locale).select(n) === "one" ? "_one" : ""}`].message.replace("$COUNT$", String(n));

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

/** The strip under the editor: folded or not, its summary chip, the badge and the open list. */
const stripState = (page) =>
  page.evaluate(() => {
    const root = document.querySelector("mailwacht-root").shadowRoot;
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const edge = root.querySelector(".edge");
    const summary = edge.querySelector(".more");
    return {
      side: edge.dataset.side,
      folded: edge.classList.contains("folded"),
      open: edge.classList.contains("open"),
      up: edge.classList.contains("up"),
      row: rect(edge),
      summary: summary.hidden ? null : { text: summary.textContent, rect: rect(summary), expanded: summary.getAttribute("aria-expanded") },
      badge: rect(edge.querySelector(".badge")),
      list: rect(edge.querySelector(".chips")),
      labels: [...edge.querySelectorAll(".chip:not([hidden]) .label")].map((l) => ({ text: l.textContent, scroll: l.scrollWidth, client: l.clientWidth, rect: rect(l) })),
    };
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
        const { chips, text } = await assertNoChipOverText(page, assert, { what });
        const tops = new Set(chips.map((c) => Math.round(c.rect.top)));
        assert.equal(tops.size, 1, `the chips take one row (${what}): ${JSON.stringify(chips.map((c) => c.rect))}`);
        const send = await sendBox(page);
        for (const c of chips) assert.ok(!intersects(c.rect, send), `the chip of ${c.rule} ${JSON.stringify(c.rect)} is not over the Send button ${JSON.stringify(send)} (${what})`);
        // The badge and the summary chip lie in that row, outside the text, off the Send button.
        const strip = await stripState(page);
        const row = [strip.badge, ...(strip.summary ? [strip.summary.rect] : [])];
        for (const r of row) {
          assert.ok(!text.some((t) => intersects(r, t)), `${JSON.stringify(r)} covers none of the draft's text (${what})`);
          assert.ok(!intersects(r, send), `${JSON.stringify(r)} is not over the Send button ${JSON.stringify(send)} (${what})`);
        }
        if (strip.folded) {
          // Folded: one summary chip ("5 issues") with the plural of Mailwacht's language.
          assert.ok(strip.summary, `the summary chip is shown (${what})`);
          assert.equal(strip.summary.text, issues(EN, "en", chips.length), what);
          assert.ok(Math.abs(strip.summary.rect.top + strip.summary.rect.height / 2 - (strip.badge.top + strip.badge.height / 2)) < 2, `the summary chip sits beside the badge (${what})`);
        } else {
          assert.equal(strip.summary, null, `no summary chip while the chips fit (${what})`);
          for (const l of strip.labels) assert.ok(l.scroll <= l.client + 1, `the chip "${l.text}" shows its whole label (${what})`);
        }
        const cards = await assertCardsInViewport(page, assert, { atLeast: 2, what });
        for (const c of cards) {
          assert.ok(!intersects(c.card, send), `the card of ${c.rule} ${JSON.stringify(c.card)} is not over the Send button ${JSON.stringify(send)} (${what})`);
          assert.ok(!intersects(c.card, c.mark, 1), `the card of ${c.rule} ${JSON.stringify(c.card)} is not over its mark ${JSON.stringify(c.mark)} (${what})`);
        }
      }
    });
  }

  test("400 px: the chips fold into one summary chip; a click opens their list outside the text, every label whole; Escape and a click elsewhere close it", async () => {
    await page.setViewportSize({ width: 400, height: 800 });
    await open(page, site, "mail=newsletter");
    const closed = await stripState(page);
    assert.ok(closed.folded && closed.summary && !closed.open, `folded at 400 px: ${JSON.stringify(closed)}`);
    assert.equal(closed.summary.expanded, "false");
    await page.locator("mailwacht-root .edge .more").click();
    const opened = await until(async () => {
      const s = await stripState(page);
      return s.open ? s : null;
    }, "the list of chips");
    assert.equal(opened.summary.expanded, "true");
    assert.ok(opened.labels.length >= 3, `the chips are listed: ${JSON.stringify(opened.labels)}`);
    for (const l of opened.labels) {
      assert.ok(l.scroll <= l.client + 1, `"${l.text}" is shown whole (${l.scroll} > ${l.client})`);
      assert.ok(l.rect.left >= 0 && l.rect.right <= 400 && l.rect.top >= 0 && l.rect.bottom <= 800, `"${l.text}" inside the viewport: ${JSON.stringify(l.rect)}`);
    }
    const text = await textBoxes(page);
    assert.ok(opened.list.top >= 0 && opened.list.bottom <= 800 && opened.list.left >= 0 && opened.list.right <= 400, `the list lies inside the viewport: ${JSON.stringify(opened.list)}`);
    // Under the row when there is room (then it covers no text), else above it (the user asked for it, as for a card), never over the row.
    if (opened.up) assert.ok(opened.list.bottom <= opened.row.top + 0.5, `the list opens above the row: ${JSON.stringify(opened)}`);
    else assert.ok(!text.some((t) => intersects(opened.list, t)), `the list under the row covers no text: ${JSON.stringify(opened.list)}`);
    // Hovering a listed chip opens its card.
    await page.locator("mailwacht-root .edge .chip").first().hover();
    await until(() => page.evaluate(() => !document.querySelector("mailwacht-root").shadowRoot.querySelector(".card").hidden), "the card of a listed chip");
    await page.locator("mailwacht-root .edge .more").focus();
    await page.keyboard.press("Escape"); // the card first (opened by the pointer: the focus stays on the summary chip)
    assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector(".card").hidden), true, "Escape closes the card");
    assert.equal((await stripState(page)).open, true, "the list stays open under the closed card");
    await page.keyboard.press("Escape");
    await until(async () => !(await stripState(page)).open, "Escape to close the list");
    await page.locator("mailwacht-root .edge .more").click();
    await until(async () => (await stripState(page)).open, "the list again");
    await page.mouse.click(5, 5); // elsewhere on the page
    await until(async () => !(await stripState(page)).open, "a click elsewhere to close the list");
  });

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

describe("the row under the editor leaves the page's own buttons free (gate-pages/compose.html: Verzenden, Inplannen, Opslaan under the editor)", () => {
  let ext;
  let site;
  let page;
  before(async () => {
    ext = await launchForEditors();
    site = await startServer({ root: join(ROOT, "tests", "e2e", "gate-pages") });
    page = await ext.context.newPage();
  });
  after(async () => {
    await ext?.close();
    await site?.close();
  });

  for (const width of [1280, 400]) {
    test(`${width} x 800: no chip, summary chip or badge lies over the page's buttons, fields or the draft's text; the page's Send button takes the click`, async () => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(site.url("compose.html"));
      await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
      // A fluid editor (as screenshots.mjs makes it): at 400 px the page's buttons fill the row under it.
      await page.evaluate(() => {
        const style = document.createElement("style");
        style.textContent = "#editor { width: auto !important; max-width: 640px; } input { max-width: 100%; box-sizing: border-box; }";
        document.head.append(style);
      });
      await waitForMark(page, "unsubscribe-missing", 60000);
      await page.waitForTimeout(300);
      const what = `compose.html at ${width} px`;
      const { text } = await assertNoChipOverText(page, assert, { what });
      const strip = await stripState(page);
      const controls = await page.evaluate(() => [...document.querySelectorAll("button, input, select")].map((el) => ({ id: el.id || el.name, ...el.getBoundingClientRect().toJSON() })));
      const ours = [strip.badge, ...(strip.summary ? [strip.summary.rect] : []), ...(strip.folded ? [] : strip.labels.map((l) => l.rect))];
      for (const r of ours) {
        const under = controls.filter((c) => intersects(r, c));
        assert.deepEqual(under.map((c) => c.id), [], `${JSON.stringify(r)} covers none of the page's controls (${what})`);
        assert.ok(!text.some((t) => intersects(r, t)), `${JSON.stringify(r)} covers no text (${what})`);
        assert.ok(r.left >= 0 && r.right <= width && r.top >= 0 && r.bottom <= 800, `${JSON.stringify(r)} inside the viewport (${what})`);
      }
      // The page's own buttons take the pointer: nothing of Mailwacht's intercepts it.
      for (const id of ["send", "schedule", "save"]) {
        const c = controls.find((x) => x.id === id);
        const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.id || document.elementFromPoint(x, y)?.localName, { x: c.left + c.width / 2, y: c.top + c.height / 2 });
        assert.equal(hit, id, `the page's ${id} button is under the pointer at its centre (${what})`);
      }
    });
  }
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

  test("--lang=en browser: the context-menu entry's title follows the setting (Dutch, then English when the setting changes)", async () => {
    const EN_TITLE = EN.contextMenuCheckField.message;
    const NL_TITLE = NL.contextMenuCheckField.message;
    assert.notEqual(NL_TITLE, EN_TITLE);
    // The title the service worker last set with contextMenus.update (a headless browser cannot open the native menu).
    const title = async () => (await ext.serviceWorker()).evaluate(() => globalThis.mailwachtContextMenu.retitled);
    await until(async () => (await title()) === NL_TITLE, "the Dutch title");
    await (await ext.page()).evaluate(() => chrome.storage.sync.set({ settings: { version: 1, locale: "en" } }));
    await until(async () => (await title()) === EN_TITLE, "the English title after the setting changed");
    await (await ext.page()).evaluate(() => chrome.storage.sync.set({ settings: { version: 1, locale: "nl" } }));
    await until(async () => (await title()) === NL_TITLE, "the Dutch title again");
  });
});
