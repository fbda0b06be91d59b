/**
 * Typing in a real editor is checked by editing the engine's kept parse (issue 15, py_core.text_edit):
 * in Debian's Chromium, a ~100 KB newsletter in the contenteditable compose page, words typed into
 * its last paragraph with pauses (the watcher checks at each): the checks after the first are
 * edits of the text in the tree the engine kept, not new parses, and the marks of the typed draft
 * are those a new parse gives (the same report as CPython's for the HTML the editor holds then).
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { ROOT, runPythonJson, startServer } from "./harness.mjs";
import { checksOf, launchForEditors, until } from "./editor-contract.mjs";
import { newsletter } from "../../bench/common.mjs";

let ext;
let site;

before(async () => {
  ext = await launchForEditors();
  site = await startServer({ root: join(ROOT, "tests", "e2e", "gate-pages") });
});

after(async () => {
  await ext?.close();
  await site?.close();
});

const parses = async () => {
  const reply = await ext.send({ kind: "engine:version", parses: true });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  return reply.result.parses;
};

test("words typed into a 100 KB newsletter are edited into the kept parse, and marked as a new parse marks them", async () => {
  const page = await ext.context.newPage();
  await page.goto(site.url("compose.html"));
  await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
  const before = await checksOf(page, "contenteditable");
  await page.evaluate((html) => {
    document.getElementById("editor").innerHTML = html;
  }, newsletter(100 * 1024, false));
  await until(async () => (await checksOf(page, "contenteditable")) > before, "the watcher's check of the newsletter", 60000);
  // The caret at the end of the last paragraph's text.
  await page.evaluate(() => {
    const editor = document.getElementById("editor");
    editor.focus();
    const paragraphs = editor.querySelectorAll("p");
    const text = [...paragraphs].reverse().map((p) => p.lastChild).find((n) => n && n.nodeType === Node.TEXT_NODE && n.data.trim());
    const range = document.createRange();
    range.setStart(text, text.data.length);
    range.collapse(true);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  });
  // The watcher may check once more (the caret placed): counted from when it has settled.
  let checks = await checksOf(page, "contenteditable");
  for (let quiet = false; !quiet; ) {
    await page.waitForTimeout(1000);
    const now = await checksOf(page, "contenteditable");
    quiet = now === checks;
    checks = now;
  }
  const start = await parses();
  // A word and a space at a time: the editor writes the space at the end as &nbsp; until the next word.
  for (const word of ["Tot", " ziens", " in", " de", " winkel!"]) {
    await page.keyboard.type(word);
    checks = await until(async () => {
      const now = await checksOf(page, "contenteditable");
      return now > checks ? now : null;
    }, `the watcher's check after "${word}"`, 30000);
    await page.waitForTimeout(700); // longer than the watcher's debounce: one check per word
    checks = await checksOf(page, "contenteditable");
  }
  const end = await parses();
  const edited = end.edited - start.edited;
  assert.ok(edited >= 4, `the checks while typing were edits of the kept parse: ${JSON.stringify({ start, end })}`);
  assert.equal(end.new - start.new, 0, `no check while typing parsed the draft anew: ${JSON.stringify({ start, end })}`);
  // What the engine answered for the typed draft is what CPython answers for a new parse of it.
  const html = await page.evaluate(() => document.getElementById("editor").innerHTML);
  assert.ok(html.includes("Tot ziens in de winkel!"), html.slice(-300));
  const request = { kind: "check", draft: { subject: "Nieuwsbrief", html }, options: { now: "2026-03-01T12:00:00+00:00" } };
  const viaEngine = await ext.send({ kind: "engine:check", draft: request.draft, options: request.options });
  assert.equal(viaEngine.ok, true, JSON.stringify(viaEngine.error));
  const last = await parses();
  assert.equal(last.same - end.same, 1, `the engine answered from the tree it edited, kept for this HTML: ${JSON.stringify({ end, last })}`);
  const fresh = runPythonJson("import json,sys; from py_core.api import handle; print(handle(sys.stdin.read()))", request);
  const strip = (report) => JSON.stringify({ ...report, duration_ms: 0 });
  assert.equal(strip(viaEngine.result), strip(fresh.result));
  await page.close();
});
