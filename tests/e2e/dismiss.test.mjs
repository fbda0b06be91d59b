/**
 * "Dismiss for this draft" (issue 4: "hides a finding (kept by fingerprint)"), kept across reloads
 * of the page:
 * - the store itself (shared/util.js createDismissStore): tests/js/stores.test.mjs;
 * - end to end in Chromium with the built extension on the plain contenteditable page: dismiss a
 *   finding, reload the page, it stays hidden from the first report on (storage.local holds only
 *   the hashed draft key, a time and fingerprints: no draft content); "Show dismissed (n)" under
 *   the badge brings it back, also after the next reload; another editor identity on the same
 *   page does not inherit the dismissal.
 */

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checksOf, dismissFinding, editorPage, overlayState, until, waitForMark, waitForNoMark } from "./editor-contract.mjs";

describe("Dismiss for this draft survives a reload (Chromium, contenteditable)", () => {
  const env = editorPage({ before, after }, { path: "editors/contenteditable.html" });
  let ext;
  let page;
  before(async () => ({ ext, page } = await env.ready));

  const stored = async () => (await ext.page()).evaluate(() => chrome.storage.local.get("mailwacht.dismissed").then((r) => r["mailwacht.dismissed"] || {}));
  const restoreButton = () =>
    page.evaluate(() => {
      const el = document.querySelector("mailwacht-root").shadowRoot.querySelector(".layer .restore");
      return el ? { hidden: el.hidden, text: el.textContent } : null;
    });
  /** Reload and wait for the first report of the new page; every mark seen meanwhile is recorded. */
  async function reloadAndFirstReport() {
    await page.reload();
    const seen = new Set();
    await until(async () => {
      const state = await overlayState(page);
      for (const m of state.marks) if (!m.hidden) seen.add(m.rule);
      return (await checksOf(page, "contenteditable")) >= 1;
    }, "the first report after the reload");
    for (const m of (await overlayState(page)).marks) if (!m.hidden) seen.add(m.rule);
    return seen;
  }

  test("a dismissed finding stays hidden after a reload; storage holds no draft content", async () => {
    await waitForMark(page, "consent-prechecked");
    assert.deepEqual((await restoreButton()).hidden, true, "nothing dismissed: no 'Show dismissed'");
    await dismissFinding(page, "consent-prechecked");
    await waitForNoMark(page, "consent-prechecked");
    await until(async () => (await restoreButton()).hidden === false, "'Show dismissed' under the badge");
    assert.match((await restoreButton()).text, /\(1\)/);
    const entries = await until(async () => {
      const all = await stored();
      return Object.keys(all).length ? all : null;
    }, "the dismissal in storage.local");
    const [[key, entry]] = Object.entries(entries);
    assert.match(key, /^[0-9a-f]+:\d+\/[0-9a-f]+:\d+$/, "a hashed draft key (page + editor), no address");
    assert.equal(entry.f.length, 1);
    assert.match(entry.f[0], /^[0-9a-f]{16}$/, "a finding fingerprint");
    assert.ok(Math.abs(entry.t - Date.now()) < 10 * 60 * 1000, "with the time of the dismissal");
    assert.doesNotMatch(JSON.stringify(entries), /nieuwsbrief|Acme|checkbox|127\.0\.0\.1/i, "no draft content, no page address");

    const seen = await reloadAndFirstReport();
    assert.ok(!seen.has("consent-prechecked"), "not even drawn before the stored dismissals were read");
    await waitForMark(page, "unsubscribe-missing");
    await page.fill("input[name=subject]", "Nieuwsbrief november (2)");
    await until(async () => (await checksOf(page, "contenteditable")) >= 2, "a second check");
    assert.ok(!(await overlayState(page)).marks.some((m) => m.rule === "consent-prechecked" && !m.hidden));
    assert.equal((await restoreButton()).hidden, false);
  });

  test("'Show dismissed' brings it back, and it stays back after the next reload", async () => {
    await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector(".layer .restore").click());
    await waitForMark(page, "consent-prechecked");
    await until(async () => (await restoreButton()).hidden === true, "'Show dismissed' to go");
    await until(async () => Object.keys(await stored()).length === 0, "the draft's entry removed from storage");
    await reloadAndFirstReport();
    await waitForMark(page, "consent-prechecked");
  });

  test("the dismissal belongs to this draft: the same page's other editor does not inherit it", async () => {
    await waitForMark(page, "logo-missing");
    await dismissFinding(page, "logo-missing");
    await waitForNoMark(page, "logo-missing");
    await until(async () => Object.keys(await stored()).length === 1, "stored");
    // The same content in an editor elsewhere on the page (another identity): not dismissed there.
    await page.evaluate(() => {
      const other = document.getElementById("editor").cloneNode(true);
      other.id = "second";
      document.getElementById("compose").append(other);
      document.getElementById("editor").remove();
    });
    await until(async () => (await overlayState(page)).marks.some((m) => m.rule === "logo-missing" && !m.hidden), "logo-missing in the other editor");
  });
});
