/**
 * Shared helpers for the per-editor end-to-end tests (tests/e2e/editor-*.test.mjs; house style:
 * Harper's tests/<editor>.spec.ts, one file per editor, shared contract helpers).
 *
 * The test host: the shipped manifest runs the content script only on the mail and ESP sites
 * Mailwacht supports. Test pages are served on 127.0.0.1, so `testExtension()` makes a throw-away
 * copy of dist/chrome (only manifest.json is changed) whose content script also matches
 * http://127.0.0.1/*. A real copy, not symlinks: Chromium (156 here) silently skips content scripts whose
 * files are symlinks (seen here: the isolated world is created, the scripts never run). That host is never in manifest.json, build.py
 * or any dist/zip: a test-only permission cannot ship.
 *
 * Everything the overlay draws is read through <mailwacht-root>'s open shadow root.
 */

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST_CHROME, launchExtension, requireChromium, startServer } from "./harness.mjs";
import { until } from "../until.mjs";

/** Poll `fn` until it returns a truthy value (tests/until.mjs). */
export { until };

export const TEST_HOST = "http://127.0.0.1/*";

/**
 * A copy of dist/chrome (or `dist`) whose content scripts also run on the test server; {path, remove()}.
 * `contentScripts: false`: the test host is only a granted host permission, in no content script's
 * matches (custom-sites.test.mjs adds it as the user's own site on the options page).
 */
export function testExtension(dist = DIST_CHROME, { contentScripts = true } = {}) {
  if (dist === DIST_CHROME) requireChromium();
  const path = mkdtempSync(join(tmpdir(), "mailwacht-e2e-ext-"));
  for (const entry of readdirSync(dist)) {
    if (entry !== "manifest.json") cpSync(join(dist, entry), join(path, entry), { recursive: true });
  }
  const manifest = JSON.parse(readFileSync(join(dist, "manifest.json"), "utf-8"));
  if (!manifest.content_scripts || !manifest.content_scripts.length) throw new Error("dist/chrome declares no content script");
  if (contentScripts) for (const script of manifest.content_scripts) script.matches = [...script.matches, TEST_HOST];
  manifest.host_permissions = [...(manifest.host_permissions || []), TEST_HOST];
  writeFileSync(join(path, "manifest.json"), JSON.stringify(manifest, null, 2));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Chromium with the test copy of the extension, the engine booted (`args`: extra Chromium flags). Returns the harness's ext. */
export async function launchForEditors({ args = [], dist = undefined } = {}) {
  const copy = testExtension(dist);
  const ext = await launchExtension({ extensionPath: copy.path, args });
  const close = ext.close;
  ext.close = async () => {
    await close();
    copy.remove();
  };
  try {
    // A cold Pyodide boot; up to three minutes on a loaded machine (several browsers at once).
    await ext.waitForEngine(undefined, 180000);
  } catch (err) {
    await ext.close(); // else the browser keeps the test process alive after the failed set-up
    throw err;
  }
  return ext;
}

/** The address of an editor test page (pages/editors/`file`) whose editor is served by `lib` (?base=). */
export const editorPageUrl = (file, lib = null) => `editors/${file}${lib ? `?base=${encodeURIComponent(lib.url(""))}` : ""}`;

/** Wait until a test page's editor has initialised (the pages set window.editorReady). */
export const waitForEditorReady = (page) => page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });

/**
 * The set-up the editor tests share, as node:test hooks (pass this file's `before`/`after`, or a
 * describe's): Chromium with the test copy of the extension (engine booted), the pages server, one
 * static server per `serve` entry ({name: directory}, e.g. node_modules/<editor>), and one page:
 * `open(ext, site, servers) -> page`, or a new page on `path` (a string, or (servers) => string),
 * then waiting for the editor when `ready`. Returns a handle {ext, site, servers, page, ready}
 * that `before` fills in; `ready` resolves with the handle once it is: take the values from it
 * (`before(async () => ({ page } = await env.ready))`), because node 20 does not wait for one
 * top-level before hook before starting the next; everything is closed by `after`.
 */
