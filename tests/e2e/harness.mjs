/**
 * Reusable end-to-end helpers: Debian's Chromium (never a downloaded browser) with the built
 * extension (dist/chrome) in a fresh profile, driven by playwright-core; a static server on
 * 127.0.0.1 for test pages; and shortcuts to talk to the extension the way its own pages do.
 *
 * A test file per editor builds on this:
 *
 *   const ext = await launchExtension();          // browser + extension id + service worker
 *   const site = await startServer();              // serves tests/e2e/pages/ on 127.0.0.1
 *   const page = await ext.context.newPage(); await page.goto(site.url("editor.html"));
 *   const reply = await ext.send({kind: "engine:check", draft: {...}});   // as an extension page
 *   ...; await ext.close(); await site.close();
 */

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const DIST_CHROME = join(ROOT, "dist", "chrome");
export const PAGES = join(ROOT, "tests", "e2e", "pages");
export const CHROMIUM = process.env.MAILWACHT_CHROMIUM || "/usr/bin/chromium";

/** Flags for a quiet, reproducible Chromium that talks to nothing but 127.0.0.1. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--no-default-browser-check",
];

export function requireChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the end-to-end tests need Debian's Chromium (apt-get install chromium)`);
  }
  if (!existsSync(join(DIST_CHROME, "manifest.json"))) {
    throw new Error("dist/chrome is missing: run python3 build.py first");
  }
}

/**
 * Launch Chromium with the extension loaded into a profile (a fresh temporary one unless
 * `userDataDir` is given: pass the same directory to test a second start of the same profile);
 * `args`: extra Chromium flags (e.g. --lang=en).
 * Returns {context, extensionId, origin, serviceWorker(), page(), send(message), waitForEngine(),
 * cdp(), evaluateInOffscreen(expression), allowSpare(allowed), stopServiceWorker(), close()}.
 */
export async function launchExtension({ userDataDir, headless = true, extensionPath = DIST_CHROME, keepProfile = false, args: extraArgs = [] } = {}) {
  requireChromium();
  const profile = userDataDir ?? mkdtempSync(join(tmpdir(), "mailwacht-profile-"));
  const args = [...CHROMIUM_FLAGS, ...extraArgs, `--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`];
  // Extensions need the new headless mode (the old one cannot load them).
  if (headless) args.push("--headless=new");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: false, // headless is chosen by the flag above, so Playwright does not add the old mode
    args,
    ignoreDefaultArgs: ["--disable-extensions", "--disable-component-extensions-with-background-pages"],
  });
  let worker = context.serviceWorkers().find((w) => w.url().startsWith("chrome-extension://"));
  if (!worker) worker = await context.waitForEvent("serviceworker", { timeout: 30000 });
  const extensionId = new URL(worker.url()).host;
  const origin = `chrome-extension://${extensionId}`;
  let extPage = null;

  const ext = {
    context,
    extensionId,
    origin,
    profile,
    /** The running service worker (waits for one when Chrome has stopped it). */
    async serviceWorker() {
      const found = context.serviceWorkers().find((w) => w.url().startsWith(origin));
      return found ?? context.waitForEvent("serviceworker", { timeout: 30000 });
    },
    /** An extension page of ours (the popup, opened in a tab) to send messages from. */
    async page() {
      if (!extPage || extPage.isClosed()) {
        extPage = await context.newPage();
        await extPage.goto(`${origin}/popup/popup.html`);
      }
      return extPage;
    },
    /** Send a protocol message to the background as an extension page does; resolves with the reply. */
    async send(message) {
      const page = await ext.page();
      return page.evaluate((msg) => chrome.runtime.sendMessage({ target: "background", ...msg }), message);
    },
    /** Poll engine:status until `predicate(status)` holds (default: ready), or fail after timeoutMs. */
    async waitForEngine(predicate = (s) => s.state === "ready", timeoutMs = 60000) {
      const until = Date.now() + timeoutMs;
      let last = null;
      while (Date.now() < until) {
        const reply = await ext.send({ kind: "engine:status" });
        last = reply;
        if (reply && reply.ok && predicate(reply.result)) return reply.result;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`engine not ready within ${timeoutMs} ms; last status ${JSON.stringify(last)}`);
    },
    /** A DevTools session (Target, ServiceWorker domains) shared by the helpers below. */
    cdp: () => browserSession(ext),
    /** Evaluate an expression inside the offscreen document (where the engine host lives). */
    async evaluateInOffscreen(expression) {
      return evaluateInTarget(ext, (t) => t.url.startsWith(`${origin}/offscreen/`), expression);
    },
    /**
     * Tests of the engine's failures: retire the engine host's spare worker and allow none until
     * `allowed` is true again. A check that ran past LIMITS.pressureMs on a busy machine leaves a
     * spare for a minute (engine/host.js), and it would answer in place of the worker under test.
     */
    async allowSpare(allowed) {
      return ext.evaluateInOffscreen(`(() => {
        const host = globalThis.mailwacht.host;
        host.allowSpare = ${Boolean(allowed)};
        if (!host.allowSpare && host.spare) {
          const spare = host.spare;
          host.spare = null;
          spare.unload("test: no spare worker");
        }
        return true;
      })()`);
    },
    /** Stop the service worker the way Chrome does when it is idle (DevTools ServiceWorker.stopWorker). */
    async stopServiceWorker() {
      const session = await browserSession(ext);
      const { targetInfos } = await session.send("Target.getTargets");
      const sw = targetInfos.find((t) => t.type === "service_worker" && t.url.startsWith(origin));
      if (!sw) return false;
      await session.send("ServiceWorker.enable");
      const versions = [];
      const onUpdate = (event) => versions.push(...event.versions);
      session.on("ServiceWorker.workerVersionUpdated", onUpdate);
      await new Promise((r) => setTimeout(r, 300));
      session.off("ServiceWorker.workerVersionUpdated", onUpdate);
      const ours = versions.filter((v) => v.scriptURL.startsWith(origin) && v.runningStatus !== "stopped");
      for (const v of ours) await session.send("ServiceWorker.stopWorker", { versionId: v.versionId });
      // Wait until Chrome reports it gone.
      for (let i = 0; i < 50; i += 1) {
        const now = (await session.send("Target.getTargets")).targetInfos;
        if (!now.some((t) => t.type === "service_worker" && t.url.startsWith(origin))) return ours.length > 0;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error("the service worker did not stop");
    },
    async close() {
      await context.close().catch(() => {});
      if (!userDataDir && !keepProfile) rmSync(profile, { recursive: true, force: true });
    },
  };
  return ext;
}

