/**
 * Engine benchmark (not a test): the extension in Debian's Chromium, measured from an extension
 * page through the real message path (page -> service worker -> offscreen document -> worker).
 *
 *   first start    a fresh profile: cold boot, wasm compiled for the first time (once per install)
 *   snapshot boot  later browser starts of the same profile, several times
 *   cold boot      engine:restart {dropSnapshot: true} in each of those starts (as after an update)
 *   checks         10 KB, 100 KB and 1 MB drafts, many runs each: py_core's own duration_ms inside
 *                  Pyodide, and the round trip as a tab would see it
 *   CPython        the same drafts through py_core.api.handle in .venv's CPython, in the same run;
 *                  ratio = Pyodide duration_ms / CPython duration_ms (the same clock in the same code)
 *   memory         the engine's WebAssembly heap and the worker's JS heap (DevTools)
 *
 * Writes bench/RESULTS.md (figures, date, machine). Run: python3 build.py bench (or node bench/engine.mjs
 * after a build).
 */

import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { CHROMIUM, ROOT, launchExtension, runPythonJson } from "../tests/e2e/harness.mjs";

const RUNS = { "10 KB": 60, "100 KB": 30, "1 MB": 10 };
const SIZES = { "10 KB": 10 * 1024, "100 KB": 100 * 1024, "1 MB": 1024 * 1024 };
const BOOTS = 5;
const TARGETS = { snapshotBoot: 500, coldBoot: 3000, p95_100k: 100, ratio: 1.6, memoryMB: 150 };
const NOW = "2026-03-01T12:00:00+00:00";

/** A synthetic but realistic newsletter of about `bytes` bytes: table layout, inline styles, images, links, footer. */
function newsletter(bytes) {
  const head =
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Nieuwsbrief</title>' +
    "<style>.btn{background:#0f766e;color:#fff;padding:8px 12px} @media (max-width:600px){.col{display:block}}</style></head>" +
    '<body style="margin:0;background:#f4f4f4"><table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">' +
    '<table role="presentation" width="600" style="background:#ffffff"><tr><td style="padding:16px"><img src="https://bakkerijdekorenaar.nl/logo.png" alt="Bakkerij De Korenaar" width="160"></td></tr>';
  const foot =
    '<tr><td style="padding:16px;font-size:13px;color:#444444">Je ontvangt deze nieuwsbrief omdat je je hebt aangemeld op onze website. ' +
    '<a href="https://bakkerijdekorenaar.nl/afmelden?id=123">Afmelden</a> kan altijd. Bakkerij De Korenaar B.V., Voorstraat 12, 3512 AJ Utrecht, ' +
    "030 123 4567.</td></tr></table></td></tr></table></body></html>";
  let body = "";
  let i = 0;
  while (head.length + body.length + foot.length < bytes) {
    i += 1;
    body +=
      `<tr><td class="col" style="padding:12px 16px;font-family:Arial,sans-serif;font-size:15px;line-height:22px;color:#222222">` +
      `<h2 style="font-size:18px;margin:0 0 8px">Artikel ${i}: nieuws uit de bakkerij</h2>` +
      `<img src="https://bakkerijdekorenaar.nl/img/artikel-${i}.jpg" alt="Foto bij artikel ${i}" width="568" style="display:block">` +
      `<p style="margin:8px 0">Deze week bakken we ons voorjaarsbrood met spelt, zonnebloempitten en een zuurdesem die ` +
      `al twintig jaar meegaat. Proef het op zaterdag in een van onze drie winkels in Utrecht en omgeving.</p>` +
      `<p style="margin:8px 0"><a class="btn" href="https://bakkerijdekorenaar.nl/artikel/${i}?utm_source=nieuwsbrief">Lees verder</a></p></td></tr>`;
  }
  return head + body + foot;
}

/**
 * Memory of Chromium's extension renderer process (it hosts the offscreen document, its engine
 * worker, and our extension pages): proportional set size from /proc (Linux).
 */
