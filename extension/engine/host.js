/**
 * The engine host: owns the engine worker (engine/worker.js), boots it, schedules calls one at a
 * time and turns every failure into an error reply. Runs in Chrome's offscreen document and in
 * Firefox's background page; one host serves every tab.
 * One file of ~550 lines (a fifth of it this header and comments) on purpose: the lanes and their
 * queue, preemption, the spare worker, the idle unload and heap recycling all act on the same
 * worker, running call, pending replies and timers of one EngineHost, and each decision (stop the
 * running call? boot the spare? unload now?) reads all of them.
 *
 * Scheduling (issue 13, "a gate no tab can switch off"): Python runs one call at a time, so who
 * goes next matters. Every call carries a lane and the tab that asked (background/router.js):
 *  - lanes, in order: "send" (the send gate's check: someone pressed Send and waits), "user"
 *    (an extension page, the catalogue, a footer, a summary: short and asked for by a person),
 *    "typing" (the marks' check while someone types: nobody waits for it). The next call is always
 *    taken from the first lane that has one;
 *  - within a lane, tabs take turns (round robin): a tab that keeps asking cannot make another
 *    tab wait behind all of its calls, only behind one;
 *  - a tab keeps at most LIMITS.typingPerTab typing checks waiting; older ones are answered at once
 *    with ERROR.superseded (the watcher asks again on the next change);
 *  - preemption: a call that arrives while a call of a later lane runs (or, in the send lane, while
 *    another tab's send check runs) waits at most LIMITS.preemptGraceMs of that call's running
 *    time; if it is still running then, the worker is terminated (the only way to stop Python
 *    mid-check), a fresh one boots (from the snapshot: ~0.3-0.5 s) and the waiting call runs first.
 *    The stopped call goes back to the head of its tab's queue, once; stopped a second time, it is
 *    answered with ERROR.preempted. A hostile page that feeds the engine a slow draft therefore
 *    delays another tab's send by the grace time plus a snapshot boot, never by the check's limit;
 *  - a spare worker for sends: once a call has run LIMITS.pressureMs (or one timed out or was
 *    stopped), a second worker is booted and kept while that pressure lasts (LIMITS.spareIdleMs
 *    after the last sign of it). It takes only send- and user-lane calls (never typing-time checks,
 *    so those cannot take it; the gate's catalogue is a user call), so a send goes to it at once while
 *    the first worker is still busy, with no grace, no kill and no boot on the send's clock (a
 *    boot from the snapshot takes ~0.3-0.5 s, a cold one several seconds on a busy machine).
 *    It costs a second Pyodide's memory only while some draft keeps the engine busy.
 *
 * Lifecycle (issue 15, "nothing held when idle"):
 *  - nothing boots until something asks (a check, the popup's status, engine:prepare);
 *  - idle unload: with no call for idleMs (settings engineIdleMinutes; LIMITS.idleMs by default)
 *    the worker and the spare are terminated, so the WebAssembly heap is given back; `onUnload`
 *    is then told (Chrome's offscreen document asks the service worker to close it). The next call
 *    boots again, from the snapshot, and waits for that boot (the send gate allows 4 s);
 *  - heap recycling: a WebAssembly heap never shrinks, so once a call left it above
 *    LIMITS.heapBoundBytes (a large draft), the worker is replaced by a fresh one from the snapshot
 *    after LIMITS.recycleQuietMs without a call; the boot runs in the background, not on a caller's
 *    clock unless a call arrives during it.
 *
 * Failure handling (house rule: callers get an error reply, never silence):
 *  - boot not finished within LIMITS.bootMs, or failed: the worker is terminated, the state is
 *    "error", waiting callers get ERROR.bootFailed; the next call boots a new worker.
 *  - a call running longer than its limit (LIMITS.callMs; LIMITS.sendMs in the send lane, as the
 *    gate has decided long before): the worker is terminated, that caller gets ERROR.timeout, and
 *    a new worker is booted; the calls of other tabs stay queued and run on it.
 *  - the worker dies (an "error" event, or no answer to a ping after being idle): the running
 *    caller gets ERROR.crashed and a new worker is booted.
 */

import { ERROR, LANES, LIMITS, errorReply } from "../shared/protocol.js";

