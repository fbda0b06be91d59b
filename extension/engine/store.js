/**
 * The engine's snapshot store in IndexedDB (database "mailwacht-engine", object store "snapshots"):
 * used by the engine worker (engine/worker.js, through core.js) and asked by the background whether
 * a snapshot for this version exists (hasSnapshotFor). Keys are
 * "mailwacht/<extension version>/pyodide-<version>/<lock hash>/<form>" (core.js; the form "s3": the
 * sparse snapshot and the file bundle as Blobs); only the newest is kept.
 */

const DB = "mailwacht-engine";
const STORE = "snapshots";

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore(mode, fn) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error("IndexedDB transaction aborted"));
    });
  } finally {
    db.close();
  }
}

/**
 * The snapshot store core.js uses: one entry per key ({bytes, sha256, files, filesSha256}: the
 * snapshot, the bundle of the wheels' files and their hashes, which core.js checks before loading
 * them), older keys dropped on put. The snapshot and the bundle are stored as Blobs (issue 15):
 * reading a 36 MB Uint8Array back took ~160-440 ms in Chromium (the value is deserialised whole
 * inside the get), a Blob's get ~2-80 ms and its arrayBuffer() ~40-55 ms (measured in a worker
 * after a browser restart, at a load of 12, so noisy; bench/engine.mjs has the quiet figures).
 * An entry of an older form (bare bytes, no hash) comes back without a hash, so core.js removes
 * it and boots cold.
 */
export const idbStore = {
  async has(key) {
    return (await withStore("readonly", (s) => s.getKey(key))) !== undefined;
  },
  async get(key) {
    const value = await withStore("readonly", (s) => s.get(key));
    if (!value) return null;
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return { bytes: new Uint8Array(value.buffer ?? value), sha256: null };
    const bytes = value.bytes instanceof Blob || value.bytes instanceof Uint8Array ? value.bytes : new Uint8Array(value.bytes);
    return { bytes, sha256: value.sha256 ?? null, files: value.files ?? null, filesSha256: value.filesSha256 ?? null };
  },
  async put(key, record) {
    const blob = (bytes) => (bytes instanceof Blob ? bytes : new Blob([bytes]));
    const value = { bytes: blob(record.bytes), sha256: record.sha256 };
    if (record.files) Object.assign(value, { files: blob(record.files), filesSha256: record.filesSha256 });
    await withStore("readwrite", (s) => {
      s.clear();
      return s.put(value, key);
    });
  },
  async remove(key) {
    await withStore("readwrite", (s) => s.delete(key));
  },
  async clear() {
    await withStore("readwrite", (s) => s.clear());
  },
};

/** Whether a snapshot made by this extension version is stored (any Pyodide version or lock). */
export async function hasSnapshotFor(extensionVersion) {
  try {
    const keys = await withStore("readonly", (s) => s.getAllKeys());
    return keys.some((key) => String(key).startsWith(`mailwacht/${extensionVersion}/`));
  } catch {
    return false;
  }
}