export function editorPage({ before, after }, { path = null, serve = {}, ready = false, open = null }) {
  let settle;
  const env = { ext: null, site: null, servers: {}, page: null, ready: new Promise((resolve, reject) => (settle = { resolve, reject })) };
  env.ready.catch(() => {}); // a failed set-up fails the hook below; the handle's promise only mirrors it
  before(async () => {
    try {
      await setUp();
      settle.resolve(env);
    } catch (err) {
      settle.reject(err);
      throw err;
    }
  });
  async function setUp() {
    env.ext = await launchForEditors();
    env.site = await startServer();
    for (const [name, root] of Object.entries(serve)) env.servers[name] = await startServer({ root });
    if (open) {
      env.page = await open(env.ext, env.site, env.servers);
      return;
    }
    env.page = await env.ext.context.newPage();
    await env.page.goto(env.site.url(typeof path === "function" ? path(env.servers) : path));
    if (ready) await waitForEditorReady(env.page);
  }
  after(async () => {
    await env.ext?.close();
    await env.site?.close();
    for (const server of Object.values(env.servers)) await server.close();
  });
  return env;
}

/** An `open` for editorContract: pages/editors/`file` with its editor from servers[`server`], ready. */
export function openEditorPage(file, server) {
  return async (ext, site, servers) => {
    const page = await ext.context.newPage();
    await page.goto(site.url(editorPageUrl(file, servers[server])));
    await waitForEditorReady(page);
    return page;
  };
}

/** Open the card of `rule`'s mark (focus, as a keyboard user does): {hidden, op, label} of its quick fix. */
export async function openCard(page, rule) {
  await waitForMark(page, rule);
  return page.evaluate((r) => {
    const root = document.querySelector("mailwacht-root").shadowRoot;
    root.querySelector(`[data-rule="${r}"]`).focus();
    const button = root.querySelector(".card button.quickfix");
    return { hidden: root.querySelector(".card").hidden || button.hidden, op: button.dataset.op, label: button.textContent };
  }, rule);
}

/** Dismiss the finding of `rule` for this draft from its card (focus the mark, click "Dismiss"). */
export function dismissFinding(page, rule) {
  return page.evaluate((r) => {
    const root = document.querySelector("mailwacht-root").shadowRoot;
    root.querySelector(`[data-rule="${r}"]`).focus();
    root.querySelector(".card button.dismiss").click();
  }, rule);
}

/**
 * What a user does before pressing an editor's link button: click `target` (a selector, or a
 * Playwright locator, e.g. inside an iframe), go to the end of that line, start a new line, type
 * `text`, and select it (Shift+Home). Works on Playwright and Puppeteer (Firefox) pages alike.
 */
export async function typeLineAndSelect(page, target, text = "Afmelden voor deze nieuwsbrief") {
  if (typeof target === "string") await page.click(target);
  else await target.click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type(text);
  await page.keyboard.down("Shift");
  await page.keyboard.press("Home");
  await page.keyboard.up("Shift");
}

/**
 * What the overlay shows now, read in the page: the layers (adapter, state, number of checks
 * received) and every mark {rule, severity, kind, chip, hidden, rect}.
 */
export function overlayState(page) {
  return page.evaluate(() => {
    const host = document.querySelector("mailwacht-root");
    if (!host || !host.shadowRoot) return { host: false, layers: [], marks: [] };
    const root = host.shadowRoot;
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    return {
      host: host.parentNode === document.documentElement,
      layers: [...root.querySelectorAll(".layer")].map((l) => {
        const badge = l.querySelector(".badge");
        return { adapter: l.dataset.adapter, platform: l.dataset.platform, theme: l.dataset.theme, state: badge.dataset.state, checks: Number(badge.dataset.checks), label: badge.getAttribute("aria-label") };
      }),
      marks: [...root.querySelectorAll("[data-rule]")].map((m) => ({
        rule: m.dataset.rule,
        severity: m.dataset.severity,
        kind: m.dataset.kind,
        chip: m.classList.contains("chip"),
        hidden: m.hidden || m.closest(".layer").hidden, // a layer is hidden while its editor is off screen
        tag: m.tagName.toLowerCase(),
        rect: rect(m),
      })),
    };
  });
}