/** Lane name -> rank (lower runs first). An unknown lane is "user". */
const RANK = Object.fromEntries(LANES.map((lane, i) => [lane, i]));
const laneOf = (lane) => (lane in RANK ? lane : "user");
/** The lanes the spare worker serves: never "typing", so typing-time checks cannot take it. */
const SPARE_LANES = ["send", "user"];

export class EngineHost {
  /**
   * @param {{workerURL: string|URL, extensionVersion: string, limits?: object, snapshot?: boolean,
   *   createWorker?: (url: string|URL) => Worker}} options  createWorker: for tests (a fake worker)
   */
  constructor({ workerURL, extensionVersion, limits = {}, snapshot = true, createWorker = null, spare = true, idleUnload = true, shared = null }) {
    // The compiled Pyodide WebAssembly module, shared with the spare: a worker booted after the
    // first compiles nothing (engine/worker.js). Dropped on an idle unload.
    this.shared = shared || { wasmModule: null };
    this.options = { workerURL, extensionVersion, snapshot, createWorker };
    this.allowSpare = spare;
    this.idleUnload = idleUnload; // false for the spare: its owner retires it (spareIdleMs)
    this.spare = null; // an EngineHost used only as a second worker for send-lane calls
    this._spareRunning = null;
    this._sparePumping = false;
    this._pressureAt = 0;
    this._retireTimer = 0;
    this.workerURL = workerURL;
    this.extensionVersion = extensionVersion;
    this.limits = { ...LIMITS, ...limits };
    this.snapshot = snapshot;
    this.createWorker = createWorker || ((url) => new Worker(url, { type: "module" }));
    this.worker = null;
    this.state = "idle"; // idle | booting | ready | error
    this.boot = null;
    this.error = null;
    this.restarts = 0;
    this.preemptions = 0;
    this.wasmBytes = null;
    this.lastCall = null;
    this._booting = null;
    this._pending = new Map(); // id -> {resolve, reject, timer, worker}
    this._nextId = 1;
    this._lastHeard = 0;
    // lane -> Map(tab -> [job]); a Map keeps insertion order, which is the round robin's order.
    this._queues = new Map(LANES.map((lane) => [lane, new Map()]));
    this._running = null; // {job, started, worker}
    this._pumping = false;
    this._preemptTimer = 0;
    // Lifecycle (see the header).
    this.idleMs = this.limits.idleMs;
    this.onUnload = null; // (reason) => void, after an idle unload
    this.unloads = 0;
    this.recycles = 0;
    this.unloaded = null; // {reason, at (ms since epoch)} of the last unload, until the next boot
    this._activityAt = performance.now();
    this._idleTimer = 0;
    this._recycleTimer = 0;
  }

  // -------------------------------------------------------------------------------------- lifecycle

  /** The idle time before an unload (settings engineIdleMinutes); ignored unless a positive number. */
  setIdleMs(ms) {
    if (!Number.isFinite(ms) || ms <= 0 || ms === this.idleMs) return;
    this.idleMs = ms;
    this._armIdle();
  }

  /** Someone wanted the engine (a call, the popup's status): the idle time starts again. */
  touch() {
    this._activityAt = performance.now();
    this._armIdle();
  }

  _busy() {
    return Boolean(this._running || this._spareRunning || this._booting || this._pending.size || this._firstWaiting());
  }

  /** (Re)arm the idle timer for the end of the idle time counted from the last activity. */
  _armIdle() {
    clearTimeout(this._idleTimer);
    this._idleTimer = 0;
    if (!this.idleUnload || (!this.worker && !this._booting && !this.spare)) return; // nothing to unload
    const left = Math.max(0, this._activityAt + this.idleMs - performance.now());
    this._idleTimer = setTimeout(() => {
      this._idleTimer = 0;
      if (this._busy()) {
        this._activityAt = performance.now(); // a call finishing re-arms; until then count from now
        this._armIdle();
      } else if (performance.now() - this._activityAt < this.idleMs) this._armIdle();
      else this.unload(`no call for ${Math.round((performance.now() - this._activityAt) / 1000)} s`);
    }, left);
  }

