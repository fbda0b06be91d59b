/**
 * Parity: the engine exactly as bundled in dist/ (the same Pyodide, the same wheels, the same
 * engine/core.js the extension's worker runs) must answer like CPython's py_core. CPython's replies
 * come from tests/js/cpython_reports.py (every real corpus draft in ../shared/corpus/real, every
 * fixture case, summaries, footers, the catalogue, real drafts after keystrokes); Node replays each
 * request in Pyodide, once on a cold-booted engine and once on an engine booted from its memory
 * snapshot, and compares the replies with the timings (duration_ms) left out.
 */

import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST_CHROME = join(ROOT, "dist", "chrome");

/** CPython of the project's .venv (writes the reference replies). */
function venvPython() {
  const py = join(ROOT, ".venv", "bin", "python");
  if (!existsSync(py)) throw new Error(".venv is missing: run python3 build.py first");
  return py;
}

const PYODIDE_DIR = join(DIST_CHROME, "pyodide");
const TIMING_KEYS = new Set(["duration_ms"]);

/** The first path where `a` and `b` differ, with both values (short), or null. */
function firstDifference(a, b, path = "$") {
  if (Object.is(a, b)) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object" || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: Pyodide ${JSON.stringify(a)?.slice(0, 300)} != CPython ${JSON.stringify(b)?.slice(0, 300)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference(a[key], b[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** A copy of `value` without timing fields (at any depth). */
function withoutTimings(value) {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !TIMING_KEYS.has(k)).map(([k, v]) => [k, withoutTimings(v)]));
  }
  return value;
}

let records;
let engines = {};
/** Each engine's Pyodide, to ask what its py_core did (the text edits made in place). */
const pys = {};
const bytecode = {};
let tmp;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "mailwacht-parity-"));
  const out = join(tmp, "cpython.json");
  const proc = spawnSync(venvPython(), [join(ROOT, "tests", "js", "cpython_reports.py"), out], { cwd: ROOT, encoding: "utf-8" });
  assert.equal(proc.status, 0, `cpython_reports.py failed: ${proc.stderr}`);
  records = JSON.parse(readFileSync(out, "utf-8"));

  const { loadPyodide, version } = await import(pathToFileURL(join(PYODIDE_DIR, "pyodide.mjs")).href);
  const { bootEngine } = await import(pathToFileURL(join(DIST_CHROME, "engine", "core.js")).href);
  const memory = new Map();
  const store = { has: async (k) => memory.has(k), get: async (k) => memory.get(k) ?? null, put: async (k, v) => void memory.set(k, v), remove: async (k) => void memory.delete(k) };
  const options = {
    loadPyodide,
    pyodideVersion: version,
    indexURL: PYODIDE_DIR + "/",
    fetchBytes: async (name) => new Uint8Array(await readFile(join(PYODIDE_DIR, name))),
    store,
    extensionVersion: "parity",
  };
  // What the cold boot's warm-up imported from build.py's bytecode (tools/bytecode.mjs), read when
  // the warm-up is done and again once the boot is.
  const PROBE = [
    "import importlib.util, json, os, sys",
    "_cached = importlib.util.cache_from_source(sys.modules['py_core.engine'].__file__)",
    "json.dumps({'json': sys.modules['json'].__file__, 'engine_pyc': os.path.exists(_cached)})",
  ].join("\n");
  let coldPy = null;
  engines.cold = await bootEngine({
    ...options,
    afterWarmup(py) {
      coldPy = py;
      bytecode.atWarmup = JSON.parse(py.runPython(PROBE));
    },
  });
  bytecode.afterBoot = JSON.parse(coldPy.runPython(PROBE));
  pys.cold = coldPy;
  assert.equal((await engines.cold.snapshotSaved).stored, true);
  engines.snapshot = await bootEngine({
    ...options,
    afterBoot(py) {
      pys.snapshot = py;
      // A snapshot boot mounts Pyodide's own zip (source): what the snapshot imported from the
      // compiled one stays as it was, what is imported later comes from the zip mounted now.
      bytecode.snapshot = JSON.parse(
        py.runPython(
          [
            "import json, sys, zipfile",
            "import json.tool, difflib",
            "_names = zipfile.ZipFile(sys.modules['json'].__spec__.origin.split('.zip/')[0] + '.zip').namelist()",
            "json.dumps({'json': sys.modules['json'].__file__, 'tool': json.tool.__file__, 'difflib': difflib.SequenceMatcher(None, 'ab', 'abc').ratio(), 'source': 'json/__init__.py' in _names})",
          ].join("\n"),
        ),
      );
    },
  });
});

