/**
 * The engine host: owns the engine worker (engine/worker.js), boots it, queues calls one at a time
 * and turns every failure into an error reply. Runs in Chrome's offscreen document and in
 * Firefox's background page; one host serves every tab.
 *
 * Failure handling (house rule: callers get an error reply, never silence):
 *  - boot not finished within LIMITS.bootMs, or failed: the worker is terminated, the state is
 *    "error", waiting callers get ERROR.bootFailed; the next call boots a new worker.
 *  - a call running longer than its limit: the worker is terminated (the only way to stop
 *    Python mid-check), that caller gets ERROR.timeout, and a new worker is booted.
 *  - the worker dies (an "error" event, or no answer to a ping after being idle): pending
 *    callers get ERROR.crashed and a new worker is booted.
 */

import { ERROR, LIMITS, errorReply } from "../shared/protocol.js";

export class EngineHost {
  /**
   * @param {{workerURL: string|URL, extensionVersion: string, limits?: object, snapshot?: boolean}} options
   */
  constructor({ workerURL, extensionVersion, limits = {}, snapshot = true }) {
    this.workerURL = workerURL;
    this.extensionVersion = extensionVersion;
    this.limits = { ...LIMITS, ...limits };
    this.snapshot = snapshot;
    this.worker = null;
    this.state = "idle"; // idle | booting | ready | error
    this.boot = null;
    this.error = null;
    this.restarts = 0;
    this.wasmBytes = null;
    this.lastCall = null;
    this._booting = null;
    this._pending = new Map(); // id -> {resolve, reject, timer}
    this._nextId = 1;
    this._queue = Promise.resolve();
    this._lastHeard = 0;
  }

  /** Current state as the engine:status reply's result. */
  status() {
    return {
      state: this.state,
      boot: this.boot,
      error: this.error,
      restarts: this.restarts,
      memory: this.wasmBytes === null ? null : { wasmBytes: this.wasmBytes },
      lastCall: this.lastCall,
    };
  }

  /** Boot if not booted (or booting); resolves when ready, rejects on a failed boot. */
  start({ dropSnapshot = false } = {}) {
    if (this.state === "ready" && this.worker) return Promise.resolve();
    if (this._booting) return this._booting;
    this._booting = this._boot(dropSnapshot).finally(() => {
      this._booting = null;
    });
    return this._booting;
  }

  /** Terminate the worker and boot a fresh one (engine:restart). */
  async restart({ dropSnapshot = false } = {}) {
    this._kill("restarted", ERROR.crashed);
    await this.start({ dropSnapshot });
    return this.status();
  }

  /**
   * Run one py_core.api request (a plain object) and resolve with its reply envelope (an object).
   * Never rejects: every failure is an `{ok: false, error}` envelope.
   */
  call(request, { timeoutMs } = {}) {
    const run = async () => {
      try {
        await this.start();
        await this._ensureAlive();
        const started = performance.now();
        const answer = await this._send({ op: "call", request: JSON.stringify(request) }, timeoutMs ?? this.limits.callMs, "call");
        this.wasmBytes = answer.wasmBytes ?? this.wasmBytes;
        this.lastCall = { kind: request.kind, ms: Math.round((performance.now() - started) * 10) / 10, pythonMs: answer.ms };
        return JSON.parse(answer.reply);
      } catch (err) {
        return err && err.reply ? err.reply : errorReply(ERROR.unavailable, err && err.message ? err.message : err);
      }
    };
    // One call at a time: Python is single-threaded, and a queue keeps timeouts per call honest.
    const result = this._queue.then(run, run);
    this._queue = result.catch(() => {});
    return result;
  }

  async _boot(dropSnapshot) {
    this.state = "booting";
    this.error = null;
    const worker = new Worker(this.workerURL, { type: "module" });
    this.worker = worker;
    worker.onmessage = (event) => this._onMessage(worker, event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.worker === worker) this._kill(`the engine worker failed: ${event.message || "error"}`, ERROR.crashed);
    };
    try {
      const answer = await this._send(
        { op: "boot", extensionVersion: this.extensionVersion, snapshot: this.snapshot, dropSnapshot },
        this.limits.bootMs,
        "boot",
      );
      if (this.worker !== worker) throw Object.assign(new Error("the engine was restarted while booting"), {});
      this.boot = answer.boot;
      this.wasmBytes = answer.wasmBytes ?? null;
      this.state = "ready";
    } catch (err) {
      const message = err && err.reply ? err.reply.error.message : String(err && err.message ? err.message : err);
      if (this.worker === worker) {
        this._kill(message, ERROR.bootFailed);
        this.state = "error";
        this.error = message;
      }
      throw Object.assign(new Error(message), { reply: errorReply(ERROR.bootFailed, `the engine did not start: ${message}`) });
    }
  }

  /** After a quiet spell, make sure the worker still answers before handing it a call. */
  async _ensureAlive() {
    if (performance.now() - this._lastHeard < this.limits.idleBeforePingMs) return;
    try {
      await this._send({ op: "ping" }, this.limits.pingMs, "ping");
    } catch {
      // It died quietly (terminated, or its process went away): boot a new one for this call.
      this._kill("the engine worker stopped answering", ERROR.crashed);
      await this.start();
    }
  }

  _send(message, timeoutMs, what) {
    const worker = this.worker;
    if (!worker) return Promise.reject(Object.assign(new Error("no engine worker"), { reply: errorReply(ERROR.unavailable, "no engine worker") }));
    const id = this._nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this._pending.delete(id);
        const code = what === "boot" ? ERROR.bootFailed : ERROR.timeout;
        const text =
          what === "boot"
            ? `the engine did not boot within ${timeoutMs} ms`
            : `the engine did not answer within ${timeoutMs} ms; it was stopped and is restarted`;
        reject(Object.assign(new Error(text), { reply: errorReply(code, text) }));
        if (what !== "ping" && this.worker === worker) {
          this._kill(text, code);
          if (what === "call") this.start().catch(() => {}); // be ready for the next caller
        }
      }, timeoutMs);
      this._pending.set(id, { resolve, reject, timer, worker });
      worker.postMessage({ ...message, id });
    });
  }

  _onMessage(worker, data) {
    if (worker !== this.worker) return;
    this._lastHeard = performance.now();
    if (data.event === "snapshot-saved") {
      if (this.boot) {
        this.boot.snapshotStored = data.stored;
        if (data.stored) this.boot.stages.storeSnapshot = data.ms;
        else if (data.error) this.boot.snapshotError = data.error;
      }
      return;
    }
    const pending = this._pending.get(data.id);
    if (!pending) return;
    this._pending.delete(data.id);
    clearTimeout(pending.timer);
    if (data.ok) pending.resolve(data);
    else pending.reject(Object.assign(new Error(data.error), { reply: errorReply(ERROR.crashed, data.error) }));
  }

  /** Terminate the worker and fail everything waiting on it. */
  _kill(reason, code) {
    const worker = this.worker;
    this.worker = null;
    if (worker) {
      worker.terminate();
      this.restarts += 1;
    }
    this.state = "idle";
    this.error = reason;
    for (const [id, pending] of this._pending) {
      if (pending.worker !== worker) continue;
      clearTimeout(pending.timer);
      pending.reject(Object.assign(new Error(reason), { reply: errorReply(code, reason) }));
      this._pending.delete(id);
    }
  }
}
