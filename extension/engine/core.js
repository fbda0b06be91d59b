/**
 * The engine: Pyodide with py_core loaded, booted cold or from a memory snapshot. No browser API
 * is used directly (fetching, the snapshot store and loadPyodide are passed in), so the same file
 * runs in the extension's worker and in Node (tests/js/parity.test.mjs, bench).
 *
 * Packages are found by name in the bundled pyodide-lock.json (build.py writes an entry for
 * py_core and each of its wheels): "mailwacht-core" and its `depends`, recursively.
 *
 * Why wheels are not installed with loadPackage: Pyodide's memory snapshot (the private
 * `_makeSnapshot` / `makeMemorySnapshot` / `_loadSnapshot` API of Pyodide 314) refuses a state with
 * live JS references, and loadPackage leaves some ("Unexpected hiwire entry" from makeMemorySnapshot,
 * measured on 314.0.7). unpackArchive leaves none, and neither does writing a wheel into the file
 * system from JS and putting it on sys.path (see install).
 *
 * A snapshot holds the WebAssembly memory (every imported module, compiled regex, Jinja template),
 * not the in-memory file system, which lives in JS. So a snapshot boot writes the wheels again: code
 * imported lazily later (phone number metadata, templates) finds its files.
 *
 * Why the snapshot boot passes its own module factory (createPyodideModule): Pyodide 314.0.7's
 * restoreSnapshot copies the snapshot into the heap without growing it first. loadPyodide sets
 * INITIAL_MEMORY to the snapshot's size, but the generated module never reads it (the wasm declares
 * its own memory, 480 pages = 30 MiB), so a snapshot of an engine whose heap grew past 30 MiB during
 * the cold boot and warm-up threw "RangeError: offset is out of bounds" (Firefox: "source array is
 * too long") and every boot was cold (pyodide/pyodide#6254). The warmed engine's heap had been
 * exactly 30 MiB; the placeholder dialect tables (issue 17, commit c298a94) made it grow to 36 MiB.
 * growHeapFor wraps the factory to grow the heap to the snapshot's size before it is copied in, as
 * Cloudflare's workerd does (Module.growMemory), so the snapshot boot no longer depends on its size.
 *
 * Overlap (issue 15, snapshot boot <= 300 ms): loadPyodide awaits `_loadSnapshot` before it calls
 * the module factory, so reading the snapshot, checking its sha256 and instantiating the module
 * (createModule) ran one after the other. Here `_loadSnapshot` is a placeholder that resolves at
 * once; the factory (growHeapFor) instantiates the module while the snapshot is hashed (it is read
 * just before: a read beside the instantiation waited for the thread, see bootEngine), then waits
 * for the checked bytes and has Pyodide's restoreSnapshot copy those in instead of the
 * placeholder. A snapshot whose hash does not match is still refused before anything of it reaches
 * the heap. The bytes are let go once copied (Pyodide keeps its options, and with them whatever the
 * snapshot promise resolved to, for the engine's lifetime: 36 MB held for nothing).
 *
 * Files (issue 15): a snapshot boot used to unpack the wheels again with Pyodide's unpackArchive
 * (Python's zipfile: ~55 ms). The cold boot now records the files the wheels unpacked to (path,
 * bytes, mtime) as one bundle stored and hashed beside the snapshot; a snapshot boot writes them
 * straight into the file system from JS. A snapshot stored without a bundle still boots (unpackArchive).
 */

export const CORE_PACKAGE = "mailwacht-core";
/** Where mounted wheels are put in Pyodide's in-memory file system. */
const WHEEL_DIR = "/lib/mailwacht/wheels";
/** Lock keys of the wheels imported straight from their zip rather than unpacked (see install). */
const MOUNTED = new Set(["phonenumberslite"]);

/** Fixed draft used to warm the engine before a snapshot, so the snapshot holds compiled rules. */
const WARMUP_DRAFT = {
  subject: "Nieuwsbrief",
  from_name: "Voorbeeld BV",
  html:
    '<html lang="nl"><body><p>Beste {{ first_name }},</p><p>Nieuws van deze maand.</p>' +
    '<p>Voorbeeld BV, Keizersgracht 1, 1015 CJ Amsterdam, 020 123 4567, <a href="mailto:info@voorbeeld.nl">info@voorbeeld.nl</a></p>' +
    '<p>Je ontvangt deze e-mail omdat je je hebt aangemeld. <a href="https://voorbeeld.nl/afmelden">Afmelden</a></p></body></html>',
};

