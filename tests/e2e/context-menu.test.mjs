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
 *
 * Same-origin iframes: a page on that site with the real TinyMCE (iframe) and a top-level field;
 * real right-clicks (Playwright, which opens no native menu headless) inside the iframe and on the
 * top field, each followed by the entry's click handler: the right-clicked editor is the one
 * checked, marks are drawn over the box inside the iframe.
 */

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DIST_CHROME, ROOT, launchExtension, requireChromium, startServer } from "./harness.mjs";
import { holds, overlayState, until, waitForMark } from "./editor-contract.mjs";

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

/**
 * The same site with two editors: a plain contenteditable in the top document and the real
 * TinyMCE (npm, served from node_modules on 127.0.0.1, passed as ?base=) in its same-origin
 * iframe, whose draft has no unsubscribe link and a pre-ticked consent box.
 */
const IFRAME_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Some CMS with TinyMCE</title></head>
<body><h1>Compose</h1>
<div id="draft" contenteditable="true" style="width:600px;min-height:120px;border:1px solid #999;padding:8px">
<p>Dear customer,</p><p>Our autumn sale starts today: 30% off every jacket in the shop.</p><p>Kind regards, the Example shop</p>
</div>
<div style="height:24px"></div>
<textarea id="body"><p>Dear reader,</p><p>This is our November newsletter with the latest news from Acme.</p><p><label><input type="checkbox" checked="checked"> Yes, send me the newsletter</label></p><p>Kind regards, Acme Ltd</p></textarea>
<script>
  const base = new URL(location.href).searchParams.get("base").replace(/\\/$/, "");
  const script = document.createElement("script");
  script.src = base + "/tinymce.min.js";
  script.onload = () => tinymce.init({
    selector: "#body", license_key: "gpl", base_url: base, suffix: ".min", menubar: false, toolbar: false,
    height: 320, width: 640, promotion: false, branding: false,
    extended_valid_elements: "input[type|checked|name|value]",
    init_instance_callback: () => { window.editorReady = true; },
  });
  document.head.append(script);
</script></body></html>`;

let tiny;

before(async () => {
  copy = copyWithGrant();
  ext = await launchExtension({ extensionPath: copy.path });
  await ext.waitForEngine();
  siteRoot = mkdtempSync(join(tmpdir(), "mailwacht-menu-site-"));
  writeFileSync(join(siteRoot, "draft.html"), DRAFT_PAGE);
  writeFileSync(join(siteRoot, "iframe.html"), IFRAME_PAGE);
  site = await startServer({ root: siteRoot });
  tiny = await startServer({ root: join(ROOT, "node_modules", "tinymce") });
});

after(async () => {
  await ext?.close();
  copy?.remove();
  await site?.close();
  await tiny?.close();
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
  // At that field: the mark (a chip just under it, the missing link has no element) lies within
  // the editor's box horizontally and beside it vertically.
  assert.ok(m.left >= box.left - 1 && m.right <= box.right + 1, `mark ${JSON.stringify(m)} within ${JSON.stringify(box)}`);
  assert.ok(m.bottom >= box.top - 40 && m.top <= box.bottom + 40, `mark ${JSON.stringify(m)} at ${JSON.stringify(box)}`);
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

test("Check this field in a same-origin iframe editor (TinyMCE): the right-clicked iframe's editor is checked, marks over the box inside the iframe", async () => {
  const page = await ext.context.newPage();
  const url = site.url(`iframe.html?base=${encodeURIComponent(tiny.url(""))}`).replace("127.0.0.1", "localhost");
  await page.goto(url);
  await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => document.querySelector("mailwacht-root")), null, "nothing runs before the menu is used");

  // A real right-click inside the iframe's body (it focuses the editable there), then the entry.
  const body = page.frameLocator("iframe").locator("body");
  await body.click({ button: "right", position: { x: 40, y: 20 } });
  assert.deepEqual(await clickMenu(url), { found: true, adapter: "tinymce" });
  await waitForMark(page, "unsubscribe-missing");
  const mark = await waitForMark(page, "consent-prechecked");
  // Over the box inside the iframe: its box in the top viewport (the iframe's offset added).
  const boxRect = await page.evaluate(() => {
    const frame = document.querySelector("iframe");
    const f = frame.getBoundingClientRect();
    const r = frame.contentDocument.querySelector("input[type=checkbox]").getBoundingClientRect();
    const x = f.left + frame.clientLeft;
    const y = f.top + frame.clientTop;
    return { left: r.left + x, top: r.top + y, right: r.right + x, bottom: r.bottom + y };
  });
  assert.ok(holds(mark.rect, boxRect, 1), `mark ${JSON.stringify(mark.rect)} over the box ${JSON.stringify(boxRect)}`);

  // Then the top document's field, then the iframe again: each click checks the field that was
  // right-clicked, even though a right-click inside an iframe never reaches the top document's
  // contextmenu listener (the older right-click on the top field must not win).
  await page.click("#draft", { button: "right" });
  assert.deepEqual(await clickMenu(url), { found: true, adapter: "contenteditable" });
  await body.click({ button: "right", position: { x: 40, y: 20 } });
  assert.deepEqual(await clickMenu(url), { found: true, adapter: "tinymce" });
  const state = await overlayState(page);
  assert.deepEqual(state.layers.map((l) => l.adapter).sort(), ["contenteditable", "tinymce"], "each editor once");
  await page.close();
});
