/**
 * The memory snapshot across browser starts: the first start boots cold and stores a snapshot in
 * IndexedDB; the second start of the same profile boots from it; a damaged snapshot is detected
 * and the engine falls back to a cold boot (and stores a good snapshot again).
 */

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { launchExtension } from "./harness.mjs";

const profile = mkdtempSync(join(tmpdir(), "mailwacht-snapshot-profile-"));
const DRAFT = { html: '<p>Nieuws</p><p><a href="https://voorbeeld.nl/afmelden">Afmelden</a></p>' };

after(() => rmSync(profile, { recursive: true, force: true }));

/**
 * Replace the stored snapshot record under `key` (IndexedDB, read in the offscreen document) by
 * what `change` makes of it: the source of a function (record) -> new value, maybe async.
 */
function replaceStored(ext, key, change) {
  return ext.evaluateInOffscreen(`new Promise((resolve, reject) => {
    const open = indexedDB.open("mailwacht-engine", 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const read = db.transaction("snapshots").objectStore("snapshots").get(${JSON.stringify(key)});
      read.onerror = () => reject(read.error);
      read.onsuccess = async () => {
        const value = await (${change})(read.result);
        const tx = db.transaction("snapshots", "readwrite");
        tx.objectStore("snapshots").put(value, ${JSON.stringify(key)});
        tx.oncomplete = () => { db.close(); resolve(true); };
        tx.onerror = () => reject(tx.error);
      };
    };
  })`);
}

async function checkWorks(ext) {
  const reply = await ext.send({ kind: "engine:check", draft: DRAFT });
  assert.equal(reply.ok, true, JSON.stringify(reply.error));
  assert.ok(Array.isArray(reply.result.findings));
}

test("first start boots cold and stores a snapshot", async () => {
  const ext = await launchExtension({ userDataDir: profile });
  try {
    const status = await ext.waitForEngine((s) => s.state === "ready" && s.boot.snapshotStored !== undefined);
    assert.equal(status.boot.kind, "cold");
    // build.py's bytecode of the wheels (tools/bytecode.mjs) was fetched, checked and written.
    assert.ok(status.boot.bytecodeFiles > 100, JSON.stringify(status.boot));
    assert.equal(status.boot.snapshotError, null, "the snapshot could not be made");
    assert.equal(status.boot.snapshotStored, true);
    assert.ok(status.boot.snapshotBytes > 1e6);
    await checkWorks(ext);
  } finally {
    await ext.close();
  }
});

test("second start boots from the snapshot", async () => {
  const ext = await launchExtension({ userDataDir: profile });
  try {
    const status = await ext.waitForEngine();
    assert.equal(status.boot.kind, "snapshot", JSON.stringify(status.boot));
    await checkWorks(ext);
  } finally {
    await ext.close();
  }
});

test("a damaged snapshot falls back to a cold boot", async () => {
  const ext = await launchExtension({ userDataDir: profile });
  try {
    const first = await ext.waitForEngine();
    assert.equal(first.boot.kind, "snapshot");
    // Overwrite the stored snapshot with garbage under the same key, then restart the engine.
    await replaceStored(ext, first.boot.key, "() => new Uint8Array(4096).fill(7)");
    const restarted = await ext.send({ kind: "engine:restart" });
    assert.equal(restarted.ok, true, JSON.stringify(restarted));
    const status = await ext.waitForEngine();
    assert.equal(status.boot.kind, "cold", JSON.stringify(status.boot));
    assert.ok(status.boot.snapshotError, "the damaged snapshot was not noticed");
    await checkWorks(ext);
    await ext.waitForEngine((s) => s.state === "ready" && s.boot.snapshotStored === true);
    // ... and a good snapshot was stored again.
    const again = await ext.send({ kind: "engine:restart" });
    assert.equal(again.result.boot.kind, "snapshot", JSON.stringify(again.result.boot));
  } finally {
    await ext.close();
  }
});

test("a snapshot damaged in one byte (its stored hash kept) falls back to a cold boot", async () => {
  const ext = await launchExtension({ userDataDir: profile });
  try {
    const first = await ext.waitForEngine();
    assert.equal(first.boot.kind, "snapshot");
    // One byte in the middle of the stored snapshot's Blob changes; the record keeps its sha256.
    await replaceStored(
      ext,
      first.boot.key,
      `async (record) => {
        const bytes = new Uint8Array(await record.bytes.arrayBuffer());
        bytes[bytes.length >> 1] ^= 0xff;
        return { ...record, bytes: new Blob([bytes]) };
      }`,
    );
    const restarted = await ext.send({ kind: "engine:restart" });
    assert.equal(restarted.ok, true, JSON.stringify(restarted));
    const status = await ext.waitForEngine();
    assert.equal(status.boot.kind, "cold", JSON.stringify(status.boot));
    assert.match(status.boot.snapshotError || "", /sha256 .* does not match/, "the changed byte was noticed by its hash");
    await checkWorks(ext);
  } finally {
    await ext.close();
  }
});