/**
 * What a person SEES of every drawn mark (issue 10: the marks existed in the shadow root while the
 * page's z-indexed compose window or builder canvas hid them). For each mark, chip and badge-less
 * finding drawn now (not hidden, with a box): its centre, whether that centre is inside the
 * viewport, what `document.elementFromPoint` gives there (must be <mailwacht-root>) and what the
 * shadow root's hit test gives (must be the mark itself, or another of Mailwacht's see-through
 * marks drawn over it, or the open card). Works on Playwright and Puppeteer pages alike.
 *
 * Marks over the draft let the pointer through on purpose (pointer-events: none: a click on a
 * pre-ticked box or into marked text must reach the editor), and hit testing skips such boxes.
 * Hit testing follows paint order, so for the instant of the probe the marks take part in it (a
 * style added to the shadow root and removed in the same task, never painted): the answer is what
 * is painted topmost at that point. Chips, the badge and cards take the pointer anyway.
 */
export function markVisibility(page) {
  return page.evaluate(() => {
    const host = document.querySelector("mailwacht-root");
    if (!host || !host.shadowRoot) return { host: false, marks: [] };
    const root = host.shadowRoot;
    const name = (el) => (el ? `${el.localName}${el.id ? `#${el.id}` : ""}${el.classList && el.classList.length ? `.${[...el.classList].join(".")}` : ""}` : null);
    const probe = document.createElement("style");
    probe.textContent = ".mark { pointer-events: auto !important; }";
    root.append(probe);
    try {
      const vw = document.documentElement.clientWidth || innerWidth;
      const vh = document.documentElement.clientHeight || innerHeight;
      const marks = [];
      // Chips folded into the summary chip (issue 11, marks/chips.js) are not drawn until their
      // list opens: the summary chip is drawn for them ("(summary chip)").
      const drawn = [...root.querySelectorAll("[data-rule]")].filter((m) => !m.closest(".edge.folded:not(.open)"));
      for (const m of [...drawn, ...root.querySelectorAll(".edge.folded:not(.open) > .more")]) {
        if (m.hidden || m.closest("[hidden]")) continue;
        const r = m.getBoundingClientRect();
        if (!r.width || !r.height) continue;
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const inViewport = x >= 0 && y >= 0 && x < vw && y < vh;
        const topmost = document.elementFromPoint(x, y);
        const stack = root.elementsFromPoint(x, y);
        const at = stack.indexOf(m);
        const own = root.elementFromPoint(x, y);
        // Above the mark in the shadow root: only other marks (see-through boxes) or the open card.
        const over = at < 0 ? ["(not hit)"] : stack.slice(0, at).filter((e) => !e.classList.contains("mark") && !e.closest(".card")).map(name);
        marks.push({
          rule: m.dataset.rule || "(summary chip)",
          chip: m.classList.contains("chip") || m.classList.contains("more"),
          x: Math.round(x),
          y: Math.round(y),
          inViewport,
          topmost: topmost === host ? "mailwacht-root" : name(topmost),
          own: own === m ? "the mark" : name(own),
          over,
          visible: inViewport && topmost === host && at >= 0 && over.length === 0,
        });
      }
      return { host: true, marks };
    } finally {
      probe.remove();
    }
  });
}

/**
 * Assert that every mark drawn now is visible (markVisibility) and that at least `atLeast` are
 * drawn (waiting for them up to timeoutMs); returns the marks. `assert` is node:assert/strict.
 */
export async function assertMarksVisible(page, assert, { atLeast = 1, timeoutMs = 30000, what = "" } = {}) {
  const state = await until(async () => {
    const s = await markVisibility(page);
    return s.marks.length >= atLeast ? s : null;
  }, `at least ${atLeast} drawn mark(s)${what ? ` (${what})` : ""}`, timeoutMs);
  const hidden = state.marks.filter((m) => !m.visible);
  assert.deepEqual(hidden, [], `every drawn mark is topmost at its centre${what ? ` (${what})` : ""}: ${JSON.stringify(hidden)}`);
  return state.marks;
}

/**
 * The boxes of the draft's text as a person sees it, in top-viewport coordinates: the client rects
 * of every non-blank text node inside an editable element (a contenteditable root, a designMode or
 * editable iframe body) or inside a same-origin iframe's body (TinyMCE, CKEditor 4, GrapesJS's
 * canvas), each cut to the part shown: by every clipping or scrolling ancestor, by its iframe and
 * by the viewport (text scrolled out of view is not "covered"). Works on Playwright and Puppeteer.
 */
export function textBoxes(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth || innerWidth;
    const vh = document.documentElement.clientHeight || innerHeight;
    const cut = (a, b) => {
      const r = { left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) };
      return r.right > r.left && r.bottom > r.top ? r : null;
    };
    const out = [];
    // `doc`'s text under `roots`; (dx, dy): the doc's viewport origin in the top viewport; `clip`: what is seen of the doc.
    function collect(doc, roots, dx, dy, clip) {
      const win = doc.defaultView;
      for (const root of roots) {
        const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.data.trim()) continue;
          // The part of the page that shows this node: every ancestor that clips its overflow.
          let seen = clip;
          for (let el = node.parentElement; el && seen; el = el.parentElement) {
            const st = win.getComputedStyle(el);
            if (st.overflowX !== "visible" || st.overflowY !== "visible") {
              const b = el.getBoundingClientRect();
              seen = cut(seen, { left: b.left + dx, top: b.top + dy, right: b.right + dx, bottom: b.bottom + dy });
            }
          }
          if (!seen) continue;
          const range = doc.createRange();
          range.selectNodeContents(node);
          for (const r of range.getClientRects()) {
            if (!r.width || !r.height) continue;
            const shown = cut({ left: r.left + dx, top: r.top + dy, right: r.right + dx, bottom: r.bottom + dy }, seen);
            if (shown) out.push(shown);
          }
        }
      }
      for (const frame of doc.querySelectorAll("iframe")) {
        let inner = null;
        try {
          inner = frame.contentDocument;
        } catch {
          inner = null;
        }
        if (!inner || !inner.body) continue;
        const f = frame.getBoundingClientRect();
        const x = f.left + frame.clientLeft + dx;
        const y = f.top + frame.clientTop + dy;
        const frameClip = cut(clip, { left: x, top: y, right: x + frame.clientWidth, bottom: y + frame.clientHeight });
        if (frameClip) collect(inner, [inner.body], x, y, frameClip);
      }
    }
    const editable = [...document.querySelectorAll("[contenteditable]")].filter((el) => el.isContentEditable && !(el.parentElement && el.parentElement.isContentEditable));
    collect(document, editable, 0, 0, { left: 0, top: 0, right: vw, bottom: vh });
    return out;
  });
}

