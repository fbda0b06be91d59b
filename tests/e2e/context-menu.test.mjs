/**
 * End-to-end (Chromium): the context-menu entry "Check this field with Mailwacht" (issue 4,
 * background/context-menu.js) on a site the content scripts do not match.
 *
 * The page is served on http://localhost:<port>/. The extension is a copy of dist/chrome whose
 * content scripts are left exactly as shipped (they match none of localhost, 127.0.0.1), so before
 * the click nothing of Mailwacht runs in the page.
 *
 * Host access, honestly: a real right-click on the entry grants `activeTab` for the tab, and the
 * handler's chrome.scripting calls run on that grant. A headless Chromium cannot open or click a
 * native context menu, so the test calls the service worker's real click handler
 * (globalThis.mailwachtContextMenu.onClicked, the same function registered with
 * contextMenus.onClicked) with an `info` like Chrome's; no activeTab grant exists then. The test
 * copy therefore adds `http://localhost/*` to host_permissions ONLY (never to content_scripts), to
 * stand in for the grant the click would give. dist/ and manifest.json never carry it.
 */

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DIST_CHROME, launchExtension, requireChromium, startServer } from "./harness.mjs";
import { overlayState, until, waitForMark } from "./editor-contract.mjs";

const GRANT = "http://localhost/*"; // stands in for the click's activeTab grant (see the header)

let ext;
let site;
let siteRoot;
let copy;

/** dist/chrome copied (real files: Chromium skips symlinked content scripts), host access to localhost added. */
function copyWithGrant() {
  requireChromium();
  const path = mkdtempSync(join(tmpdir(), "mailwacht-e2e-menu-"));
  for (const entry of readdirSync(DIST_CHROME)) {
    if (entry !== "manifest.json") cpSync(join(DIST_CHROME, entry), join(path, entry), { recursive: true });
  }
  const manifest = JSON.parse(readFileSync(join(DIST_CHROME, "manifest.json"), "utf-8"));
  for (const script of manifest.content_scripts) {
    assert.ok(!script.matches.some((m) => /localhost|127\.0\.0\.1|<all_urls>|^\*:|:\/\/\*\//.test(m)), `shipped content scripts must not match the test origin: ${script.matches}`);
  }
  manifest.host_permissions = [...(manifest.host_permissions || []), GRANT];
  writeFileSync(join(path, "manifest.json"), JSON.stringify(manifest, null, 2));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

// A draft with no unsubscribe link (unsubscribe-missing must fire), in a plain contenteditable.
const DRAFT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Some CMS</title></head>
<body><h1>Compose</h1>
<div id="draft" contenteditable="true" style="width:600px;min-height:160px;border:1px solid #999;padding:8px">
<p>Dear customer,</p><p>Our autumn sale starts today: 30% off every jacket in the shop.</p>
<p><a href="https://shop.example.nl/sale">See the sale</a></p><p>Kind regards, the Example shop</p>
</div></body></html>`;

before(async () => {
  copy = copyWithGrant();
  ext = await launchExtension({ extensionPath: copy.path });
  await ext.waitForEngine();
  siteRoot = mkdtempSync(join(tmpdir(), "mailwacht-menu-site-"));
  writeFileSync(join(siteRoot, "draft.html"), DRAFT_PAGE);
  site = await startServer({ root: siteRoot });
});

after(async () => {
  await ext?.close();
  copy?.remove();
  await site?.close();
  if (siteRoot) rmSync(siteRoot, { recursive: true, force: true });
});

/** Call the service worker's click handler as Chrome would for a click on `menuItemId` in `url`'s tab. */
async function clickMenu(url, menuItemId) {
  const sw = await ext.serviceWorker();
  return sw.evaluate(
    async ({ url, menuItemId }) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.url === url);
      if (!tab) throw new Error(`no tab shows ${url}`);
      const info = { menuItemId: menuItemId ?? globalThis.mailwachtContextMenu.id, frameId: 0, editable: true, pageUrl: url };
      return globalThis.mailwachtContextMenu.onClicked(info, tab);
    },
    { url, menuItemId },
  );
}

test("the menu entry is registered on install", async () => {
  const sw = await ext.serviceWorker();
  const update = (id) =>
    sw.evaluate(
      (menuId) =>
        new Promise((resolve) =>
          chrome.contextMenus.update(menuId, {}, () => resolve(chrome.runtime.lastError ? chrome.runtime.lastError.message : "ok")),
        ),
      id,
    );
  const id = await sw.evaluate(() => globalThis.mailwachtContextMenu.id);
  assert.equal(id, "mailwacht-check-field");
  await until(async () => (await update(id)) === "ok", "the context-menu entry to exist");
  // The check can fail: an id that was never created is refused.
  assert.notEqual(await update("no-such-entry"), "ok");
  const manifest = await sw.evaluate(() => chrome.runtime.getManifest());
  assert.ok(manifest.permissions.includes("contextMenus"));
});

test("Check this field with Mailwacht: the content scripts are injected on an unsupported site and the field gets its marks", async () => {
  const page = await ext.context.newPage();
  const url = site.url("draft.html").replace("127.0.0.1", "localhost");
  await page.goto(url);
  // Nothing runs there by itself: give a content script time it would need to appear.
  await page.waitForTimeout(1500);
  assert.deepEqual((await overlayState(page)).marks, [], "no marks before the menu is used");
  assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root")), null);

  // Another menu entry's click is not ours.
  assert.equal(await clickMenu(url, "someone-elses-entry"), null);
  assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root")), null);

  // A right-click focuses the editable; then the entry is clicked.
  await page.focus("#draft");
  const result = await clickMenu(url);
  assert.deepEqual(result, { found: true, adapter: "contenteditable" });
  const mark = await waitForMark(page, "unsubscribe-missing");
  const box = await page.evaluate(() => {
    const r = document.querySelector("#draft").getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });
  const m = mark.rect;
  // Over that field: the mark (a chip along its lower edge, the missing link has no element) lies
  // within the editor's box horizontally and touches it vertically.
  assert.ok(m.left >= box.left - 1 && m.right <= box.right + 1, `mark ${JSON.stringify(m)} within ${JSON.stringify(box)}`);
  assert.ok(m.bottom >= box.top && m.top <= box.bottom + 1, `mark ${JSON.stringify(m)} over ${JSON.stringify(box)}`);
  const state = await overlayState(page);
  assert.deepEqual(state.layers.map((l) => l.adapter), ["contenteditable"]);

  // A second click does not load the scripts twice (one layer, one set of marks).
  assert.deepEqual(await clickMenu(url), { found: true, adapter: "contenteditable" });
  await page.waitForTimeout(800);
  const again = await overlayState(page);
  assert.equal(again.layers.length, 1);
  assert.equal(again.marks.filter((x) => x.rule === "unsubscribe-missing").length, 1);
  await page.close();
});
