/**
 * A real Roundcube webmail on 127.0.0.1 for the end-to-end tests of the send gate (issue 5), from
 * Debian's packages (recipe: ../shared/ROUNDCUBE.md; .ci/run installs them):
 *
 *   - Dovecot (dovecot-imapd) with its own config file, one passwd-file user, maildir in the temp dir;
 *   - an SMTP sink (smtp_sink.py, aiosmtpd from requirements-dev.txt) writing every message it
 *     receives to `<dir>/sink/NNNN.eml`, one file each, so a test can count what was sent;
 *   - Roundcube 1.6 (roundcube-core + roundcube-sqlite3) served by `php -S` from its Debian docroot,
 *     with ROUNDCUBE_CONFIG_DIR pointing at a config written here (nothing in /etc is changed).
 *
 * Each process is started in its own process group (`detached`, i.e. setsid) and stopped by
 * signalling the whole group: php's built-in server forks workers (PHP_CLI_SERVER_WORKERS) that
 * would otherwise outlive it. A process-exit hook stops whatever is still running.
 *
 *   const rc = await startRoundcube();        // {url, user, password, address, sink, stop()}
 *   await login(page, rc); await openCompose(page, rc);
 *   rc.sink.count(); rc.sink.messages();      // what reached "the internet"
 *   await rc.stop();
 */

import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { venvPython } from "../harness.mjs";
import { launchForEditors } from "../editor-contract.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
export const DOCROOT = "/var/lib/roundcube/public_html";
const RC_ETC = "/etc/roundcube";
const DOVECOT = "/usr/sbin/dovecot";
const PHP = "/usr/bin/php";

export const USER = "tester";
export const PASSWORD = "mailwacht-test";
export const MAIL_DOMAIN = "example.test";

/**
 * Throws a message naming what is missing and how to install it. The tests that need Roundcube
 * fail with it (they never skip silently): .ci/run installs these packages.
 */
export function requireRoundcube() {
  const missing = [];
  if (!existsSync(join(DOCROOT, "index.php"))) missing.push("roundcube-core (roundcube-sqlite3)");
  if (!existsSync(join(RC_ETC, "defaults.inc.php"))) missing.push("roundcube-core's /etc/roundcube/defaults.inc.php");
  if (!existsSync(DOVECOT) || !existsSync("/usr/lib/dovecot/imap")) missing.push("dovecot-imapd");
  if (!existsSync(PHP)) missing.push("php-cli (comes with roundcube-core)");
  if (missing.length) {
    throw new Error(
      `Roundcube test stack incomplete, missing: ${missing.join(", ")}. Install as in .ci/run ` +
        "(debconf preseed, then apt-get install roundcube-core roundcube-sqlite3 php8.2-cgi dovecot-imapd).",
    );
  }
  const probe = spawnSync(venvPython(), ["-c", "import aiosmtpd"], { encoding: "utf-8" });
  if (probe.status !== 0) throw new Error("aiosmtpd is missing from .venv: run python3 build.py (requirements-dev.txt pins it)");
}

/** A TCP port on 127.0.0.1 that is free right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function waitForPort(port, what, child, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (child && child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    const ok = await new Promise((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

const running = new Set(); // children still to stop (their process groups)

function stopGroup(child, signal = "SIGTERM") {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: php's workers, dovecot's services
  } catch {
    // already gone
  }
}

const tempDirs = new Set(); // made by startRoundcube, removed by stop() or at exit

process.on("exit", () => {
  for (const child of running) stopGroup(child, "SIGKILL");
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
// A test run stopped by a signal (Ctrl+C, the runner's timeout) exits through the hook above.
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.once(signal, () => process.exit(code));
}

/** Start `cmd` in its own process group, its output going to `log`. */
function startGroup(cmd, args, { env, log }) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const chunks = [];
  const keep = (data) => {
    chunks.push(data);
    if (log) writeFileSync(log, Buffer.concat(chunks));
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.output = () => Buffer.concat(chunks).toString("utf-8");
  child.once("exit", () => running.delete(child));
  return child;
}