/** True when boxes `a` and `b` overlap by more than `slack` px each way. */
export function intersects(a, b, slack = 0.5) {
  return a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
}

/**
 * Assert that no chip (a finding about the whole draft, drawn outside the text) covers any of the
 * draft's text boxes (textBoxes); at least `atLeast` chips must be drawn. Returns {chips, text}.
 */
export async function assertNoChipOverText(page, assert, { atLeast = 1, what = "" } = {}) {
  const chips = await until(async () => {
    const list = (await overlayState(page)).marks.filter((m) => m.chip && !m.hidden && m.rect.width > 0);
    return list.length >= atLeast ? list : null;
  }, `at least ${atLeast} chip(s)${what ? ` (${what})` : ""}`);
  const text = await textBoxes(page);
  assert.ok(text.length > 0, `the draft's text is seen${what ? ` (${what})` : ""}`);
  const hits = [];
  for (const chip of chips) for (const r of text) if (intersects(chip.rect, r)) hits.push({ chip: chip.rule, rect: chip.rect, text: r });
  assert.deepEqual(hits, [], `no chip covers the draft's text${what ? ` (${what})` : ""}`);
  return { chips, text };
}

/**
 * Open the card of every drawn mark in turn (focus, as a keyboard user does) and return, for each,
 * {rule, card, mark, viewport}: the card's box, the mark's box and the viewport's size.
 */
