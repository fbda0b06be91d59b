/**
 * The engine's dedicated module Web Worker: runs Pyodide and py_core off the page's thread.
 * Started by engine/host.js (in Chrome's offscreen document or Firefox's background page).
 *
 * Messages in:  {op: "boot", id, extensionVersion, snapshot: bool, wasmModule?: WebAssembly.Module}
 *               {op: "call", id, request: string (JSON for py_core.api.handle)}
 *               {op: "ping", id}
 *               {op: "drop-snapshot", id}
 * Messages out: {id, ok: true, ...} or {id, ok: false, error: string}
 *   boot -> {boot, wasmBytes, wasmModule? (compiled here: the host keeps it for the next worker)};
 *   call -> {reply: string (JSON), ms, wasmBytes, collected: collector.last | null}; ping -> {pong: true}
 * Events out:   {event: "snapshot-saved", stored, ms, error} once a cold boot's snapshot is stored
 *
 * The snapshot lives in IndexedDB (engine/store.js), keyed by the extension version, the Pyodide
 * version and a hash of the bundled lock file; only the newest is kept.
 */

import { loadPyodide, version as pyodideVersion } from "../pyodide/pyodide.mjs";
import { bootEngine } from "./core.js";
import { idbStore } from "./store.js";

const INDEX_URL = new URL("../pyodide/", import.meta.url).href;
/**
 * The compiled Pyodide WebAssembly module (issue 15, faster boot). Pyodide compiles
 * pyodide.asm.wasm inside its module factory, which runs only after the snapshot has been read
 * from IndexedDB (loadPyodide awaits _loadSnapshot first), so the read and the compile followed
 * each other. Here the compile starts with the boot message and runs while the snapshot is read
 * and verified; WebAssembly.instantiateStreaming (Pyodide's only use of it is that file) then
 * instantiates the module already compiled. The host keeps the compiled module and hands it to the
 * next worker it starts (a restart, a recycled heap, the spare), which then compiles nothing.
 */
const WASM_URL = new URL("pyodide.asm.wasm", INDEX_URL).href;
let wasmModule = null; // Promise<WebAssembly.Module>
const wasmTiming = { compileWasm: null, cached: false };

function compileWasm(given) {
  const t = performance.now();
  if (given instanceof WebAssembly.Module) {
    wasmTiming.cached = true;
    wasmTiming.compileWasm = 0;
    return Promise.resolve(given);
  }
  return WebAssembly.compileStreaming(fetch(WASM_URL)).then((module) => {
    wasmTiming.compileWasm = Math.round(performance.now() - t);
    return module;
  });
}

const realInstantiateStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = async function instantiateStreaming(source, imports) {
  const response = await source;
  if (!wasmModule || !String(response && response.url).endsWith("/pyodide.asm.wasm")) {
    return realInstantiateStreaming.call(WebAssembly, response, imports);
  }
  const module = await wasmModule;
  return { module, instance: await WebAssembly.instantiate(module, imports) };
};

async function fetchBytes(name) {
  const response = await fetch(new URL(name, INDEX_URL));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

let engine = null;

/**
 * Garbage between requests (issue 15). Python's automatic collector is handed over at boot
 * (engine.collectBetweenRequests), since it ran inside requests: a check pauses it, and when it
 * came back on it ran at the next allocation, while the reply was being written; every ninth or
 * tenth time that was an old-generation collection of ~110 ms (the round trip's p95 tail).
 * Once a reply has gone out, a task of its own releases the parse the check replaced
 * (engine.afterRequest: ~3 ms at 100 KB; a check leaves no cyclic garbage, so no collection runs
 * after each reply: the young one it used to run found 0 objects in 4-16 ms); a full collection
 * (~40-55 ms) runs once the engine has had no call for FULL_AFTER_IDLE_MS, or after FULL_EVERY
 * calls without such a pause. A message already waiting runs before either.
 * `collector.last`: {full: false, released, ms} after a reply, {full: true, found, ms} after a full one.
 */
const FULL_AFTER_IDLE_MS = 2000;
const FULL_EVERY = 50;
const collector = { afterReply: null, full: null, callsSinceFull: 0, last: null };

function collectNow(full) {
  if (!engine) return;
  if (full) {
    clearTimeout(collector.full);
    if (!collector.callsSinceFull) return;
    collector.callsSinceFull = 0;
  }
  const t = performance.now();
  try {
    const counted = full ? { found: engine.collect(true) } : { released: engine.afterRequest() };
    collector.last = { full, ...counted, ms: Math.round((performance.now() - t) * 10) / 10 };
  } catch (err) {
    collector.last = { full, error: String(err && err.message ? err.message : err) };
  }
}

function collectAfterReply() {
  collector.callsSinceFull += 1;
  clearTimeout(collector.afterReply);
  collector.afterReply = setTimeout(() => collectNow(collector.callsSinceFull >= FULL_EVERY), 0);
  clearTimeout(collector.full);
  collector.full = setTimeout(() => collectNow(true), FULL_AFTER_IDLE_MS);
}

async function onMessage(msg) {
  switch (msg.op) {
    case "boot": {
      wasmModule = compileWasm(msg.wasmModule);
      wasmModule.catch(() => {
        wasmModule = null; // Pyodide compiles it itself then
      });
      if (msg.dropSnapshot) await idbStore.clear().catch(() => {});
      engine = await bootEngine({
        loadPyodide,
        pyodideVersion,
        indexURL: INDEX_URL,
        fetchBytes,
        store: msg.snapshot === false ? null : idbStore,
        extensionVersion: msg.extensionVersion,
        log: (m) => console.warn(`[mailwacht engine] ${m}`),
      });
      // Tell the host when the snapshot is stored (after the boot reply: the engine is ready before).
      engine.snapshotSaved.then((saved) => self.postMessage({ event: "snapshot-saved", ...saved }));
      engine.collectBetweenRequests();
      engine.boot.stages.compileWasm = wasmTiming.compileWasm; // overlapped with the snapshot read
      engine.boot.wasmCached = wasmTiming.cached;
      // The compiled module goes back to the host for the next worker (not when it came from there).
      const module = wasmTiming.cached || !wasmModule ? null : await wasmModule.catch(() => null);
      return { boot: engine.boot, wasmBytes: engine.wasmBytes(), ...(module ? { wasmModule: module } : {}) };
    }
    case "call": {
      if (!engine) throw new Error("the engine has not booted");
      const started = performance.now();
      const reply = engine.handle(msg.request);
      // `collected`: the latest collection between requests (after an earlier reply), for diagnostics.
      return { reply, ms: performance.now() - started, wasmBytes: engine.wasmBytes(), collected: collector.last };
    }
    case "ping":
      return { pong: true };
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

self.onmessage = async (event) => {
  const msg = event.data || {};
  try {
    const result = await onMessage(msg);
    self.postMessage({ id: msg.id, ok: true, ...result });
    if (msg.op === "call") collectAfterReply();
  } catch (err) {
    self.postMessage({ id: msg.id, ok: false, error: String(err && err.stack ? err.stack : err) });
  }
};
