/**
 * End-to-end: a <textarea> holding the draft's HTML source (ESP code editors, Roundcube's plain
 * mode). A textarea has no DOM for the draft, so every mark sits along its lower edge. Proves the
 * issue 4 contract for this editor kind: unsubscribe-missing and consent-prechecked are shown,
 * typing the fix (the link's markup) removes the first, and the value is byte-identical after a
 * hundred checks. A small comment textarea on the same page is not taken for a draft.
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertMarksVisible, editorPage, overlayState, runChecks, waitForMark, waitForNoMark } from "./editor-contract.mjs";

const env = editorPage({ before, after }, { path: "editors/textarea.html" });
let site;
let page;
before(async () => ({ site, page } = await env.ready));

const value = () => page.evaluate(() => document.getElementById("body").value);

test("a textarea draft without an unsubscribe link shows unsubscribe-missing just under it (issue 11: chips never cover the draft)", async () => {
  const mark = await waitForMark(page, "unsubscribe-missing");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  assert.ok(mark.chip);
  const area = await page.evaluate(() => document.getElementById("body").getBoundingClientRect().toJSON());
  assert.ok(mark.rect.top >= area.bottom && mark.rect.top <= area.bottom + 12, `${JSON.stringify(mark.rect)} vs ${JSON.stringify(area)}`);
  const state = await overlayState(page);
  assert.deepEqual(state.layers.map((l) => l.adapter), ["textarea"], "only the message body, not the small note field");
});

test("a pre-ticked consent box in the HTML source shows consent-prechecked", async () => {
  const mark = await waitForMark(page, "consent-prechecked");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  assert.equal(mark.severity, "error");
  assert.ok(mark.chip, "no DOM to point into: a chip outside the textarea");
});

test("the textarea's value is byte-identical before and after a hundred checks", async () => {
  await waitForMark(page, "consent-prechecked");
  const before = await value();
  const { before: n0, after: n1 } = await runChecks(page, "textarea", 100, (i) => page.fill("input[name=_subject]", `Nieuwsbrief november ${i}`));
  assert.ok(n1 - n0 >= 100, `a hundred checks were drawn (${n0} -> ${n1})`);
  assert.equal(await value(), before);
});

test("typing the fix (the unsubscribe link's markup) makes the unsubscribe-missing mark go away", async () => {
  await waitForMark(page, "unsubscribe-missing");
  await page.focus("#body");
  await page.keyboard.press("Control+End");
  await page.keyboard.type('\n<p><a href="https://nieuws.acme.nl/afmelden?u=1">Afmelden voor deze nieuwsbrief</a></p>');
  await waitForNoMark(page, "unsubscribe-missing");
  await waitForMark(page, "consent-prechecked");
});

test("plain text: a finding about text is underlined over its characters in the textarea", async () => {
  await page.goto(site.url("editors/textarea-plain.html"));
  const mark = await waitForMark(page, "unsubscribe-manual");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  assert.equal(mark.chip, false);
  const expected = await page.evaluate(() => {
    // Line 6 (index 5: after the web-version line and a blank line) of the value, from its 16th character ("Geen zin meer? 😀 " is 16
    // code points: the emoji is one character on screen, two UTF-16 units), 10 characters long.
    const area = document.getElementById("body");
    const r = area.getBoundingClientRect();
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = getComputedStyle(area).font;
    const before = ctx.measureText("Geen zin meer? 😀 ").width;
    const width = ctx.measureText("Stuur STOP").width;
    const left = r.left + 1 + 8 + before;
    const top = r.top + 1 + 8 + 5 * 20;
    return { left, top, right: left + width, bottom: top + 20 };
  });
  assert.ok(Math.abs(mark.rect.top - expected.top) <= 3 && Math.abs(mark.rect.bottom - expected.bottom) <= 3, `line: ${JSON.stringify(mark.rect)} vs ${JSON.stringify(expected)}`);
  assert.ok(Math.abs(mark.rect.left - expected.left) <= 3 && Math.abs(mark.rect.right - expected.right) <= 3, `columns: ${JSON.stringify(mark.rect)} vs ${JSON.stringify(expected)}`);
  // Scrolling the textarea moves the mark with the text.
  await page.evaluate(() => {
    const area = document.getElementById("body");
    area.value += "\n".repeat(40);
    area.dispatchEvent(new Event("input"));
    area.scrollTop = 30;
  });
  await page.waitForTimeout(600);
  const moved = await waitForMark(page, "unsubscribe-manual");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  assert.ok(Math.abs(moved.rect.top - (expected.top - 30)) <= 3, `after scrolling 30 px: ${JSON.stringify(moved.rect)}`);
});
