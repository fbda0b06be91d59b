/**
 * End-to-end: the marks in a real Roundcube 1.6 (Debian's packages; tests/e2e/roundcube/stack.mjs)
 * with the built extension in Debian's Chromium: TinyMCE 5 in Roundcube's HTML mode, the plain
 * textarea in its text mode. The Roundcube site adapter must tell the engine the platform and
 * read the envelope (From option, subject); the editor adapters find the body. The issue 4
 * contract: unsubscribe-missing shown, consent-prechecked over the box inside TinyMCE's iframe,
 * the draft as Roundcube holds it unchanged by a hundred checks, the fix typed removes the mark.
 */

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { assertMarksVisible, holds, overlayState, runChecks, waitForMark, waitForNoMark } from "./editor-contract.mjs";
import { composeState, fillDraft, openCompose, roundcubeSession } from "./roundcube/stack.mjs";

const DRAFT_HTML =
  "<p>Bekijk deze nieuwsbrief in je browser.</p><p>Beste lezer,</p><p>Dit is onze nieuwsbrief van november met het laatste nieuws van Acme.</p>" +
  '<p><input type="checkbox" checked="checked"> Ja, ik wil de nieuwsbrief ontvangen</p><p>Met vriendelijke groet,<br>Acme B.V.</p>';
const DRAFT_TEXT = "Bekijk deze nieuwsbrief in je browser.\n\nBeste lezer,\n\nDit is onze nieuwsbrief van november met het laatste nieuws van Acme.\n\nMet vriendelijke groet,\nAcme B.V.";
const SENDER = { name: "Acme Nieuwsbrief", email: "nieuws@acme.nl" };

let plain;
let rich;
let page;

let session;

before(async () => {
  session = await roundcubeSession(SENDER); // two Roundcubes, Chromium, one page logged into both
  ({ plain, rich, page } = session);
});

after(async () => {
  await session?.close();
});

describe("Roundcube, HTML editor (TinyMCE 5)", () => {
  before(async () => {
    await openCompose(page, rich, { html: true });
    await fillDraft(page, { to: ["lezer@example.test"], subject: "Nieuwsbrief november", html: DRAFT_HTML });
  });

  test("the draft in TinyMCE shows unsubscribe-missing; the platform is Roundcube", async () => {
    const mark = await waitForMark(page, "unsubscribe-missing");
    await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
    assert.ok(mark.chip);
    const { layers } = await overlayState(page);
    assert.deepEqual(layers.map((l) => [l.adapter, l.platform]), [["tinymce", "roundcube"]]);
  });

  test("the pre-ticked consent box inside TinyMCE's iframe is marked over the box", async () => {
    const mark = await waitForMark(page, "consent-prechecked");
    await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
    const box = await page.evaluate(() => {
      const frame = document.getElementById("composebody_ifr");
      const f = frame.getBoundingClientRect();
      const r = frame.contentDocument.querySelector("input[type=checkbox]").getBoundingClientRect();
      const x = f.left + frame.clientLeft;
      const y = f.top + frame.clientTop;
      return { left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y, width: r.width, height: r.height };
    });
    assert.ok(holds(mark.rect, box), `mark ${JSON.stringify(mark.rect)} covers the box ${JSON.stringify(box)}`);
    assert.ok(mark.rect.width <= box.width + 6 && mark.rect.height <= box.height + 6);
  });

  test("the sender from Roundcube's From field reaches the engine (no sender-name finding)", async () => {
    await waitForMark(page, "unsubscribe-missing");
    assert.ok(!(await overlayState(page)).marks.some((m) => m.rule === "sender-name-missing"));
  });

  test("the draft as Roundcube holds it is unchanged by a hundred checks", async () => {
    const undo = () => page.evaluate(() => ({ levels: tinymce.get("composebody").undoManager.data.length, dirty: tinymce.get("composebody").isDirty() }));
    const undoBefore = await undo();
    const before = await composeState(page);
    const { before: n0, after: n1 } = await runChecks(page, "tinymce", 100, (i) => page.fill("#compose-subject", `Nieuwsbrief november ${i}`));
    assert.ok(n1 - n0 >= 100, `${n0} -> ${n1}`);
    const now = await composeState(page);
    assert.equal(now.body, before.body);
    assert.deepEqual(await undo(), undoBefore, "no undo level was added: TinyMCE saw no change");
    assert.deepEqual({ ...now, subject: "" }, { ...before, subject: "" });
  });

  test("typing the fix in TinyMCE makes unsubscribe-missing go away", async () => {
    await page.frameLocator("#composebody_ifr").locator("p").last().click();
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Afmelden voor deze nieuwsbrief");
    await page.keyboard.down("Shift");
    await page.keyboard.press("Home");
    await page.keyboard.up("Shift");
    await page.evaluate(() => tinymce.get("composebody").execCommand("mceInsertLink", false, "https://nieuws.acme.nl/afmelden?u=1"));
    await waitForNoMark(page, "unsubscribe-missing");
    await waitForMark(page, "consent-prechecked");
  });
});

describe("Roundcube, plain-text editor", () => {
  before(async () => {
    await openCompose(page, plain, { html: false });
    await fillDraft(page, { to: ["lezer@example.test"], subject: "Nieuwsbrief november", text: DRAFT_TEXT });
  });

  test("the plain body shows unsubscribe-missing; the platform is Roundcube", async () => {
    const mark = await waitForMark(page, "unsubscribe-missing");
    await assertMarksVisible(page, assert); // every drawn mark is seen (issue 10)
    assert.ok(mark.chip);
    const { layers } = await overlayState(page);
    assert.deepEqual(layers.map((l) => [l.adapter, l.platform]), [["textarea", "roundcube"]]);
  });

  test("typing an unsubscribe address in the plain body makes the mark go away", async () => {
    const before = await composeState(page);
    await page.focus("textarea#composebody");
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n\nAfmelden: https://nieuws.acme.nl/afmelden?u=1");
    await waitForNoMark(page, "unsubscribe-missing");
    const now = await composeState(page);
    assert.equal(now.body, `${before.body}\n\nAfmelden: https://nieuws.acme.nl/afmelden?u=1`, "the body holds what was typed, nothing else");
  });
});