async function stopAndWait(child, timeoutMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    if (child) stopGroup(child, "SIGKILL"); // the leader is gone; its workers may not be
    return;
  }
  const exited = new Promise((r) => child.once("exit", r));
  stopGroup(child, "SIGTERM");
  const timer = new Promise((r) => setTimeout(() => r("timeout"), timeoutMs));
  if ((await Promise.race([exited, timer])) === "timeout") {
    stopGroup(child, "SIGKILL");
    await exited;
  }
  stopGroup(child, "SIGKILL"); // stragglers in the group (workers that ignored SIGTERM)
}

function dovecotConfig(dir, imapPort) {
  const uid = 65534; // nobody: Dovecot refuses to deliver mail as root (uid 0)
  const gid = 65534;
  const mail = join(dir, "mail");
  mkdirSync(mail, { recursive: true });
  chownSync(mail, uid, gid);
  for (const sub of ["run", "state"]) mkdirSync(join(dir, "dovecot", sub), { recursive: true });
  writeFileSync(join(dir, "dovecot", "passwd"), `${USER}:{PLAIN}${PASSWORD}::::::\n`);
  const file = join(dir, "dovecot", "dovecot.conf");
  writeFileSync(
    file,
    `# Written by tests/e2e/roundcube/stack.mjs for one test run.
protocols = imap
listen = 127.0.0.1
base_dir = ${join(dir, "dovecot", "run")}
state_dir = ${join(dir, "dovecot", "state")}
log_path = ${join(dir, "dovecot", "dovecot.log")}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${join(dir, "dovecot", "passwd")}
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${mail}/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  return file;
}

function roundcubeConfig(dir, { imapPort, smtpPort, httpPort, htmlEditor }) {
  const conf = join(dir, "roundcube");
  for (const sub of ["temp", "logs"]) mkdirSync(join(conf, sub), { recursive: true });
  for (const name of ["defaults.inc.php", "mimetypes.php"]) symlinkSync(join(RC_ETC, name), join(conf, name));
  const php = (value) => `'${String(value).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  writeFileSync(
    join(conf, "config.inc.php"),
    `<?php
// Written by tests/e2e/roundcube/stack.mjs for one test run (ROUNDCUBE_CONFIG_DIR).
$config = [];
$config['db_dsnw'] = ${php(`sqlite:///${join(conf, "roundcube.db")}?mode=0640`)};
$config['imap_host'] = ${php(`127.0.0.1:${imapPort}`)};
$config['smtp_host'] = ${php(`127.0.0.1:${smtpPort}`)};
// Debian's default asks the SMTP server for AUTH with the IMAP login; the sink has none.
$config['smtp_user'] = '';
$config['smtp_pass'] = '';
$config['mail_domain'] = ${php(MAIL_DOMAIN)};
$config['des_key'] = 'mailwacht-e2e-des-key-24';
$config['plugins'] = [];
$config['skin'] = 'elastic';
$config['enable_installer'] = false;
$config['temp_dir'] = ${php(join(conf, "temp"))};
$config['log_dir'] = ${php(join(conf, "logs"))};
$config['draft_autosave'] = 0;
$config['htmleditor'] = ${htmlEditor ? 1 : 0};
$config['language'] = 'en_US';
$config['support_url'] = '';
// Cookies do not tell ports apart: two stacks on 127.0.0.1 in one browser need their own names.
$config['session_name'] = ${php(`mw_sess_${httpPort}`)};
$config['session_auth_name'] = ${php(`mw_auth_${httpPort}`)};
`,
  );
  return conf;
}

/**
 * Start Dovecot, the SMTP sink and Roundcube in `dir` (a new temp dir by default).
 * `htmlEditor`: compose in HTML (TinyMCE) instead of plain text by default.
 */
export async function startRoundcube({ dir, htmlEditor = false } = {}) {
  requireRoundcube();
  const base = dir ?? mkdtempSync(join(tmpdir(), "mailwacht-roundcube-"));
  if (!dir) tempDirs.add(base);
  chmodSync(base, 0o755); // Dovecot's mail user (nobody) and login processes must reach their folders
  const children = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopAndWait(child);
    if (!dir) {
      rmSync(base, { recursive: true, force: true });
      tempDirs.delete(base);
    }
  };
  try {
    const [imapPort, httpPort] = [await freePort(), await freePort()];

    const dovecot = startGroup(DOVECOT, ["-F", "-c", dovecotConfig(base, imapPort)], { log: join(base, "dovecot.out") });
    children.push(dovecot);

    const sinkDir = join(base, "sink");
    const sink = startGroup(venvPython(), [join(HERE, "smtp_sink.py"), sinkDir], {});
    children.push(sink);
    const smtpPort = await new Promise((resolve, reject) => {
      let text = "";
      const timer = setTimeout(() => reject(new Error(`the SMTP sink did not start: ${sink.output()}`)), 15000);
      sink.stdout.on("data", (d) => {
        text += d;
        const line = text.split("\n").find((l) => l.startsWith("{"));
        if (line) {
          clearTimeout(timer);
          resolve(JSON.parse(line).port);
        }
      });
      sink.once("exit", (code) => reject(new Error(`the SMTP sink exited (${code}): ${sink.output()}`)));
    });

    const conf = roundcubeConfig(base, { imapPort, smtpPort, httpPort, htmlEditor });
    const php = startGroup(PHP, ["-S", `127.0.0.1:${httpPort}`, "-t", DOCROOT], {
      env: { ROUNDCUBE_CONFIG_DIR: conf, PHP_CLI_SERVER_WORKERS: "4" },
      log: join(base, "php.log"),
    });
    children.push(php);

    await waitForPort(imapPort, `dovecot (log: ${join(base, "dovecot", "dovecot.log")})`, dovecot);
    await waitForPort(httpPort, "php -S (Roundcube)", php);

    const messages = () =>
      readdirSync(sinkDir)
        .filter((name) => name.endsWith(".eml"))
        .sort()
        .map((name) => readFileSync(join(sinkDir, name), "utf-8"));
    return {
      dir: base,
      url: `http://127.0.0.1:${httpPort}/`,
      imapPort,
      smtpPort,
      user: USER,
      password: PASSWORD,
      address: `${USER}@${MAIL_DOMAIN}`,
      sink: { dir: sinkDir, count: () => messages().length, messages },
      logs: () => ({ php: php.output(), dovecot: dovecot.output(), sink: sink.output() }),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * What the Roundcube browser tests share: two Roundcubes (`plain` opens the plain-text editor,
 * `rich` the HTML one, TinyMCE), stacks first so that a missing Roundcube fails with the install
 * command before a browser starts; then Chromium with the test copy of the extension (engine
 * booted) and one `page` at the elastic skin's desktop size (1280x900), logged into both, `sender`
 * ({name, email}) the identity of each. Whatever was started is stopped when a later step fails.
 * Returns {plain, rich, ext, page, close()}.
 */
export async function roundcubeSession(sender) {
  const session = {
    plain: null,
    rich: null,
    ext: null,
    page: null,
    async close() {
      await session.ext?.close();
      await session.plain?.stop();
      await session.rich?.stop();
    },
  };
  try {
    session.plain = await startRoundcube({ htmlEditor: false });
    session.rich = await startRoundcube({ htmlEditor: true });
    session.ext = await launchForEditors();
    session.page = await session.ext.context.newPage();
    await session.page.setViewportSize({ width: 1280, height: 900 });
    for (const rc of [session.plain, session.rich]) {
      await login(session.page, rc);
      setIdentity(rc, sender);
    }
  } catch (err) {
    await session.close();
    throw err;
  }
  return session;
}

// ------------------------------------------------------------------------ the pages (Playwright)

/** Log in as the test user; resolves on the mail view. */
export async function login(page, rc) {
  await page.goto(rc.url);
  await page.fill("#rcmloginuser", rc.user);
  await page.fill("#rcmloginpwd", rc.password);
  await Promise.all([page.waitForURL(/_task=mail/, { timeout: 30000 }), page.click("#rcmloginsubmit")]);
}

/** Open a new compose page; resolves once Roundcube's compose script is ready. */
export async function openCompose(page, rc, { html } = {}) {
  // Leaving a compose page with changes asks "discard?" (beforeunload): yes, a new draft is wanted.
  const leave = (dialog) => (dialog.type() === "beforeunload" ? dialog.accept() : dialog.dismiss()).catch(() => {});
  const ready = () => window.rcmail && rcmail.env.compose_id && rcmail.busy === false;
  page.on("dialog", leave);
  try {
    await page.goto(`${rc.url}?_task=mail&_action=compose`);
    // On a loaded machine Roundcube's first compose request can stay busy past 30 s (seen once in
    // a full run with two suites at once): open the compose page once more before giving up.
    const first = await page.waitForFunction(ready, null, { timeout: 30000 }).catch((err) => err);
    if (first instanceof Error) {
      console.log(`# Roundcube's compose page was not ready in 30 s (${first.message.split("\n")[0]}): opening it again`);
      await page.goto(`${rc.url}?_task=mail&_action=compose`);
      await page.waitForFunction(ready, null, { timeout: 60000 });
    }
  } finally {
    page.off("dialog", leave);
  }
  if (html !== undefined) {
    const isHtml = await page.evaluate(() => document.querySelector("input[name=_is_html]")?.value === "1");
    if (html && !isHtml) throw new Error("Roundcube opened the plain-text editor; start the stack with htmlEditor: true");
    if (!html && isHtml) throw new Error("Roundcube opened the HTML editor; start the stack with htmlEditor: false");
    if (html) await page.waitForFunction(() => window.tinymce && tinymce.get("composebody") && tinymce.get("composebody").initialized, null, { timeout: 30000 });
  }
}

/**
 * Fill the compose form: recipients through Roundcube's real fields (`#_to`, `#_cc`; their
 * `change` event rebuilds the recipient widgets, as when an address book entry is inserted), the
 * subject, and the body (the plain textarea, or TinyMCE's content through its own API).
 */
export async function fillDraft(page, { to = [], cc = [], bcc = [], subject, text, html }) {
  for (const [list, addresses] of [
    ["to", to],
    ["cc", cc],
    ["bcc", bcc],
  ]) {
    if (!addresses.length) continue;
    await page.evaluate(
      ({ list, value }) => {
        // The hidden textarea is Roundcube's real field; `change` rebuilds its recipient widget.
        const field = document.querySelector(`#_${list}`);
        const row = field.closest(".form-group, tr");
        if (row && row.classList.contains("hidden")) row.classList.remove("hidden");
        field.value = value;
        field.dispatchEvent(new Event("change", { bubbles: true }));
      },
      { list, value: addresses.join(", ") },
    );
  }
  if (subject !== undefined) await page.fill("#compose-subject", subject);
  if (html !== undefined) {
    await page.evaluate((content) => {
      const editor = tinymce.get("composebody");
      editor.setContent(content);
      editor.undoManager.add();
    }, html);
  } else if (text !== undefined) {
    await page.fill("textarea#composebody", text);
  }
}

/** The draft as Roundcube holds it (what a send would submit), to compare before and after. */
export function composeState(page) {
  return page.evaluate(() => {
    const editor = window.tinymce && tinymce.get("composebody");
    const isHtml = document.querySelector("input[name=_is_html]")?.value === "1";
    return {
      isHtml,
      body: isHtml && editor ? editor.getContent() : document.querySelector("textarea#composebody").value,
      subject: document.querySelector("#compose-subject").value,
      from: document.querySelector("select#_from")?.value ?? null,
      to: document.querySelector("#_to").value,
      cc: document.querySelector("#_cc").value,
      bcc: document.querySelector("#_bcc").value,
      recipients: [...document.querySelectorAll("#compose_to .recipient-input li.recipient")].map((li) => li.textContent.trim()),
    };
  });
}

/** Resolves once Roundcube reports a successful send (its confirmation, or the return to the inbox). */
export async function waitForSent(page, timeoutMs = 30000) {
  await page.waitForFunction(
    () => Boolean(document.querySelector("#messagestack .confirmation")) || !/_action=compose/.test(location.search),
    null,
    { timeout: timeoutMs },
  );
}

/**
 * Give the test user's identity (Roundcube creates it at the first login) a name and address:
 * what `select#_from` then offers. Written straight into Roundcube's SQLite database with
 * Python's sqlite3, the way an administrator's provisioning script would.
 */
export function setIdentity(rc, { name, email }) {
  const db = join(rc.dir, "roundcube", "roundcube.db");
  const code = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nn = c.execute('UPDATE identities SET name = ?, email = ?', (sys.argv[2], sys.argv[3])).rowcount\nc.commit()\nprint(n)";
  const proc = spawnSync(venvPython(), ["-c", code, db, name, email], { encoding: "utf-8" });
  if (proc.status !== 0 || proc.stdout.trim() === "0") throw new Error(`could not set the identity (log in first): ${proc.stderr}${proc.stdout}`);
}
