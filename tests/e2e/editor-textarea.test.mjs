/**
 * End-to-end: a <textarea> holding the draft's HTML source (ESP code editors, Roundcube's plain
 * mode). A textarea has no DOM for the draft, so every mark sits along its lower edge. Proves the
 * issue 4 contract for this editor kind: unsubscribe-missing and consent-prechecked are shown,
 * typing the fix (the link's markup) removes the first, and the value is byte-identical after a
 * hundred checks. A small comment textarea on the same page is not taken for a draft.
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startServer } from "./harness.mjs";
import { launchForEditors, overlayState, runChecks, waitForMark, waitForNoMark } from "./editor-contract.mjs";

let ext;
let site;
let page;

before(async () => {
  ext = await launchForEditors();
  site = await startServer();
  page = await ext.context.newPage();
  await page.goto(site.url("editors/textarea.html"));
});

after(async () => {
  await ext?.close();
  await site?.close();
});

const value = () => page.evaluate(() => document.getElementById("body").value);

test("a textarea draft without an unsubscribe link shows unsubscribe-missing on its lower edge", async () => {
  const mark = await waitForMark(page, "unsubscribe-missing");
  assert.ok(mark.chip);
  const area = await page.evaluate(() => document.getElementById("body").getBoundingClientRect().toJSON());
  assert.ok(mark.rect.bottom <= area.bottom && mark.rect.bottom >= area.bottom - 12, `${JSON.stringify(mark.rect)} vs ${JSON.stringify(area)}`);
  const state = await overlayState(page);
  assert.deepEqual(state.layers.map((l) => l.adapter), ["textarea"], "only the message body, not the small note field");
});

test("a pre-ticked consent box in the HTML source shows consent-prechecked", async () => {
  const mark = await waitForMark(page, "consent-prechecked");
  assert.equal(mark.severity, "error");
  assert.ok(mark.chip, "no DOM to point into: shown on the lower edge");
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