/** URL of pyodide.asm.mjs beside pyodide.mjs: indexURL is a URL (the worker) or a path (Node). */
function asmModuleURL(indexURL) {
  const base = String(indexURL).endsWith("/") ? String(indexURL) : `${indexURL}/`;
  // A URL has a scheme; a Node path starts with "/" (made a file: URL, its parts percent-encoded).
  if (!base.startsWith("/")) return new URL("pyodide.asm.mjs", base).href;
  return new URL(`file:${base.split("/").map(encodeURIComponent).join("/")}pyodide.asm.mjs`).href;
}

/**
 * loadPyodide's `_loadSnapshot` for growHeapFor: resolved at once (so the module factory is called
 * without waiting for the read); growHeapFor has restoreSnapshot use the real bytes. Its length is
 * only written to INITIAL_MEMORY, which the generated module does not read (see the header).
 */
const SNAPSHOT_PLACEHOLDER = new Uint8Array(16);

/**
 * The stored form of a snapshot (issue 15): Pyodide's snapshot without its all-zero 64 KiB pages
 * of the heap image (~38 % of a warmed engine's 36 MB), so less is read and hashed at each boot:
 *   u32 SPARSE_MAGIC, u32 header length, u32 heap image length, u32 pages,
 *   one byte per page (1: stored), Pyodide's header (its magic, build id, JSON), the stored pages.
 * The restore writes the stored pages into the heap and zeroes the others (sparseRestore).
 */
const SPARSE_MAGIC = 0x3153574d; // "MWS1"
const PAGE = 65536;

/** Pyodide's snapshot bytes -> the sparse form (see SPARSE_MAGIC). */
export function sparseSnapshot(full) {
  const view = new DataView(full.buffer, full.byteOffset, full.byteLength);
  const headerLength = view.getUint32(4, true);
  const heapLength = full.byteLength - headerLength;
  const pages = Math.ceil(heapLength / PAGE);
  const keep = new Uint8Array(pages);
  // Words when aligned (a fresh snapshot is), bytes otherwise.
  const aligned = (full.byteOffset + headerLength) % 4 === 0;
  const words = aligned ? new Uint32Array(full.buffer, full.byteOffset + headerLength, Math.floor(heapLength / 4)) : null;
  let kept = 0;
  for (let i = 0; i < pages; i += 1) {
    const start = i * PAGE;
    const end = Math.min(heapLength, start + PAGE);
    let zero = true;
    if (words && end % 4 === 0) {
      for (let w = start / 4; w < end / 4; w += 1) {
        if (words[w] !== 0) {
          zero = false;
          break;
        }
      }
    } else {
      for (let b = headerLength + start; b < headerLength + end; b += 1) {
        if (full[b] !== 0) {
          zero = false;
          break;
        }
      }
    }
    if (!zero) {
      keep[i] = 1;
      kept += end - start;
    }
  }
  const out = new Uint8Array(16 + pages + headerLength + kept);
  const head = new DataView(out.buffer);
  head.setUint32(0, SPARSE_MAGIC, true);
  head.setUint32(4, headerLength, true);
  head.setUint32(8, heapLength, true);
  head.setUint32(12, pages, true);
  out.set(keep, 16);
  out.set(full.subarray(0, headerLength), 16 + pages);
  let at = 16 + pages + headerLength;
  for (let i = 0; i < pages; i += 1) {
    if (!keep[i]) continue;
    const page = full.subarray(headerLength + i * PAGE, headerLength + Math.min(heapLength, (i + 1) * PAGE));
    out.set(page, at);
    at += page.byteLength;
  }
  return out;
}

/** {sparse, headerLength, heapLength, pages} of stored snapshot bytes (sparse or Pyodide's own). */
function snapshotLayout(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength >= 16 && view.getUint32(0, true) === SPARSE_MAGIC) {
    const layout = { sparse: true, headerLength: view.getUint32(4, true), heapLength: view.getUint32(8, true), pages: view.getUint32(12, true) };
    if (layout.pages !== Math.ceil(layout.heapLength / PAGE) || 16 + layout.pages + layout.headerLength > bytes.byteLength) throw new Error("the sparse snapshot's header is inconsistent");
    return layout;
  }
  const headerLength = view.getUint32(4, true);
  return { sparse: false, headerLength, heapLength: bytes.byteLength - headerLength };
}

