/**
 * End-to-end: a plain contenteditable compose body (pages/editors/contenteditable.html) in
 * Chromium with the built extension. Proves the issue 4 contract for this editor kind: the marks
 * for a missing unsubscribe link and a pre-ticked consent box (over the box), the mark going away
 * when the fix is typed, and the draft byte-identical after a hundred checks.
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { assertMarksVisible, checksOf, dismissFinding, editorPage, holds, overlayState, runChecks, typeLineAndSelect, until, waitForMark, waitForNoMark } from "./editor-contract.mjs";

const env = editorPage({ before, after }, { path: "editors/contenteditable.html" });
let site;
let page;
before(async () => ({ site, page } = await env.ready));

const editorHtml = () => page.evaluate(() => document.getElementById("editor").outerHTML);

test("a draft without an unsubscribe link shows an unsubscribe-missing mark along the editor's lower edge", async () => {
  const mark = await waitForMark(page, "unsubscribe-missing");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  assert.equal(mark.severity, "error");
  assert.equal(mark.tag, "button", "marks are buttons (keyboard accessible)");
  assert.ok(mark.chip, "a missing element is a chip about the whole draft");
  const editor = await page.evaluate(() => {
    const r = document.getElementById("editor").getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  });
  // Issue 11: chips never cover the draft: just under the editor, outside it.
  assert.ok(mark.rect.top >= editor.bottom && mark.rect.top <= editor.bottom + 40, `chip just under the editor: ${JSON.stringify(mark.rect)} vs ${JSON.stringify(editor)}`);
  assert.ok(mark.rect.left >= editor.left && mark.rect.right <= editor.right);
  const state = await overlayState(page);
  assert.ok(state.host, "<mailwacht-root> hangs from the top document's documentElement");
  assert.equal(state.layers.length, 1);
  assert.equal(state.layers[0].adapter, "contenteditable");
  assert.match(state.layers[0].label, /Mailwacht: [1-9]\d* errors?,/);
});

test("a pre-ticked consent box shows consent-prechecked positioned over that box", async () => {
  const mark = await waitForMark(page, "consent-prechecked");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  assert.equal(mark.chip, false);
  const box = await page.evaluate(() => {
    const r = document.querySelector("#editor input[type=checkbox]").getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  });
  assert.ok(holds(mark.rect, box), `mark ${JSON.stringify(mark.rect)} covers the box ${JSON.stringify(box)}`);
  assert.ok(mark.rect.width <= box.width + 6 && mark.rect.height <= box.height + 6, "and only the box");
  // The mark follows the page when it scrolls.
  await page.evaluate(() => {
    document.body.style.paddingBottom = "2000px";
    window.scrollTo(0, 37);
  });
  await page.waitForTimeout(100);
  const moved = await waitForMark(page, "consent-prechecked");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  const boxNow = await page.evaluate(() => document.querySelector("#editor input[type=checkbox]").getBoundingClientRect().toJSON());
  assert.ok(Math.abs(boxNow.top - (box.top - 37)) < 1, "the page scrolled");
  assert.ok(holds(moved.rect, boxNow), `after scrolling: mark ${JSON.stringify(moved.rect)} box ${JSON.stringify(boxNow)}`);
  await page.evaluate(() => window.scrollTo(0, 0));
});

test("focusing a mark opens its card with message, fix and basis; the card never enters the draft", async () => {
  await waitForMark(page, "consent-prechecked");
  const card = await page.evaluate(() => {
    const root = document.querySelector("mailwacht-root").shadowRoot;
    root.querySelector('[data-rule="consent-prechecked"]').focus();
    const el = root.querySelector(".card");
    return { hidden: el.hidden, text: el.textContent, role: el.getAttribute("role"), button: el.querySelector("button.dismiss").textContent };
  });
  assert.equal(card.hidden, false);
  assert.equal(card.role, "dialog");
  assert.match(card.text, /Ja, ik wil de nieuwsbrief ontvangen/);
  assert.match(card.text, /Planet49/, "the card names the ruling the finding rests on");
  assert.equal(card.button, "Dismiss for this draft");
  assert.equal(await page.evaluate(() => document.querySelectorAll("#editor mailwacht-root, #editor [data-rule]").length), 0);
});

test("hovering over a mark opens its card; leaving closes it; clicks still reach the draft", async () => {
  const mark = await waitForMark(page, "consent-prechecked");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  const cardShown = () => page.evaluate(() => !document.querySelector("mailwacht-root").shadowRoot.querySelector(".card").hidden);
  // A card opened by focus stays until focus leaves: leave it first.
  await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.activeElement?.blur());
  await until(async () => !(await cardShown()), "the focused card to close", 3000);
  await page.mouse.move(mark.rect.left + mark.rect.width / 2, mark.rect.top + mark.rect.height / 2);
  await until(cardShown, "the card on hover", 3000);
  await page.mouse.move(5, 5);
  await until(async () => !(await cardShown()), "the card to close", 3000);
  // The mark lets the pointer through: what is under it is the draft's own checkbox.
  const centre = { x: mark.rect.left + mark.rect.width / 2, y: mark.rect.top + mark.rect.height / 2 };
  assert.equal(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y).tagName, centre), "INPUT");
});

test("keyboard: the badge leads to the marks, Tab moves between them, Escape closes the card", async () => {
  await waitForMark(page, "consent-prechecked");
  const active = () =>
    page.evaluate(() => {
      const root = document.querySelector("mailwacht-root").shadowRoot;
      const el = root.activeElement;
      return { rule: el && el.dataset ? el.dataset.rule || null : null, card: !root.querySelector(".card").hidden };
    });
  await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector(".badge").focus());
  await page.keyboard.press("Enter");
  const first = await active();
  assert.ok(first.rule, "Enter on the badge focuses the first mark");
  assert.ok(first.card, "a focused mark shows its card");
  await page.keyboard.press("Escape");
  const closed = await active();
  assert.equal(closed.rule, first.rule, "focus stays on the mark");
  assert.equal(closed.card, false);
  await page.keyboard.press("Tab");
  const second = await active();
  assert.ok(second.rule && second.rule !== first.rule, `Tab moves to the next mark (${first.rule} -> ${second.rule})`);
  assert.ok(second.card);
  await page.keyboard.press("Escape");
});

test("only a changed draft goes to the engine: events and focus without a change check nothing", async () => {
  await waitForMark(page, "consent-prechecked");
  await page.waitForTimeout(500); // let any check in flight land
  const before = await checksOf(page, "contenteditable");
  for (let i = 0; i < 5; i++) await page.dispatchEvent("input[name=subject]", "input");
  await page.click("#editor p:first-child"); // focus and caret: no change to the draft
  await page.evaluate(() => document.getElementById("editor").setAttribute("spellcheck", "false"));
  await page.evaluate(() => document.getElementById("editor").removeAttribute("spellcheck"));
  await page.waitForTimeout(1500); // debounce and the 1 s poll, twice over
  assert.equal(await checksOf(page, "contenteditable"), before);
});

test("the draft is byte-identical before and after a hundred checks", async () => {
  await waitForMark(page, "consent-prechecked");
  const before = await editorHtml();
  const { before: n0, after: n1 } = await runChecks(page, "contenteditable", 100, (i) => page.fill("input[name=subject]", `Nieuwsbrief november ${i}`));
  assert.ok(n1 - n0 >= 100, `a hundred checks were drawn (${n0} -> ${n1})`);
  assert.equal(await editorHtml(), before);
  await waitForMark(page, "consent-prechecked");
});

test("dismissing a finding hides its mark for this draft", async () => {
  await waitForMark(page, "logo-missing");
  await dismissFinding(page, "logo-missing");
  await waitForNoMark(page, "logo-missing");
  // A later check (the draft changed) keeps it dismissed: the fingerprint went to the engine.
  await page.fill("input[name=subject]", "Nieuwsbrief november (2)");
  await page.waitForTimeout(1000);
  assert.ok(!(await overlayState(page)).marks.some((m) => m.rule === "logo-missing" && !m.hidden));
});

test("typing the fix (an unsubscribe link) makes the unsubscribe-missing mark go away", async () => {
  await waitForMark(page, "unsubscribe-missing");
  // Type a new line, select it and make it a link, as an editor's link button (execCommand) does.
  await typeLineAndSelect(page, "#editor p:last-child");
  await page.evaluate(() => document.execCommand("createLink", false, "https://nieuws.acme.nl/afmelden?u=1"));
  assert.match(await editorHtml(), /<a href="https:\/\/nieuws\.acme\.nl\/afmelden\?u=1">Afmelden voor deze nieuwsbrief<\/a>/);
  await waitForNoMark(page, "unsubscribe-missing");
  // The consent finding remains, still over its box.
  await waitForMark(page, "consent-prechecked");
});

test("on a dark page the layer and its card use the dark palette", async () => {
  await page.goto(site.url("editors/contenteditable.html?dark"));
  await waitForMark(page, "consent-prechecked");
  const state = await overlayState(page);
  assert.equal(state.layers[0].theme, "dark");
  const colours = await page.evaluate(() => {
    const root = document.querySelector("mailwacht-root").shadowRoot;
    root.querySelector('[data-rule="consent-prechecked"]').focus();
    const card = root.querySelector(".card");
    const style = getComputedStyle(card);
    return { theme: card.dataset.theme, background: style.backgroundColor, color: style.color };
  });
  assert.equal(colours.theme, "dark");
  assert.equal(colours.background, "rgb(32, 33, 36)");
  assert.equal(colours.color, "rgb(232, 234, 237)");
});

test("a finding about text is underlined exactly over that text (code points, across elements)", async () => {
  await page.goto(site.url("editors/text-marks.html"));
  const mark = await waitForMark(page, "unsubscribe-manual");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  assert.equal(mark.chip, false);
  const expected = await page.evaluate(() => {
    // The words in UTF-16 terms, found the page's way; two emoji precede them.
    const p = document.querySelectorAll("#editor p")[2]; // after the web-version line and the greeting
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    const range = document.createRange();
    const first = nodes.find((n) => n.data.includes("Stuur"));
    range.setStart(first, first.data.indexOf("Stuur"));
    const stop = nodes.find((n) => n.data === "STOP");
    range.setEnd(stop, 4);
    return range.getBoundingClientRect().toJSON();
  });
  for (const side of ["left", "top", "right", "bottom"]) {
    assert.ok(Math.abs(mark.rect[side] - expected[side]) < 1, `${side}: mark ${JSON.stringify(mark.rect)} vs text ${JSON.stringify(expected)}`);
  }
  const cls = await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector('[data-rule="unsubscribe-manual"]').className);
  assert.equal(cls, "mark text");
});

test("an editor inside an iframe: the mark sits over the box through the iframe's border and padding, and follows the iframe's scroll", async () => {
  await page.goto(site.url("editors/nested.html"));
  const boxOf = () =>
    page.evaluate(() => {
      const frame = document.getElementById("builder");
      const f = frame.getBoundingClientRect();
      const cs = getComputedStyle(frame);
      const r = frame.contentDocument.querySelector("input[type=checkbox]").getBoundingClientRect();
      const x = f.left + frame.clientLeft + parseFloat(cs.paddingLeft);
      const y = f.top + frame.clientTop + parseFloat(cs.paddingTop);
      return { left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y, width: r.width, height: r.height };
    });
  const mark = await waitForMark(page, "consent-prechecked");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  const box = await boxOf();
  assert.ok(holds(mark.rect, box), `mark ${JSON.stringify(mark.rect)} covers the box ${JSON.stringify(box)}`);
  assert.ok(mark.rect.width <= box.width + 6 && mark.rect.height <= box.height + 6);
  await page.evaluate(() => document.getElementById("builder").contentWindow.scrollTo(0, 41));
  await page.waitForTimeout(150);
  const moved = await waitForMark(page, "consent-prechecked");
  await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
  const boxNow = await boxOf();
  assert.ok(Math.abs(boxNow.top - (box.top - 41)) < 1, "the iframe scrolled");
  assert.ok(holds(moved.rect, boxNow), `after scrolling: ${JSON.stringify(moved.rect)} vs ${JSON.stringify(boxNow)}`);
  assert.deepEqual((await overlayState(page)).layers.map((l) => l.adapter), ["contenteditable"]);
});
