/**
 * The engine's snapshot store in IndexedDB (database "mailwacht-engine", object store "snapshots"):
 * used by the engine worker (engine/worker.js, through core.js) and asked by the background whether
 * a snapshot for this version exists (hasSnapshotFor). Keys are
 * "mailwacht/<extension version>/pyodide-<version>/<lock hash>" (core.js); only the newest is kept.
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
 * The snapshot store core.js uses: one entry per key ({bytes, sha256}: the snapshot and its hash,
 * which core.js checks before loading it), older keys dropped on put. An entry of the older form
 * (bare bytes, no hash) comes back without a hash, so core.js removes it and boots cold.
 */
export const idbStore = {
  async has(key) {
    return (await withStore("readonly", (s) => s.getKey(key))) !== undefined;
  },
  async get(key) {
    const value = await withStore("readonly", (s) => s.get(key));
    if (!value) return null;
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return { bytes: new Uint8Array(value.buffer ?? value), sha256: null };
    return { bytes: value.bytes instanceof Uint8Array ? value.bytes : new Uint8Array(value.bytes), sha256: value.sha256 ?? null };
  },
  async put(key, record) {
    await withStore("readwrite", (s) => {
      s.clear();
      return s.put({ bytes: record.bytes, sha256: record.sha256 }, key);
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