/**
 * Restore a sparse snapshot: Pyodide's own restore checks the header (magic, build id) and reads
 * its JSON from the header alone (an empty heap image: it copies nothing); then the stored pages
 * go into the heap and the others are zeroed. Returns what restoreSnapshot returns.
 */
function sparseRestore(restore, self, bytes, heap) {
  const { headerLength, heapLength, pages } = snapshotLayout(bytes);
  const keep = bytes.subarray(16, 16 + pages);
  const header = bytes.slice(16 + pages, 16 + pages + headerLength); // a copy: aligned for Pyodide's Uint32Array
  let at = 16 + pages + headerLength;
  let stored = 0;
  for (let i = 0; i < pages; i += 1) if (keep[i]) stored += Math.min(PAGE, heapLength - i * PAGE);
  if (at + stored !== bytes.byteLength) throw new Error(`the sparse snapshot holds ${bytes.byteLength - at} bytes of pages, its map says ${stored}`);
  const meta = restore.call(self, header);
  for (let i = 0; i < pages; i += 1) {
    const start = i * PAGE;
    const end = Math.min(heapLength, start + PAGE);
    if (keep[i]) {
      heap.set(bytes.subarray(at, at + end - start), start);
      at += end - start;
    } else if (!zeroPage(heap, start, end)) {
      heap.fill(0, start, end);
    }
  }
  return meta;
}

/**
 * Whether heap[start, end) is all zero. A page the module never wrote is read as zero without the
 * system giving it memory, whereas writing zeros into it (fill) would make it resident: ~14 MB of
 * a warmed engine's 36 MB heap are such pages (issue 15, memory after boot). So a page is only
 * zeroed when the module's start-up wrote something there.
 */
function zeroPage(heap, start, end) {
  if (start % 4 === 0 && end % 4 === 0 && heap.byteOffset % 4 === 0) {
    const words = new Int32Array(heap.buffer, heap.byteOffset + start, (end - start) / 4);
    for (let i = 0; i < words.length; i += 1) if (words[i] !== 0) return false;
    return true;
  }
  for (let i = start; i < end; i += 1) if (heap[i] !== 0) return false;
  return true;
}

/** Arrays asBytes read from a Blob: this engine's own copies, which release() may give away. */
const READ = new WeakSet();

/**
 * Let go of a buffer's memory now rather than at the worker's next garbage collection: an idle
 * worker may not collect for minutes, and the snapshot's bytes are 23 MB (issue 15). Detaching the
 * buffer in JavaScript (ArrayBuffer.prototype.transfer) is not enough in Chromium: a buffer made by
 * the browser (Blob.arrayBuffer) keeps its memory in the browser's own wrapper until that is
 * collected (measured: the 23 MB stayed resident 12 s after the boot). Transferring it in a
 * message does detach it there too, and a message on a channel whose ports are closed is dropped
 * undelivered, with its memory (measured: gone at once; PSS after boot 22 MB lower).
 */
function release(bytes) {
  if (!READ.has(bytes)) return; // a store's own array (Node, tests) stays as it is
  READ.delete(bytes);
  const buffer = bytes.buffer;
  if (!buffer || buffer.detached || buffer.byteLength === 0 || typeof MessageChannel !== "function") return;
  const channel = new MessageChannel();
  try {
    channel.port1.postMessage(null, [buffer]);
  } finally {
    channel.port1.close();
    channel.port2.close();
  }
}

/**
 * A createPyodideModule for loadPyodide: instantiates the module at once, then waits for `snapshot`
 * (a promise of {bytes}: read and checked meanwhile), grows the heap to hold it, and makes
 * Pyodide's restoreSnapshot copy those bytes in (in place of SNAPSHOT_PLACEHOLDER) and drop them.
 */
