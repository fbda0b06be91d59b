/**
 * build.py's bytecode step (issue 15, cold boot <= 3 s): compile to bytecode, with the Python that
 * will run it (Pyodide's, in Node), the modules the engine's cold boot imports.
 *
 *   node tools/bytecode.mjs IN OUT
 *
 * IN holds pyodide.mjs and its runtime files as the npm package has them, the bundle's
 * pyodide-lock.json and its wheels. The engine is booted cold from them (extension/engine/core.js,
 * no snapshot store), warm-up included; then every module it imported from source is compiled
 * once more, from the same source, and written to OUT:
 *  - python_stdlib_pyc.zip: Pyodide's standard library zip with those of its modules as .pyc in
 *    place of their .py (zipimport reads a .pyc without its source), the rest unchanged. Pyodide's
 *    npm package ships the standard library as source only, so every boot compiled the modules it
 *    imported (Pyodide's own bootstrap included): ~1.7 s of the cold boot's loadPyodide in Node.
 *    Only the cold boot mounts it; a snapshot boot (whose modules are in the snapshot) mounts
 *    Pyodide's own zip, 0.8 MB smaller, which it reads ~10 ms faster.
 *  - wheels-bytecode.bin: the wheels' modules as __pycache__/*.pyc at the paths a cold boot
 *    unpacks the wheels to, one bundle (packFiles). A cold boot writes them before its warm-up and
 *    removes them after it; the wheels themselves stay as PyPI has them.
 * Both are unchecked hash-based .pyc (PEP 552): read without looking at the source, which cannot
 * differ from what they were compiled from (the same pinned wheels and zip).
 * Prints a JSON summary: {stdlib, wheels, bytes}.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [input, output] = process.argv.slice(2).map((p) => resolve(p));
if (!input || !output) {
  console.error("usage: node tools/bytecode.mjs IN OUT");
  process.exit(2);
}
const core = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "..", "extension", "engine", "core.js")).href;
const { bootEngine, packFiles } = await import(core);
const { loadPyodide, version } = await import(pathToFileURL(join(input, "pyodide.mjs")).href);

// Run in the booted engine: which modules came from source, and their bytecode.
const COMPILE = String.raw`
import importlib.util, json, os, sys, zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

def _bytecode(source, path):
    code = compile(source, path, "exec", dont_inherit=True)
    return bytes(_code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))

def _compile_imported(out):
    stdlib = next(p for p in sys.path if p.endswith(".zip") and os.path.basename(p).startswith("python3"))
    root = os.getcwd().rstrip("/") + "/"
    used, wheel_files = set(), []
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or ""
        if not origin.endswith(".py") or not getattr(spec, "has_location", False):
            continue
        if origin.startswith(stdlib + "/"):
            used.add(origin[len(stdlib) + 1 :])
        elif origin.startswith(root):
            wheel_files.append(origin)
    os.makedirs(out, exist_ok=True)
    with zipfile.ZipFile(stdlib) as source, zipfile.ZipFile(out + "/python_stdlib_pyc.zip", "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in used:
                entry = zipfile.ZipInfo(info.filename[:-3] + ".pyc", info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = info.external_attr
                target.writestr(entry, _bytecode(data, stdlib + "/" + info.filename))
            else:
                target.writestr(info, data, compress_type=info.compress_type)
    pycs = []
    for path in sorted(wheel_files):
        with open(path, "rb") as handle:
            data = handle.read()
        cached = importlib.util.cache_from_source(path)
        staged = out + "/wheels" + cached
        os.makedirs(os.path.dirname(staged), exist_ok=True)
        with open(staged, "wb") as handle:
            handle.write(_bytecode(data, path))
        pycs.append([cached, staged])
    return json.dumps({"stdlib": len(used), "wheels": pycs})
`;

let result = null;
const engine = await bootEngine({
  loadPyodide,
  pyodideVersion: version,
  indexURL: input + "/",
  fetchBytes: async (name) => new Uint8Array(await readFile(join(input, name))),
  store: null,
  extensionVersion: "bytecode",
  log: (message) => console.error(`engine: ${message}`),
  afterWarmup(py) {
    py.runPython(COMPILE);
    result = JSON.parse(py.runPython(`_compile_imported("/tmp/mailwacht-bytecode")`));
    mkdirSync(output, { recursive: true });
    writeFileSync(join(output, "python_stdlib_pyc.zip"), py.FS.readFile("/tmp/mailwacht-bytecode/python_stdlib_pyc.zip"));
    const bundle = packFiles(result.wheels.map(([path, staged]) => [path, py.FS.readFile(staged), null]));
    writeFileSync(join(output, "wheels-bytecode.bin"), bundle);
    result.bytes = bundle.byteLength;
  },
});
engine.close();
if (!result) {
  console.error("tools/bytecode.mjs: the engine booted without a warm-up");
  process.exit(1);
}
console.log(JSON.stringify({ stdlib: result.stdlib, wheels: result.wheels.length, bytes: result.bytes }));