  /** Terminate the worker and the spare (their memory is given back); the next call boots again. */
  unload(reason = "unloaded") {
    clearTimeout(this._idleTimer);
    clearTimeout(this._recycleTimer);
    clearTimeout(this._retireTimer);
    this._idleTimer = this._recycleTimer = this._retireTimer = 0;
    if (this.spare) {
      const spare = this.spare;
      this.spare = null;
      spare._kill(reason, ERROR.crashed);
    }
    const had = Boolean(this.worker);
    if (this.worker) {
      const worker = this.worker;
      this.worker = null;
      worker.terminate();
      for (const [id, pending] of this._pending) {
        if (pending.worker !== worker) continue;
        clearTimeout(pending.timer);
        pending.reject(Object.assign(new Error(reason), { reply: errorReply(ERROR.crashed, reason) }));
        this._pending.delete(id);
      }
    }
    this.state = "idle";
    this.wasmBytes = null;
    this.shared.wasmModule = null; // its compiled code is memory too
    this.unloads += 1;
    this.unloaded = { reason, at: Date.now(), hadWorker: had };
    try {
      this.onUnload?.(reason);
    } catch {
      /* the listener's problem */
    }
  }

  /** After a call: a heap above the bound is replaced once the engine has been quiet for a while. */
  _considerRecycling() {
    if (this._recycleTimer || !(this.wasmBytes > this.limits.heapBoundBytes)) return;
    const check = () => {
      this._recycleTimer = 0;
      if (!this.worker || !(this.wasmBytes > this.limits.heapBoundBytes)) return;
      const quiet = performance.now() - this._activityAt;
      if (this._busy() || quiet < this.limits.recycleQuietMs) {
        this._recycleTimer = setTimeout(check, Math.max(50, this.limits.recycleQuietMs - (this._busy() ? 0 : quiet)));
        return;
      }
      const mb = (this.wasmBytes / 2 ** 20).toFixed(1);
      this.recycles += 1;
      this._kill(`recycled: the heap had grown to ${mb} MB`, ERROR.crashed);
      this.start().catch(() => {}); // in the background; a call arriving meanwhile waits for it
    };
    this._recycleTimer = setTimeout(check, this.limits.recycleQuietMs);
  }

  /** Current state as the engine:status reply's result. */
  status() {
    const queued = {};
    for (const [lane, tabs] of this._queues) queued[lane] = [...tabs.values()].reduce((n, jobs) => n + jobs.length, 0);
    const run = this._running;
    return {
      state: this.state,
      boot: this.boot,
      error: this.error,
      restarts: this.restarts,
      preemptions: this.preemptions,
      memory: this.wasmBytes === null ? null : { wasmBytes: this.wasmBytes },
      lastCall: this.lastCall,
      queued,
      running: run ? { lane: run.job.lane, tab: run.job.tab, kind: run.job.request.kind, ms: Math.round(performance.now() - run.started) } : null,
      lifecycle: { idleMs: this.idleMs, unloads: this.unloads, recycles: this.recycles, unloaded: this.unloaded, heapBoundBytes: this.limits.heapBoundBytes },
      spare: this.spare ? { state: this.spare.state, busy: Boolean(this._spareRunning), boot: this.spare.boot && { kind: this.spare.boot.kind, ms: this.spare.boot.ms } } : null,
    };
  }

  // ------------------------------------------------------------------------------ the spare worker

  /** Something keeps the engine busy: have a spare worker for sends (booted now if there is none). */
  _wantSpare() {
    if (!this.allowSpare) return;
    this._pressureAt = performance.now();
    if (!this.spare) {
      this.spare = new EngineHost({ ...this.options, limits: this.limits, spare: false, idleUnload: false, shared: this.shared });
      this.spare.start().then(
        () => this._pumpSpare(),
        () => {}, // a failed boot shows in the status; the next pressure tries again
      );
    }
    clearTimeout(this._retireTimer);
    this._retireTimer = setTimeout(() => this._retireSpare(), this.limits.spareIdleMs);
  }

  /** No pressure for spareIdleMs: give the spare's memory back. */
  _retireSpare() {
    this._retireTimer = 0;
    if (!this.spare) return;
    const quiet = performance.now() - this._pressureAt >= this.limits.spareIdleMs;
    if (!quiet || this._spareRunning) {
      this._retireTimer = setTimeout(() => this._retireSpare(), this.limits.spareIdleMs);
      return;
    }
    const spare = this.spare;
    this.spare = null;
    spare._kill("retired: no draft kept the engine busy any more", ERROR.crashed);
  }