function growHeapFor(indexURL, snapshot, mark = () => {}) {
  return async (settings) => {
    const t = performance.now();
    const { default: createModule } = await import(asmModuleURL(indexURL));
    const Module = await createModule(settings);
    mark("createModule", t); // instantiate the wasm (compiled beforehand: worker.js), mount the stdlib
    const waited = performance.now();
    const box = await snapshot;
    mark("waitSnapshot", waited); // 0 when the read and the hash were done before the module
    // Snapshot header (Pyodide 314 snapshot.ts): u32 magic, u32 offset of the heap image, ...; or
    // the sparse form's own (SPARSE_MAGIC).
    const layout = snapshotLayout(box.bytes);
    const heapBytes = layout.heapLength;
    if (Module.HEAP8.length < heapBytes) Module.growMemory(heapBytes);
    if (Module.HEAP8.length < heapBytes) throw new Error(`could not grow the heap to the snapshot's ${heapBytes} bytes`);
    const api = Module.API;
    const restore = api && api.restoreSnapshot;
    if (typeof restore !== "function") throw new Error("this Pyodide has no API.restoreSnapshot");
    api.restoreSnapshot = function restoreSnapshot(placeholder) {
      api.restoreSnapshot = restore;
      const real = placeholder === SNAPSHOT_PLACEHOLDER ? box.bytes : placeholder;
      box.bytes = null; // copied into the heap below: nothing keeps the 36 MB
      if (placeholder !== SNAPSHOT_PLACEHOLDER) return restore.call(this, real);
      try {
        return layout.sparse ? sparseRestore(restore, this, real, Module.HEAP8) : restore.call(this, real);
      } finally {
        release(real); // in the heap now (or the boot falls back cold): free the read bytes at once
      }
    };
    mark.at?.("moduleReady");
    return Module;
  };
}

/** Bytes of a stored value: a Uint8Array, or a Blob (engine/store.js stores Blobs: faster to read). */
async function asBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value && typeof value.arrayBuffer === "function") {
    const bytes = new Uint8Array(await value.arrayBuffer());
    READ.add(bytes);
    return bytes;
  }
  return null;
}

/**
 * The files under `root` in Pyodide's file system as one bundle (see packFiles).
 */
function bundleFiles(FS, root) {
  const entries = [];
  const walk = (dir) => {
    for (const name of FS.readdir(dir)) {
      if (name === "." || name === "..") continue;
      const path = `${dir}/${name}`;
      const stat = FS.stat(path);
      if (FS.isDir(stat.mode)) walk(path);
      else if (FS.isFile(stat.mode)) entries.push([path, FS.readFile(path), new Date(stat.mtime).getTime()]);
    }
  };
  walk(root.replace(/\/$/, ""));
  return packFiles(entries);
}

/**
 * Files as one bundle: u32 length of a JSON index [[path, length, mtime ms or null], ...], the
 * index, then the files' bytes in that order. `entries` is [[path, bytes, mtime ms or null], ...].
 * The snapshot's file bundle (bundleFiles) and build.py's bytecode of the wheels (tools/bytecode.mjs).
 */
export function packFiles(entries) {
  const index = entries.map(([path, bytes, mtime]) => [path, bytes.byteLength, mtime ?? null]);
  const head = new TextEncoder().encode(JSON.stringify(index));
  const total = 4 + head.byteLength + entries.reduce((n, [, bytes]) => n + bytes.byteLength, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, head.byteLength, true);
  out.set(head, 4);
  let at = 4 + head.byteLength;
  for (const [, bytes] of entries) {
    out.set(bytes, at);
    at += bytes.byteLength;
  }
  return out;
}

/** Write a packFiles bundle back (same paths, contents and modification times); returns the paths. */
function writeBundle(FS, bundle) {
  const headLength = new DataView(bundle.buffer, bundle.byteOffset, 4).getUint32(0, true);
  const index = JSON.parse(new TextDecoder().decode(bundle.subarray(4, 4 + headLength)));
  let at = 4 + headLength;
  const made = new Set();
  for (const [path, length, mtime] of index) {
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (!made.has(dir)) {
      FS.mkdirTree(dir);
      made.add(dir);
    }
    FS.writeFile(path, bundle.subarray(at, at + length));
    at += length;
    if (Number.isFinite(mtime)) FS.utime(path, mtime, mtime);
  }
  if (at !== bundle.byteLength) throw new Error(`the file bundle has ${bundle.byteLength - at} bytes its index does not name`);
  return index.map(([path]) => path);
}

