/**
 * End-to-end, issue 10 ("quiet when the mail is fine, seen when it is not"): Mailwacht in daily
 * use, in Debian's Chromium with the built extension in a fresh profile, on the Gmail-like floating
 * compose window (tests/e2e/pages/floating-compose.html: position fixed, z-index 1000, a generic
 * page on 127.0.0.1, so the generic compose detector and the send gate's generic site do the work).
 *
 * What a person perceives is asserted: whether the send dialog is shown, and whether the page's
 * own Send ran (the page counts its sends in window.outbox; nothing leaves the page).
 *   (a) a three-line personal mail to one recipient: no error or warning mark, sent on the first
 *       press without a dialog;
 *   (b) the same window with a newsletter to 40 Bcc recipients and no unsubscribe link: held;
 *       "This is not a mailing" checks it again as personal mail, and the choice is remembered for
 *       the draft (a reload sends it on the first press);
 *   (c) a fresh profile with no organisation profile: a compliant mailing whose From name and
 *       footer name the organisation is sent without a dialog;
 *   the envelope read from fields labelled in Dutch, German and French only (no telling input
 *   names), and from recipient chips: twelve visible recipients hold even a personal mail
 *   (recipients-exposed), one does not.
 * First run: the welcome page (options.html?welcome) opens once after installation and not again
 * after a restart of the same profile, in Chromium (the unpacked extension loaded into a kept
 * profile twice) and in Firefox ESR (the add-on installed permanently in a kept profile: an
 * unsigned XPI in the profile's extensions folder, which ESR accepts with
 * xpinstall.signatures.required=false; a temporary add-on, as the other Firefox tests use, is gone
 * after a restart and so could not show "not again"). Its three lines, the profile saved from it,
 * and "Skip" closing it are checked on the way.
 */

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DIST_CHROME, ROOT, launchExtension, startServer } from "./harness.mjs";
import { launchForEditors, overlayState, until } from "./editor-contract.mjs";
import { clickInGateDialog, readGateDialog } from "./gate-dialog.mjs";
import { DIST_FIREFOX, SKIP_WITHOUT_FIREFOX, geckoId, startFirefox } from "./firefox.mjs";

const messages = (locale) => JSON.parse(readFileSync(join(ROOT, "extension", "_locales", locale, "messages.json"), "utf-8"));
const NL = messages("nl");
const EN = messages("en");
const either = (key) => [NL[key].message, EN[key].message];
// Long enough for a send the gate let through (or a dialog it opened) to have shown.
const QUIET_MS = 1500;

let ext;
let site;
let page;

before(async () => {
  ext = await launchForEditors();
  site = await startServer();
  page = await ext.context.newPage();
});

after(async () => {
  await ext?.close();
  await site?.close();
});

/** Open the floating compose window with `query` and wait until Mailwacht has checked the draft once. */
async function open(query) {
  await page.goto(site.url(`floating-compose.html?${query}`));
  await page.waitForFunction(() => window.editorReady === true, null, { timeout: 30000 });
  await until(async () => {
    const state = await overlayState(page);
    return state.layers.some((l) => l.checks >= 1) && state;
  }, "the first check of the compose window", 60000);
}

const outbox = () => page.evaluate(() => window.outbox.map((m) => m.how));

/** The send dialog (gate-dialog.mjs), or null. */
const gateDialog = () => readGateDialog(page);
const clickInDialog = (selector) => clickInGateDialog(page, selector);

/**
 * Press the page's Send once and report what the person sees: the dialog (or null) and the sends
 * made, once either a send happened or the dialog is up (and QUIET_MS more for a late surprise).
 */
async function pressSend() {
  await page.click("#send");
  await until(async () => (await outbox()).length > 0 || (await gateDialog()), "a send or the dialog", 20000);
  await page.waitForTimeout(QUIET_MS);
  return { dialog: await gateDialog(), sent: await outbox() };
}

/** The marks drawn over the draft that say something is wrong (errors and warnings, not hidden). */
async function alarmingMarks() {
  const { marks } = await overlayState(page);
  return marks.filter((m) => !m.hidden && (m.severity === "error" || m.severity === "warning")).map((m) => m.rule);
}

