/**
 * End-to-end: the site adapters (extension/sites/) at the sites' REAL addresses. Gmail, Outlook on
 * the web and the ESPs cannot be loaded here (no internet, no accounts), so stand-in pages
 * (tests/e2e/pages/sites/, each saying what it is shaped after) are served at the real URLs
 * through Playwright's request interception: Chromium commits the real https origin, and the
 * manifest's content scripts (the marks at document_idle, the gate at document_start) run there
 * as they would on the site. Nothing reaches the network.
 *
 * For each site: the marks carry the site's platform (`.layer[data-platform]`, the engine's report
 * for the options the site set); the envelope the site reads reaches the draft (a finding that
 * exists only when the subject, From or To/Cc was read: placeholder-unresolved in the subject,
 * noreply-sender, sender-name-missing, recipients-exposed with 12 outside addresses in To); the
 * gate holds Send and Schedule (a `role="dialog"` in <mailwacht-root>, the page's own handler not
 * run; worded "Schedule anyway" for a schedule button, through MW.gateSites.actionOf) and
 * "Send anyway" replays the press once. Plus the generic detector's schedule button on a
 * local page (tests/e2e/gate-pages/schedule.html) and the label vocabulary itself.
 *
 * Roundcube's adapter (sites/roundcube.js) is proven against a real Roundcube by
 * gate-roundcube.test.mjs and editor-roundcube.test.mjs.
 */

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ROOT, startServer } from "./harness.mjs";
import { assertMarksVisible, launchForEditors, until } from "./editor-contract.mjs";
import { readGateDialog } from "./gate-dialog.mjs";
import { serveStandIns } from "./stand-ins.mjs";

// Long enough for a send the gate let through to have been recorded by the page.
const QUIET_MS = 800;

/** site -> the real address its stand-in is served at. */
const SITES = {
  gmail: "https://mail.google.com/mail/u/0/",
  outlook: "https://outlook.office.com/mail/",
  mailchimp: "https://us1.admin.mailchimp.com/campaigns/edit?id=1",
  brevo: "https://app.brevo.com/camp/edit/1",
};

let ext;
let page;
let local;

before(async () => {
  ext = await launchForEditors();
  await serveStandIns(ext.context, SITES);
  local = await startServer({ root: join(ROOT, "tests", "e2e", "gate-pages") });
  page = await ext.context.newPage();
});

after(async () => {
  await ext?.close();
  await local?.close();
});

/** Open a site's stand-in afresh (a new gate, no send history) and wait for its marks. */
async function open(url, layers = 1) {
  await (await ext.page()).evaluate(() => chrome.storage.local.remove("sendHistory"));
  await page.goto(url);
  return until(async () => {
    const found = await marks();
    return found.length === layers && found.every((l) => l.checks > 0 && l.rules.length) && found;
  }, `${layers} checked editor layer(s) on ${url}`);
}

/**
 * Every layer the overlay draws: its platform, adapter, the rules of its marks, and the id of
 * the page element (a compose window) that holds the centre of its first mark.
 */
function marks() {
  return page.evaluate(() => {
    const root = document.querySelector("mailwacht-root")?.shadowRoot;
    if (!root) return [];
    const windows = [...document.querySelectorAll("[id]")].filter((el) => /^(compose-\d|pane|campaign|mailing|email|compose)$/.test(el.id));
    return [...root.querySelectorAll(".layer")].map((layer) => {
      const found = [...layer.querySelectorAll("[data-rule]")];
      let where = null;
      const first = found.find((m) => m.getBoundingClientRect().width > 0);
      if (first) {
        const r = first.getBoundingClientRect();
        const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
        const win = windows.find((w) => {
          const b = w.getBoundingClientRect();
          return x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;
        });
        where = win ? win.id : null;
      }
      return {
        platform: layer.dataset.platform,
        adapter: layer.dataset.adapter,
        checks: Number(layer.querySelector(".badge")?.dataset.checks || 0),
        rules: [...new Set(found.map((m) => m.dataset.rule))].sort(),
        where,
      };
    });
  });
}

