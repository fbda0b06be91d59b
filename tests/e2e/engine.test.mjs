/**
 * The engine inside the extension, in Debian's Chromium: it answers from the extension (the same
 * py_core version as this checkout), survives its service worker being stopped, recovers after its
 * worker is killed or a call runs too long, and cannot be reached by a web page.
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchExtension, runPythonJson, startServer } from "./harness.mjs";

let ext;
let site;

const DRAFT = {
  subject: "Nieuwsbrief maart",
  html: '<p>Beste lezer,</p><p>Nieuws.</p><p><a href="https://voorbeeld.nl/afmelden">Afmelden</a></p>',
};
const NOW = "2026-03-01T12:00:00+00:00";

before(async () => {
  ext = await launchExtension();
  site = await startServer();
});

after(async () => {
  await ext?.close();
  await site?.close();
});

test("the engine boots and answers a check from inside the extension", async () => {
  const status = await ext.waitForEngine();
  assert.equal(status.state, "ready");
  assert.equal(status.boot.kind, "cold"); // a fresh profile has no snapshot yet
  const reply = await ext.send({ kind: "engine:check", draft: DRAFT, options: { now: NOW } });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  // The same report CPython gives for the same request (timings aside).
  const expected = runPythonJson(
    "import json,sys; from py_core.api import handle; print(handle(sys.stdin.read()))",
    { kind: "check", draft: DRAFT, options: { now: NOW } },
  );
  delete reply.result.duration_ms;
  delete expected.result.duration_ms;
  assert.deepStrictEqual(reply.result, expected.result);
  const version = await ext.send({ kind: "engine:version" });
  assert.deepEqual(version, { ok: true, result: { version: expected.result.engine.version } });
});

test("summaries, footers and the catalogue come back as JSON envelopes", async () => {
  const report = (await ext.send({ kind: "engine:check", draft: DRAFT, options: { now: NOW } })).result;
  const summary = await ext.send({ kind: "engine:render-summary", report, format: "markdown", locale: "nl" });
  assert.equal(summary.ok, true, JSON.stringify(summary.error));
  assert.equal(typeof summary.result.content, "string");
  const footer = await ext.send({ kind: "engine:footer", options: {}, format: "html" });
  assert.equal(footer.ok, true, JSON.stringify(footer.error));
  const catalogue = await ext.send({ kind: "engine:catalogue", locale: "en" });
  assert.ok(Array.isArray(catalogue.result) && catalogue.result.length > 0);
});

test("issue 15: after a reply the replaced parse is released, between requests, and a new draft's check leaves no tree behind", async () => {
  const draft = (n) => ({ ...DRAFT, html: DRAFT.html + `<p>Artikel ${n} <a href="https://voorbeeld.nl/a">lees</a></p>`.repeat(300) });
  const lastCall = async () => (await ext.send({ kind: "engine:status" })).result.lastCall;
  // Two drafts, then any request: it reports the step that ran after the second reply.
  for (const n of [1, 2]) {
    const reply = await ext.send({ kind: "engine:check", draft: draft(n), options: { now: NOW } });
    assert.equal(reply.ok, true, JSON.stringify(reply.error));
  }
  assert.equal((await ext.send({ kind: "engine:version" })).ok, true);
  let collected = (await lastCall()).collected;
  // In a task of its own after the reply (Python's own collector is off): the first draft's tree
  // (~1,800 nodes), replaced by the second, released (LastParse.release_later), no collection.
  assert.equal(collected.full, false, JSON.stringify(collected));
  assert.ok(collected.released > 1000, JSON.stringify(collected));
  // After a pause without calls (2 s in the worker) a full collection has run as well. It finds
  // no tree: the first draft's (~3,000 objects) was released, not left as cyclic garbage.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  assert.equal((await ext.send({ kind: "engine:version" })).ok, true);
  collected = (await lastCall()).collected;
  assert.equal(collected.full, true, JSON.stringify(collected));
  assert.ok(collected.found < 1000, JSON.stringify(collected));
});

test("issue 11: the quick fix's footer comes in the language of the draft it goes into, the notes in Mailwacht's", async () => {
  const options = { locale: "en", platform: "webmail", org: { name: "Acme GmbH" } };
  const drafts = {
    nl: "<p>Beste klant,</p><p>Deze week hebben we een mooie aanbieding voor u: alle jassen met 20% korting in onze winkel.</p><p>Met vriendelijke groet,<br>Acme</p>",
    de: "<p>Liebe Kundin, lieber Kunde,</p><p>diese Woche haben wir ein tolles Angebot für Sie: alle Jacken 20 % günstiger in unserem Shop.</p><p>Mit freundlichen Grüßen<br>Ihr Acme-Team</p>",
    fr: "<p>Chère cliente, cher client,</p><p>Cette semaine nous avons une belle offre pour vous : tous les manteaux à -20 % dans notre boutique.</p><p>Cordialement,<br>L'équipe Acme</p>",
  };
  const words = { nl: "Afmelden", de: "Abmelden", fr: "Se désabonner" };
  for (const [language, html] of Object.entries(drafts)) {
    const reply = await ext.send({ kind: "engine:footer", options, format: "html", draft: { html } });
    assert.equal(reply.ok, true, JSON.stringify(reply.error));
    assert.equal(reply.result.language, language);
    assert.ok(reply.result.content.includes(words[language]), `${language}: ${reply.result.content}`);
    assert.ok(!reply.result.content.includes("Unsubscribe"), `${language}: not in the interface's English`);
    assert.match(reply.result.notes[0], /^In webmail nothing fills merge tags/, "the note to the user is in the interface's language");
    // The same answer CPython gives.
    const expected = runPythonJson("import json,sys; from py_core.api import handle; print(handle(sys.stdin.read()))", { kind: "footer", options, format: "html", draft: { html } });
    assert.deepStrictEqual(reply.result, expected.result);
  }
  const named = await ext.send({ kind: "engine:footer", options, format: "text", language: "de" });
  assert.equal(named.result.language, "de");
  const unclear = await ext.send({ kind: "engine:footer", options, format: "html", draft: { html: "<p>Acme</p>" } });
  assert.equal(unclear.result.language, "en", "too little text to tell: the interface's language");
});

test("bad requests get error replies", async () => {
  const unknown = await ext.send({ kind: "engine:nope" });
  assert.equal(unknown.error.code, "bad-message");
  const bad = await ext.send({ kind: "engine:check", draft: { html: "<p>x</p>" }, options: { platform: "no-such-platform" } });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, "bad-input");
});

test("a web page cannot reach the extension", async () => {
  const page = await ext.context.newPage();
  await page.goto(site.url("index.html"));
  const reachable = await page.evaluate(
    (id) =>
      new Promise((resolve) => {
        if (!globalThis.chrome?.runtime?.sendMessage) return resolve(false);
        try {
          chrome.runtime.sendMessage(id, { target: "background", kind: "engine:status" }, (reply) => resolve(Boolean(reply)));
        } catch {
          resolve(false);
        }
      }),
    ext.extensionId,
  );
  assert.equal(reachable, false);
  await page.close();
});

test("the engine survives its service worker being stopped", async () => {
  const before = await ext.waitForEngine();
  assert.ok(await ext.stopServiceWorker(), "no running service worker to stop");
  // The next message wakes a new service worker; the offscreen document and its engine stayed up.
  const reply = await ext.send({ kind: "engine:check", draft: DRAFT, options: { now: NOW } });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  const after = await ext.waitForEngine();
  assert.equal(after.restarts, before.restarts, "the engine was restarted");
  assert.deepEqual(after.boot, before.boot, "the engine booted again");
});

test("the engine recovers after its worker is killed", async () => {
  const before = await ext.waitForEngine();
  // Kill the worker behind the host's back, as a crash of its process would.
  await ext.allowSpare(false);
  let reply;
  try {
    await ext.evaluateInOffscreen("globalThis.mailwacht.host.worker.terminate(), true");
    await new Promise((r) => setTimeout(r, 1200)); // past the idle time after which the host pings first
    reply = await ext.send({ kind: "engine:check", draft: DRAFT, options: { now: NOW } });
  } finally {
    await ext.allowSpare(true);
  }
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  const after = await ext.waitForEngine();
  assert.equal(after.restarts, before.restarts + 1);
  assert.equal(after.boot.kind, "snapshot", "the restarted worker should boot from the snapshot made by the first boot");
});

test("a check that runs too long ends in an error reply and a fresh engine", async () => {
  await ext.waitForEngine();
  await ext.evaluateInOffscreen("globalThis.mailwacht.host.limits.callMs = 5, true");
  try {
    const big = { html: "<p>" + "Nieuws en aanbiedingen. ".repeat(40000) + "</p>" };
    const reply = await ext.send({ kind: "engine:check", draft: big, options: { now: NOW } });
    assert.equal(reply.ok, false);
    assert.equal(reply.error.code, "engine-timeout");
  } finally {
    await ext.evaluateInOffscreen("globalThis.mailwacht.host.limits.callMs = 20000, true");
  }
  const reply = await ext.send({ kind: "engine:check", draft: DRAFT, options: { now: NOW } });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
});
