/**
 * Mailing or personal mail on the content side (issue 10), in the Gmail-like floating compose
 * window (pages/floating-compose.html):
 * - the store (shared/util.js createMailKindStore): tests/js/stores.test.mjs;
 * - end to end with the built extension: a three-line personal mail to one colleague gets the quiet
 *   badge ("Personal mail — not checked as a mailing") and no error or warning mark; "This is a
 *   mailing" under the badge checks it as a mailing at once and is remembered for this draft across
 *   a reload (storage.local holds the hashed key, a time and the kind: no content); "This is not a
 *   mailing" on a card brings the quiet state back, for this draft only; every mark drawn is seen.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT } from "./harness.mjs";
import { assertMarksVisible, editorPage, overlayState, until, waitForEditorReady, waitForMark } from "./editor-contract.mjs";

const messages = (locale) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", locale, "messages.json"), "utf-8"));
const either = (key) => [messages("nl")[key].message, messages("en")[key].message];

/** The badge and the "This is a mailing" button of the only layer. */
const badge = (page) =>
  page.evaluate(() => {
    const root = document.querySelector("mailwacht-root")?.shadowRoot;
    const layer = root?.querySelector(".layer");
    if (!layer) return null;
    const b = layer.querySelector(".badge");
    const kind = layer.querySelector(".mailkind");
    return { mailKind: b.dataset.mailKind, checks: Number(b.dataset.checks), text: b.textContent, label: b.getAttribute("aria-label"), title: b.title, button: kind.hidden ? null : kind.textContent };
  });

describe("personal mail in the floating compose window", () => {
  const env = editorPage({ before, after }, { path: "floating-compose.html?mail=personal", ready: true });
  let page;
  let ext;
  before(async () => ({ page, ext } = await env.ready));
  const stored = () => ext.page().then((p) => p.evaluate(() => chrome.storage.local.get("mailwacht.mailKind").then((r) => r["mailwacht.mailKind"] || {})));

  test("a three-line mail to one colleague: the quiet badge, no error or warning mark, the reason in its tooltip", async () => {
    const b = await until(async () => {
      const now = await badge(page);
      return now && now.checks > 0 && now.mailKind ? now : null;
    }, "a checked draft");
    assert.equal(b.mailKind, "personal", JSON.stringify(b));
    assert.ok(either("contentPersonal").some((m) => b.text.includes(m)), b.text);
    assert.ok(either("contentIsMailing").includes(b.button), `the choice is offered: ${b.button}`);
    assert.match(b.title, /\n(Why|Waarom): ./, "the engine's reason in the tooltip");
    const marks = (await overlayState(page)).marks.filter((m) => !m.hidden);
    assert.deepEqual(marks.filter((m) => m.severity === "error" || m.severity === "warning").map((m) => m.rule), []);
  });

  test("'This is a mailing' checks the draft as a mailing at once and is kept for it (hashed key, no content)", async () => {
    await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector(".layer .mailkind").click());
    await waitForMark(page, "unsubscribe-missing");
    const b = await badge(page);
    assert.equal(b.mailKind, "mailing");
    assert.equal(b.button, null);
    await assertMarksVisible(page, assert, { what: "after 'This is a mailing'" });
    const kept = await stored();
    const entries = Object.entries(kept);
    assert.equal(entries.length, 1, JSON.stringify(kept));
    assert.match(entries[0][0], /^[0-9a-f]+:\d+\/[0-9a-f]+:\d+$/, "a hashed draft key");
    assert.equal(entries[0][1].k, "mailing");
    assert.doesNotMatch(JSON.stringify(kept), /Piet|bellen|127\.0\.0\.1|floating/);
    // Reloaded: the first report already treats it as a mailing.
    await page.reload();
    await waitForEditorReady(page);
    const first = await until(async () => {
      const now = await badge(page);
      return now && now.checks > 0 && now.mailKind ? now : null;
    }, "the first report after the reload");
    assert.equal(first.checks, 1);
    assert.equal(first.mailKind, "mailing");
    await waitForMark(page, "unsubscribe-missing");
  });

  test("'This is not a mailing' on a card brings the quiet state back; another draft keeps its own", async () => {
    await waitForMark(page, "unsubscribe-missing");
    await page.evaluate(() => {
      const root = document.querySelector("mailwacht-root").shadowRoot;
      root.querySelector('[data-rule="unsubscribe-missing"]').focus();
    });
    const label = await page.evaluate(() => {
      const button = document.querySelector("mailwacht-root").shadowRoot.querySelector(".card button.notmailing");
      return button.hidden ? null : button.textContent;
    });
    assert.ok(either("contentNotMailing").includes(label), `the card offers it: ${label}`);
    await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector(".card button.notmailing").click());
    await until(async () => (await badge(page))?.mailKind === "personal", "the quiet state");
    const marks = (await overlayState(page)).marks.filter((m) => !m.hidden);
    assert.deepEqual(marks.filter((m) => m.severity === "error" || m.severity === "warning").map((m) => m.rule), []);
    assert.deepEqual(Object.values(await stored()).map((e) => e.k), ["personal"]);
    // The newsletter preset is another page address (query), so another draft: the engine decides there.
    await page.goto(env.site.url("floating-compose.html?mail=newsletter"));
    await waitForEditorReady(page);
    await waitForMark(page, "unsubscribe-missing");
    assert.equal((await badge(page)).mailKind, "mailing");
  });
});