  /** Run waiting send- and user-lane calls on the spare worker (never typing-time checks). */
  async _pumpSpare() {
    const spare = this.spare;
    if (!spare || this._sparePumping || spare.state !== "ready") return;
    this._sparePumping = true;
    try {
      while (this.spare === spare && spare.state === "ready" && spare.worker) {
        const job = this._dequeue(SPARE_LANES);
        if (!job) break;
        const run = { job, started: performance.now(), worker: spare.worker };
        this._spareRunning = run;
        const limit = job.timeoutMs ?? (job.lane === "send" ? Math.min(this.limits.sendMs, this.limits.callMs) : this.limits.callMs);
        try {
          const answer = await spare._send({ op: "call", request: JSON.stringify(job.request) }, limit, "call");
          this.lastCall = { kind: job.request.kind, lane: job.lane, ms: Math.round((performance.now() - run.started) * 10) / 10, pythonMs: answer.ms, collected: answer.collected ?? null, spare: true };
          job.resolve(JSON.parse(answer.reply));
        } catch (err) {
          job.resolve(err && err.reply ? err.reply : errorReply(ERROR.unavailable, err && err.message ? err.message : err));
        } finally {
          this._spareRunning = null;
          this.touch();
        }
      }
    } finally {
      this._sparePumping = false;
    }
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
    this._pump();
    return this.status();
  }

  /**
   * Run one py_core.api request (a plain object) and resolve with its reply envelope (an object).
   * `tab`: who asked (a string; calls of one tab run in order); `lane`: "send" | "user" | "typing".
   * Never rejects: every failure is an `{ok: false, error}` envelope.
   */
  call(request, { timeoutMs, tab = "page", lane = "user" } = {}) {
    return new Promise((resolve) => {
      const job = { request, tab: String(tab), lane: laneOf(lane), timeoutMs, resolve, preempted: 0, stoppedBy: null };
      this.touch();
      this._enqueue(job);
      this._pumpSpare(); // a send goes to an idle spare at once
      this._pump();
      this._considerPreempting();
    });
  }

  _enqueue(job, { front = false } = {}) {
    const tabs = this._queues.get(job.lane);
    let jobs = tabs.get(job.tab);
    if (!jobs) {
      jobs = [];
      tabs.set(job.tab, jobs);
    }
    if (front) jobs.unshift(job);
    else jobs.push(job);
    if (job.lane === "typing") {
      while (jobs.length > this.limits.typingPerTab) {
        const old = jobs.shift();
        old.resolve(errorReply(ERROR.superseded, "a newer check of this tab replaced this one before it ran"));
      }
    }
  }

  /** The next job: first lane with work, the tab whose turn it is (then it goes to the back). */
  _dequeue(lanes = LANES) {
    for (const lane of lanes) {
      const tabs = this._queues.get(lane);
      for (const [tab, jobs] of tabs) {
        tabs.delete(tab);
        const job = jobs.shift();
        if (jobs.length) tabs.set(tab, jobs); // back of the round
        if (job) return job;
      }
    }
    return null;
  }

  _firstWaiting() {
    for (const lane of LANES) {
      for (const jobs of this._queues.get(lane).values()) if (jobs.length) return jobs[0];
    }
    return null;
  }

  _waitingJobs() {
    const all = [];
    for (const tabs of this._queues.values()) for (const jobs of tabs.values()) all.push(...jobs);
    return all;
  }

  /** Whether `waiting` may stop `running` (see the header: lanes, and sends of other tabs). */
  _outranks(waiting, running) {
    if (RANK[waiting.lane] < RANK[running.lane]) return true;
    return waiting.lane === "send" && running.lane === "send" && waiting.tab !== running.tab;
  }