export function openedCards(page) {
  return page.evaluate(async () => {
    const root = document.querySelector("mailwacht-root").shadowRoot;
    const rect = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    };
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const out = [];
    for (const m of root.querySelectorAll("[data-rule]")) {
      if (m.hidden || m.closest("[hidden]")) continue;
      m.focus();
      await frame();
      await frame();
      const card = root.querySelector(".card");
      out.push({
        rule: m.dataset.rule,
        open: !card.hidden,
        card: rect(card),
        mark: rect(m),
        viewport: { width: document.documentElement.clientWidth || innerWidth, height: document.documentElement.clientHeight || innerHeight },
      });
      m.blur();
    }
    return out;
  });
}

/** Assert that every opened card (openedCards) lies inside the viewport; returns the cards. */
export async function assertCardsInViewport(page, assert, { atLeast = 1, what = "" } = {}) {
  const cards = await openedCards(page);
  assert.ok(cards.length >= atLeast, `at least ${atLeast} card(s) opened${what ? ` (${what})` : ""}: ${cards.length}`);
  for (const c of cards) {
    assert.ok(c.open, `the card of ${c.rule} opened${what ? ` (${what})` : ""}`);
    const vp = { left: 0, top: 0, right: c.viewport.width, bottom: c.viewport.height };
    assert.ok(holds(vp, c.card), `the card of ${c.rule} ${JSON.stringify(c.card)} lies inside the viewport ${JSON.stringify(c.viewport)}${what ? ` (${what})` : ""}`);
  }
  return cards;
}

/** The visible mark of `rule` once there is one. */
export async function waitForMark(page, rule, timeoutMs = 30000) {
  return until(async () => (await overlayState(page)).marks.find((m) => m.rule === rule && !m.hidden), `a mark for ${rule}`, timeoutMs);
}

/** Resolves once no mark of `rule` is shown. */
export async function waitForNoMark(page, rule, timeoutMs = 30000) {
  return until(async () => !(await overlayState(page)).marks.some((m) => m.rule === rule && !m.hidden), `the ${rule} mark to go away`, timeoutMs);
}

/** The number of reports the layer of `adapter` has drawn. */
export async function checksOf(page, adapter) {
  const layer = (await overlayState(page)).layers.find((l) => l.adapter === adapter);
  return layer ? layer.checks : 0;
}

/** True when box `outer` holds box `inner` (each side within `slack` px). */
export function holds(outer, inner, slack = 0.5) {
  return (
    outer.left <= inner.left + slack &&
    outer.top <= inner.top + slack &&
    outer.right >= inner.right - slack &&
    outer.bottom >= inner.bottom - slack
  );
}

/**
 * Make `n` checks happen without touching the editor: change the subject field (part of the
 * draft the engine sees) and wait each time for the layer to draw a new report.
 * `setSubject(i)` changes the subject in the page. Returns the check count before and after.
 */
export async function runChecks(page, adapter, n, setSubject) {
  const before = await checksOf(page, adapter);
  for (let i = 1; i <= n; i++) {
    await setSubject(i);
    await until(async () => (await checksOf(page, adapter)) >= before + i, `check ${i} of ${n}`, 20000);
  }
  return { before, after: await checksOf(page, adapter) };
}

/**
 * The issue 4 contract as node:test tests, for one editor kind (house style: one e2e file per
 * editor, sharing these). `spec`:
 *   name         editor name for test titles
 *   adapter      the content-script adapter that must claim the editor (one layer, this adapter)
 *   open(ext, site, servers) -> page   open the page and wait until the editor is ready
 *   serve        {name: directory} extra static servers (e.g. node_modules/<editor>), passed to open
 *   content(page) -> any               the editor's content through its own API (compared deeply)
 *   consentBox(page) -> rect|null      the pre-ticked box in top-viewport coordinates; null when the
 *                                      editor cannot hold form controls (asserted through `content`)
 *   formControls                       true when the editor keeps the box (consentBox must find it)
 *   typeFix(page)                      type an unsubscribe link the way a user would
 *   subject                            selector of the page's subject input (changed to force checks)
 */
