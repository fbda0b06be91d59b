/**
 * The extension's module graph (issue 12), checked on the sources in extension/ and on the built
 * manifests in dist/ (run `python3 build.py` first):
 *
 *  - no module of the extension reaches for a namespace on the global object (`globalThis.Mailwacht`,
 *    `window.MailwachtSettings`, …): every dependency is an import;
 *  - the content side is ES modules: no classic-script wrapper `(() => { … })();` left;
 *  - no file is listed twice in a built manifest's content scripts, and each listed file is one of
 *    build.py's bundles;
 *  - the background imports nothing from reader/, ui/, marks/, gate/ or entries/ (what both sides
 *    need lives in shared/; page-world/ is the code the background itself injects into a page);
 *  - one messaging client: runtime/tabs sendMessage only in shared/messaging.js (the content side
 *    and the extension pages; the background's relay to Chrome's offscreen document is the engine's
 *    own channel, see ENGINE_CHANNEL); the rule catalogue is asked for only there;
 *  - one owner of <mailwacht-root> (ui/root.js) and one splitAddresses.
 *
 * Each check is a function over {path: source} so that it is also run on a small tree made to break
 * it: a check that cannot fail is no check.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXT = join(ROOT, "extension");

/** Folders of code that runs in a page (bundled by build.py); the background must not import them. */
const CONTENT_ONLY = ["reader/", "ui/", "marks/", "gate/", "entries/"];
/** The one place a runtime or tabs message leaves from. */
const CLIENT = "shared/messaging.js";
/**
 * The engine's own channel, between the background and Chrome's offscreen document that hosts the
 * engine (target "offscreen", and the offscreen document's idle notice back): not the client of
 * the content side and the extension pages.
 */
const ENGINE_CHANNEL = ["background/offscreen-engine.js", "offscreen/offscreen.js"];
const BUNDLES = JSON.parse(
  /BUNDLES: dict\[str, str\] = (\{[^}]*\})/
    .exec(readFileSync(join(ROOT, "build.py"), "utf-8"))[1]
    .replace(/,(\s*)\}/, "$1}"),
);

/** {path relative to extension/: source} of every .js file of the extension. */
function sources(dir = EXT) {
  const out = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, sources(path));
    else if (name.endsWith(".js")) out[relative(EXT, path).split("\\").join("/")] = readFileSync(path, "utf-8");
  }
  return out;
}

/** Source without comments and string contents (regexes stay; good enough to find code). */
function code(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:\\])\/\/.*$/gm, "$1")
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, "``");
}

