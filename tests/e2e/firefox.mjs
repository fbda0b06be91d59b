/**
 * Firefox for the end-to-end tests: the one place they start it. Debian's firefox-esr (never a
 * downloaded one), headless, driven by puppeteer-core over WebDriver BiDi (Playwright's Firefox
 * needs its own patched build; stock Firefox speaks BiDi, and BiDi installs a temporary add-on).
 *
 *  - startFirefox({userDataDir, prefs, args}): the browser alone (Puppeteer's Browser); the tests
 *    that install the add-on themselves use it (daily-use.test.mjs: an .xpi in a kept profile);
 *  - launchFirefox({prefs, args, contentScripts, pagesUuid}): with a test copy of dist/firefox
 *    installed (editor-contract.mjs testExtension: its content scripts also run on the test server);
 *    `pagesUuid` pins the add-on's internal UUID and lets BiDi open its moz-extension:// pages
 *    (openExtensionPage; firefox-pages.test.mjs explains both);
 *  - launchFirefoxExtension(): with dist/firefox installed over Firefox's remote debugging protocol
 *    (length-prefixed JSON packets over TCP on 127.0.0.1, the protocol about:debugging and web-ext
 *    use), to evaluate JavaScript in the extension's background page, which BiDi does not reach.
 */

import { existsSync, readFileSync } from "node:fs";
import { createServer, connect } from "node:net";
import { join } from "node:path";
import { ROOT } from "./harness.mjs";
import { testExtension, until } from "./editor-contract.mjs";

export const FIREFOX = process.env.MAILWACHT_FIREFOX || "/usr/bin/firefox-esr";
export const DIST_FIREFOX = join(ROOT, "dist", "firefox");
/** node:test's `skip` for a test that needs Firefox: false, or why it cannot run here. */
export const SKIP_WITHOUT_FIREFOX = existsSync(FIREFOX) ? false : `${FIREFOX} is missing (apt-get install firefox-esr)`;

/** The add-on's id (browser_specific_settings.gecko.id of dist/firefox/manifest.json). */
export function geckoId() {
  const manifest = join(DIST_FIREFOX, "manifest.json");
  if (!existsSync(manifest)) throw new Error("dist/firefox is missing: run python3 build.py first");
  return JSON.parse(readFileSync(manifest, "utf-8")).browser_specific_settings.gecko.id;
}

/** Profile preferences that save every download into `dir`, without asking and without the panel. */
export const downloadPrefs = (dir) => ({
  "browser.download.dir": dir,
  "browser.download.folderList": 2,
  "browser.download.useDownloadDir": true,
  "browser.download.start_downloads_in_tmp_dir": false,
  "browser.download.alwaysOpenPanel": false,
});

/**
 * Start headless Firefox ESR (Puppeteer's Browser): in `userDataDir` when given (kept across
 * restarts), else in a temporary profile; `prefs`: profile preferences; `args`: command-line flags.
 */
export async function startFirefox({ userDataDir, prefs = {}, args = [] } = {}) {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: apt-get install firefox-esr`);
  const { default: puppeteer } = await import("puppeteer-core");
  return puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true, ...(userDataDir ? { userDataDir } : {}), extraPrefsFirefox: prefs, args });
}

/**
 * Firefox with a test copy of dist/firefox installed as a temporary add-on. `prefs`: extra
 * preferences for the test profile (e.g. downloadPrefs); `args`: extra flags; `contentScripts` as
 * in testExtension; `pagesUuid`: the add-on's internal UUID, pinned (pref extensions.webextensions.uuids)
 * so its pages' origin is known, and --remote-allow-system-access, which lets WebDriver BiDi open
 * them. Returns {browser, origin (with pagesUuid), newPage(), close()}.
 */
export async function launchFirefox({ prefs = {}, args = [], contentScripts = true, pagesUuid = null } = {}) {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: apt-get install firefox-esr`);
  if (!existsSync(join(DIST_FIREFOX, "manifest.json"))) throw new Error("dist/firefox is missing: run python3 build.py first");
  if (pagesUuid) {
    prefs = { "extensions.webextensions.uuids": JSON.stringify({ [geckoId()]: pagesUuid }), ...prefs };
    args = ["--remote-allow-system-access", ...args];
  }
  const copy = testExtension(DIST_FIREFOX, { contentScripts });
  const browser = await startFirefox({ prefs, args });
  try {
    await browser.installExtension(copy.path);
  } catch (err) {
    await browser.close();
    copy.remove();
    throw err;
  }
  return {
    browser,
    origin: pagesUuid ? `moz-extension://${pagesUuid}` : null,
    newPage: () => browser.newPage(),
    async close() {
      await browser.close().catch(() => {});
      copy.remove();
    },
  };
}

/**
 * Navigate `page` to the extension page `path` under `origin` and wait until `ready` (a function
 * evaluated in the page) holds. The load is not awaited (BiDi does not report the navigation into
 * the extension's process as one); the address is checked too, so the old document answering
 * first cannot pass.
 */
export async function openExtensionPage(page, origin, path, ready, { what = `${path} to be ready`, timeoutMs = 90000 } = {}) {
  await page.goto(`${origin}/${path}`, { timeout: 3000, waitUntil: "domcontentloaded" }).catch(() => {});
  const [pathname] = path.split("?");
  await until(
    async () => {
      try {
        return (await page.evaluate(() => location.pathname)) === `/${pathname}` && (await page.evaluate(ready));
      } catch {
        return false; // the document is being replaced
      }
    },
    what,
    timeoutMs,
  );
}

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
 * Start headless Firefox with dist/firefox installed as a temporary add-on over the remote
 * debugging protocol. Returns {evaluate(expression) -> value (a promise's value is awaited),
 * run(expression) -> JSON, close()}.
 */
export async function launchFirefoxExtension({ extensionPath = DIST_FIREFOX } = {}) {
  const port = await freePort();
  const browser = await startFirefox({
    prefs: {
      "devtools.debugger.remote-enabled": true,
      "devtools.chrome.enabled": true,
      "devtools.debugger.prompt-connection": false,
      "browser.shell.checkDefaultBrowser": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "app.update.enabled": false,
      "network.captive-portal-service.enabled": false,
      "extensions.update.enabled": false,
    },
    args: ["--start-debugger-server", String(port)],
  });
  let client;
  const close = async () => {
    client?.close();
    await browser.close().catch(() => {});
  };
  try {
    client = await RdpClient.connect(port);
    const root = await client.request("root", "getRoot");
    await client.request(root.addonsActor, "installTemporaryAddon", { addonPath: extensionPath });
    const { addons } = await client.request("root", "listAddons");
    const id = geckoId();
    const addon = addons.find((a) => a.id === id);
    if (!addon) throw new Error(`${id} did not install`);
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
