/**
 * What the browser benchmarks share (bench/presend.mjs, bench/typing.mjs; bench/engine.mjs its options, figures and load rule):
 * the newsletter draft they type into or send, the figures (median, p95, min, max), the machine
 * line, the load rule (above 1.0 at the start RESULTS.md is not written unless
 * --noisy, and then the figures are marked noisy) and the writer of a section of bench/RESULTS.md
 * between its own markers (the rest of the file is left as it is).
 */

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { CHROMIUM, ROOT } from "../tests/e2e/harness.mjs";

export const MAX_LOAD = 1.0;
export const NOISY = process.argv.includes("--noisy") || process.env.MAILWACHT_BENCH_NOISY === "1";

/** `--name=value` or `--name value` from the command line, or null. */
export function option(name) {
  const args = process.argv.slice(2);
  const arg = args.find((a) => a.startsWith(`--${name}=`));
  if (arg) return arg.slice(name.length + 3);
  // "--name value" too: read as a flag, the value was ignored and another build or file measured
  const at = args.indexOf(`--${name}`);
  if (at === -1) return null;
  const value = args[at + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`--${name} needs a value (--${name}=VALUE)`);
  return value;
}

/** A ~`bytes` newsletter body (a table layout with articles); `compliant` adds the legal footer. */
export function newsletter(bytes, compliant) {
  const article = (i) =>
    `<tr><td style="padding:12px 16px;font-family:Arial,sans-serif;color:#222222"><h2 style="font-size:18px">Nieuws ${i}: het voorjaarsbrood</h2>` +
    `<p>Vanaf maandag ligt ons voorjaarsbrood met spelt en zonnebloempitten in alle drie onze winkels. Proef het gratis op zaterdag, bij de kassa. Artikel ${i}.</p>` +
    `<p><a href="https://bakkerijdekorenaar.nl/nieuws/${i}" style="color:#0f766e">Lees meer over artikel ${i}</a></p></td></tr>`;
  const footer = compliant
    ? '<tr><td style="padding:16px;font-size:13px;color:#444444">Je ontvangt deze nieuwsbrief omdat je je op onze website hebt aangemeld voor de nieuwsbrief van Bakkerij De Korenaar.<br>' +
      'Geen berichten meer ontvangen? <a href="https://bakkerijdekorenaar.nl/afmelden?id=123">Afmelden</a> kan altijd, met één klik.<br>' +
      'Bakkerij De Korenaar B.V., Voorstraat 12, 3512 AJ Utrecht, KvK 12345678<br>Telefoon 030 123 4567, <a href="mailto:info@bakkerijdekorenaar.nl">info@bakkerijdekorenaar.nl</a></td></tr>'
    : '<tr><td style="padding:16px;font-size:13px">Groeten van de bakker.</td></tr>';
  const head = '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td><img src="https://bakkerijdekorenaar.nl/logo.png" alt="Bakkerij De Korenaar" width="160" height="48"></td></tr>';
  let html = head;
  for (let i = 1; Buffer.byteLength(html + footer + "</table>") < bytes; i++) html += article(i);
  return html + footer + "</table>";
}

/** {n, median, p95, min, max} of a list of numbers (nearest rank). */
export function stats(values) {
  if (!values.length) return { n: 0, median: NaN, p95: NaN, min: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { n: sorted.length, median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

/** CPUs, Chromium's version, Node. */
export function machine() {
  let chromium = "";
  try {
    chromium = execFileSync(CHROMIUM, ["--version"], { encoding: "utf-8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    chromium = CHROMIUM;
  }
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? "?"}; ${chromium}; Node ${process.version}`;
}

/** Which source the measured build came from: HEAD's commit, and whether the extension or py_core had uncommitted changes. */
export function source() {
  const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf-8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const dirty = git("status", "--porcelain", "--", "extension", "py_core").split("\n").filter(Boolean).length;
    return `work tree at ${git("rev-parse", "--short", "HEAD")} when measured${dirty ? ` with uncommitted changes in ${dirty} file(s) of extension/ or py_core/ (a shared work tree)` : ""}`;
  } catch {
    return "an unknown tree (no git)";
  }
}

/** The 1-minute load average now. */
export const load1 = () => loadavg()[0];

/**
 * The load rule, checked at the start: above MAX_LOAD without --noisy the script stops (exit 2)
 * before measuring anything. Returns the load at the start.
 */
export function checkLoad(script) {
  const load = load1();
  console.log(`load average (1 min) at the start: ${load.toFixed(2)}`);
  if (load > MAX_LOAD && !NOISY) {
    console.error(
      `${script}: the 1-minute load is ${load.toFixed(2)} (> ${MAX_LOAD.toFixed(1)}): the figures would measure the other work on the machine. RESULTS.md not written; run again when the machine is quiet, or with --noisy to write figures marked as noisy.`,
    );
    process.exit(2);
  }
  return load;
}

/** The line saying the load at the start and end, and the noisy warning when it applies. */
export function loadLines(script, start, end) {
  const lines = ["", `Load average (1 min) at the start and end of the run: ${start.toFixed(2)} / ${end.toFixed(2)} (the script refuses to write this file above ${MAX_LOAD.toFixed(1)} at the start unless --noisy).`];
  if (NOISY && (start > MAX_LOAD || end > MAX_LOAD)) {
    lines.splice(
      1,
      0,
      `> **Noisy figures**: the machine's 1-minute load was ${start.toFixed(2)} at the start and ${end.toFixed(2)} at the end (above ${MAX_LOAD.toFixed(1)}); other work ran beside ${script} and slowed the figures. Written with --noisy; measure again on a quiet machine before judging a target.`,
      "",
    );
  }
  return lines;
}

/** Replace the section between `start` and `end` of `path` (bench/RESULTS.md) with `lines`, or append it. */
export function writeSection(lines, start, end, path = join(ROOT, "bench", "RESULTS.md")) {
  const text = existsSync(path) ? readFileSync(path, "utf-8") : "";
  const block = [start, ...lines, end].join("\n");
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  const next = a >= 0 && b > a ? text.slice(0, a) + block + text.slice(b + end.length) : `${text.replace(/\s*$/, "")}\n\n${block}\n`;
  writeFileSync(path, next);
}