function extensionProcessMemory() {
  let best = { pssBytes: 0, rssBytes: 0, pid: null };
  for (const pid of readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf-8");
      if (!cmdline.includes("--extension-process")) continue;
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf-8");
      const kb = (key) => Number((rollup.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m")) || [0, 0])[1]) * 1024;
      const found = { pssBytes: kb("Pss"), rssBytes: kb("Rss"), pid: Number(pid) };
      if (found.pssBytes > best.pssBytes) best = found;
    } catch {
      /* the process ended */
    }
  }
  return best;
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { n: sorted.length, median: q(0.5), p95: q(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

function machine() {
  let os = "";
  try {
    os = execFileSync("sh", ["-c", ". /etc/os-release && echo $PRETTY_NAME"], { encoding: "utf-8" }).trim();
  } catch {
    os = process.platform;
  }
  // (Debian's chromium wrapper script prints a shell warning on stderr for --version: ignored.)
  const chromium = execFileSync(CHROMIUM, ["--version"], { encoding: "utf-8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  const py = runPythonJson("import json,platform,sys; print(json.dumps(platform.python_version()))", {});
  return { cpu: `${cpus().length} × ${cpus()[0].model}`, memory: `${Math.round(totalmem() / 2 ** 30)} GiB`, os, chromium, node: process.version, python: py };
}

async function measureChecks(ext, drafts, results) {
  for (const [label, draft] of Object.entries(drafts)) {
    const engineMs = [];
    const roundTripMs = [];
    const page = await ext.page();
    for (let i = 0; i < RUNS[label] + 2; i += 1) {
      const { reply, ms } = await page.evaluate(
        async (d) => {
          const t = performance.now();
          const r = await chrome.runtime.sendMessage({ target: "background", kind: "engine:check", draft: d.draft, options: { now: d.now } });
          return { reply: { ok: r.ok, duration: r.ok ? r.result.duration_ms : null, error: r.error }, ms: performance.now() - t };
        },
        { draft, now: NOW },
      );
      if (!reply.ok) throw new Error(`check failed: ${JSON.stringify(reply.error)}`);
      if (i < 2) continue; // warm-up runs
      engineMs.push(reply.duration);
      roundTripMs.push(ms);
    }
    results.checks[label] = { engine: stats(engineMs), roundTrip: stats(roundTripMs), bytes: draft.html.length };
    const c = results.checks[label];
    console.log(`${label}: Pyodide median ${fmt(c.engine.median)} ms, p95 ${fmt(c.engine.p95)} ms; round trip p95 ${fmt(c.roundTrip.p95)} ms`);
  }
}

function measureCPython(drafts, results) {
  const cpython = runPythonJson(
    [
      "import json, sys",
      "from py_core.api import handle",
      "data = json.load(sys.stdin)",
      "out = {}",
      "for label, draft in data['drafts'].items():",
      "    request = json.dumps({'kind': 'check', 'draft': draft, 'options': {'now': data['now']}})",
      "    durations = []",
      "    for i in range(data['runs'][label] + 2):",
      "        reply = json.loads(handle(request))",
      "        if i >= 2: durations.append(reply['result']['duration_ms'])",
      "    out[label] = durations",
      "print(json.dumps(out))",
    ].join("\n"),
    { drafts, runs: RUNS, now: NOW },
  );
  for (const [label, values] of Object.entries(cpython)) {
    results.cpython[label] = stats(values);
    console.log(`${label}: CPython median ${fmt(results.cpython[label].median)} ms, p95 ${fmt(results.cpython[label].p95)} ms`);
  }
}

async function main() {
  const drafts = Object.fromEntries(Object.entries(SIZES).map(([label, bytes]) => [label, { subject: "Nieuwsbrief", html: newsletter(bytes) }]));
  const results = { boots: { cold: [], snapshot: [], snapshotAtStart: [] }, checks: {}, cpython: {}, memory: {}, load: [loadavg()[0]] };
  const profile = mkdtempSync(join(tmpdir(), "mailwacht-bench-"));
  try {
    // 1. A fresh profile: the first start (cold, wasm compiled for the first time), then every check on
    //    that one engine, as the tabs of a user would use it.
    let ext = await launchExtension({ userDataDir: profile });
    try {
      const first = await ext.waitForEngine((s) => s.state === "ready" && s.boot.snapshotStored !== undefined, 120000);
      results.firstStart = first.boot;
      console.log(`first start of a fresh profile: ${first.boot.kind} boot ${first.boot.ms} ms ${JSON.stringify(first.boot.stages)}`);
      // Measure with no extension page open (the benchmark's own page would count otherwise).
      const settle = async () => {
        await (await ext.page()).close();
        await new Promise((r) => setTimeout(r, 2000));
      };
      await settle();
      results.memory.afterBoot = { wasmBytes: first.memory?.wasmBytes ?? null, ...extensionProcessMemory() };
      await measureChecks(ext, drafts, results);
      const status = await ext.waitForEngine();
      await settle();
      results.memory.afterChecks = { wasmBytes: status.memory?.wasmBytes ?? null, ...extensionProcessMemory() };
      for (const [when, m] of Object.entries(results.memory)) {
        console.log(`memory ${when}: wasm heap ${(m.wasmBytes / 2 ** 20).toFixed(1)} MB; extension process PSS ${(m.pssBytes / 2 ** 20).toFixed(1)} MB`);
      }
    } finally {
      await ext.close();
    }
    measureCPython(drafts, results);

    // 2. Browser starts of the same profile: each boots from the snapshot; then one cold boot
    //    (engine:restart dropping the snapshot, which also stores a new one for the next start).
    for (let i = 0; i < BOOTS; i += 1) {
      ext = await launchExtension({ userDataDir: profile });
      try {
        const atStart = await ext.waitForEngine(undefined, 120000);
        results.boots.snapshotAtStart.push(atStart.boot);
        await new Promise((r) => setTimeout(r, 1000));
        const snap = (await ext.send({ kind: "engine:restart" })).result;
        results.boots.snapshot.push(snap.boot);
        await new Promise((r) => setTimeout(r, 500));
        const cold = await ext.send({ kind: "engine:restart", dropSnapshot: true });
        results.boots.cold.push(cold.result.boot);
        await ext.waitForEngine((s) => s.state === "ready" && s.boot.snapshotStored !== undefined); // stored for the next start
        console.log(
          `start ${i + 1}: ${atStart.boot.kind} boot ${atStart.boot.ms} ms at browser start; restart: ${snap.boot.kind} ${snap.boot.ms} ms, ${cold.result.boot.kind} ${cold.result.boot.ms} ms`,
        );
      } finally {
        await ext.close();
      }
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  results.load.push(loadavg()[0]);
  writeResults(results, machine());
}

function writeResults(r, m) {
  const median = (list) => stats(list.map((b) => b.ms)).median;
  const coldMedian = median(r.boots.cold);
  const snapMedian = median(r.boots.snapshot);
  const snapStartMedian = median(r.boots.snapshotAtStart);
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(1);
  const memoryMB = r.memory.afterBoot.pssBytes / 2 ** 20;
  const ratio = (label) => r.checks[label].engine.median / r.cpython[label].median;
  const verdict = (ok) => (ok ? "met" : "**missed**");
  const stageLine = (boot) => Object.entries(boot.stages).map(([k, v]) => `${k} ${v}`).join(", ");
  const lines = [
    "# Engine benchmark",
    "",
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`python3 build.py bench\` (bench/engine.mjs).`,
    "",
    `Machine: ${m.cpu}, ${m.memory}; ${m.os}; ${m.chromium} (headless=new); Node ${m.node}; CPython ${m.python}; Pyodide 314.0.7 (Python 3.14).`,
    `Load average (1 min) at the start and end of the run: ${r.load.map((l) => l.toFixed(2)).join(" / ")} (other work on the machine slows every figure).`,
    "",
    "The engine runs in the built extension (dist/chrome) in a fresh profile; checks are sent from an extension page through",
    "the service worker and the offscreen document to the engine worker. \"Pyodide\" is py_core's own `duration_ms` for the",
    "check inside the worker; \"round trip\" is what the sending page waits (messaging and JSON of the draft and report included).",
    "CPython runs the same drafts through `py_core.api.handle` in the same run; the ratio compares the two `duration_ms` medians.",
    "",
    "## Targets",
    "",
    "| measure | target | measured | |",
    "|---|---|---|---|",
    `| snapshot boot, engine restarted in a running browser (median of ${r.boots.snapshot.length}) | ≤ ${TARGETS.snapshotBoot} ms | ${snapMedian} ms | ${verdict(snapMedian <= TARGETS.snapshotBoot)} |`,
    `| snapshot boot at browser start (median of ${r.boots.snapshotAtStart.length}) | ≤ ${TARGETS.snapshotBoot} ms | ${snapStartMedian} ms | ${verdict(snapStartMedian <= TARGETS.snapshotBoot)} |`,
    `| cold boot, engine restarted without snapshot (median of ${r.boots.cold.length}) | ≤ ${TARGETS.coldBoot} ms | ${coldMedian} ms | ${verdict(coldMedian <= TARGETS.coldBoot)} |`,
    `| 100 KB check p95 (Pyodide) | ≤ ${TARGETS.p95_100k} ms | ${fmt(r.checks["100 KB"].engine.p95)} ms | ${verdict(r.checks["100 KB"].engine.p95 <= TARGETS.p95_100k)} |`,
    `| 100 KB check p95 (round trip) | ≤ ${TARGETS.p95_100k} ms | ${fmt(r.checks["100 KB"].roundTrip.p95)} ms | ${verdict(r.checks["100 KB"].roundTrip.p95 <= TARGETS.p95_100k)} |`,
    ...Object.keys(SIZES).map(
      (label) => `| Pyodide/CPython ratio, ${label} | ≤ ${TARGETS.ratio} | ${ratio(label).toFixed(2)} | ${verdict(ratio(label) <= TARGETS.ratio)} |`,
    ),
    `| engine memory: whole extension process (PSS) after boot | ≤ ${TARGETS.memoryMB} MB | ${memoryMB.toFixed(1)} MB | ${verdict(memoryMB <= TARGETS.memoryMB)} |`,
    "",
    "## Checks (milliseconds)",
    "",
    "| draft | runs | Pyodide median | Pyodide p95 | round trip median | round trip p95 | CPython median | CPython p95 | ratio (medians) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...Object.keys(SIZES).map((label) => {
      const c = r.checks[label];
      const p = r.cpython[label];
      return `| ${label} (${c.bytes} bytes) | ${c.engine.n} | ${fmt(c.engine.median)} | ${fmt(c.engine.p95)} | ${fmt(c.roundTrip.median)} | ${fmt(c.roundTrip.p95)} | ${fmt(p.median)} | ${fmt(p.p95)} | ${ratio(label).toFixed(2)} |`;
    }),
    "",
    "## Boots (milliseconds, from the worker's start of boot to ready)",
    "",
    `- first start of a fresh profile: ${r.firstStart.kind} ${r.firstStart.ms} (${stageLine(r.firstStart)})`,
    ...r.boots.cold.map((b, i) => `- cold ${i + 1}: ${b.ms} (${stageLine(b)}; snapshot ${(b.snapshotBytes / 2 ** 20).toFixed(1)} MB)`),
    ...r.boots.snapshotAtStart.map((b, i) => `- snapshot at browser start ${i + 1}: ${b.ms} (${stageLine(b)})`),
    ...r.boots.snapshot.map((b, i) => `- snapshot, restarted ${i + 1}: ${b.ms} (${stageLine(b)})`),
    "",
    "Stages: `inputs` fetch and sha256-check the lock and wheels; `loadPyodide` start the interpreter (cold) or",
    "`loadSnapshot` restore its memory (the IndexedDB read overlaps the wasm compile); `install` unpack the wheels (phonenumberslite",
    "is imported from its zip instead); `warmup` import py_core and run one check, summary,",
    "footer and catalogue so the snapshot holds compiled code; `makeSnapshot` take it. Storing it in IndexedDB",
    "(`storeSnapshot`) happens after the engine is ready and is not part of the boot time.",
    "",
    "## Memory",
    "",
    `- after boot: WebAssembly heap ${mb(r.memory.afterBoot.wasmBytes)} MB; Chromium's extension renderer process PSS ${mb(r.memory.afterBoot.pssBytes)} MB (RSS ${mb(r.memory.afterBoot.rssBytes)} MB)`,
    `- after all checks (1 MB drafts included; a WebAssembly heap never shrinks): WebAssembly heap ${mb(r.memory.afterChecks.wasmBytes)} MB; process PSS ${mb(r.memory.afterChecks.pssBytes)} MB (RSS ${mb(r.memory.afterChecks.rssBytes)} MB)`,
    "",
    "Measured with no extension page open: the extension renderer process then holds the offscreen document, the engine",
    "worker (Python's heap, Pyodide's compiled WebAssembly code, its JS) and the service worker. Chromium does not report",
    "the worker alone without cross-origin isolation, so the whole process is the figure judged above.",
  ];
  // bench/presend.mjs and bench/accuracy.py keep their own sections between markers: carry them over
  // when rewriting the file.
  const target = join(ROOT, "bench", "RESULTS.md");
  let previous = "";
  try {
    previous = readFileSync(target, "utf-8");
  } catch {
    // first run: nothing to keep
  }
  for (const name of ["presend", "accuracy"]) {
    const kept = new RegExp(`<!-- ${name}:start[\\s\\S]*?<!-- ${name}:end -->`).exec(previous);
    if (kept) lines.push("", kept[0]);
  }
  writeFileSync(target, lines.join("\n") + "\n");
  console.log(`wrote bench/RESULTS.md`);
}

await main();
