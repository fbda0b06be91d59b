/**
 * Nothing in dist/ loads code or data from outside the extension. Every http(s) or protocol-relative
 * URL in the built text files must be on the short list below, each with the reason it loads nothing;
 * pages and scripts reference only files of the extension; the bundled lock file points only at
 * wheels inside the bundle (so Pyodide never falls back to its CDN); the manifests keep the strict
 * content-security policy and declare no externally_connectable.
 */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const BROWSERS = ["chrome", "firefox"];
const TEXT = /\.(m?js|html|css|json)$/;
const URL_RE = /(?:https?:)?\/\/[A-Za-z0-9${}*.-]+\.[A-Za-z0-9${}*.-]+[^\s"'`)<>]*|https?:\/\/\$\{[^}]+\}/g;
// connect-src 'self' (issue 13): the browser itself refuses any request of the extension's pages
// and workers to anywhere but the extension's own files (Pyodide fetches only those).
const CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self'";

/** file (inside dist/<browser>) -> [pattern, why it loads nothing]. */
const ALLOWED = {
  "manifest.json": [[/^https:\/\/[a-z0-9*.-]+\/\*$/, "host_permissions match patterns (checked below to be only there)"]],
  "engine/core.js": [[/^https:\/\/voorbeeld\.nl\/afmelden$/, "a link inside the warm-up draft's HTML text"]],
  "pyodide/pyodide.mjs": [
    [/^https:\/\/cdn\.jsdelivr\.net\/pyodide\/v\$\{\w+\}\/full\/$/, "Pyodide's default CDN for packages missing from the lock: every lock entry is bundled (checked below)"],
  ],
  "pyodide/pyodide.asm.mjs": [[/^https:\/\/\$\{\w+\}$/, "Emscripten's WebSocket address for Python sockets; py_core opens none"]],
  // marks/profile-form.js, bundled into both content bundles: an unsubscribe page typed as a bare
  // host ("acme.nl/afmelden") is completed to https://acme.nl/afmelden and stored; nothing is loaded.
  "content.js": [[/^https:\/\/\$\{text\}$/, "the profile form completes a typed host into the address it stores"]],
  "marks.js": [[/^https:\/\/\$\{text\}$/, "the profile form completes a typed host into the address it stores"]],
};

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

for (const browser of BROWSERS) {
  const dist = join(ROOT, "dist", browser);

  test(`${browser}: every URL in dist is on the allow-list`, () => {
    assert.ok(existsSync(join(dist, "manifest.json")), "run python3 build.py first");
    const unexpected = [];
    for (const path of walk(dist).filter((p) => TEXT.test(p))) {
      const rel = relative(dist, path).split("\\").join("/");
      const text = readFileSync(path, "utf-8");
      for (const { 0: url, index } of text.matchAll(URL_RE)) {
        if (url.startsWith("//") && text[index - 1] === "\\") continue; // the end of an escaped slash in a regex (/^https?:\/\//i)
        if (url.startsWith("//") && !/^\/\/[a-z0-9-]+\.[a-z]{2,}/i.test(url)) continue; // a comment or regex, not a host
        const allowed = (ALLOWED[rel] ?? []).some(([pattern]) => pattern.test(url));
        if (!allowed) unexpected.push(`${rel}: ${url}`);
      }
    }
    assert.deepEqual(unexpected, [], "remote URLs in dist/");
  });

  test(`${browser}: pages and scripts load only the extension's own files`, () => {
    for (const path of walk(dist)) {
      const rel = relative(dist, path);
      if (rel.endsWith(".html")) {
        const html = readFileSync(path, "utf-8");
        for (const [, ref] of html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g)) {
          assert.ok(!/^[a-z]+:|^\/\//i.test(ref), `${rel} references ${ref}`);
          assert.ok(existsSync(join(path, "..", ref)), `${rel} references a missing file ${ref}`);
        }
      }
      if (/\.m?js$/.test(rel) && !rel.startsWith("pyodide")) {
        const js = readFileSync(path, "utf-8");
        for (const [, spec] of js.matchAll(/\bfrom\s+"([^"]+)"|\bimport\(\s*"([^"]+)"/g)) {
          assert.ok(spec.startsWith("."), `${rel} imports ${spec}`);
          assert.ok(existsSync(join(path, "..", spec)), `${rel} imports a missing file ${spec}`);
        }
        assert.doesNotMatch(js, /importScripts\s*\(|\beval\s*\(|new Function\s*\(/, `${rel} evaluates code`);
      }
    }
  });

  test(`${browser}: the lock file points only at wheels in the bundle, with matching hashes`, () => {
    const folder = join(dist, "pyodide");
    const lock = JSON.parse(readFileSync(join(folder, "pyodide-lock.json"), "utf-8"));
    const names = Object.keys(lock.packages);
    assert.ok(names.includes("mailwacht-core"), names.join(", "));
    assert.ok(!names.includes("micropip"), "micropip is not bundled (issue 13: nothing is installed at run time)");
    for (const [name, entry] of Object.entries(lock.packages)) {
      assert.match(entry.file_name, /^[A-Za-z0-9_.+-]+\.whl$/, `${name}: file_name must be a bare file name`);
      const file = join(folder, entry.file_name);
      assert.ok(existsSync(file), `${name}: ${entry.file_name} is not bundled`);
      assert.equal(createHash("sha256").update(readFileSync(file)).digest("hex"), entry.sha256, `${name}: sha256`);
      assert.equal(entry.package_type, "package");
      for (const dep of entry.depends) assert.ok(lock.packages[dep], `${name} depends on ${dep}, which is not in the lock`);
    }
  });

  test(`${browser}: manifest keeps the strict CSP and least privilege`, () => {
    const manifest = JSON.parse(readFileSync(join(dist, "manifest.json"), "utf-8"));
    assert.equal(manifest.manifest_version, 3);
    assert.equal(manifest.content_security_policy.extension_pages, CSP);
    assert.equal(manifest.externally_connectable, undefined);
    assert.ok(!manifest.permissions.includes("<all_urls>") && !manifest.permissions.includes("tabs"));
    assert.ok(manifest.permissions.includes("activeTab"));
    for (const host of manifest.host_permissions) assert.doesNotMatch(host, /^(<all_urls>|\*:\/\/\*\/\*|https?:\/\/\*\/\*)$/);
    assert.equal(manifest.web_accessible_resources, undefined);
    if (browser === "chrome") {
      assert.deepEqual(manifest.background, { service_worker: "background/service-worker.js", type: "module" });
      assert.ok(manifest.permissions.includes("offscreen"));
    } else {
      assert.deepEqual(manifest.background, { page: "background/background.html" });
      assert.ok(manifest.browser_specific_settings.gecko.id);
      assert.ok(!manifest.permissions.includes("offscreen"));
    }
    for (const locale of ["en", "nl"]) {
      const messages = JSON.parse(readFileSync(join(dist, "_locales", locale, "messages.json"), "utf-8"));
      for (const [key, entry] of Object.entries(messages)) assert.ok(entry.description, `${locale}/${key} has no description`);
    }
  });
}