  /** If a waiting call outranks the running one, stop the running one once its grace is over. */
  _considerPreempting() {
    const run = this._running;
    if (!run || this._preemptTimer) return;
    const waiting = this._waitingJobs().filter((job) => this._outranks(job, run.job));
    if (!waiting.length) return;
    const left = Math.max(0, run.started + this.limits.preemptGraceMs - performance.now());
    this._preemptTimer = setTimeout(() => {
      this._preemptTimer = 0;
      if (this._running !== run || this.worker !== run.worker) return; // it finished meanwhile
      if (!this._waitingJobs().some((job) => this._outranks(job, run.job))) return;
      // A ready spare takes waiting sends and user calls: nothing needs to be stopped for them.
      const spareFree = this.spare && this.spare.state === "ready" && !this._spareRunning;
      if (spareFree && !this._waitingJobs().some((job) => !SPARE_LANES.includes(job.lane) && this._outranks(job, run.job))) {
        this._pumpSpare();
        return;
      }
      run.job.stoppedBy = "preempted";
      this.preemptions += 1;
      this._kill(`stopped after ${Math.round(performance.now() - run.started)} ms for a more urgent check`, ERROR.preempted);
    }, left);
  }

  /** Run queued jobs one at a time until none is left. */
  async _pump() {
    if (this._pumping) return;
    this._pumping = true;
    try {
      while (this._firstWaiting()) {
        try {
          await this.start();
          await this._ensureAlive();
        } catch (err) {
          // The engine cannot start: everyone waiting hears it now (the next call boots again).
          const reply = err && err.reply ? err.reply : errorReply(ERROR.unavailable, err && err.message ? err.message : err);
          for (let job = this._dequeue(); job; job = this._dequeue()) job.resolve(reply);
          break;
        }
        const job = this._dequeue(); // chosen after the boot: a send that arrived meanwhile goes first
        if (job) await this._run(job);
      }
    } finally {
      this._pumping = false;
    }
  }

  async _run(job) {
    const started = performance.now();
    const limit = job.timeoutMs ?? (job.lane === "send" ? Math.min(this.limits.sendMs, this.limits.callMs) : this.limits.callMs);
    const run = { job, started, worker: this.worker };
    this._running = run;
    this._considerPreempting();
    const pressure = setTimeout(() => this._wantSpare(), this.limits.pressureMs);
    try {
      const answer = await this._send({ op: "call", request: JSON.stringify(job.request) }, limit, "call");
      this.wasmBytes = answer.wasmBytes ?? this.wasmBytes;
      this.lastCall = { kind: job.request.kind, lane: job.lane, ms: Math.round((performance.now() - started) * 10) / 10, pythonMs: answer.ms, collected: answer.collected ?? null };
      job.resolve(JSON.parse(answer.reply));
    } catch (err) {
      this._wantSpare(); // timed out, stopped or crashed: something is heavy
      if (job.stoppedBy === "preempted" && job.preempted < 1) {
        job.preempted += 1;
        job.stoppedBy = null;
        this._enqueue(job, { front: true }); // it runs again after the more urgent call
      } else {
        job.resolve(err && err.reply ? err.reply : errorReply(ERROR.unavailable, err && err.message ? err.message : err));
      }
    } finally {
      clearTimeout(pressure);
      if (this._running === run) this._running = null;
      clearTimeout(this._preemptTimer);
      this._preemptTimer = 0;
      this.touch();
      this._considerRecycling();
    }
  }

  async _boot(dropSnapshot) {
    this.state = "booting";
    this.error = null;
    const worker = this.createWorker(this.workerURL);
    this.worker = worker;
    worker.onmessage = (event) => this._onMessage(worker, event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.worker === worker) this._kill(`the engine worker failed: ${event.message || "error"}`, ERROR.crashed);
    };
    try {
      const answer = await this._send(
        { op: "boot", extensionVersion: this.extensionVersion, snapshot: this.snapshot, dropSnapshot, ...(this.shared.wasmModule ? { wasmModule: this.shared.wasmModule } : {}) },
        this.limits.bootMs,
        "boot",
      );
      if (this.worker !== worker) throw Object.assign(new Error("the engine was restarted while booting"), {});
      this.boot = answer.boot;
      this.wasmBytes = answer.wasmBytes ?? null;
      if (answer.wasmModule) this.shared.wasmModule = answer.wasmModule;
      this.state = "ready";
      this.unloaded = null;
      this._armIdle();
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

  /** Terminate the worker and fail what was sent to it (calls still queued wait for the next one). */
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
