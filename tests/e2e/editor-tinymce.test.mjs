/**
 * End-to-end: the real TinyMCE (npm `tinymce`, pinned in package.json, served from node_modules on
 * a second 127.0.0.1 port) in classic iframe mode, as Roundcube's HTML editor uses it. Proves the
 * issue 4 contract for iframe editors: marks for a missing unsubscribe link and over a pre-ticked
 * consent box inside the iframe (iframe offsets), the mark going away when the fix is typed, and
 * the editor's own getter (`editor.getContent()`) byte-identical after a hundred checks.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "./harness.mjs";
import { assertCardsInViewport, assertMarksVisible, assertNoChipOverText, editorPage, editorPageUrl, holds, intersects, overlayState, runChecks, typeLineAndSelect, waitForMark, waitForNoMark } from "./editor-contract.mjs";

const env = editorPage({ before, after }, { serve: { tiny: join(ROOT, "node_modules", "tinymce") }, path: (s) => editorPageUrl("tinymce.html", s.tiny), ready: true });
let page;
before(async () => ({ page } = await env.ready));

/** The editor's content as TinyMCE reports it and as its iframe body holds it. */
const content = () =>
  page.evaluate(() => ({ api: tinymce.activeEditor.getContent(), body: tinymce.activeEditor.getBody().innerHTML }));

/** The checkbox's box in top-document coordinates (its iframe's content-box origin added). */
const checkboxBox = () =>
  page.evaluate(() => {
    const frame = tinymce.activeEditor.iframeElement;
    const f = frame.getBoundingClientRect();
    const r = tinymce.activeEditor.getBody().querySelector("input[type=checkbox]").getBoundingClientRect();
    const x = f.left + frame.clientLeft;
    const y = f.top + frame.clientTop;
    return { left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y, width: r.width, height: r.height };
  });

test("TinyMCE's iframe body is the editor; a draft without an unsubscribe link shows unsubscribe-missing", async () => {
  const mark = await waitForMark(page, "unsubscribe-missing");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  assert.equal(mark.severity, "error");
  assert.ok(mark.chip, "a chip about the whole draft");
  const frame = await page.evaluate(() => tinymce.activeEditor.iframeElement.getBoundingClientRect().toJSON());
  // Issue 11: chips never cover the draft: outside the iframe, just under (or above) it.
  assert.ok(mark.rect.top >= frame.bottom - 0.5 || mark.rect.bottom <= frame.top + 0.5, `outside the iframe: ${JSON.stringify(mark.rect)} vs ${JSON.stringify(frame)}`);
  const state = await overlayState(page);
  assert.deepEqual(
    state.layers.map((l) => l.adapter),
    ["tinymce"],
    "one editor, claimed by the TinyMCE adapter (not also as the hidden textarea or a generic iframe)",
  );
  assert.equal(await page.evaluate(() => document.querySelectorAll("mailwacht-root").length), 1);
  assert.equal(await page.evaluate(() => tinymce.activeEditor.getDoc().querySelectorAll("mailwacht-root").length), 0);
});

test("a pre-ticked consent box inside the iframe shows consent-prechecked over that box, also after scrolling", async () => {
  const mark = await waitForMark(page, "consent-prechecked");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  const box = await checkboxBox();
  assert.ok(holds(mark.rect, box), `mark ${JSON.stringify(mark.rect)} covers the box ${JSON.stringify(box)}`);
  assert.ok(mark.rect.width <= box.width + 6 && mark.rect.height <= box.height + 6, "and only the box");
  await page.evaluate(() => {
    document.body.style.paddingBottom = "2000px";
    window.scrollTo(0, 53);
  });
  await page.waitForTimeout(100);
  const moved = await waitForMark(page, "consent-prechecked");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  const boxNow = await checkboxBox();
  assert.ok(Math.abs(boxNow.top - (box.top - 53)) < 1, "the page scrolled");
  assert.ok(holds(moved.rect, boxNow), `after scrolling: mark ${JSON.stringify(moved.rect)} box ${JSON.stringify(boxNow)}`);
  await page.evaluate(() => window.scrollTo(0, 0));
});

test("issue 11: no chip covers TinyMCE's text (the iframe body's text boxes), also at 760 px high and 400 px wide; every opened card lies inside the viewport", async () => {
  for (const size of [{ width: 1280, height: 800 }, { width: 1280, height: 760 }, { width: 400, height: 800 }]) {
    await page.setViewportSize(size);
    await waitForMark(page, "unsubscribe-missing");
    await page.waitForTimeout(200);
    const what = `TinyMCE at ${size.width} x ${size.height}`;
    const { text } = await assertNoChipOverText(page, assert, { what });
    // The badge (counts) lies in the row outside the editor too: over none of the text (it sat in the editor's top-right corner).
    const badge = await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector(".badge").getBoundingClientRect().toJSON());
    assert.ok(badge.width > 0, `the badge is drawn (${what})`);
    const under = text.filter((t) => intersects(badge, t));
    assert.deepEqual(under, [], `the badge ${JSON.stringify(badge)} covers no text (${what})`);
    await assertCardsInViewport(page, assert, { what });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
});

test("TinyMCE's content is byte-identical before and after a hundred checks", async () => {
  await waitForMark(page, "consent-prechecked");
  const before = await content();
  assert.match(before.api, /<input type="checkbox" checked="checked">/, "TinyMCE kept the consent box");
  const { before: n0, after: n1 } = await runChecks(page, "tinymce", 100, (i) => page.fill("input[name=_subject]", `Nieuwsbrief november ${i}`));
  assert.ok(n1 - n0 >= 100, `a hundred checks were drawn (${n0} -> ${n1})`);
  assert.deepEqual(await content(), before);
  assert.equal(await page.evaluate(() => tinymce.activeEditor.isDirty()), false, "TinyMCE saw no change");
});

test("typing the fix (an unsubscribe link) in TinyMCE makes the unsubscribe-missing mark go away", async () => {
  await waitForMark(page, "unsubscribe-missing");
  const frame = page.frameLocator("iframe.tox-edit-area__iframe");
  await typeLineAndSelect(page, frame.locator("p").last());
  // TinyMCE's own link command (what its link dialog runs), so the change is the editor's.
  await page.evaluate(() => tinymce.activeEditor.execCommand("mceInsertLink", false, { href: "https://nieuws.acme.nl/afmelden?u=1" }));
  assert.match((await content()).api, /<a href="https:\/\/nieuws\.acme\.nl\/afmelden\?u=1">Afmelden voor deze nieuwsbrief<\/a>/);
  await waitForNoMark(page, "unsubscribe-missing");
  await waitForMark(page, "consent-prechecked");
});