/**
 * What a person sees at the centre of the send dialog's title: document.elementFromPoint must give
 * <mailwacht-root> (nothing of the page above it there) and its shadow root's elementFromPoint an
 * element inside the dialog. `cover` names the page element expected UNDER that point (its box holds
 * the point), so the assertion is about a real overlap.
 */
async function dialogTopmost(cover) {
  return page.evaluate((coverSelector) => {
    const host = document.querySelector("mailwacht-root");
    const title = host?.shadowRoot?.querySelector(".gate-dialog h2");
    if (!title) return null;
    // The dialog scrolls its own content (a long list of findings, focus on "Back" at its end):
    // its title is looked at where the person scrolls to, the top of the dialog.
    title.closest(".gate-dialog").scrollTop = 0;
    const r = title.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    const hit = document.elementFromPoint(x, y);
    const inner = host.shadowRoot.elementFromPoint(x, y);
    const under = document.querySelector(coverSelector)?.getBoundingClientRect();
    return {
      hit: hit ? hit.localName : null,
      inDialog: Boolean(inner && inner.closest && inner.closest(".gate-dialog")),
      covered: Boolean(under && x >= under.left && x <= under.right && y >= under.top && y <= under.bottom),
      popover: host.matches(":popover-open"),
      at: [Math.round(x), Math.round(y)],
      viewport: [innerWidth, innerHeight],
    };
  }, cover);
}

describe("the floating compose window (a fresh profile)", () => {
  test("(c) no organisation profile: a compliant mailing whose From name and footer name the organisation is sent on the first press, without a dialog", async () => {
    const stored = await (await ext.page()).evaluate(() => chrome.storage.sync.get("settings"));
    assert.ok(!stored.settings || !stored.settings.org || !stored.settings.org.name, `no organisation profile: ${JSON.stringify(stored)}`);
    await open("mail=compliant");
    const { dialog, sent } = await pressSend();
    assert.equal(dialog, null, `no dialog: ${JSON.stringify(dialog)}`);
    assert.deepEqual(sent, ["click"], "sent once, by the page's own Send");
  });

  test("(a) a three-line personal mail to one colleague: no error or warning mark, sent on the first press without a dialog", async () => {
    await open("mail=personal");
    assert.deepEqual(await alarmingMarks(), [], "no error or warning mark over the draft");
    const { dialog, sent } = await pressSend();
    assert.equal(dialog, null, `no dialog: ${JSON.stringify(dialog)}`);
    assert.deepEqual(sent, ["click"]);
  });

  test("(b) the same window with a newsletter to 40 Bcc recipients and no unsubscribe link is held; 'Back to the draft' sends nothing", async () => {
    await open("mail=newsletter");
    assert.ok((await alarmingMarks()).includes("unsubscribe-missing"), "the missing unsubscribe link is marked");
    const { dialog, sent } = await pressSend();
    assert.ok(dialog, "the send dialog is shown");
    assert.equal(dialog.state, "held");
    assert.ok(dialog.rules.includes("unsubscribe-missing"), `${dialog.rules}`);
    assert.ok(dialog.notMailing, "a mailing's dialog offers 'This is not a mailing'");
    assert.ok(either("gateSendAnyway").includes(dialog.send));
    assert.deepEqual(sent, [], "nothing was sent");
    await clickInDialog("[data-action=back]");
    assert.equal(await gateDialog(), null);
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), []);
  });

  test("the send dialog is SEEN: above the floating window (position fixed, z-index 1000) and above a page's own top-layer element", async () => {
    await open("mail=newsletter");
    // The window dragged large, so it lies under the dialog's title (the Send button stays in view).
    const viewport = page.viewportSize() || { width: 1280, height: 720 };
    await page.evaluate(([w, h]) => window.moveCompose(8, 0, w - 16, h - 8), [viewport.width, viewport.height]);
    await pressSend();
    let seen = await dialogTopmost("#compose");
    assert.ok(seen, "the send dialog is shown");
    assert.equal(seen.covered, true, `the compose window lies under the title's centre: ${JSON.stringify(seen)}`);
    assert.equal(seen.hit, "mailwacht-root", `topmost at the title's centre: ${JSON.stringify(seen)}`);
    assert.equal(seen.inDialog, true, `the shadow root's topmost element there is the dialog's: ${JSON.stringify(seen)}`);
    assert.equal(seen.popover, true, "<mailwacht-root> is in the top layer");
    await clickInDialog("[data-action=back]");
    // The page puts its own element in the top layer (a popover banner over the upper half, opened
    // after the marks were shown): the next send's dialog is raised above it.
    await page.evaluate(() => {
      const banner = document.createElement("div");
      banner.id = "page-banner";
      banner.setAttribute("popover", "manual");
      banner.style.cssText = "position: fixed; inset: 0 0 auto 0; margin: 0; width: 100vw; height: 55vh; background: #fffbe6; border: 0;";
      banner.textContent = "The page's own notice in the top layer";
      document.body.append(banner);
      banner.showPopover();
    });
    await pressSend();
    seen = await dialogTopmost("#page-banner");
    assert.ok(seen, "the send dialog is shown again");
    assert.equal(seen.covered, true, `the page's banner lies under the title's centre: ${JSON.stringify(seen)}`);
    assert.equal(seen.hit, "mailwacht-root", `above the page's top-layer banner: ${JSON.stringify(seen)}`);
    assert.equal(seen.inDialog, true, JSON.stringify(seen));
    await clickInDialog("[data-action=back]");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [], "nothing was sent");
  });

  test("'This is not a mailing': checked again as personal mail, then a plain Send; remembered for the draft after a reload", async () => {
    await open("mail=newsletter");
    const held = (await pressSend()).dialog;
    assert.ok(held && held.notMailing, JSON.stringify(held));
    await clickInDialog("[data-action=not-mailing]");
    const clear = await until(async () => {
      const d = await gateDialog();
      return d && !d.busy && d.status && d;
    }, "the dialog after 'This is not a mailing'");
    assert.equal(clear.state, "clear", `nothing holds personal mail to Bcc recipients: ${JSON.stringify(clear)}`);
    assert.deepEqual(clear.rules, []);
    assert.equal(clear.notMailing, false, "not offered again");
    assert.ok(either("gateSend").includes(clear.send), clear.send);
    assert.ok(either("gateNotMailingDone").includes(clear.status), `the choice was remembered: ${clear.status}`);
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), [], "still the user's press");
    await clickInDialog("[data-action=send]");
    await until(async () => (await outbox()).length, "the page's send");
    assert.deepEqual(await outbox(), ["click"]);
    // The same draft after a reload: the choice holds, the first press sends.
    await open("mail=newsletter");
    const again = await pressSend();
    assert.equal(again.dialog, null, `no dialog for the draft marked personal: ${JSON.stringify(again.dialog)}`);
    assert.deepEqual(again.sent, ["click"]);
  });
});

