/**
 * End-to-end (issue 10): Mailwacht's marks are SEEN on top of what the page draws: a Gmail-like
 * floating compose window (`position: fixed; z-index: 1000`, scrollable body:
 * pages/floating-compose.html), an editor inside a <dialog> the page opened with showModal(), a
 * page dialog opened over the editor (the marks must not be drawn over it), a fullscreen compose
 * box and one in a page popover (pages/dialog-compose.html). Every check of what is seen goes
 * through editor-contract.mjs markVisibility: document.elementFromPoint at each mark's centre is
 * <mailwacht-root> and the shadow root's hit test is the mark.
 */

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { assertMarksVisible, editorPage, holds, markVisibility, overlayState, until, waitForEditorReady, waitForMark, waitForNoMark } from "./editor-contract.mjs";

/** The consent box in the floating window, in viewport coordinates. */
const consentBox = (page) =>
  page.evaluate(() => {
    const r = document.querySelector("#body input[type=checkbox]").getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  });
const composeRect = (page) =>
  page.evaluate(() => {
    const r = window.compose.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  });
/** The consent mark once it sits over the box where the box is now (after a scroll or a move). */
async function consentMarkOverBox(page, what) {
  return until(async () => {
    const mark = (await overlayState(page)).marks.find((m) => m.rule === "consent-prechecked" && !m.hidden);
    const box = await consentBox(page);
    return mark && holds(mark.rect, box) && mark.rect.width <= box.width + 6 ? { mark, box } : null;
  }, what);
}

describe("a Gmail-like floating compose window (position: fixed; z-index: 1000)", () => {
  const env = editorPage({ before, after }, { path: "floating-compose.html?mail=newsletter", ready: true });
  let page;
  before(async () => ({ page } = await env.ready));

  test("every mark is drawn above the window and seen at its centre", async () => {
    await waitForMark(page, "consent-prechecked");
    await waitForMark(page, "unsubscribe-missing");
    const marks = await assertMarksVisible(page, assert, { atLeast: 2, what: "floating compose" });
    assert.ok(marks.some((m) => m.rule === "consent-prechecked" && !m.chip), "the box mark is among them");
    const { mark, box } = await consentMarkOverBox(page, "the mark over the consent box");
    assert.ok(holds(mark.rect, box));
  });

  test("scrolling the window's body: the mark follows the box; scrolled out of the window, it is not drawn outside it", async () => {
    await waitForMark(page, "consent-prechecked");
    await page.evaluate(() => (document.getElementById("scroller").scrollTop = 40));
    await consentMarkOverBox(page, "the mark over the box after scrolling 40 px");
    await assertMarksVisible(page, assert, { atLeast: 2, what: "after scrolling the window's body" });
    await page.evaluate(() => (document.getElementById("scroller").scrollTop = 600));
    await waitForNoMark(page, "consent-prechecked"); // the box is above the window's visible body now
    const win = await composeRect(page);
    for (const m of (await overlayState(page)).marks.filter((x) => !x.hidden)) {
      assert.ok(holds(win, m.rect, 1), `${m.rule} ${JSON.stringify(m.rect)} lies inside the window ${JSON.stringify(win)}`);
    }
    await assertMarksVisible(page, assert, { atLeast: 1, what: "scrolled to the end" });
    await page.evaluate(() => (document.getElementById("scroller").scrollTop = 0));
    await consentMarkOverBox(page, "the mark back over the box");
  });

  test("moving and resizing the window: the marks follow it", async () => {
    await consentMarkOverBox(page, "the mark over the box");
    const before = await consentBox(page);
    await page.evaluate(() => window.moveCompose(300, 60));
    const { box } = await consentMarkOverBox(page, "the mark over the box after a move");
    assert.ok(Math.abs(box.left - before.left) > 100 && Math.abs(box.top - before.top) > 30, "the window did move");
    await assertMarksVisible(page, assert, { atLeast: 2, what: "after a move" });
    await page.evaluate(() => window.moveCompose(24, 0, 700, 600));
    await consentMarkOverBox(page, "the mark over the box after a resize");
    await assertMarksVisible(page, assert, { atLeast: 2, what: "after a resize" });
    // A move the page animates with a CSS transform (no style attribute change on the window's box).
    await page.evaluate(() => (window.compose.style.transform = "translate(-120px, -40px)"));
    await consentMarkOverBox(page, "the mark over the box after a transform");
    await assertMarksVisible(page, assert, { atLeast: 2, what: "after a transform" });
  });

  test("the pointer still reaches the draft: a click on the pre-ticked box under its mark unticks it", async () => {
    const { box } = await consentMarkOverBox(page, "the mark over the box");
    await page.mouse.click(box.left + box.width / 2, box.top + box.height / 2);
    assert.equal(await page.evaluate(() => document.querySelector("#body input[type=checkbox]").checked), false);
  });
});

describe("the page's own top layer: <dialog>s, fullscreen, popovers", () => {
  const env = editorPage({ before, after }, { path: "dialog-compose.html?mode=modal", ready: true });
  let page;
  before(async () => ({ page } = await env.ready));

  test("an editor inside a <dialog> opened with showModal(): the marks are seen above the dialog", async () => {
    await waitForMark(page, "consent-prechecked");
    await assertMarksVisible(page, assert, { atLeast: 2, what: "in a modal dialog" });
  });

  test("a modal dialog opened OVER the editor: no mark is drawn over it; closed, the marks are back", async () => {
    await page.goto(env.site.url("dialog-compose.html?mode=page"));
    await waitForEditorReady(page);
    await waitForMark(page, "consent-prechecked");
    await assertMarksVisible(page, assert, { atLeast: 2, what: "on the page" });
    await page.evaluate(() => window.openCover());
    await until(async () => (await markVisibility(page)).marks.length === 0, "no mark drawn while the page's dialog covers the editor");
    await page.evaluate(() => window.closeCover());
    await assertMarksVisible(page, assert, { atLeast: 2, what: "after the page's dialog closed" });
  });

  test("the compose box in fullscreen: the marks are seen above it", async () => {
    await page.evaluate(() => window.fullscreen());
    await until(() => page.evaluate(() => document.fullscreenElement?.id === "compose-box"), "fullscreen");
    await until(async () => {
      const v = await markVisibility(page);
      return v.marks.length >= 2 && v.marks.every((m) => m.visible);
    }, "the marks above the fullscreen box").catch(() => {});
    await assertMarksVisible(page, assert, { atLeast: 2, what: "fullscreen" });
    await page.evaluate(() => document.exitFullscreen());
    await until(() => page.evaluate(() => !document.fullscreenElement), "fullscreen left");
    await assertMarksVisible(page, assert, { atLeast: 2, what: "after fullscreen" });
  });

  test("the compose box in a page popover shown after Mailwacht's layer: the marks are seen above it", async () => {
    await page.evaluate(() => window.popover());
    await waitForMark(page, "consent-prechecked");
    await until(async () => {
      const v = await markVisibility(page);
      return v.marks.length >= 2 && v.marks.every((m) => m.visible);
    }, "the marks above the popover").catch(() => {});
    await assertMarksVisible(page, assert, { atLeast: 2, what: "in a page popover" });
  });
});
