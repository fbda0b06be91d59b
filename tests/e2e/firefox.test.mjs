/**
 * Firefox (Debian's firefox-esr, headless): the MV3 background page of dist/firefox starts the same
 * engine worker; it boots, stores its snapshot, answers through the router, and boots from the
 * snapshot when restarted. Skipped when firefox-esr is not installed (.ci/run installs it).
 */

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { SKIP_WITHOUT_FIREFOX as skip, launchFirefoxExtension } from "./firefox.mjs";

let ff;

// The router as the background page hears an extension page of ours.
const SENDER = "{id: browser.runtime.id, url: location.href}";
const dispatch = (message) => `globalThis.mailwacht.router.dispatch(${JSON.stringify(message)}, ${SENDER})`;

before(async () => {
  if (!skip) ff = await launchFirefoxExtension();
});

after(async () => {
  await ff?.close();
});

async function waitReady(predicate = (s) => s.state === "ready") {
  const until = Date.now() + 90000;
  let status;
  while (Date.now() < until) {
    status = await ff.run("globalThis.mailwacht?.host?.status() ?? null");
    if (status && (predicate(status) || status.state === "error")) return status;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`engine not ready: ${JSON.stringify(status)}`);
}

test("Firefox: the background page boots the engine and stores a snapshot", { skip }, async () => {
  const status = await waitReady((s) => s.state === "ready" && s.boot.snapshotStored !== undefined);
  assert.equal(status.state, "ready", JSON.stringify(status));
  assert.equal(status.boot.kind, "cold");
  assert.ok(status.boot.bytecodeFiles > 100, JSON.stringify(status.boot)); // build.py's bytecode of the wheels
  assert.equal(status.boot.snapshotStored, true, JSON.stringify(status.boot));
});

test("Firefox: the engine answers a check through the router", { skip }, async () => {
  // Said to be a mailing: the engine takes a one-line note for personal mail (issue 10), on which
  // the bulk-mail rules do not run.
  const reply = await ff.run(dispatch({ kind: "engine:check", draft: { html: "<p>Nieuws</p>" }, options: { mail_kind: "mailing" } }));
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  assert.equal(reply.result.mail_kind, "mailing");
  assert.ok(reply.result.findings.some((f) => f.rule === "unsubscribe-missing"));
  const forbidden = await ff.run(`globalThis.mailwacht.router.dispatch({kind: "engine:restart"}, {id: browser.runtime.id, url: "https://mail.google.com/", tab: {id: 1}})`);
  assert.equal(forbidden.error.code, "forbidden");
});

test("Firefox: a restarted engine boots from the snapshot", { skip }, async () => {
  const reply = await ff.run(dispatch({ kind: "engine:restart" }));
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal(reply.result.boot.kind, "snapshot", JSON.stringify(reply.result.boot));
  const check = await ff.run(dispatch({ kind: "engine:check", draft: { html: "<p>Nieuws</p>" } }));
  assert.equal(check.ok, true);
});