describe("the generic compose detector reads the envelope in four languages", () => {
  const twelve = Array.from({ length: 12 }, (_, i) => `collega${i + 1}@bedrijf${(i % 3) + 1}.example`).join(", ");
  /** Strip the telling input names, so only labels (aria-label, <label for>, placeholder) tell the fields. */
  const stripNames = () =>
    page.evaluate(() => {
      for (const el of document.querySelectorAll("#compose input, #compose select")) el.removeAttribute("name");
      // A change of the envelope is picked up by the next check; a small edit of the body starts one.
      document.getElementById("body").append(document.createTextNode(" "));
    });

  for (const labels of ["nl", "de", "fr"]) {
    test(`labels in ${labels}: twelve visible recipients are read from the To field's label and hold the send (recipients-exposed); one recipient does not`, async () => {
      await open(`mail=personal&labels=${labels}&to=${encodeURIComponent(twelve)}`);
      await stripNames();
      const held = await pressSend();
      assert.ok(held.dialog, `held: ${JSON.stringify(held)}`);
      assert.ok(held.dialog.rules.includes("recipients-exposed"), `the To field was read from its label: ${held.dialog.rules}`);
      assert.deepEqual(held.sent, []);
      await clickInDialog("[data-action=back]");

      await open(`mail=personal&labels=${labels}`);
      await stripNames();
      const sent = await pressSend();
      assert.equal(sent.dialog, null, JSON.stringify(sent.dialog));
      assert.deepEqual(sent.sent, ["click"]);
    });
  }

  test("personal mail held for another reason: after 'This is not a mailing' twelve visible recipients still hold it, and nothing new is offered", async () => {
    await open(`mail=personal&to=${encodeURIComponent(twelve)}`);
    const held = (await pressSend()).dialog;
    assert.ok(held, "held");
    if (held.notMailing) {
      // The engine took twelve recipients for a mailing: say it is not one.
      await clickInDialog("[data-action=not-mailing]");
      await until(async () => {
        const d = await gateDialog();
        return d && !d.busy && d.status && d;
      }, "the dialog after 'This is not a mailing'");
    }
    const personal = await gateDialog();
    assert.equal(personal.state, "held");
    assert.deepEqual(personal.rules, ["recipients-exposed"], "personal mail: only the rule for any mail holds it");
    assert.equal(personal.notMailing, false, "nothing new offered for personal mail");
    await page.waitForTimeout(QUIET_MS);
    assert.deepEqual(await outbox(), []);
    await clickInDialog("[data-action=back]");
  });

  test("recipient chips (no addresses typed in the field) are counted", async () => {
    await open("mail=personal&to=");
    await page.evaluate((list) => {
      const input = document.querySelector("input[name=to]");
      input.removeAttribute("name");
      for (const address of list.split(", ")) {
        const chip = document.createElement("span");
        chip.className = "chip";
        chip.setAttribute("data-email", address);
        chip.textContent = address.split("@")[0];
        input.before(chip);
      }
      document.getElementById("body").append(document.createTextNode(" "));
    }, twelve);
    const held = await pressSend();
    assert.ok(held.dialog, `held: ${JSON.stringify(held)}`);
    assert.ok(held.dialog.rules.includes("recipients-exposed"), `${held.dialog.rules}`);
    assert.deepEqual(held.sent, []);
    await clickInDialog("[data-action=back]");
  });
});