/** The modules `path` imports (static import/export-from and import()), resolved inside extension/. */
function importsOf(path, text) {
  const found = [];
  const re = /(?:\bimport\s*(?:[\w*{}\s,]*\s*from\s*)?|\bexport\s*[\w*{}\s,]*\s*from\s*|\bimport\s*\(\s*)["']([^"']+)["']/g;
  for (const m of text.matchAll(re)) {
    if (!m[1].startsWith(".")) continue;
    found.push(normalize(join(dirname(path), m[1])).split("\\").join("/"));
  }
  return found;
}

// ---- the checks -----------------------------------------------------------------------------

/** Files that use a Mailwacht namespace on the global object. */
export function globalNamespaces(files) {
  const re = /\b(globalThis|window|self)\s*(\.\s*|\[\s*["'])Mailwacht\w*/;
  return Object.entries(files)
    .filter(([, text]) => re.test(code(text)) || /Object\.hasOwn\(\s*globalThis\s*,\s*["']Mailwacht/.test(text))
    .map(([path]) => path);
}

/** Content-side files still wrapped as classic scripts. */
export function classicScripts(files) {
  return Object.entries(files)
    .filter(([path]) => CONTENT_ONLY.some((dir) => path.startsWith(dir)) || path.startsWith("shared/"))
    .filter(([, text]) => /^\(\(\) => \{\s*\n\s*"use strict";/m.test(text))
    .map(([path]) => path);
}

/** Problems of one built manifest's content scripts: a file listed twice, or no bundle. */
export function manifestProblems(manifest) {
  const problems = [];
  const seen = new Set();
  for (const group of manifest.content_scripts || []) {
    for (const file of group.js || []) {
      if (seen.has(file)) problems.push(`${file} is listed twice`);
      seen.add(file);
      if (!(file in BUNDLES)) problems.push(`${file} is not one of build.py's bundles`);
    }
  }
  return problems;
}

/** [from, to]: a background module importing (directly or through others) content-only code. */
export function backgroundReach(files) {
  const bad = [];
  const seen = new Set();
  const walk = (path, from) => {
    if (seen.has(path)) return;
    seen.add(path);
    if (CONTENT_ONLY.some((dir) => path.startsWith(dir))) {
      bad.push([from, path]);
      return;
    }
    const text = files[path];
    if (text === undefined) return;
    for (const next of importsOf(path, code(text))) walk(next, path);
  };
  for (const path of Object.keys(files).filter((p) => p.startsWith("background/"))) walk(path, path);
  return bad;
}

/** Files that send runtime/tabs messages or ask for the catalogue themselves (not through the client). */
export function secondClients(files) {
  return Object.entries(files)
    .filter(([path]) => path !== CLIENT && !ENGINE_CHANNEL.includes(path))
    .filter(([, text]) => {
      const c = code(text);
      return /\b(runtime|tabs)\s*\.\s*sendMessage\s*\(/.test(c) || /["']engine:catalogue["']/.test(c.replace(/^\s*["']engine:catalogue["']\s*:/gm, ""));
    })
    .map(([path]) => path);
}

/** Files other than ui/root.js that make a <mailwacht-root> or attach a shadow root. */
export function rootCreators(files) {
  return Object.entries(files)
    .filter(([path]) => path !== "ui/root.js")
    .filter(([, text]) => /createElement\(\s*["']mailwacht-root["']/.test(text) || /\.attachShadow\s*\(/.test(code(text)))
    .map(([path]) => path);
}

/** Files that define splitAddresses. */
export function splitAddressesDefinitions(files) {
  return Object.entries(files)
    .filter(([, text]) => /\bfunction\s+splitAddresses\s*\(|\bsplitAddresses\s*=\s*(\(|function)/.test(code(text)))
    .map(([path]) => path);
}

// ---- on the extension -----------------------------------------------------------------------

const FILES = sources();

describe("the extension's module graph", () => {
  test("no module uses a Mailwacht namespace on the global object", () => {
    assert.deepEqual(globalNamespaces(FILES), []);
  });

  test("the content side and shared/ are ES modules (no classic-script wrapper)", () => {
    assert.deepEqual(classicScripts(FILES), []);
  });

  test("each built manifest lists every content-script file once, and only build.py's bundles", () => {
    for (const browser of ["chrome", "firefox"]) {
      const path = join(ROOT, "dist", browser, "manifest.json");
      assert.ok(existsSync(path), `${path} (run python3 build.py first)`);
      const manifest = JSON.parse(readFileSync(path, "utf-8"));
      assert.ok((manifest.content_scripts || []).length >= 1, `${browser}: a content script`);
      assert.deepEqual(manifestProblems(manifest), [], browser);
      for (const name of Object.keys(BUNDLES)) assert.ok(existsSync(join(ROOT, "dist", browser, name)), `${browser}: ${name} built`);
      for (const dir of CONTENT_ONLY) assert.ok(!existsSync(join(ROOT, "dist", browser, dir)), `${browser}: ${dir} is bundled, not copied`);
    }
  });

  test("the background imports nothing from reader/, ui/, marks/, gate/ or entries/", () => {
    assert.deepEqual(backgroundReach(FILES), []);
    // It does import the shared modules and the page-world function it injects.
    assert.ok(importsOf("background/router.js", code(FILES["background/router.js"])).includes("page-world/page-fix.js"));
  });

  test("one messaging client (shared/messaging.js) and one catalogue loader", () => {
    assert.deepEqual(secondClients(FILES), []);
    assert.match(FILES[CLIENT], /export async function send\(/);
    assert.match(FILES[CLIENT], /export function createCatalogue\(/);
  });

  test("one owner of <mailwacht-root> (ui/root.js) and one splitAddresses", () => {
    assert.deepEqual(rootCreators(FILES), []);
    assert.match(FILES["ui/root.js"], /createElement\("mailwacht-root"\)/);
    assert.deepEqual(splitAddressesDefinitions(FILES), ["reader/addresses.js"]);
  });
});

// ---- the checks fail where they must ---------------------------------------------------------

describe("the checks find what they look for", () => {
  test("a global namespace", () => {
    assert.deepEqual(globalNamespaces({ "marks/a.js": "const MW = globalThis.Mailwacht;", "gate/b.js": "window.MailwachtSettings.load()", "c.js": "// globalThis.Mailwacht in a comment" }), ["marks/a.js", "gate/b.js"]);
  });

  test("a classic script", () => {
    assert.deepEqual(classicScripts({ "reader/a.js": '/** x */\n(() => {\n  "use strict";\n})();\n', "reader/b.js": "export const b = 1;\n" }), ["reader/a.js"]);
  });

  test("a file listed twice in a manifest, and a file that is no bundle", () => {
    const manifest = { content_scripts: [{ js: ["content.js"] }, { js: ["content.js", "sites/gmail.js"] }] };
    assert.deepEqual(manifestProblems(manifest), ["content.js is listed twice", "sites/gmail.js is not one of build.py's bundles"]);
  });

  test("the background reaching content code, directly or through a module", () => {
    const files = {
      "background/a.js": 'import { x } from "../shared/x.js";\nimport "./b.js";',
      "background/b.js": 'export { y } from "../marks/overlay.js";',
      "shared/x.js": "export const x = 1;",
      "background/c.js": 'const m = await import("../gate/main.js");',
    };
    assert.deepEqual(backgroundReach(files), [
      ["background/b.js", "marks/overlay.js"],
      ["background/c.js", "gate/main.js"],
    ]);
  });

  test("a second messaging client or catalogue loader", () => {
    const files = {
      "popup/a.js": "const r = await chrome.runtime.sendMessage({ target: 'background' });",
      "options/b.js": 'send({ kind: "engine:catalogue", locale })',
      "shared/protocol.js": '  "engine:catalogue": {\n    from: ENGINE_READ,',
      [CLIENT]: "api.runtime.sendMessage(x)",
    };
    assert.deepEqual(secondClients(files), ["popup/a.js", "options/b.js"]);
  });

  test("a second <mailwacht-root> creator, a second splitAddresses", () => {
    assert.deepEqual(rootCreators({ "gate/dialog.js": 'host = top.createElement("mailwacht-root");', "ui/root.js": 'doc.createElement("mailwacht-root")' }), ["gate/dialog.js"]);
    assert.deepEqual(splitAddressesDefinitions({ "reader/addresses.js": "export function splitAddresses(text) {}", "reader/sites/registry.js": "function splitAddresses(t) {}" }), [
      "reader/addresses.js",
      "reader/sites/registry.js",
    ]);
  });
});