/** The gate's dialog (gate-dialog.mjs): the rules it lists (what holds the send, then what to review) and its Send wording, or null. */
const dialog = async () => {
  const d = await readGateDialog(page);
  return d && { rules: d.listed, send: d.send };
};
const waitForDialog = () => until(dialog, "the gate's dialog", 20000);
/** The dialog's "Send anyway" / "Schedule anyway" wording (gate/dialog.js, from MW.gateSites.actionOf), either language. */
const LOCALES = ["en", "nl"].map((l) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", l, "messages.json"), "utf-8")));
const wording = (action) => LOCALES.map((m) => m[action === "schedule" ? "gateScheduleAnyway" : "gateSendAnyway"]?.message);
/** Ctrl+Enter typed in the editor at `selector`. */
const viaShortcut = (selector) => async () => {
  await page.click(selector);
  await page.keyboard.press("Control+Enter");
};
const outbox = () => page.evaluate(() => window.outbox.map((o) => (o.where ? `${o.how}@${o.where}` : o.how)));

/**
 * Press something that sends (`press`: a function), see the gate hold it (the dialog, the page's
 * handler not run), then "Send anyway": `expected` is the outbox afterwards (`then` runs between:
 * a confirmation step of the page's own). Returns the rules the dialog listed.
 */
async function heldThenSent(press, expected, then = async () => {}) {
  const before = await outbox();
  await press();
  const shown = await waitForDialog();
  const action = /^(schedule|later)/.test(expected[expected.length - 1]) ? "schedule" : "send";
  assert.ok(wording(action).includes(shown.send), `a ${action} button: the dialog says '${shown.send}'`);
  await page.waitForTimeout(QUIET_MS);
  assert.deepEqual(await outbox(), before, "the page's own send did not run while held");
  await page.click('mailwacht-root [role="dialog"] [data-action=send]');
  await then();
  await until(async () => (await outbox()).length > before.length, "the page's send after 'Send anyway'");
  await page.waitForTimeout(QUIET_MS);
  assert.deepEqual(await outbox(), expected, "sent exactly once");
  assert.equal(await dialog(), null);
  return shown.rules;
}

describe("Gmail (stand-in at mail.google.com)", () => {
  test("each compose window: platform gmail, its own subject, To and From in its draft", async () => {
    const layers = await open(SITES.gmail, 2);
    assert.deepEqual(layers.map((l) => [l.platform, l.adapter]), [["gmail", "contenteditable"], ["gmail", "contenteditable"]]);
    const one = layers.find((l) => l.where === "compose-1");
    const two = layers.find((l) => l.where === "compose-2");
    assert.ok(one && two, JSON.stringify(layers));
    // Window 1: 12 outside addresses in To (chips' data-hovercard-id) and {{ voornaam }} in its subject.
    assert.ok(one.rules.includes("recipients-exposed") && one.rules.includes("placeholder-unresolved"), one.rules.join());
    assert.ok(!one.rules.includes("noreply-sender"), one.rules.join());
    // Window 2: one recipient, a clean subject, a noreply From (its hidden input[name=from]); a
    // mailing by its web-version line (one recipient with a greeting by name alone is personal mail
    // since issue 10, which gets no bulk-mail findings and so no marks to read the envelope from).
    assert.ok(two.rules.includes("noreply-sender"), two.rules.join());
    assert.ok(!two.rules.includes("recipients-exposed") && !two.rules.includes("placeholder-unresolved"), two.rules.join());
    await assertMarksVisible(page, assert, { what: "Gmail stand-in" }); // every drawn mark is seen (issue 10)
  });

  test("Send is held ('Back to the draft' sends nothing); 'Send anyway' sends that window once", async () => {
    await open(SITES.gmail, 2);
    await page.click("#compose-1 .aoO");
    const shown = await waitForDialog();
    assert.ok(shown.rules.includes("recipients-exposed"), shown.rules.join());
    await page.click('mailwacht-root [role="dialog"] [data-action=back]');
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), []);
    await heldThenSent(() => page.click("#compose-1 .aoO"), ["click@compose-1"]);
  });

  test("'Schedule send' in the More send options menu is held for the window whose menu was opened", async () => {
    await open(SITES.gmail, 2);
    await page.click("#compose-2 .hG"); // opens the menu: not a send, not held
    assert.equal(await page.isVisible("body > [role=menu] [role=menuitem]"), true);
    assert.equal(await dialog(), null);
    const rules = await heldThenSent(() => page.click("body > [role=menu] [role=menuitem]"), ["schedule@compose-2"]);
    assert.ok(rules.includes("noreply-sender") && !rules.includes("recipients-exposed"), `window 2's draft: ${rules}`);
  });

  test("Ctrl+Enter in a body, and Enter on the focused Send button, are held and replayed once", async () => {
    await open(SITES.gmail, 2);
    await heldThenSent(viaShortcut("#compose-1 .editable"), ["shortcut@compose-1"]);
    await open(SITES.gmail, 2);
    await heldThenSent(async () => {
      await page.focus("#compose-2 .aoO");
      await page.keyboard.press("Enter");
    }, ["key@compose-2"]);
  });
});