const sessions = new WeakMap();

async function browserSession(ext) {
  let session = sessions.get(ext);
  if (!session) {
    // A persistent context has no Browser object; a page's CDP session reaches the Target domain.
    session = await ext.context.newCDPSession(await ext.page());
    sessions.set(ext, session);
  }
  return session;
}

/**
 * Send one DevTools command to the first target matching `match` (e.g. the offscreen document or
 * the engine worker) and return its result. Playwright's CDPSession cannot address flattened child
 * sessions, so this uses Target.sendMessageToTarget.
 */
export async function sendToTarget(ext, match, method, params = {}) {
  const session = await browserSession(ext);
  const { targetInfos } = await session.send("Target.getTargets");
  const target = targetInfos.find(match);
  if (!target) throw new Error(`no target matches; targets: ${targetInfos.map((t) => `${t.type} ${t.url}`).join(", ")}`);
  const { sessionId } = await session.send("Target.attachToTarget", { targetId: target.targetId, flatten: false });
  const id = 1;
  try {
    const answer = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer from the target to ${method}`)), 60000);
      const onMessage = (event) => {
        if (event.sessionId !== sessionId) return;
        const msg = JSON.parse(event.message);
        if (msg.id !== id) return;
        clearTimeout(timer);
        session.off("Target.receivedMessageFromTarget", onMessage);
        resolve(msg);
      };
      session.on("Target.receivedMessageFromTarget", onMessage);
      session.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
    if (answer.error) throw new Error(answer.error.message);
    return answer.result;
  } finally {
    await session.send("Target.detachFromTarget", { sessionId }).catch(() => {});
  }
}

/** Run `expression` (awaited, returned by value) in the first target matching `match`. */
export async function evaluateInTarget(ext, match, expression) {
  const { result, exceptionDetails } = await sendToTarget(ext, match, "Runtime.evaluate", {
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(`${exceptionDetails.text} ${exceptionDetails.exception?.description ?? ""}`);
  return result.value;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".json": "application/json" };

/**
 * A static server on 127.0.0.1 (a free port) serving `root` (tests/e2e/pages by default).
 * Returns {url(path), port, close()}.
 */
export async function startServer({ root = PAGES } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const path = normalize(join(base, decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname)));
    if (!path.startsWith(base + sep) && path !== base) {
      res.writeHead(403).end();
      return;
    }
    try {
      const file = statSync(path).isDirectory() ? join(path, "index.html") : path;
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  return {
    port,
    url: (path = "") => `http://127.0.0.1:${port}/${path.replace(/^\//, "")}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The CPython interpreter of the project's .venv (for comparisons with the engine in the browser). */
export function venvPython() {
  const py = join(ROOT, ".venv", "bin", "python");
  if (!existsSync(py)) throw new Error(".venv is missing: run python3 build.py first");
  return py;
}

/** Run a Python snippet in .venv with JSON on stdin; returns its stdout parsed as JSON. */
export function runPythonJson(code, input) {
  const proc = spawnSync(venvPython(), ["-c", code], { cwd: ROOT, input: JSON.stringify(input), maxBuffer: 1 << 28, encoding: "utf-8" });
  if (proc.status !== 0) throw new Error(`python failed: ${proc.stderr}`);
  return JSON.parse(proc.stdout);
}

// ------------------------------------------------------------------ managed storage (policy files)

/** Where Debian's Chromium reads its managed policy files (an extension's managed storage among them). */
export const POLICY_DIR = "/etc/chromium/policies/managed";

/** The id Chromium gives an unpacked extension loaded from `path` (its policy is keyed by it). */
export function unpackedId(path) {
  const hex = createHash("sha256").update(path).digest("hex").slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

/** True when this user can write policy files into POLICY_DIR (root, as CI runs). */
export function policyWritable() {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