describe("first run: the welcome page opens once", () => {
  const WELCOME_LINES = ["welcomeLineWhat", "welcomeLineLocal", "welcomeLineProfile"];
  const PROFILE = { name: "Bakkerij De Korenaar", address: "Dorpsstraat 1, 1234 AB Ons Dorp", phone: "+31 20 123 4567", website: "www.bakkerijdekorenaar.nl" };
  const isWelcome = (url, origin) => url.startsWith(`${origin}/options/options.html`) && new URL(url).searchParams.has("welcome");

  test("Chromium: after installation the welcome page opens with three lines and the profile; not again after a restart of the same profile", async () => {
    const profile = mkdtempSync(join(tmpdir(), "mailwacht-onboarding-"));
    try {
      const first = await launchExtension({ userDataDir: profile, extensionPath: DIST_CHROME });
      let origin = first.origin;
      try {
        const welcome = await until(() => first.context.pages().find((p) => isWelcome(p.url(), origin)), "the welcome page", 30000);
        await welcome.waitForSelector('body[data-ready="welcome"]', { timeout: 30000 });
        const seen = await welcome.evaluate(() => ({
          lines: [...document.querySelectorAll("#welcome:not([hidden]) .welcome-line")].map((p) => p.textContent),
          title: document.querySelector("#welcome-title").textContent,
          orgVisible: Boolean(document.querySelector("#org-name").offsetParent),
          rulesVisible: Boolean(document.querySelector("#rules-status").offsetParent),
          skip: !document.querySelector("#welcome-skip").hidden,
        }));
        const lang = seen.title === NL.welcomeTitle.message ? NL : EN;
        assert.equal(seen.title, lang.welcomeTitle.message);
        assert.deepEqual(seen.lines, WELCOME_LINES.map((k) => lang[k].message), "three lines: what it does, nothing leaves the computer, the profile");
        assert.ok(seen.orgVisible && seen.skip && !seen.rulesVisible, JSON.stringify(seen));
        await welcome.fill("#org-name", PROFILE.name);
        await welcome.fill("#org-address", PROFILE.address);
        await welcome.fill("#org-phone", PROFILE.phone);
        await welcome.fill("#org-website", PROFILE.website);
        await welcome.click("#save");
        await welcome.waitForSelector('body[data-welcome="saved"]', { timeout: 10000 });
        const stored = await welcome.evaluate(() => chrome.storage.sync.get("settings"));
        for (const [field, value] of Object.entries(PROFILE)) assert.equal(stored.settings.org[field], value, field);
        assert.equal(first.context.pages().filter((p) => isWelcome(p.url(), origin)).length, 1, "opened once");
        await welcome.close();
      } finally {
        await first.close();
      }
      const second = await launchExtension({ userDataDir: profile, extensionPath: DIST_CHROME });
      try {
        origin = second.origin;
        await second.waitForEngine(); // the extension runs again (its background answers)
        await new Promise((r) => setTimeout(r, 3000));
        assert.deepEqual(second.context.pages().map((p) => p.url()).filter((u) => isWelcome(u, origin)), [], "no welcome page after the restart");
        const stored = await second.send({ kind: "engine:status" }).then(() => second.page()).then((p) => p.evaluate(() => chrome.storage.sync.get("settings")));
        assert.equal(stored.settings.org.name, PROFILE.name, "the same profile: the organisation is still there");
      } finally {
        await second.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });

  test("Firefox ESR: after installation the welcome page opens once; 'Skip' closes it; not again after a restart of the same profile", { skip: SKIP_WITHOUT_FIREFOX }, async () => {
    const dist = DIST_FIREFOX;
    const id = geckoId();
    const uuid = "6d61696c-7761-4368-b874-6f6e626f6172"; // pinned: the pages' origin is known
    const origin = `moz-extension://${uuid}`;
    const profile = mkdtempSync(join(tmpdir(), "mailwacht-ff-onboarding-"));
    const prefs = {
      "xpinstall.signatures.required": false,
      "extensions.autoDisableScopes": 0,
      "extensions.enabledScopes": 15,
      "extensions.webextensions.uuids": JSON.stringify({ [id]: uuid }),
    };
    // The add-on is installed as an .xpi in the kept profile (a temporary one would not survive the restart).
    const launch = () => startFirefox({ userDataDir: profile, prefs, args: ["--remote-allow-system-access"] });
    const welcomePages = async (browser) => (await browser.pages()).filter((p) => isWelcome(p.url(), origin));
    try {
      mkdirSync(join(profile, "extensions"));
      const zipped = spawnSync("zip", ["-qr", join(profile, "extensions", `${id}.xpi`), "."], { cwd: dist });
      assert.equal(zipped.status, 0, `zip: ${zipped.stderr}`);
      let browser = await launch();
      try {
        const [welcome] = await until(async () => {
          const found = await welcomePages(browser);
          return found.length ? found : null;
        }, "the welcome page in Firefox", 30000);
        const ready = await until(
          () => welcome.evaluate(() => document.body && document.body.dataset.ready === "welcome" && [...document.querySelectorAll(".welcome-line")].map((p) => p.textContent)).catch(() => null),
          "the welcome page's strings",
          30000,
        );
        assert.ok([EN, NL].some((m) => ready.join("|") === WELCOME_LINES.map((k) => m[k].message).join("|")), ready.join("|"));
        assert.equal((await welcomePages(browser)).length, 1, "opened once");
        await welcome.evaluate(() => document.querySelector("#welcome-skip").click());
        // The tab is gone (Puppeteer's page list lags behind a tab closed by the page itself; its
        // browsing context no longer answers).
        await until(
          () => welcome.evaluate(() => document.body.dataset.welcome || "open").then(() => false, (err) => /no such frame|not found|closed|detached/i.test(String(err))),
          "'Skip' to close the welcome tab",
          10000,
        );
      } finally {
        await browser.close();
      }
      browser = await launch();
      try {
        // The add-on is there and running after the restart: its options page loads its settings.
        const options = await browser.newPage();
        await options.goto(`${origin}/options/options.html`, { timeout: 3000, waitUntil: "domcontentloaded" }).catch(() => {});
        const onboarding = await until(
          () => options.evaluate(() => document.body && document.body.dataset.ready && browser.storage.local.get("onboarding")).catch(() => null),
          "the add-on's options page after the restart",
          30000,
        );
        assert.equal(onboarding.onboarding.finished, "skipped", "the same profile: the skip was recorded");
        await new Promise((r) => setTimeout(r, 2000));
        assert.deepEqual((await welcomePages(browser)).map((p) => p.url()), [], "no welcome page after the restart");
      } finally {
        await browser.close();
      }
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