describe("Outlook on the web (stand-in at outlook.office.com)", () => {
  test("platform outlook, the To well's addresses reach the draft, the well is no editor", async () => {
    const layers = await open(SITES.outlook, 1);
    assert.deepEqual(layers.map((l) => [l.platform, l.adapter]), [["outlook", "contenteditable"]]);
    assert.ok(layers[0].rules.includes("recipients-exposed"), layers[0].rules.join());
    await assertMarksVisible(page, assert, { what: "Outlook stand-in" }); // every drawn mark is seen (issue 10)
  });

  test("Send, Schedule send and Ctrl+Enter are held; 'Send anyway' replays each once", async () => {
    await open(SITES.outlook, 1);
    const rules = await heldThenSent(() => page.click("#pane [aria-label=Send]"), ["click@pane"]);
    assert.ok(rules.includes("recipients-exposed"), rules.join());
    await open(SITES.outlook, 1);
    await page.click("[aria-label='More send options']");
    await heldThenSent(() => page.click("[role=menuitem]"), ["schedule@pane"]);
    await open(SITES.outlook, 1);
    await heldThenSent(viaShortcut("[aria-label='Message body']"), ["shortcut@pane"]);
  });
});

describe("email platforms (stand-ins at their hosts; generic editor and fields)", () => {
  test("Mailchimp: platform mailchimp, a Brevo tag in the subject is foreign; Send and Schedule held, confirmations and 'Send test' not", async () => {
    const [layer] = await open(SITES.mailchimp);
    await assertMarksVisible(page, assert, { what: "mailchimp stand-in" }); // every drawn mark is seen (issue 10)
    assert.equal(layer.platform, "mailchimp");
    assert.ok(layer.rules.includes("placeholder-unresolved"), layer.rules.join());
    await page.click("#test");
    assert.deepEqual(await outbox(), ["test@us1.admin.mailchimp.com"], "'Send test' is no send");
    // "Send" is held; after "Send anyway" the page's own confirmation ("Send now", a modal) is not.
    await heldThenSent(() => page.click("#send"), ["test@us1.admin.mailchimp.com", "send@us1.admin.mailchimp.com"], () =>
      page.click("#confirm [data-records]"),
    );
    await open(SITES.mailchimp);
    await heldThenSent(() => page.click("#schedule"), ["schedule@us1.admin.mailchimp.com"], () => page.click("#picker [data-records]"));
  });

  test("Brevo: platform brevo, a Mailchimp tag in the subject is foreign; Schedule and Send now held", async () => {
    const [layer] = await open(SITES.brevo);
    await assertMarksVisible(page, assert, { what: "brevo stand-in" }); // every drawn mark is seen (issue 10)
    assert.equal(layer.platform, "brevo");
    assert.ok(layer.rules.includes("placeholder-unresolved"), layer.rules.join());
    await heldThenSent(() => page.click("#schedule"), ["schedule@app.brevo.com"], () => page.click("#picker [data-records]"));
    await open(SITES.brevo);
    await heldThenSent(() => page.click("#send"), ["send@app.brevo.com"]);
  });

  // Tripolis Dialogue and Carerix: tests/e2e/sites-nl.test.mjs (their stand-ins follow their sources).
});