export function editorContract(spec, { test, before, after, assert }) {
  const env = editorPage({ before, after }, { serve: spec.serve || {}, open: spec.open });
  let page;
  before(async () => ({ page } = await env.ready));

  test(`${spec.name}: a draft without an unsubscribe link shows unsubscribe-missing`, async () => {
    const mark = await waitForMark(page, "unsubscribe-missing");
    assert.equal(mark.severity, "error");
    assert.equal(mark.tag, "button");
    const state = await overlayState(page);
    assert.ok(state.host, "<mailwacht-root> hangs from the top document's documentElement");
    assert.deepEqual(
      state.layers.map((l) => l.adapter),
      [spec.adapter],
      `one editor, claimed by the ${spec.adapter} adapter`,
    );
    await assertMarksVisible(page, assert, { what: spec.name });
  });

  const consentTitle = spec.formControls
    ? "a pre-ticked consent box shows consent-prechecked over that box"
    : "the editor drops the pre-ticked consent box (no form controls), so nothing is marked";
  test(`${spec.name}: ${consentTitle}`, async () => {
    const box = await spec.consentBox(page);
    assert.equal(box !== null, spec.formControls, spec.formControls ? "the editor kept the consent box" : "the editor dropped the box");
    if (box === null) {
      // The editor's schema drops form controls: there is no box in the draft to mark.
      assert.doesNotMatch(JSON.stringify(await spec.content(page)), /<input/);
      assert.ok(!(await overlayState(page)).marks.some((m) => m.rule === "consent-prechecked"));
      return;
    }
    const mark = await waitForMark(page, "consent-prechecked");
    assert.equal(mark.chip, false);
    const now = await spec.consentBox(page);
    assert.ok(holds(mark.rect, now), `mark ${JSON.stringify(mark.rect)} covers the box ${JSON.stringify(now)}`);
    assert.ok(mark.rect.width <= now.width + 6 && mark.rect.height <= now.height + 6, "and only the box");
    await assertMarksVisible(page, assert, { atLeast: 2, what: `${spec.name}, the box and the chip` });
  });

  test(`${spec.name}: no chip covers the draft's text, and every opened card lies inside the viewport`, async () => {
    await waitForMark(page, "unsubscribe-missing");
    await assertNoChipOverText(page, assert, { what: spec.name });
    await assertCardsInViewport(page, assert, { what: spec.name });
  });

  test(`${spec.name}: the editor's content is byte-identical before and after a hundred checks`, async () => {
    await waitForMark(page, "unsubscribe-missing");
    const before = await spec.content(page);
    const { before: n0, after: n1 } = await runChecks(page, spec.adapter, 100, (i) => page.fill(spec.subject, `Nieuwsbrief november ${i}`));
    assert.ok(n1 - n0 >= 100, `a hundred checks were drawn (${n0} -> ${n1})`);
    assert.deepEqual(await spec.content(page), before);
  });

  test(`${spec.name}: typing the fix (an unsubscribe link) makes the unsubscribe-missing mark go away`, async () => {
    await waitForMark(page, "unsubscribe-missing");
    await spec.typeFix(page);
    assert.match(JSON.stringify(await spec.content(page)), /https:\/\/nieuws\.acme\.nl\/afmelden\?u=1/);
    await waitForNoMark(page, "unsubscribe-missing");
    await new Promise((r) => setTimeout(r, 1200)); // a scan (every second) after the editing
    assert.deepEqual(
      (await overlayState(page)).layers.map((l) => l.adapter),
      [spec.adapter],
      "editing made no second editor appear (e.g. the block being edited inside the first)",
    );
  });
}
