/**
 * End-to-end in Firefox (Debian's firefox-esr with dist/firefox, over WebDriver BiDi; see
 * firefox.mjs launchFirefox): the same content script (classic scripts, no modules, no
 * web-accessible resources) finds a contenteditable body and TinyMCE's iframe body, draws the
 * marks (over the consent box, through the iframe offset), removes the mark when the fix is
 * typed, and leaves the draft byte-identical after a hundred checks. Issue 11: "False alarm?" on
 * a card saves its JSON file through Firefox's own download (into the test's download folder).
 */

import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, startServer } from "./harness.mjs";
import { assertMarksVisible, holds, overlayState, runChecks, typeLineAndSelect, until, waitForMark, waitForNoMark } from "./editor-contract.mjs";
import { downloadPrefs, launchFirefox } from "./firefox.mjs";

let firefox;
let site;
let tiny;
let downloads;

before(async () => {
  // Downloads go straight into a folder of the test's (firefox-pages.test.mjs does the same).
  downloads = mkdtempSync(join(tmpdir(), "mailwacht-ff-downloads-"));
  firefox = await launchFirefox({ prefs: downloadPrefs(downloads) });
  site = await startServer();
  tiny = await startServer({ root: join(ROOT, "node_modules", "tinymce") });
});

after(async () => {
  await firefox?.close();
  await site?.close();
  await tiny?.close();
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});

describe("Firefox, contenteditable", () => {
  let page;
  before(async () => {
    page = await firefox.newPage();
    await page.goto(site.url("editors/contenteditable.html"));
  });

  test("unsubscribe-missing on the lower edge, consent-prechecked over the box", async () => {
    const missing = await waitForMark(page, "unsubscribe-missing", 90000); // a cold engine boot
    await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
    assert.ok(missing.chip);
    const mark = await waitForMark(page, "consent-prechecked");
    await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
    const box = await page.evaluate(() => document.querySelector("#editor input[type=checkbox]").getBoundingClientRect().toJSON());
    assert.ok(holds(mark.rect, box), `mark ${JSON.stringify(mark.rect)} covers the box ${JSON.stringify(box)}`);
    assert.ok(mark.rect.width <= box.width + 6 && mark.rect.height <= box.height + 6);
    const { layers } = await overlayState(page);
    assert.deepEqual(layers.map((l) => l.adapter), ["contenteditable"]);
  });

  test("'False alarm?' on a card saves the JSON file through Firefox's download (the finding, the rule, the versions, the text around the mark)", async () => {
    await waitForMark(page, "consent-prechecked", 90000);
    // Puppeteer over BiDi: the card is opened and its button clicked in the page (a DOM click).
    const note = await page.evaluate(async () => {
      const root = document.querySelector("mailwacht-root").shadowRoot;
      root.querySelector('[data-rule="consent-prechecked"]').focus();
      root.querySelector(".card button.report").click();
      return root.querySelector(".card .note").textContent;
    });
    const file = await until(() => readdirSync(downloads).find((f) => /^mailwacht-false-alarm-consent-prechecked-.*\.json$/.test(f)), "the false-alarm file in the download folder", 20000);
    assert.ok(note.includes(file), `the card names the saved file: ${note}`);
    const saved = await until(() => {
      try {
        return JSON.parse(readFileSync(join(downloads, file), "utf-8"));
      } catch {
        return null; // still being written
      }
    }, "the whole file");
    assert.equal(saved.finding.rule, "consent-prechecked");
    assert.match(saved.versions.engine, /^\d+\.\d+/);
    assert.match(saved.versions.extension, /^\d+\.\d+/);
    assert.match(saved.text_around, /ik wil de nieuwsbrief ontvangen/i, "the text around the mark");
    // The card closes when the focus leaves it (it would lie over the draft's last lines for the next test).
    await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.activeElement?.blur());
    await until(() => page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector(".card").hidden), "the card to close", 5000);
  });

  test("the draft is byte-identical before and after a hundred checks", async () => {
    const html = () => page.evaluate(() => document.getElementById("editor").outerHTML);
    const before = await html();
    const setSubject = (i) =>
      page.evaluate((value) => {
        const input = document.querySelector("input[name=subject]");
        input.value = value;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }, `Nieuwsbrief november ${i}`);
    const { before: n0, after: n1 } = await runChecks(page, "contenteditable", 100, setSubject);
    assert.ok(n1 - n0 >= 100, `${n0} -> ${n1}`);
    assert.equal(await html(), before);
  });

  test("typing the fix makes unsubscribe-missing go away", async () => {
    await typeLineAndSelect(page, "#editor p:last-child");
    await page.evaluate(() => document.execCommand("createLink", false, "https://nieuws.acme.nl/afmelden?u=1"));
    await waitForNoMark(page, "unsubscribe-missing");
    await waitForMark(page, "consent-prechecked");
  });
});

describe("Firefox, TinyMCE", () => {
  let page;
  before(async () => {
    page = await firefox.newPage();
    await page.goto(site.url(`editors/tinymce.html?base=${encodeURIComponent(tiny.url(""))}`));
    await page.waitForFunction(() => window.editorReady === true, { timeout: 30000 });
  });

  test("the mark over the consent box inside TinyMCE's iframe", async () => {
    const mark = await waitForMark(page, "consent-prechecked", 60000);
    await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
    const box = await page.evaluate(() => {
      const frame = tinymce.activeEditor.iframeElement;
      const f = frame.getBoundingClientRect();
      const r = tinymce.activeEditor.getBody().querySelector("input[type=checkbox]").getBoundingClientRect();
      const x = f.left + frame.clientLeft;
      const y = f.top + frame.clientTop;
      return { left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y, width: r.width, height: r.height };
    });
    assert.ok(holds(mark.rect, box), `mark ${JSON.stringify(mark.rect)} covers the box ${JSON.stringify(box)}`);
    const { layers } = await overlayState(page);
    assert.deepEqual(layers.map((l) => l.adapter), ["tinymce"]);
    assert.match(await page.evaluate(() => tinymce.activeEditor.getContent()), /<input type="checkbox" checked="checked">/);
  });
});
