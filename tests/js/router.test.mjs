/**
 * The router's sender checks and message validation (background/router.js with shared/protocol.js),
 * run in Node with fake senders: no browser needed. Content scripts may only ask for what they
 * need; other extensions and web pages are refused; malformed messages get an error reply.
 */

import assert from "node:assert/strict";
import { test } from "node:test";
import { createRouter } from "../../extension/background/router.js";
import { MESSAGES } from "../../extension/shared/protocol.js";

const ID = "abcdefghijklmnopabcdefghijklmnop";
const ORIGIN = `chrome-extension://${ID}/`;
const PAGE = { id: ID, url: `${ORIGIN}popup/popup.html` };
const CONTENT = { id: ID, url: "https://mail.google.com/mail/u/0/", tab: { id: 7 } };
const OTHER_EXTENSION = { id: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", url: "chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html" };
const NO_TAB_FOREIGN = { id: ID, url: "https://evil.example/" };

function fakeEngine() {
  const calls = [];
  return {
    calls,
    call: async (request) => {
      calls.push(request);
      return { ok: true, result: { echo: request } };
    },
    status: async () => ({ state: "ready" }),
    restart: async () => ({ state: "ready", restarted: true }),
  };
}

// sites: background/custom-sites.js's {sync()}, faked like the engine (it needs the browser's scripting API).
const route = (engine) => createRouter({ engine, runtimeId: ID, extensionOrigin: ORIGIN, sites: { sync: async () => ({ registered: [], waiting: [] }) } });

test("content scripts may check, get the status, render a summary and a footer", async () => {
  const engine = fakeEngine();
  const { dispatch } = route(engine);
  const check = await dispatch({ target: "background", kind: "engine:check", draft: { html: "<p>x</p>" } }, CONTENT);
  assert.equal(check.ok, true);
  assert.deepEqual(engine.calls[0], { kind: "check", draft: { html: "<p>x</p>" } });
  assert.equal((await dispatch({ kind: "engine:status" }, CONTENT)).ok, true);
  assert.equal((await dispatch({ kind: "engine:render-summary", report: {}, format: "markdown" }, CONTENT)).ok, true);
  assert.equal((await dispatch({ kind: "engine:footer", options: {} }, CONTENT)).ok, true);
});

test("content scripts may ask only for what they need", () => {
  // Engine requests (answered by py_core) and the status; never restarts, diagnostics or the
  // engine host's own messages. A new content-script message must be one of these shapes.
  const contentKinds = Object.entries(MESSAGES).filter(([, spec]) => spec.from.includes("content"));
  for (const core of ["engine:check", "engine:status", "engine:render-summary", "engine:footer"]) {
    assert.ok(MESSAGES[core].from.includes("content"), `${core} must be open to content scripts`);
  }
  for (const [kind, spec] of contentKinds) {
    // The one exception: a quick fix the user clicked, run in the sender's own tab and frame only
    // (tested below); it reaches no engine and no other tab.
    if (kind === "editor:apply-fix") continue;
    // And the send gate's notices for the next page of its own tab (issue 13): kept by the
    // background under the sender's tab id, tested in hardening.test.mjs; they reach no engine.
    if (kind === "gate:carry-notice" || kind === "gate:take-notices") continue;
    assert.ok(kind.startsWith("engine:"), `${kind}: content scripts may only send engine:* messages`);
    // engine:prepare (issue 15) is the status without its answer: it boots the engine, nothing more.
    assert.ok(spec.python || kind === "engine:status" || kind === "engine:prepare", `${kind}: content scripts may only ask py_core or the status`);
    assert.ok(!spec.target, `${kind}: content scripts may not address the engine host`);
  }
  for (const kind of ["engine:restart", "engine:version", "engine:idle", "offscreen:call", "offscreen:status", "offscreen:restart"]) {
    assert.ok(!MESSAGES[kind].from.includes("content"), `${kind} must not be open to content scripts`);
  }
});

test("content scripts may not restart the engine or reach the engine host", async () => {
  const engine = fakeEngine();
  const { dispatch } = route(engine);
  for (const kind of ["engine:restart", "engine:version", "offscreen:call", "offscreen:restart"]) {
    const reply = await dispatch({ kind, request: {} }, CONTENT);
    assert.equal(reply.ok, false, kind);
    assert.equal(reply.error.code, "forbidden", kind);
  }
  assert.equal(engine.calls.length, 0);
});

test("extension pages may use every background message", async () => {
  const { dispatch } = route(fakeEngine());
  for (const [kind, spec] of Object.entries(MESSAGES)) {
    if (spec.target || !spec.from.includes("page")) continue; // addressed to the offscreen host or a tab
    // The required object fields of every kind (a message field is an object, never an array).
    const message = { kind, draft: {}, report: {}, records: { list: [] } };
    const reply = await dispatch(message, PAGE);
    assert.equal(reply.ok, true, `${kind}: ${JSON.stringify(reply)}`);
  }
});

test("other extensions, foreign pages and missing senders are refused", async () => {
  const engine = fakeEngine();
  const { dispatch } = route(engine);
  for (const sender of [OTHER_EXTENSION, NO_TAB_FOREIGN, undefined, { url: PAGE.url }]) {
    const reply = await dispatch({ kind: "engine:check", draft: {} }, sender);
    assert.equal(reply.error?.code, "forbidden", JSON.stringify(sender));
  }
  assert.equal(engine.calls.length, 0);
});

test("malformed messages get an error reply, not silence", async () => {
  const { dispatch } = route(fakeEngine());
  const cases = [null, "engine:check", { kind: "engine:nope" }, { kind: "engine:check" }, { kind: "engine:check", draft: "html" }];
  for (const message of cases) {
    const reply = await dispatch(message, PAGE);
    assert.equal(reply.ok, false, JSON.stringify(message));
    assert.equal(reply.error.code, "bad-message");
  }
});

test("only fields the protocol declares reach Python", async () => {
  const engine = fakeEngine();
  const { dispatch } = route(engine);
  await dispatch({ kind: "engine:check", draft: { html: "x" }, options: { locale: "nl" }, extra: "dropped" }, PAGE);
  assert.deepEqual(engine.calls[0], { kind: "check", draft: { html: "x" }, options: { locale: "nl" } });
});

test("the listener answers only messages addressed to the background", async () => {
  const { listener } = route(fakeEngine());
  assert.equal(listener({ target: "offscreen", kind: "offscreen:status" }, PAGE, () => {}), false);
  const reply = await new Promise((resolve) => {
    assert.equal(listener({ target: "background", kind: "engine:status" }, PAGE, resolve), true);
  });
  assert.equal(reply.ok, true);
});

test("editor:apply-fix runs the quick fix in the sender's own tab and frame, in the page's world, for content scripts only", async () => {
  const injections = [];
  const scripting = {
    executeScript: async (details) => {
      injections.push(details);
      return [{ result: { applied: true, via: "tinymce" } }];
    },
  };
  const { dispatch } = createRouter({ engine: fakeEngine(), runtimeId: ID, extensionOrigin: ORIGIN, scripting });
  const fix = { op: "uncheck", frames: [0], nodes: [1], selector: "p:nth-of-type(3) > label:nth-of-type(1) > input:nth-of-type(1)" };
  const reply = await dispatch({ kind: "editor:apply-fix", fix }, { ...CONTENT, frameId: 0 });
  assert.deepEqual(reply, { ok: true, result: { applied: true, via: "tinymce" } });
  assert.equal(injections.length, 1);
  assert.deepEqual(injections[0].target, { tabId: 7, frameIds: [0] });
  assert.equal(injections[0].world, "MAIN");
  assert.equal(injections[0].func.name, "applyFixInPage");
  assert.deepEqual(injections[0].args, [fix]);
  assert.equal((await dispatch({ kind: "editor:apply-fix", fix }, PAGE)).error?.code, "forbidden");
  assert.equal((await dispatch({ kind: "editor:apply-fix", fix }, NO_TAB_FOREIGN)).error?.code, "forbidden");
  assert.equal((await dispatch({ kind: "editor:apply-fix" }, CONTENT)).error?.code, "bad-message");
  assert.equal(injections.length, 1);
});

test("engine:prepare starts the engine for pages and content scripts; engine:idle closes it for our pages only (issue 15)", async () => {
  const started = [];
  let closes = 0;
  const engine = {
    ...fakeEngine(),
    status: async ({ start = false } = {}) => {
      started.push(start);
      return { state: "booting" };
    },
    idle: async () => {
      closes += 1;
      return { closed: true };
    },
  };
  const { dispatch } = route(engine);
  assert.deepEqual(await dispatch({ kind: "engine:prepare" }, CONTENT), { ok: true, result: { state: "booting" } });
  assert.deepEqual(await dispatch({ kind: "engine:prepare" }, PAGE), { ok: true, result: { state: "booting" } });
  assert.deepEqual(started, [true, true]);
  assert.equal((await dispatch({ kind: "engine:idle" }, CONTENT)).error?.code, "forbidden");
  assert.equal(closes, 0);
  assert.deepEqual(await dispatch({ kind: "engine:idle" }, PAGE), { ok: true, result: { closed: true } });
  assert.equal(closes, 1);
  // An engine without idle() (Firefox: its host unloads the worker itself) answers closed: false.
  assert.deepEqual(await route(fakeEngine()).dispatch({ kind: "engine:idle" }, PAGE), { ok: true, result: { closed: false } });
});