/** Lowercase hex sha256 of bytes (WebCrypto: present in workers, pages and Node 20). */
export async function sha256Hex(bytes) {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Lock entries for `names` and their `depends`, dependencies first. */
export function resolvePackages(lock, names) {
  const order = [];
  const seen = new Set();
  const visit = (name, chain) => {
    const key = name.toLowerCase().replace(/[-_.]+/g, "-");
    if (seen.has(key)) return;
    const entry = lock.packages[key];
    if (!entry) throw new Error(`package ${name} is not in the bundled pyodide-lock.json (needed by ${chain.join(" -> ")})`);
    seen.add(key);
    for (const dep of entry.depends || []) visit(dep, [...chain, key]);
    order.push({ key, ...entry });
  };
  for (const name of names) visit(name, ["engine"]);
  return order;
}

/**
 * Boot the engine. Options:
 *  - loadPyodide, pyodideVersion: from pyodide.mjs
 *  - indexURL: the folder (URL, or path in Node) holding pyodide.mjs, the lock and the wheels
 *  - fetchBytes(name) -> Promise<Uint8Array>: a file of that folder
 *  - store: {get(key) -> {bytes, sha256, files?, filesSha256?}|null, put(key, record), remove(key)}
 *    for the snapshot, or null for none. `bytes` (and `files`, the bundle of the unpacked wheels) is a
 *    Uint8Array or a Blob. The sha256 of each is stored beside it and checked before the snapshot is
 *    loaded (issue 13): a snapshot that does not match it (a torn write, a damaged profile), or has
 *    none, is removed and the engine boots cold.
 *  - extensionVersion: part of the snapshot key
 *  - log(message): diagnostics
 *  - afterWarmup(py): called with the Pyodide instance after a cold boot's warm-up, before the
 *    snapshot (build.py's bytecode step, tools/bytecode.mjs, reads which modules it imported)
 *  - afterBoot(py): called with the Pyodide instance once it is ready, cold or from the snapshot
 *    (tests/js/parity.test.mjs reads what it imported from where)
 * Returns {handle(json) -> json, boot: {kind, ms, stages, key, snapshotBytes, snapshotError, bytecodeFiles, stdlibCompiled},
 * snapshotSaved: Promise<{stored, ms, error}>, collectBetweenRequests(), collect(full) -> number,
 * afterRequest() -> number, wasmBytes(), close()}.
 */
export async function bootEngine(opts) {
  const { loadPyodide, pyodideVersion, indexURL, fetchBytes, store = null, extensionVersion = "dev", log = () => {} } = opts;
  const started = performance.now();
  const stages = {};
  const mark = (name, since) => {
    stages[name] = Math.round(performance.now() - since);
  };
  // Moments (ms since the boot began) for stages measured across Pyodide's own steps.
  const moments = {};
  mark.at = (name) => {
    moments[name] = performance.now();
  };

  let t = performance.now();
  const inputsStarted = t;
  const lockBytes = await fetchBytes("pyodide-lock.json");
  const lock = JSON.parse(new TextDecoder().decode(lockBytes));
  const packages = resolvePackages(lock, [CORE_PACKAGE]);
  const lockHash = (await sha256Hex(lockBytes)).slice(0, 16);
  // "s3": the record's form (Blobs, sparse, with the file bundle); a record of an older form is not read.
  const key = `mailwacht/${extensionVersion}/pyodide-${pyodideVersion}/${lockHash}/s3`;
  // The wheels are fetched and checked while the snapshot is read (awaited before they are used).
  const wheelsReady = Promise.all(
    packages.map(async (entry) => {
      const bytes = await fetchBytes(entry.file_name);
      const actual = await sha256Hex(bytes);
      if (actual !== entry.sha256) throw new Error(`${entry.file_name}: sha256 ${actual} does not match the lock file`);
      return { entry, bytes };
    }),
  ).then((wheels) => {
    mark("inputs", inputsStarted); // overlapped with the snapshot's read
    return wheels;
  });
  wheelsReady.catch(() => {}); // rejections are seen where it is awaited

  // Wheels are unpacked (unpackArchive, into the working directory, which is on sys.path), except
  // those in MOUNTED, which are written whole to WHEEL_DIR and put on sys.path (zipimport, as
  // Pyodide's own stdlib zip). Measured in Node on Pyodide 314: importing everything from zips
  // made the warm-up ~0.8 s slower than from unpacked files, but unpacking phonenumberslite (579
  // files, needed only for phone numbers) costs ~180 ms on every boot. A snapshot keeps sys.path
  // and zipimport's index, so a snapshot boot only puts the same files back: from the cold boot's
  // bundle of them when the snapshot has one (no zip, no Python), else by unpacking again.
  const install = (py, wheels, { fromSnapshot, bundle = null }) => {
    const mounted = [];
    if (bundle) writeBundle(py.FS, bundle);
    for (const { entry, bytes } of wheels) {
      if (MOUNTED.has(entry.key)) {
        py.FS.mkdirTree(WHEEL_DIR);
        py.FS.writeFile(`${WHEEL_DIR}/${entry.file_name}`, bytes);
        mounted.push(`${WHEEL_DIR}/${entry.file_name}`);
      } else if (!bundle) {
        py.unpackArchive(bytes, "wheel");
      }
    }
    const paths = JSON.stringify(fromSnapshot ? [] : mounted);
    py.runPython(`import importlib, json, sys\nsys.path.extend(json.loads(${JSON.stringify(paths)}))\nimportlib.invalidate_caches()`);
  };

  // An owned PyProxy of py_core.api.handle (an attribute borrowed from a module proxy would die with
  // it); destroyed in close().
  const bind = (py) => py.runPython("import py_core.api\npy_core.api.handle");

  let py = null;
  let handle = null;
  let kind = "cold";
  let snapshotError = null;
  let snapshotBytes = 0;
  let bytecodeFiles = 0; // the wheels' .pyc files a cold boot wrote for its warm-up
  let stdlibCompiled = false; // a cold boot mounted build.py's compiled standard library
  let snapshotSaved = Promise.resolve({ stored: false, ms: 0, error: null });

  if (store) {
    let record = null;
    t = performance.now();
    try {
      record = await store.get(key); // with Blobs (store.js) a handle: the bytes are read below
    } catch (err) {
      log(`snapshot store unreadable: ${err}`);
    }
    if (record) {
      let wheelTrouble = null;
      try {
        // Read the snapshot (and its file bundle) first, then hash them while the module is
        // instantiated (WebCrypto hashes off this thread; its copy of the input is on it). A Blob's
        // bytes come to this thread in chunks, each waiting its turn: read beside the module's
        // instantiation, which holds the thread for ~130 ms, the read took ~110-220 ms and the module
        // then waited ~50 ms for it; read first, it takes ~40-60 ms and nothing waits (issue 15;
        // docs/design/issue-15.md, "Snapshot boot, third round").
        const { bytes: storedBytes, sha256: want, files: storedFiles = null, filesSha256: wantFiles } = record;
        record = null;
        const readStarted = t;
        const read = await Promise.all([asBytes(storedBytes), storedFiles ? asBytes(storedFiles) : null]);
        mark("idbRead", readStarted);
        const checked = (async () => {
          const [bytes, files] = read;
          if (!(bytes instanceof Uint8Array) || typeof want !== "string") throw new Error("the snapshot has no hash stored beside it");
          if (storedFiles && (!(files instanceof Uint8Array) || typeof wantFiles !== "string")) throw new Error("the snapshot's file bundle has no hash stored beside it");
          const t0 = performance.now();
          const [actual, filesActual] = await Promise.all([sha256Hex(bytes), files ? sha256Hex(files) : null]);
          mark("verifySnapshot", t0);
          if (actual !== want) throw new Error(`the snapshot's sha256 ${actual.slice(0, 16)}… does not match the one stored beside it`);
          if (files && filesActual !== wantFiles) throw new Error(`the snapshot's file bundle's sha256 ${filesActual.slice(0, 16)}… does not match the one stored beside it`);
          snapshotBytes = bytes.byteLength;
          return { bytes, files };
        })();
        checked.catch(() => {}); // seen by the module factory (or below)
        const box = checked.then(({ bytes }) => ({ bytes }));
        box.catch(() => {});
        py = await loadPyodide({ indexURL, _loadSnapshot: SNAPSHOT_PLACEHOLDER, createPyodideModule: growHeapFor(indexURL, box, mark) });
        mark("loadSnapshot", t);
        // restore: from the module's instantiation to a ready interpreter (the snapshot copied into
        // the heap, Pyodide's bootstrap finalised).
        if (moments.moduleReady) stages.restore = Math.round(performance.now() - moments.moduleReady);
        let { files } = await checked;
        const wheels = await wheelsReady.catch((err) => {
          wheelTrouble = err;
          throw err;
        });
        t = performance.now();
        install(py, wheels, { fromSnapshot: true, bundle: files });
        release(files); // the file system holds copies of its files
        files = null;
        mark("unpack", t);
        const t1 = performance.now();
        handle = bind(py);
        const version = JSON.parse(handle(JSON.stringify({ kind: "version" })));
        if (!version.ok) throw new Error(`engine answered ${JSON.stringify(version)}`);
        mark("bind", t1);
        mark("install", t);
        kind = "snapshot";
      } catch (err) {
        if (wheelTrouble) throw wheelTrouble; // the bundle's files, not the snapshot's fault
        // Any mismatch or fault: forget this snapshot and boot cold.
        log(`snapshot boot failed, booting cold: ${err}`);
        snapshotError = String(err && err.message ? err.message : err);
        try {
          handle?.destroy();
        } catch {
          /* already gone */
        }
        py = null;
        handle = null;
        try {
          await store.remove(key);
        } catch {
          /* nothing to remove */
        }
      }
    }
  }

  if (!py) {
    // The cold boot's imports compiled to bytecode by build.py (tools/bytecode.mjs): Pyodide's
    // standard library zip with them as .pyc (mounted in place of Pyodide's own, which snapshot
    // boots keep: it is smaller) and the wheels' modules (written into __pycache__ below). Without
    // them this boot compiled ~300 modules of source, ~2.5 s in Chromium. Each is checked against
    // its sha256 in the lock; a missing or damaged one is not used and only costs that time.
    const checkedFile = async (entry) => {
      const bytes = await fetchBytes(entry.file_name);
      const actual = await sha256Hex(bytes);
      if (actual !== entry.sha256) throw new Error(`${entry.file_name}: sha256 ${actual.slice(0, 16)}… does not match the lock file`);
      return bytes;
    };
    const compiledStdlib = lock.mailwacht?.stdlib ?? null;
    const stdlibReady = compiledStdlib ? checkedFile(compiledStdlib) : null;
    stdlibReady?.catch(() => {}); // seen where it is awaited
    const bytecodeReady = lock.mailwacht?.bytecode ? checkedFile(lock.mailwacht.bytecode) : null;
    bytecodeReady?.catch(() => {});
    const wheels = await wheelsReady;
    let stdLibURL;
    if (stdlibReady) {
      try {
        await stdlibReady; // the bytes are Pyodide's to fetch again: only their hash was wanted
        stdLibURL = `${String(indexURL).replace(/\/?$/, "/")}${compiledStdlib.file_name}`;
      } catch (err) {
        log(`the compiled standard library is not used (its modules are compiled from source): ${err}`);
      }
    }
    t = performance.now();
    py = await loadPyodide({ indexURL, _makeSnapshot: Boolean(store), ...(stdLibURL ? { stdLibURL } : {}) });
    stdlibCompiled = Boolean(stdLibURL);
    mark("loadPyodide", t);
    t = performance.now();
    install(py, wheels, { fromSnapshot: false });
    mark("install", t);
    // The files the wheels unpacked to, for the snapshot boots (taken before the warm-up writes anything).
    let files = null;
    if (store) {
      try {
        t = performance.now();
        files = bundleFiles(py.FS, py.FS.cwd());
        mark("bundleFiles", t);
      } catch (err) {
        log(`no file bundle (snapshot boots will unpack the wheels): ${err}`);
      }
    }
    // Written after the bundle was taken: a snapshot boot imports nothing of them (its modules are
    // in the snapshot), so they are removed again after the warm-up.
    let compiled = [];
    if (bytecodeReady) {
      t = performance.now();
      try {
        compiled = writeBundle(py.FS, await bytecodeReady);
        bytecodeFiles = compiled.length;
      } catch (err) {
        log(`the wheels' bytecode is not used (their modules are compiled from source): ${err}`);
      }
      mark("bytecode", t);
    }
    t = performance.now();
    // Warm up before the snapshot: import everything the API uses, compile the rules' regexes and
    // the templates, so a snapshot boot starts where a warm engine is.
    const warm = (request) => {
      const api = py.pyimport("py_core.api");
      try {
        return JSON.parse(api.handle(JSON.stringify(request)));
      } finally {
        api.destroy();
      }
    };
    const report = warm({ kind: "check", draft: WARMUP_DRAFT, options: { now: "2026-01-01T00:00:00+00:00" } });
    if (!report.ok) throw new Error(`engine warm-up failed: ${JSON.stringify(report.error)}`);
    for (const request of [
      { kind: "render-summary", report: report.result, format: "html", locale: "nl" },
      { kind: "render-summary", report: report.result, format: "markdown", locale: "en" },
      { kind: "footer", options: {}, format: "html" },
      { kind: "catalogue", locale: "nl" },
    ]) {
      const reply = warm(request);
      if (!reply.ok) log(`warm-up ${request.kind}: ${JSON.stringify(reply.error)}`);
    }
    // The engine keeps the last draft it parsed for the next check of the same HTML (issue 15,
    // py_core.document.LastParse): the warm-up draft's tree has no place in the snapshot.
    py.runPython("import py_core.engine\npy_core.engine.LAST_PARSE.clear()");
    mark("warmup", t);
    opts.afterWarmup?.(py);
    for (const path of compiled) {
      try {
        py.FS.unlink(path);
      } catch {
        /* already gone */
      }
    }
    for (const dir of new Set(compiled.map((path) => path.slice(0, path.lastIndexOf("/"))))) {
      try {
        py.FS.rmdir(dir); // only when empty
      } catch {
        /* other files in it */
      }
    }
    if (store) {
      try {
        t = performance.now();
        const snapshot = py.makeMemorySnapshot();
        snapshotBytes = snapshot.byteLength;
        mark("makeSnapshot", t);
        // Writing 30 MB to the store needs no Python: the engine is ready meanwhile.
        const storing = performance.now();
        // Stored in the sparse form (its all-zero pages left out: see SPARSE_MAGIC).
        snapshotSaved = Promise.resolve()
          .then(() => sparseSnapshot(snapshot))
          .then((stored) => Promise.all([stored, sha256Hex(stored), files ? sha256Hex(files) : null]))
          .then(([stored, sha256, filesSha256]) => store.put(key, { bytes: stored, sha256, ...(files ? { files, filesSha256 } : {}) }))
          .then(
            () => ({ stored: true, ms: Math.round(performance.now() - storing), error: null }),
            (err) => {
              log(`snapshot not stored: ${err}`);
              return { stored: false, ms: Math.round(performance.now() - storing), error: String(err && err.message ? err.message : err) };
            },
          );
      } catch (err) {
        snapshotError = String(err && err.message ? err.message : err);
        log(`no snapshot: ${snapshotError}`);
      }
    }
    handle = bind(py);
  }

  opts.afterBoot?.(py);

  // Owned PyProxies of py_core.api.collect and .after_request, bound at their first use.
  let collectProxy = null;
  let afterRequestProxy = null;
  return {
    boot: { kind, ms: Math.round(performance.now() - started), stages, key, snapshotBytes, snapshotError, bytecodeFiles, stdlibCompiled },
    /** Resolves when a snapshot made by this (cold) boot is in the store: {stored, ms, error}. */
    snapshotSaved,
    /** JSON text in, JSON text out: py_core.api.handle. A Python str comes back as a JS string. */
    handle(requestJson) {
      return handle(requestJson);
    },
    /**
     * Hand Python's automatic cyclic collector over to the caller, who then calls collect()
     * between requests, when no request waits (py_core.api.collect_between_requests: issue 15,
     * the collector otherwise ran inside a request, now and then for ~110 ms).
     */
    collectBetweenRequests() {
      py.runPython("import py_core.api\npy_core.api.collect_between_requests()");
    },
    /** Collect now: the young generation, or all (full). Returns the unreachable objects found. */
    collect(full = false) {
      collectProxy ??= py.runPython("import py_core.api\npy_core.api.collect");
      return collectProxy(Boolean(full));
    },
    /** After a reply: release the parse the last check replaced (py_core.api.after_request). Returns its nodes. */
    afterRequest() {
      afterRequestProxy ??= py.runPython("import py_core.api\npy_core.api.after_request");
      return afterRequestProxy();
    },
    wasmBytes() {
      return py._module?.HEAP8?.length ?? null;
    },
    close() {
      for (const proxy of [handle, collectProxy, afterRequestProxy]) {
        try {
          proxy?.destroy();
        } catch {
          /* already destroyed */
        }
      }
    },
  };
}