describe("the generic detector (a local compose page, no site adapter)", () => {
  test("'Later verzenden' is held like a send; 'Send test' and 'Voorbeeld' are not", async () => {
    await (await ext.page()).evaluate(() => chrome.storage.local.remove("sendHistory"));
    await page.goto(local.url("schedule.html"));
    const [layer] = await until(async () => {
      const found = await marks();
      return found.length === 1 && found[0].checks > 0 && found;
    }, "the editor's layer");
    assert.equal(layer.platform, "webmail", "no site: the engine infers the platform");
    await page.click("#test");
    await page.click("#preview");
    assert.deepEqual(await outbox(), ["test", "preview"], "not held: sent synchronously by the page");
    const rules = await heldThenSent(() => page.click("#later"), ["test", "preview", "later"]);
    assert.ok(rules.includes("unsubscribe-missing"), rules.join());
  });

  test("the label vocabulary: whole labels only, send vs schedule (reader/sites/registry.js, gate/sites.js)", async () => {
    // The same modules the extension bundles, bundled the same way and run in a blank page's own
    // world to call them directly.
    const blank = await ext.context.newPage();
    try {
      await blank.setContent("<!doctype html><body></body>");
      const { build } = await import("esbuild");
      const bundle = await build({
        stdin: {
          contents: 'import * as sites from "./reader/sites/registry.js"; import * as gateSites from "./gate/sites.js"; window.MailwachtTest = { sites, gateSites };',
          resolveDir: join(ROOT, "extension"),
        },
        bundle: true,
        format: "iife",
        write: false,
      });
      await blank.addScriptTag({ content: bundle.outputFiles[0].text });
      const labels = {
        send: ["Send", "Send now", "Send \u202a(Ctrl-Enter)\u202c", "Verzenden", "Versturen", "Verstuur", "Senden", "Envoyer", "Enviar", "Invia"],
        schedule: [
          "Schedule",
          "Schedule send",
          "Send later",
          "Inplannen",
          "Verzending inplannen",
          "Verzenden plannen",
          "Verzending plannen",
          "Later verzenden",
          "Planen",
          "Senden planen",
          "Programmer",
          "Programmer l'envoi",
          "Programar",
          "Programar envío",
          "Agendar",
          "Pianifica",
          "Pianifica invio",
        ],
        none: ["Send test", "Send test email", "Save", "Opslaan", "Preview", "Voorbeeld", "Schedule a test", "Scheduled", "Sender", "Verzendlijst", "Plannen"],
      };
      const got = await blank.evaluate((all) => {
        const { sites, gateSites } = window.MailwachtTest;
        const out = {};
        for (const [want, list] of Object.entries(all)) {
          out[want] = list.map((label) => {
            const b = document.createElement("button");
            b.textContent = label;
            document.body.append(b);
            const kind = sites.actionOfLabel(b) || "none";
            // actionOf() on a page without a site: the generic detector's answer.
            const action = kind === "none" ? "none" : gateSites.actionOf(b);
            b.remove();
            return [label, kind, action];
          });
        }
        return out;
      }, labels);
      for (const [want, rows] of Object.entries(got)) {
        for (const [label, kind, action] of rows) {
          assert.equal(kind, want, `'${label}'`);
          assert.equal(action, want, `actionOf('${label}')`);
        }
      }
    } finally {
      await blank.close();
    }
  });
});
