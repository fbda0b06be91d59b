/**
 * Firefox helpers for the end-to-end tests: Debian's firefox-esr, headless, with dist/firefox
 * installed as a temporary add-on through Firefox's remote debugging protocol (the protocol
 * about:debugging and web-ext use: length-prefixed JSON packets over TCP on 127.0.0.1), and a way
 * to evaluate JavaScript in the extension's background page.
 */

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";

export const FIREFOX = process.env.MAILWACHT_FIREFOX || "/usr/bin/firefox-esr";
export const DIST_FIREFOX = join(ROOT, "dist", "firefox");
const GECKO_ID = "mailwacht@mailwacht.nl";

async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** A minimal remote-debugging-protocol client: one request at a time per actor, events kept. */
class RdpClient {
  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.waiting = new Map(); // actor -> [{resolve, reject}]
    this.events = [];
    socket.on("data", (chunk) => this._data(chunk));
  }

  static async connect(port, timeoutMs = 30000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await new Promise((resolve, reject) => {
          const s = connect(port, "127.0.0.1", () => resolve(s));
          s.on("error", reject);
        });
        const client = new RdpClient(socket);
        await client._next("root"); // the greeting
        return client;
      } catch (err) {
        if (Date.now() > until) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  _data(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const colon = this.buffer.indexOf(":");
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString());
      this.buffer = this.buffer.subarray(colon + 1 + length);
      const queue = this.waiting.get(packet.from);
      const isEvent = packet.type && !packet.error && packet.resultID && packet.type === "evaluationResult";
      if (queue && queue.length && !isEvent && !packet.type?.startsWith("target-")) {
        const { resolve, reject } = queue.shift();
        if (packet.error) reject(new Error(`${packet.error}: ${packet.message}`));
        else resolve(packet);
      } else {
        this.events.push(packet);
      }
    }
  }

  _next(actor) {
    return new Promise((resolve, reject) => {
      if (!this.waiting.has(actor)) this.waiting.set(actor, []);
      this.waiting.get(actor).push({ resolve, reject });
    });
  }

  request(to, type, fields = {}) {
    const reply = this._next(to);
    const text = JSON.stringify({ to, type, ...fields });
    this.socket.write(`${Buffer.byteLength(text)}:${text}`);
    return reply;
  }

  async waitForEvent(predicate, timeoutMs = 30000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const found = this.events.find(predicate);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("no such event from Firefox");
  }

  close() {
    this.socket.destroy();
  }
}

/**
 * Start headless Firefox with dist/firefox installed as a temporary add-on.
 * Returns {evaluate(expression) -> value (a promise's value is awaited), run(expression) -> JSON, close()}.
 */
export async function launchFirefoxExtension({ extensionPath = DIST_FIREFOX } = {}) {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: apt-get install firefox-esr`);
  const profile = mkdtempSync(join(tmpdir(), "mailwacht-firefox-"));
  writeFileSync(
    join(profile, "user.js"),
    [
      'user_pref("devtools.debugger.remote-enabled", true);',
      'user_pref("devtools.chrome.enabled", true);',
      'user_pref("devtools.debugger.prompt-connection", false);',
      'user_pref("browser.shell.checkDefaultBrowser", false);',
      'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
      'user_pref("app.update.enabled", false);',
      'user_pref("network.captive-portal-service.enabled", false);',
      'user_pref("extensions.update.enabled", false);',
    ].join("\n"),
  );
  const port = await freePort();
  const proc = spawn(FIREFOX, ["--headless", "--no-remote", "--profile", profile, "--start-debugger-server", String(port)], {
    stdio: "ignore",
  });
  let client;
  const close = async () => {
    client?.close();
    proc.kill();
    await new Promise((r) => setTimeout(r, 300));
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    client = await RdpClient.connect(port);
    const root = await client.request("root", "getRoot");
    await client.request(root.addonsActor, "installTemporaryAddon", { addonPath: extensionPath });
    const { addons } = await client.request("root", "listAddons");
    const addon = addons.find((a) => a.id === GECKO_ID);
    if (!addon) throw new Error(`${GECKO_ID} did not install`);
    const watcher = await client.request(addon.actor, "getWatcher");
    await client.request(watcher.actor, "watchTargets", { targetType: "frame" });
    const target = await client.waitForEvent(
      (e) => e.type === "target-available-form" && e.target?.url?.endsWith("/background/background.html"),
    );
    const consoleActor = target.target.consoleActor;

    const evaluate = async (text) => {
      const { resultID } = await client.request(consoleActor, "evaluateJSAsync", { text });
      const result = await client.waitForEvent((e) => e.resultID === resultID, 60000);
      if (result.exception) throw new Error(`evaluation failed: ${JSON.stringify(result.exceptionMessage)}`);
      const value = result.result;
      if (value && value.type === "longString") {
        // Long strings come in pieces: ask the string's actor for the whole of it.
        const { substring } = await client.request(value.actor, "substring", { start: 0, end: value.length });
        return substring;
      }
      return value;
    };
    let n = 0;
    /** Evaluate an expression whose value may be a promise; returns its JSON value. */
    const run = async (expression, timeoutMs = 60000) => {
      const slot = `__mailwacht_e2e_${(n += 1)}`;
      await evaluate(
        `globalThis.${slot} = undefined; Promise.resolve(${expression}).then(` +
          `(v) => { globalThis.${slot} = JSON.stringify({ok: true, v}); }, (e) => { globalThis.${slot} = JSON.stringify({ok: false, e: String(e)}); }); 0`,
      );
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const raw = await evaluate(`globalThis.${slot}`);
        if (typeof raw === "string") {
          const out = JSON.parse(raw);
          if (!out.ok) throw new Error(out.e);
          return out.v;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`no result within ${timeoutMs} ms: ${expression}`);
    };
    return { evaluate, run, close };
  } catch (err) {
    await close();
    throw err;
  }
}