after(() => {
  for (const engine of Object.values(engines)) engine.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("the engines booted cold and from the snapshot", () => {
  assert.equal(engines.cold.boot.kind, "cold");
  assert.equal(engines.cold.boot.snapshotError, null);
  assert.equal(engines.snapshot.boot.kind, "snapshot", JSON.stringify(engines.snapshot.boot));
});

test("the bundled lock lets Pyodide's own loadPackage install py_core by name, offline (micropip is not bundled)", async () => {
  const { loadPyodide } = await import(pathToFileURL(join(PYODIDE_DIR, "pyodide.mjs")).href);
  const py = await loadPyodide({ indexURL: PYODIDE_DIR + "/" });
  const loaded = [];
  await py.loadPackage(["mailwacht-core"], { messageCallback: (m) => loaded.push(m), errorCallback: (m) => loaded.push(`ERROR ${m}`) });
  assert.ok(!loaded.some((m) => m.startsWith("ERROR")), loaded.join("\n"));
  const reply = JSON.parse(py.runPython("import json, py_core.api\npy_core.api.handle(json.dumps({'kind': 'version'}))"));
  assert.equal(reply.ok, true);
  // Issue 13: nothing installs packages at run time; micropip is not in the bundle.
  assert.equal(py.runPython("import importlib.util\nimportlib.util.find_spec('micropip') is None"), true);
});

test("the cold boot imports the modules build.py compiled, and removes the wheels' bytecode after its warm-up", () => {
  // The standard library's modules come from the compiled zip (no source beside them there), the
  // wheels' from their __pycache__ while the warm-up runs; afterwards only the source is left.
  assert.match(bytecode.atWarmup.json, /^\/lib\/python3\d+\.zip\/json\/__init__\.pyc$/);
  assert.equal(bytecode.atWarmup.engine_pyc, true, JSON.stringify(bytecode));
  assert.equal(bytecode.afterBoot.engine_pyc, false, JSON.stringify(bytecode));
  assert.ok(engines.cold.boot.bytecodeFiles > 100, JSON.stringify(engines.cold.boot));
  assert.equal(engines.cold.boot.stdlibCompiled, true, JSON.stringify(engines.cold.boot));
});

test("a snapshot boot mounts Pyodide's own standard library zip, and imports from it what the snapshot does not hold", () => {
  assert.equal(engines.snapshot.boot.stdlibCompiled, false);
  assert.match(bytecode.snapshot.json, /\/json\/__init__\.pyc$/); // as the cold boot imported it
  assert.match(bytecode.snapshot.tool, /^\/lib\/python3\d+\.zip\/json\/tool\.py$/);
  assert.equal(bytecode.snapshot.difflib, 0.8);
  assert.equal(bytecode.snapshot.source, true);
});

test("damaged bytecode files are not used: the cold boot compiles the source and answers", async () => {
  const { loadPyodide, version } = await import(pathToFileURL(join(PYODIDE_DIR, "pyodide.mjs")).href);
  const { bootEngine } = await import(pathToFileURL(join(DIST_CHROME, "engine", "core.js")).href);
  const logged = [];
  let pyc = null;
  const engine = await bootEngine({
    loadPyodide,
    pyodideVersion: version,
    indexURL: PYODIDE_DIR + "/",
    fetchBytes: async (name) => {
      const bytes = new Uint8Array(await readFile(join(PYODIDE_DIR, name)));
      if (name === "wheels-bytecode.bin" || name === "python_stdlib_pyc.zip") bytes[bytes.length >> 1] ^= 0xff;
      return bytes;
    },
    store: null,
    extensionVersion: "parity-damaged",
    log: (message) => logged.push(message),
    afterWarmup(py) {
      pyc = py.runPython(
        "import importlib.util, os, sys\n[os.path.exists(importlib.util.cache_from_source(sys.modules['py_core.engine'].__file__)), sys.modules['json'].__file__]",
      ).toJs();
    },
  });
  try {
    assert.ok(logged.some((m) => /bytecode is not used.*wheels-bytecode\.bin: sha256 .* does not match the lock file/.test(m)), logged.join("\n"));
    assert.ok(logged.some((m) => /standard library is not used.*python_stdlib_pyc\.zip: sha256 .* does not match/.test(m)), logged.join("\n"));
    assert.deepEqual(pyc, [false, "/lib/python314.zip/json/__init__.py"]);
    assert.equal(engine.boot.bytecodeFiles, 0);
    assert.equal(engine.boot.stdlibCompiled, false);
    const reply = JSON.parse(engine.handle(JSON.stringify({ kind: "check", draft: { subject: "Nieuws", html: "<p>Hallo</p>" } })));
    assert.equal(reply.ok, true, JSON.stringify(reply));
  } finally {
    engine.close();
  }
});

// Edits in place are proven against new parses in CPython (tests/py/test_text_edit.py); Pyodide's
// html.parser (Python 3.14) reads some markup otherwise than 3.11's, so the same proof
// (tests/py/edit_proof.py, written into Pyodide's file system) runs here.
test("in Pyodide too, a draft edited in the kept parse has the tree of a new parse", () => {
  const drafts = records.filter((r) => r.request.kind === "check" && /^corpus\/[^ ]+$/.test(r.name)).map((r) => r.request.draft.html);
  assert.ok(drafts.length >= 40, `${drafts.length} corpus drafts`);
  const py = pys.snapshot;
  py.FS.mkdirTree("/tmp/edit-proof");
  py.FS.writeFile("/tmp/edit-proof/edit_proof.py", readFileSync(join(ROOT, "tests", "py", "edit_proof.py"), "utf-8"));
  py.globals.set("DRAFTS", py.toPy(drafts));
  const [edited, differ] = py
    .runPython("import sys\nsys.path.insert(0, '/tmp/edit-proof')\nimport edit_proof\nsys.path.remove('/tmp/edit-proof')\nedit_proof.prove(DRAFTS, count=16)")
    .toJs();
  py.runPython("del DRAFTS");
  assert.equal(differ, 0, `${differ} of ${edited} edits in place differ from a new parse in Pyodide`);
  assert.ok(edited >= 100, `only ${edited} edits in place`);
  console.log(`Pyodide: ${edited} edits in place, each the tree of a new parse`);
});

test("CPython's reference covers the real corpus and every fixture file", () => {
  const corpus = records.filter((r) => r.name.startsWith("corpus/") && r.request.kind === "check");
  const fixtures = records.filter((r) => r.name.startsWith("fixture/"));
  assert.ok(corpus.length >= 40, `only ${corpus.length} corpus checks (is ../shared/corpus/real there?)`);
  assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixture cases`);
});

for (const kind of ["cold", "snapshot"]) {
  test(`every reply from Pyodide (${kind} boot) equals CPython's`, () => {
    const engine = engines[kind];
    let compared = 0;
    for (const record of records) {
      const reply = JSON.parse(engine.handle(JSON.stringify(record.request)));
      const difference = firstDifference(withoutTimings(reply), withoutTimings(record.reply));
      assert.equal(difference, null, `${record.name}: Pyodide and CPython differ at ${difference}`);
      compared += 1;
    }
    assert.equal(compared, records.length);
    // The drafts after keystrokes were edited into the kept tree (py_core.text_edit), as in CPython.
    const edits = pys[kind].runPython("import py_core.engine\npy_core.engine.LAST_PARSE.edits");
    const keystrokes = records.filter((r) => r.name.includes(" keystroke ")).length;
    assert.ok(keystrokes >= 100 && edits >= keystrokes, `${edits} edits in place for ${keystrokes} drafts after keystrokes`);
    console.log(`parity (${kind} boot): ${compared} replies identical to CPython (${edits} drafts edited in the kept parse)`);
  });
}
