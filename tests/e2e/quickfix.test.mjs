/**
 * End-to-end: the quick fixes on the cards (issue 4), in Chromium with the built extension, on a
 * plain contenteditable (no editor API: the browser's editing commands, undo with the browser's
 * undo stack) and on the real TinyMCE (its API in the page's world, undo with its undo manager):
 * - "Insert footer" on the unsubscribe-missing card adds py_core's footer, the mark goes away,
 *   undo takes the footer out again (draft as before) and the mark comes back;
 * - "Untick the box" on the consent-prechecked card removes the tick, the mark goes away, undo
 *   brings the tick back.
 * - in CKEditor 5 and Quill (which re-render from their model) untick and href are changes of
 *   that model (CKEditor 5 `htmlInputAttributes` / `linkHref`, Quill formatText), undone by the
 *   editor's own undo; Quill holds no form controls, so it has no box to untick.
 * Fixes run only on a click: the editor tests' hundred checks leave the draft byte-identical.
 * Issue 11: the footer never carries a "[…]" placeholder: with a complete profile (its own
 * unsubscribe page for webmail) it goes in at once with the profile's data; with fields missing the
 * fix inserts nothing and says which (`needs`); the card's inline form asks for them, saves them to
 * the profile and then inserts the footer.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, startServer } from "./harness.mjs";
import { editorPage, editorPageUrl, openCard, overlayState, runChecks, until, waitForMark, waitForNoMark } from "./editor-contract.mjs";
import { launchFirefox, openExtensionPage } from "./firefox.mjs";

/** A Mailchimp draft (its merge tags tell the engine the platform) with a dead unsubscribe link. */
const MAILCHIMP = '<p>Beste *|FNAME|*,</p><p>Dit is ons nieuws van november.</p><p>Geen berichten meer? <a href="#">Afmelden</a></p>';

/** A complete organisation profile, with the web address of its own unsubscribe page (webmail has no merge tag). */
const UNSUBSCRIBE = "https://www.bakkerijdekorenaar.nl/afmelden";
const PROFILE = { name: "Bakkerij De Korenaar", address: "Dorpsstraat 1, 1234 AB Ons Dorp", phone: "+31 20 123 4567", unsubscribe: UNSUBSCRIBE };
/** A bracketed placeholder such as "[AFMELDLINK]" or "[naam van uw organisatie]". */
const PLACEHOLDER = /\[[^\]<>\n]{2,60}\]/;
/** Store `org` as the options page does (storage.sync "settings"). */
const setProfile = async (ext, org) => (await ext.page()).evaluate((o) => chrome.storage.sync.set({ settings: { version: 1, org: o } }), org);

/** Click the open card's quick-fix button with the pointer. */
const clickFix = (page) => page.locator("mailwacht-root .card button.quickfix").click();

describe("quick fixes in a plain contenteditable", () => {
  const env = editorPage({ before, after }, { path: "editors/contenteditable.html" });
  let page;
  before(async () => {
    ({ page } = await env.ready);
    await setProfile(env.ext, PROFILE);
  });
  const html = () => page.evaluate(() => document.getElementById("editor").innerHTML);

  // The card's inline form (marks/card.js + marks/profile-form.js): the fix inserts nothing until
  // the missing profile fields are typed and saved; then the footer goes in with them.
  test("with an empty profile, Insert footer asks first: the card's form is filled and saved, then the footer goes in without any [placeholder]", async () => {
    await setProfile(env.ext, {});
    const shadowForm = () =>
      page.evaluate(() => [...(document.querySelector("mailwacht-root").shadowRoot.querySelector(".card form[data-mailwacht=profile-form]")?.querySelectorAll("input[name]") ?? [])].map((i) => i.name));
    try {
      const card = await openCard(page, "unsubscribe-missing");
      assert.equal(card.op, "footer");
      const before = await html();
      await clickFix(page);
      const form = await until(async () => {
        const names = await shadowForm();
        return names.length ? names : null;
      }, "the profile form on the card", 10000);
      assert.deepEqual(form, ["name", "address", "contact", "unsubscribe"], "the card asks for every missing field");
      assert.equal(await html(), before, "nothing inserted while the form asks");
      assert.doesNotMatch(await html(), PLACEHOLDER);
      const root = page.locator("mailwacht-root .card form[data-mailwacht=profile-form]");
      // The card's box stays inside the viewport with the form in it.
      const box = await root.boundingBox();
      const vp = page.viewportSize();
      assert.ok(box && box.y >= 0 && box.x >= 0 && box.x + box.width <= vp.width + 0.5, `the form lies inside the viewport: ${JSON.stringify(box)}`);
      // An invalid unsubscribe address keeps the form (and the draft) as they are.
      await root.locator("input[name=name]").fill(PROFILE.name);
      await root.locator("input[name=address]").fill(PROFILE.address);
      await root.locator("input[name=contact]").fill(PROFILE.phone);
      await root.locator("input[name=unsubscribe]").fill("mailto:afmelden@example.nl");
      await root.locator("button[data-action=profile-save]").click();
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(await shadowForm(), form, "an invalid unsubscribe page is refused; the form stays");
      assert.equal(await html(), before, "and nothing is inserted");
      await root.locator("input[name=unsubscribe]").fill(UNSUBSCRIBE);
      await root.locator("input[name=unsubscribe]").press("Enter");
      await waitForNoMark(page, "unsubscribe-missing");
      const after = await html();
      assert.doesNotMatch(after, PLACEHOLDER, "no [placeholder] in the draft");
      assert.ok(after.includes(`<a href="${UNSUBSCRIBE}"`), "the link goes to the unsubscribe page typed in the form");
      assert.ok(after.includes(PROFILE.name) && after.includes("Dorpsstraat 1"), "the name and address typed in the form");
      const stored = await (await env.ext.page()).evaluate(() => chrome.storage.sync.get("settings"));
      assert.equal(stored.settings.org.name, PROFILE.name, "the form saved to the profile");
      assert.equal(stored.settings.org.unsubscribe, UNSUBSCRIBE);
      await page.evaluate(() => document.execCommand("undo"));
      await until(async () => (await html()) === before, "undo to restore the draft");
      await waitForMark(page, "unsubscribe-missing");
    } finally {
      await setProfile(env.ext, PROFILE);
    }
  });

  test("Insert footer makes unsubscribe-missing go away; the browser's undo brings it back", async () => {
    const card = await openCard(page, "unsubscribe-missing");
    assert.equal(card.hidden, false);
    assert.equal(card.op, "footer");
    assert.ok(card.label.length > 0, "the button has a label from _locales");
    const before = await html();
    await clickFix(page);
    await waitForNoMark(page, "unsubscribe-missing");
    const after = await html();
    assert.ok(after.startsWith(before.slice(0, before.lastIndexOf("</p>"))), "the draft above the footer is kept");
    assert.match(after, /border-top:1px solid #dddddd/, "py_core's footer is at the end of the draft");
    assert.ok(after.includes(`<a href="${UNSUBSCRIBE}"`), "webmail: the link goes to the profile's own unsubscribe page");
    assert.doesNotMatch(after, PLACEHOLDER, "no [placeholder] in the draft");
    assert.ok(after.includes(PROFILE.name) && after.includes("Dorpsstraat 1"), "the profile's name and address");
    await page.evaluate(() => document.execCommand("undo"));
    await until(async () => (await html()) === before, "undo to restore the draft");
    await waitForMark(page, "unsubscribe-missing");
  });

  test("Untick the box removes the tick and the consent-prechecked mark; undo brings both back", async () => {
    const card = await openCard(page, "consent-prechecked");
    assert.equal(card.op, "uncheck");
    const before = await html();
    await clickFix(page);
    await waitForNoMark(page, "consent-prechecked");
    assert.equal(await page.evaluate(() => document.querySelector("#editor input[type=checkbox]").hasAttribute("checked")), false);
    // Chrome's insertHTML keeps the space after the replaced box visible as &nbsp; (same rendering).
    const same = (h) => h.replace(/ checked(="")?/, "").replace(/&nbsp;/g, " ");
    assert.equal(same(await html()), same(before), "only the tick changed");
    await page.evaluate(() => document.execCommand("undo"));
    await until(async () => (await html()) === before, "undo to restore the tick");
    await waitForMark(page, "consent-prechecked");
  });

  test("a dead unsubscribe href gets the platform's merge tag (Mailchimp's *|UNSUB|*); undo restores it", async () => {
    await page.evaluate((h) => {
      document.getElementById("editor").innerHTML = h;
    }, MAILCHIMP);
    const card = await openCard(page, "unsubscribe-broken");
    assert.equal(card.op, "href");
    const before = await html();
    await clickFix(page);
    await waitForNoMark(page, "unsubscribe-broken");
    assert.equal(await page.evaluate(() => document.querySelector("#editor a").getAttribute("href")), "*|UNSUB|*");
    await page.evaluate(() => document.execCommand("undo"));
    await until(async () => (await html()) === before, "undo to restore the old href");
    await waitForMark(page, "unsubscribe-broken");
  });
});

describe("quick fixes in TinyMCE (through its API in the page's world)", () => {
  const env = editorPage({ before, after }, { serve: { lib: join(ROOT, "node_modules", "tinymce") }, path: (s) => editorPageUrl("tinymce.html", s.lib), ready: true });
  let page;
  before(async () => {
    ({ page } = await env.ready);
    await setProfile(env.ext, PROFILE);
  });
  const content = () => page.evaluate(() => tinymce.activeEditor.getContent());

  test("Insert footer makes unsubscribe-missing go away; TinyMCE's undo brings it back", async () => {
    const card = await openCard(page, "unsubscribe-missing");
    assert.equal(card.op, "footer");
    const before = await content();
    assert.equal(await page.evaluate(() => tinymce.activeEditor.undoManager.hasUndo()), false);
    await clickFix(page);
    await waitForNoMark(page, "unsubscribe-missing");
    const after = await content();
    assert.ok(after.startsWith(before), "the footer is appended after the draft");
    assert.ok(after.includes(`href="${UNSUBSCRIBE}"`), after);
    assert.doesNotMatch(after, PLACEHOLDER);
    assert.equal(await page.evaluate(() => tinymce.activeEditor.undoManager.hasUndo()), true, "one level in TinyMCE's undo history");
    await page.evaluate(() => tinymce.activeEditor.undoManager.undo());
    assert.equal(await content(), before, "undo restores the draft");
    await waitForMark(page, "unsubscribe-missing");
  });

  test("Untick the box removes the tick inside the iframe; TinyMCE's undo brings it back", async () => {
    const card = await openCard(page, "consent-prechecked");
    assert.equal(card.op, "uncheck");
    const before = await content();
    assert.match(before, /<input type="checkbox" checked="checked">/);
    await clickFix(page);
    await waitForNoMark(page, "consent-prechecked");
    assert.equal(await content(), before.replace(' checked="checked"', ""), "only the tick changed, as TinyMCE reports it");
    await page.evaluate(() => tinymce.activeEditor.undoManager.undo());
    assert.equal(await content(), before);
    await waitForMark(page, "consent-prechecked");
  });

  test("a dead unsubscribe href gets the platform's merge tag in TinyMCE's content; its undo restores it", async () => {
    await page.evaluate((h) => {
      tinymce.activeEditor.setContent(h);
      tinymce.activeEditor.undoManager.clear();
    }, MAILCHIMP);
    const card = await openCard(page, "unsubscribe-broken");
    assert.equal(card.op, "href");
    const before = await content();
    await clickFix(page);
    await waitForNoMark(page, "unsubscribe-broken");
    assert.match(await content(), /<a href="\*\|UNSUB\|\*">Afmelden<\/a>/, "as TinyMCE serialises it");
    await page.evaluate(() => tinymce.activeEditor.undoManager.undo());
    assert.equal(await content(), before);
    await waitForMark(page, "unsubscribe-broken");
  });
});

/**
 * "Insert footer" in the other editors with an API, through that API (page-fix.js), and their own
 * undo: the unsubscribe-missing mark goes away, undo brings the draft and the mark back.
 */
const OTHERS = [
  {
    name: "CKEditor 4 (saveSnapshot around the change)",
    page: "ckeditor4.html",
    serve: join(ROOT, "node_modules", "ckeditor4"),
    content: () => CKEDITOR.instances.body.getData(),
    undo: () => CKEDITOR.instances.body.execCommand("undo"),
  },
  {
    name: "CKEditor 5 (model.change)",
    page: "ckeditor5.html",
    serve: join(ROOT, "node_modules", "ckeditor5"),
    content: () => editor.getData(),
    undo: () => editor.execute("undo"),
  },
  {
    name: "Quill (clipboard paste as 'user')",
    page: "quill.html",
    serve: join(ROOT, "node_modules", "quill"),
    content: () => quill.getSemanticHTML(),
    undo: () => quill.history.undo(),
  },
];

for (const spec of OTHERS) {
  describe(`Insert footer in ${spec.name}`, () => {
    const env = editorPage({ before, after }, { serve: { lib: spec.serve }, path: (s) => editorPageUrl(spec.page, s.lib), ready: true });
    let page;
    before(async () => {
      ({ page } = await env.ready);
      await setProfile(env.ext, PROFILE);
    });

    test("the footer makes unsubscribe-missing go away; the editor's undo brings it back", async () => {
      const card = await openCard(page, "unsubscribe-missing");
      assert.equal(card.op, "footer");
      const before = await page.evaluate(spec.content);
      await clickFix(page);
      await waitForNoMark(page, "unsubscribe-missing");
      const fixed = await page.evaluate(spec.content);
      // Quill's getSemanticHTML writes spaces as &nbsp;.
      assert.ok(fixed.includes(UNSUBSCRIBE) && fixed.replace(/&nbsp;/g, " ").includes("Dorpsstraat 1"), "the footer is in the editor's own content");
      assert.doesNotMatch(fixed, PLACEHOLDER);
      await page.evaluate(spec.undo);
      await until(async () => (await page.evaluate(spec.content)) === before, "undo to restore the draft");
      await waitForMark(page, "unsubscribe-missing");
    });
  });
}

describe("quick fix in an HTML textarea (insertText: the textarea's own undo)", () => {
  const env = editorPage({ before, after }, { path: "editors/textarea.html" });
  let page;
  before(async () => {
    ({ page } = await env.ready);
    await setProfile(env.ext, PROFILE);
  });
  const value = () => page.evaluate(() => document.getElementById("body").value);

  test("the footer's HTML goes at the end of the value; undo restores the value and the mark", async () => {
    const card = await openCard(page, "unsubscribe-missing");
    assert.equal(card.op, "footer");
    const before = await value();
    await clickFix(page);
    await waitForNoMark(page, "unsubscribe-missing");
    const after = await value();
    assert.ok(after.startsWith(before), "appended");
    assert.match(after.slice(before.length), /^\n*<div style=/, "py_core's HTML footer");
    assert.ok(after.includes(UNSUBSCRIBE));
    assert.doesNotMatch(after.slice(before.length), PLACEHOLDER);
    await page.evaluate(() => document.execCommand("undo"));
    await until(async () => (await value()) === before, "undo to restore the value");
    await waitForMark(page, "unsubscribe-missing");
  });
});

describe("Firefox: Insert footer in TinyMCE through its API (scripting.executeScript world MAIN)", () => {
  let firefox;
  let site;
  let tiny;
  let page;
  before(async () => {
    // The profile is stored from the extension's own options page (firefox-pages.test.mjs: BiDi
    // opens moz-extension:// pages with --remote-allow-system-access; the origin pinned by UUID).
    firefox = await launchFirefox({ pagesUuid: "6d61696c-7761-4368-b874-6573742d6667" });
    const options = await firefox.newPage();
    // The load event of an extension page is not awaited over BiDi (firefox.mjs openExtensionPage).
    await openExtensionPage(options, firefox.origin, "options/options.html", () => typeof browser !== "undefined" && Boolean(browser.storage), {
      what: "the options page",
      timeoutMs: 30000,
    });
    await options.evaluate((org) => browser.storage.sync.set({ settings: { version: 1, org } }), PROFILE);
    await options.close();
    site = await startServer();
    tiny = await startServer({ root: join(ROOT, "node_modules", "tinymce") });
    page = await firefox.newPage();
    await page.goto(site.url(`editors/tinymce.html?base=${encodeURIComponent(tiny.url(""))}`));
    await until(() => page.evaluate(() => window.editorReady === true), "TinyMCE", 30000);
  });
  after(async () => {
    await firefox?.close();
    await site?.close();
    await tiny?.close();
  });
  const content = () => page.evaluate(() => tinymce.activeEditor.getContent());

  test("the footer makes unsubscribe-missing go away; TinyMCE's undo brings it back", async () => {
    await waitForMark(page, "unsubscribe-missing", 90000); // a cold engine boot
    const before = await content();
    // Puppeteer over BiDi: the card is opened and its button clicked in the page (a DOM click).
    const op = await page.evaluate(() => {
      const root = document.querySelector("mailwacht-root").shadowRoot;
      root.querySelector('[data-rule="unsubscribe-missing"]').focus();
      const button = root.querySelector(".card button.quickfix");
      button.click();
      return button.dataset.op;
    });
    assert.equal(op, "footer");
    await waitForNoMark(page, "unsubscribe-missing");
    const fixed = await content();
    assert.ok(fixed.includes(UNSUBSCRIBE), "the profile's unsubscribe page");
    assert.doesNotMatch(fixed, PLACEHOLDER);
    assert.equal(await page.evaluate(() => tinymce.activeEditor.undoManager.hasUndo()), true, "in TinyMCE's undo history");
    await page.evaluate(() => tinymce.activeEditor.undoManager.undo());
    assert.equal(await content(), before);
    await waitForMark(page, "unsubscribe-missing");
  });
});

/**
 * The fixes that change one element (untick, href) in the editors that re-render from a model:
 * applied as a change of that model in the page's world (page-fix.js), so the editor's own undo
 * takes them back. CKEditor 5 keeps the box only through General HTML Support (the test page
 * allows <input>): untick sets the model's `htmlInputAttributes` without `checked`; the href fix
 * sets the Link plugin's `linkHref`. Quill has no form-control blot (the box is dropped on load,
 * editor-quill.test.mjs), so only the href fix applies there: formatText(index, length, "link").
 */
const MODEL_EDITORS = [
  {
    name: "CKEditor 5 (model.change)",
    page: "ckeditor5.html",
    serve: join(ROOT, "node_modules", "ckeditor5"),
    content: () => editor.getData(),
    undo: () => editor.execute("undo"),
    box: () => {
      const box = document.querySelector(".ck-editor__editable input[type=checkbox]");
      return box ? box.hasAttribute("checked") : null;
    },
    setDraft: (h) => editor.setData(h),
    link: () => document.querySelector(".ck-editor__editable a").getAttribute("href"),
    untick: true,
  },
  {
    name: "Quill (formatText)",
    page: "quill.html",
    serve: join(ROOT, "node_modules", "quill"),
    content: () => JSON.stringify({ html: quill.getSemanticHTML(), delta: quill.getContents() }),
    undo: () => quill.history.undo(),
    box: () => null,
    setDraft: (h) => {
      quill.setContents(quill.clipboard.convert({ html: h }), "api");
      quill.history.clear();
    },
    link: () => quill.root.querySelector("a").getAttribute("href"),
    untick: false,
  },
];

for (const spec of MODEL_EDITORS) {
  describe(`Untick and href through the model of ${spec.name}`, () => {
    const env = editorPage({ before, after }, { serve: { lib: spec.serve }, path: (s) => editorPageUrl(spec.page, s.lib), ready: true });
    let page;
    before(async () => ({ page } = await env.ready));
    const content = () => page.evaluate(spec.content);

    if (spec.untick) {
      test("Untick the box changes the model; the mark goes; the editor's undo brings tick and mark back", async () => {
        const card = await openCard(page, "consent-prechecked");
        assert.equal(card.op, "uncheck");
        const before = await content();
        assert.match(before, /<input type="checkbox" checked="checked">|<input type="checkbox" checked="">|<input type="checkbox" checked>/);
        await clickFix(page);
        await waitForNoMark(page, "consent-prechecked");
        assert.equal(await page.evaluate(spec.box), false, "the box in the editing view has no tick");
        assert.equal(await content(), before.replace(/ checked(="[^"]*")?/, ""), "only the tick changed, as the editor's getter reports it");
        await page.evaluate(spec.undo);
        await until(async () => (await content()) === before, "the editor's undo to restore the tick");
        assert.equal(await page.evaluate(spec.box), true);
        await waitForMark(page, "consent-prechecked");
      });
    } else {
      test("the editor holds no box: no consent-prechecked mark, so no untick is offered", async () => {
        await waitForMark(page, "unsubscribe-missing");
        assert.equal(await page.evaluate(() => document.querySelector(".ql-editor input")), null);
        assert.ok(!(await overlayState(page)).marks.some((m) => m.rule === "consent-prechecked"));
      });
    }

    test("a dead unsubscribe href gets the platform's merge tag in the model; the editor's undo restores it", async () => {
      await page.evaluate(spec.setDraft, MAILCHIMP);
      const card = await openCard(page, "unsubscribe-broken");
      assert.equal(card.op, "href");
      const before = await content();
      assert.match(before, /href=\\?"#\\?"/);
      await clickFix(page);
      await waitForNoMark(page, "unsubscribe-broken");
      assert.equal(await page.evaluate(spec.link), "*|UNSUB|*", "the editing view shows the new href");
      const after = await content();
      assert.match(after, /href=\\?"\*\|UNSUB\|\*\\?"/, "the editor's getter has the merge tag");
      assert.equal(after.replaceAll("*|UNSUB|*", "#"), before, "only the href changed");
      await page.evaluate(spec.undo);
      await until(async () => (await content()) === before, "the editor's undo to restore the old href");
      await waitForMark(page, "unsubscribe-broken");
      // Fixes run only on a click: checks after it leave the getter byte-identical.
      const { before: n0, after: n1 } = await runChecks(page, "contenteditable", 20, (i) => page.fill("input[name=subject]", `Nieuws ${i}`));
      assert.ok(n1 - n0 >= 20);
      assert.equal(await content(), before);
    });
  });
}
