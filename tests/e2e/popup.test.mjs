/**
 * End-to-end: the toolbar popup (extension/popup) in Chromium with the built extension.
 *
 * The popup is opened as a page of its own at `popup/popup.html?tab=<id>`: in a tab the "active tab"
 * would be the popup itself, so `?tab=` names the tab whose draft it checks (the id comes from the
 * service worker's chrome.tabs.query). The test copy of the extension (editor-contract.mjs
 * testExtension) may script the 127.0.0.1 test pages, as activeTab allows on a real toolbar click.
 *
 * Proves: the popup lists the draft's findings (the same findings, by fingerprint, as the marks the
 * content script draws for that draft); the export yields files through chrome.downloads whose
 * contents parse (JSON.parse; the HTML through a DOMParser; Markdown non-empty) and carry the same
 * findings: JSON the same rule ids and fingerprints, HTML and Markdown the same rule ids (they name
 * no finding fingerprints, only the draft's) and the draft fingerprint; the checklist with the items
 * the sender must confirm. A finding dismissed on its card (stored per draft) is left out of the
 * list and exported in the summary's "dismissed" group. A page without an editor says so; while
 * the engine boots the popup shows the boot, not a blank.
 *
 * Issue 11: each finding shows its fix text; rule ids and engine timings only under "technical
 * details"; only the chosen packs' sources are cited (no CAN-SPAM or CASL for the Dutch pack); the
 * popup says Mailwacht runs on the site, and on a site where it does not, offers "Add this site",
 * which (the host being granted to the test copy already, so no prompt) stores the site, registers
 * the content script, and after a reload the popup says it runs there. The exported HTML summary
 * names the local time zone, has no horizontal scrolling at 400 px and prints to A4 (printToPDF).
 * One language: in a Chromium started with --lang=en and Mailwacht set to Dutch, every string of the
 * popup is Dutch, and counts take their singular for one ("1 fout", never "1 fouten" or "fout(en)").
 */

import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT, launchExtension, startServer } from "./harness.mjs";
import { dismissFinding, testExtension, until, waitForMark, waitForNoMark } from "./editor-contract.mjs";

const EN = JSON.parse(readFileSync(join(ROOT, "extension", "_locales", "en", "messages.json"), "utf-8"));
const NL = JSON.parse(readFileSync(join(ROOT, "extension", "_locales", "nl", "messages.json"), "utf-8"));

let ext;
let site;
let plain; // a server for a page without any editor
let plainRoot;
let downloads; // where Chromium saves the exported summaries
let profile;
let copy;

before(async () => {
  // A profile whose download folder is ours, so nothing is left in the user's Downloads.
  downloads = mkdtempSync(join(tmpdir(), "mailwacht-downloads-"));
  profile = mkdtempSync(join(tmpdir(), "mailwacht-profile-"));
  mkdirSync(join(profile, "Default"));
  writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false }, savefile: { default_directory: downloads } }));
  copy = testExtension();
  ext = await launchExtension({ extensionPath: copy.path, userDataDir: profile });
  await ext.waitForEngine();
  // Playwright routes downloads to its own folder under generated names (Browser.setDownloadBehavior
  // "allowAndName"), which also overrides the name an extension gives chrome.downloads.download;
  // "default" gives the browser back its own handling: the profile's folder and the popup's name.
  const session = await ext.cdp();
  await session.send("Browser.setDownloadBehavior", { behavior: "default" });
  site = await startServer();
  plainRoot = mkdtempSync(join(tmpdir(), "mailwacht-plain-"));
  writeFileSync(join(plainRoot, "article.html"), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title></head><body><h1>News</h1><p>Nothing to edit here.</p></body></html>');
  plain = await startServer({ root: plainRoot });
});

after(async () => {
  await ext?.close();
  copy?.remove();
  await site?.close();
  await plain?.close();
  for (const dir of [plainRoot, downloads, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Fingerprints of the marks the content script drew (in <mailwacht-root>'s shadow root). */
const markFingerprints = (page) =>
  page.evaluate(() => [...document.querySelector("mailwacht-root").shadowRoot.querySelectorAll("[data-rule][data-fingerprint]")].map((m) => m.dataset.fingerprint));

async function tabIdOf(url, on = ext) {
  const sw = await on.serviceWorker();
  const tabs = await sw.evaluate((u) => chrome.tabs.query({ url: u }), url.replace(/:\d+\//, "/"));
  const tab = tabs.find((t) => t.url === url);
  assert.ok(tab, `a tab shows ${url}`);
  return tab.id;
}

async function openPopup(tabId, on = ext) {
  const popup = await on.context.newPage();
  const errors = [];
  popup.on("pageerror", (e) => errors.push(e.message));
  popup.errors = errors;
  await popup.goto(`${on.origin}/popup/popup.html${tabId === undefined ? "" : `?tab=${tabId}`}`);
  return popup;
}

const finished = (popup) =>
  popup.waitForSelector('body[data-phase="done"], body[data-phase="no-draft"], body[data-phase="error"]', { timeout: 60000 });

/**
 * Click an export button; returns the file Chromium wrote, read back, and its name. Downloads go to
 * a temporary folder of our own (the profile's download folder, see before()), under the name the
 * popup asked chrome.downloads for; chrome.downloads.search says where.
 */
async function exportAs(popup, format) {
  const before = await popup.evaluate(() => document.body.dataset.downloads || "");
  await popup.click(`#export button[data-format="${format}"]`);
  await popup.waitForFunction((b) => (document.body.dataset.downloads || "") !== b, before, { timeout: 30000 });
  const id = Number((await popup.evaluate(() => document.body.dataset.downloads)).split(",").pop().split(":")[1]);
  const item = await until(async () => {
    const [found] = await popup.evaluate((i) => chrome.downloads.search({ id: i }), id);
    return found && found.state === "complete" ? found : null;
  }, `the ${format} download to complete`);
  assert.equal(dirname(item.filename), downloads, "saved into the test's download folder");
  return { name: basename(item.filename), mime: item.mime, text: readFileSync(item.filename, "utf-8") };
}

test("the popup checks the tab's draft, lists its findings, and exports summaries that carry them", async () => {
  const page = await ext.context.newPage();
  const url = site.url("editors/contenteditable.html");
  await page.goto(url);
  await waitForMark(page, "consent-prechecked"); // the content script has checked the same draft
  const marks = await markFingerprints(page);

  const popup = await openPopup(await tabIdOf(url));
  await finished(popup);
  assert.equal(await popup.evaluate(() => document.body.dataset.phase), "done");
  const listed = await popup.$$eval("li.finding", (items) =>
    items.map((li) => ({ rule: li.dataset.rule, severity: li.dataset.severity, fingerprint: li.dataset.fingerprint, group: li.closest(".group").dataset.severity })),
  );
  const rules = listed.map((f) => f.rule);
  assert.ok(rules.includes("unsubscribe-missing") && rules.includes("consent-prechecked"), rules.join(", "));
  for (const f of listed) assert.equal(f.group, f.severity, "listed under its severity");
  assert.deepEqual(listed.map((f) => f.severity), [...listed].sort((a, b) => "ewi".indexOf(a.severity[0]) - "ewi".indexOf(b.severity[0])).map((f) => f.severity), "errors first, then warnings, then tips");
  assert.deepEqual(new Set(listed.map((f) => f.fingerprint)), new Set(marks), "the popup and the marks agree on the findings");
  assert.match(await popup.textContent("#draft-info"), /Nieuwsbrief november/);
  const basis = await popup.textContent('li.finding[data-rule="unsubscribe-missing"] .basis');
  assert.match(basis, /Telecommunicatiewet art\. 11\.7/, "a finding names the guideline it rests on");
  // Issue 11: in English a Dutch law or guideline is named in English, its own name after "— Dutch:".
  assert.match(basis, /Dutch Telecommunications Act art\. 11\.7 — Dutch: “Telecommunicatiewet art\. 11\.7”/);
  const untranslated = (await popup.textContent("#findings")).replace(/ — Dutch: “[^”]*”/g, "");
  assert.doesNotMatch(untranslated, /richtlijnen|regel \d|Telecommunicatiewet/, "no Dutch source name without its English one");
  assert.equal(await popup.getAttribute("#engine", "data-state"), "ready");

  // Issue 11: what to do about each finding, in words, for every finding that has a fix.
  const fixes = await popup.$$eval("li.finding", (items) => items.map((li) => ({ rule: li.dataset.rule, fix: li.querySelector(".fix")?.textContent || "" })));
  const fixOf = (rule) => fixes.find((f) => f.rule === rule).fix;
  for (const rule of ["unsubscribe-missing", "consent-prechecked"]) {
    assert.ok(fixOf(rule).startsWith(`${NL.contentFix.message} `) || fixOf(rule).startsWith(`${EN.contentFix.message} `), `${rule}: "${fixOf(rule)}"`);
    assert.ok(fixOf(rule).length > EN.contentFix.message.length + 10, `${rule} has a fix text`);
  }
  assert.ok(await popup.isVisible('li.finding[data-rule="unsubscribe-missing"] .fix'));
  // Only the chosen packs (the default: nl) are cited; foreign law is not.
  const listText = await popup.textContent("#findings");
  assert.doesNotMatch(listText, /CAN-SPAM|CASL|Anti-Spam Legislation/, "no US or Canadian law for a Dutch pack");
  // Rule ids and timings only behind "technical details".
  assert.ok(!(await popup.isVisible('li.finding[data-rule="unsubscribe-missing"] .rule-id')), "rule ids hidden by default");
  assert.ok(!(await popup.isVisible("#technical-engine")));
  await popup.click("#technical summary");
  await popup.waitForSelector('body[data-technical="true"]');
  assert.ok(await popup.isVisible('li.finding[data-rule="unsubscribe-missing"] .rule-id'), "rule ids shown with technical details open");
  assert.match(await popup.textContent("#technical-check"), /\d+ ms/);
  await popup.click("#technical summary");
  // Mailwacht runs on this site (its content script drew the marks): no "Add this site".
  assert.equal(await popup.getAttribute("#site", "data-runs"), "true");
  assert.ok(!(await popup.isVisible("#site-add")));

  // JSON: the same findings, by rule id and fingerprint.
  const json = await exportAs(popup, "json");
  assert.match(json.name, /^mailwacht-summary-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json$/);
  assert.equal(json.mime, "application/json");
  const summary = JSON.parse(json.text);
  const exported = summary.groups.filter((g) => g.key !== "dismissed").flatMap((g) => g.findings);
  assert.deepEqual(exported.map((f) => f.fingerprint).sort(), listed.map((f) => f.fingerprint).sort());
  assert.deepEqual(exported.map((f) => f.rule).sort(), [...rules].sort());
  assert.equal(summary.draft.subject, "Nieuwsbrief november");
  assert.match(summary.draft.fingerprint, /^[0-9a-f]{64}$/);
  assert.ok(summary.checked_at && summary.platform, "date and platform");
  assert.ok(summary.checklist.length > 0 && summary.checklist.some((c) => c.status === "confirm" && /5 (years|jaar)/.test(c.confirm)), "the checklist holds what the sender must confirm (proof of consent kept 5 years)");
  const prechecked = exported.find((f) => f.rule === "consent-prechecked");
  assert.match(prechecked.evidence, /checkbox/, "findings carry their evidence");
  const draftFingerprint = summary.draft.fingerprint;

  // HTML: parses, names every finding's rule (as often as the report) and the draft fingerprint.
  const html = await exportAs(popup, "html");
  assert.match(html.name, /\.html$/);
  const parsed = await popup.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "text/html");
    return {
      title: doc.title,
      rules: [...doc.querySelectorAll("article.finding > p:first-child > code")].map((c) => c.textContent),
      text: doc.body.textContent,
      checklistRows: doc.querySelectorAll("table tr").length,
    };
  }, html.text);
  assert.ok(parsed.title, "the HTML has a title");
  assert.deepEqual(parsed.rules.sort(), [...rules].sort());
  assert.ok(parsed.text.includes(draftFingerprint));
  assert.ok(parsed.checklistRows > 1, "the checklist table");
  // The popup passed its time zone: a local time with its UTC offset, not a bare UTC stamp.
  const offset = -new Date().getTimezoneOffset(); // the test runs on the same machine as the browser
  const sign = offset >= 0 ? "+" : "-";
  const zone = `UTC${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}`;
  assert.ok(parsed.text.includes(zone), `the summary names its time zone ${zone}`);

  // Issue 11: the summary reads at 400 px without scrolling sideways, and prints to PDF on A4
  // (Chromium's printToPDF, the call behind Playwright's page.pdf) with no line wider than the page.
  const view = await ext.context.newPage();
  await view.setViewportSize({ width: 400, height: 800 });
  // Also a draft whose evidence, subject and sender are long words without a break opportunity
  // (a tracking address, a long file name): they wrap too.
  const long = `https://tracker.example/${"x".repeat(140)}`;
  const longDraft = { html: `<p>Nieuws</p><p><a href="${long}">${long}</a></p>`, text: "", subject: `Nieuwsbrief${"N".repeat(90)}`, from_name: "", from_address: `${"a".repeat(80)}@example.nl` };
  const longReport = (await ext.send({ kind: "engine:check", draft: longDraft, options: { mail_kind: "mailing" } })).result;
  const longHtml = (await ext.send({ kind: "engine:render-summary", report: longReport, format: "html", locale: "nl" })).result.content;
  for (const content of [html.text, longHtml]) {
    await view.setContent(content);
    const narrow = await view.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(narrow.scroll <= 400, `no horizontal scrolling at 400 px (scrollWidth ${narrow.scroll})`);
  }
  // A4 is 210 mm wide; the print stylesheet's margins leave 180 mm = 680 CSS px for the text.
  await view.emulateMedia({ media: "print" }); // the long-words summary, printed
  await view.setViewportSize({ width: 680, height: 1000 });
  const printed = await view.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > width + 1).map((e) => e.tagName + "." + e.className);
    return { scroll: document.documentElement.scrollWidth, width, wide };
  });
  assert.ok(printed.scroll <= printed.width, `nothing wider than an A4 page's text (scrollWidth ${printed.scroll})`);
  assert.deepEqual(printed.wide, [], "no element runs past the A4 text width");
  const cdp = await ext.context.newCDPSession(view);
  const pdf = await cdp.send("Page.printToPDF", { paperWidth: 8.27, paperHeight: 11.69, preferCSSPageSize: true, printBackground: true });
  const bytes = Buffer.from(pdf.data, "base64");
  assert.equal(bytes.subarray(0, 5).toString(), "%PDF-", "a PDF");
  const pages = (bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1, `the PDF has pages (${pages})`);
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(bytes.toString("latin1"));
  assert.ok(box && Math.abs(Number(box[1]) - 595.3) < 2 && Math.abs(Number(box[2]) - 841.9) < 2, `A4 pages (MediaBox ${box && box.slice(1).join(" x ")})`);
  await view.close();

  // Markdown: not empty, the same rules, the draft fingerprint.
  const md = await exportAs(popup, "markdown");
  assert.match(md.name, /\.md$/);
  assert.ok(md.text.trim().length > 0);
  const mdRules = [...md.text.matchAll(/^- \*\*.+?\*\* \(`([a-z0-9-]+)`, /gm)].map((m) => m[1]);
  assert.deepEqual(mdRules.sort(), [...rules].sort());
  assert.ok(md.text.includes(draftFingerprint));
  // Issue 11: the report's values in words of the summary's language, not the engine's codes.
  assert.match(md.text, /^- \*\*Rule packs\*\*: Netherlands$/m);
  assert.match(md.text, /^- \*\*Audience\*\*: Not known or mixed$/m);
  assert.equal(summary.audience, "unknown");
  assert.match(await popup.textContent("#export-status"), /mailwacht-summary-.*\.md/);
  assert.deepEqual(popup.errors, []);
  await popup.close();
  await page.close();
});

test("a tab without a draft says so, with what to do", async () => {
  const page = await ext.context.newPage();
  const url = plain.url("article.html");
  await page.goto(url);
  const popup = await openPopup(await tabIdOf(url));
  await finished(popup);
  assert.equal(await popup.evaluate(() => document.body.dataset.phase), "no-draft");
  assert.ok(await popup.isVisible("#no-draft"));
  assert.equal(await popup.textContent("#no-draft h2"), EN.popupNoDraftTitle.message);
  assert.equal(await popup.textContent("#no-draft-reason"), EN.popupNoDraftNone.message);
  assert.ok(!(await popup.isVisible("#result")));
  assert.deepEqual(popup.errors, []);
  await popup.close();
  await page.close();
});

test("while the engine boots, the popup shows the boot with its progress, then the findings", async () => {
  const page = await ext.context.newPage();
  const url = site.url("editors/contenteditable.html");
  await page.goto(url);
  const tabId = await tabIdOf(url);
  // A cold boot (no snapshot) takes seconds: the popup opens while it runs.
  const restarting = ext.send({ kind: "engine:restart", dropSnapshot: true });
  const popup = await openPopup(tabId);
  await popup.waitForSelector('#engine[data-state="booting"]', { timeout: 10000 });
  assert.ok(await popup.isVisible("#engine-progress"), "a progress bar while booting");
  assert.match(await popup.textContent("#engine-state"), new RegExp(EN.popupState_booting.message));
  await finished(popup);
  await restarting;
  assert.equal(await popup.evaluate(() => document.body.dataset.phase), "done");
  await popup.waitForSelector('#engine[data-state="ready"]', { timeout: 10000 });
  assert.ok(!(await popup.isVisible("#engine-progress")));
  assert.ok((await popup.$$("li.finding")).length > 0);
  await popup.close();
  await page.close();
});

test("a finding dismissed on its card is left out of the popup's list and exported as dismissed", async () => {
  const page = await ext.context.newPage();
  const url = site.url("editors/contenteditable.html");
  await page.goto(url);
  await waitForMark(page, "logo-missing");
  const fingerprint = await page.evaluate(() => document.querySelector("mailwacht-root").shadowRoot.querySelector('[data-rule="logo-missing"]').dataset.fingerprint);
  await dismissFinding(page, "logo-missing");
  await waitForNoMark(page, "logo-missing");
  // The cards keep it in storage.local under the draft's key (content/util.js); the popup reads it there.
  await until(async () => {
    const raw = await (await ext.page()).evaluate(() => chrome.storage.local.get("mailwacht.dismissed").then((r) => JSON.stringify(r)));
    return raw.includes(fingerprint);
  }, "the dismissal in storage");

  const popup = await openPopup(await tabIdOf(url));
  await finished(popup);
  assert.equal(await popup.evaluate(() => document.body.dataset.phase), "done");
  const listed = await popup.$$eval("li.finding", (items) => items.map((li) => li.dataset.rule));
  assert.ok(listed.includes("unsubscribe-missing"), listed.join(", "));
  assert.ok(!listed.includes("logo-missing"), "the dismissed finding is not listed");
  const summary = JSON.parse((await exportAs(popup, "json")).text);
  const dismissed = summary.groups.filter((g) => g.key === "dismissed").flatMap((g) => g.findings);
  assert.deepEqual(dismissed.map((f) => f.fingerprint), [fingerprint], "exported in the summary's dismissed group");
  assert.ok(!summary.groups.filter((g) => g.key !== "dismissed").flatMap((g) => g.findings).some((f) => f.fingerprint === fingerprint));
  assert.deepEqual(popup.errors, []);
  await popup.close();
  await page.close();
});

test("on a site where Mailwacht does not run, the popup says so and 'Add this site' adds it", async () => {
  // A copy of the extension whose content scripts do not match the test host (it may still script
  // it, as a toolbar click's activeTab allows): the test host is a site Mailwacht does not run on.
  const bare = testExtension(undefined, { contentScripts: false });
  const other = await launchExtension({ extensionPath: bare.path });
  try {
    const page = await other.context.newPage();
    const url = plain.url("article.html");
    await page.goto(url);
    const tabId = await tabIdOf(url, other);
    let popup = await openPopup(tabId, other);
    await finished(popup);
    await popup.waitForSelector("#site:not([hidden])");
    assert.equal(await popup.getAttribute("#site", "data-runs"), "false");
    const stateText = await popup.textContent("#site-state");
    assert.ok([EN, NL].some((m) => stateText.startsWith(m.popupSiteNotRunning.message.split("$SITE$")[0])), stateText);
    assert.ok(stateText.includes("127.0.0.1"), stateText);
    assert.ok(await popup.isVisible("#site-add"), "'Add this site' is offered");
    assert.ok([EN.popupSiteAdd.message, NL.popupSiteAdd.message].includes((await popup.textContent("#site-add")).trim()));
    // The host is granted to the test copy already, so the browser asks nothing and the site is added.
    await popup.click("#site-add");
    await popup.waitForFunction(() => document.querySelector("#site-status").textContent.length > 0, null, { timeout: 15000 });
    assert.ok(await popup.isHidden("#site-add"), await popup.textContent("#site-status"));
    const stored = await popup.evaluate(() => chrome.storage.sync.get("settings").then((r) => r.settings.customSites));
    assert.deepEqual(stored, ["http://127.0.0.1/*"]);
    assert.deepEqual(popup.errors, []);
    await popup.close();
    // After a reload the content script runs there, and the popup says so.
    await page.reload();
    await until(async () => {
      popup = await openPopup(tabId, other);
      await finished(popup);
      const runs = await popup.getAttribute("#site", "data-runs");
      const offered = await popup.isVisible("#site-add");
      await popup.close();
      return runs === "true" && !offered;
    }, "the popup to say Mailwacht runs on the added site");
  } finally {
    await other.close();
    bare.remove();
  }
});

/** Every `[data-i18n]` text of `page` that differs from `messages` (key, shown, expected). */
const offLanguage = (page, messages) =>
  page.$$eval("[data-i18n]", (els, m) => els.map((e) => [e.dataset.i18n, e.textContent, m[e.dataset.i18n]?.message]).filter(([, shown, want]) => shown !== want), messages);

/** The form of `key` for `count` as Intl.PluralRules picks it in `locale` (the popup's t.plural). */
const plural = (messages, locale, key, count) => {
  const variant = `${key}_${new Intl.PluralRules(locale).select(count)}`;
  return (messages[variant] || messages[key]).message;
};

test("issue 11: a browser in English, Mailwacht set to Dutch: the popup speaks Dutch, with correct plurals", async () => {
  // A page of our own with a Dutch newsletter draft that has exactly one error (no unsubscribe link).
  const root = mkdtempSync(join(tmpdir(), "mailwacht-lang-"));
  writeFileSync(
    join(root, "draft.html"),
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Concept</title></head><body>' +
      '<input name="subject" value="Aanbieding december"><div id="editor" contenteditable="true">' +
      "<p>Beste klant,</p><p>Deze maand hebben we een mooie aanbieding voor u: alle jassen met 20% korting in onze winkel.</p>" +
      "<p>Met vriendelijke groet,<br>Acme B.V.</p><p>U ontvangt deze e-mail omdat u zich heeft aangemeld bij Acme B.V.<br>" +
      "Acme B.V., Keizersgracht 1, 1015 AA Amsterdam, telefoon 020 123 4567</p></div></body></html>",
  );
  const server = await startServer({ root });
  const english = await launchExtension({ extensionPath: copy.path, args: ["--lang=en"] });
  try {
    await english.waitForEngine();
    const setup = await english.page();
    // The premise: the browser's own language (chrome.i18n) is English.
    assert.match(await setup.evaluate(() => chrome.i18n.getUILanguage()), /^en/);
    assert.equal(await setup.evaluate(() => chrome.i18n.getMessage("popupOptions")), EN.popupOptions.message);
    await setup.evaluate(() => chrome.storage.sync.set({ settings: { locale: "nl" } }));

    const page = await english.context.newPage();
    const url = server.url("draft.html");
    await page.goto(url);
    const popup = await openPopup(await tabIdOf(url, english), english);
    await finished(popup);
    assert.equal(await popup.evaluate(() => document.body.dataset.phase), "done");
    assert.equal(await popup.getAttribute("html", "lang"), "nl");
    assert.deepEqual(await offLanguage(popup, NL), [], "every fixed string of the popup is the Dutch one");
    // The findings (the engine's words) and their fix texts are Dutch too.
    const counts = await popup.$$eval(".group", (groups) => groups.map((g) => ({ severity: g.dataset.severity, n: g.querySelectorAll("li.finding").length, heading: g.querySelector("h2").textContent })));
    const errors = counts.find((g) => g.severity === "error");
    assert.ok(errors && errors.n === 1, `exactly one error on this draft: ${JSON.stringify(counts)}`);
    for (const g of counts) assert.equal(g.heading, plural(NL, "nl", `popupGroup_${g.severity}`, g.n).replace("$COUNT$", String(g.n)), g.severity);
    assert.equal(errors.heading, "1 fout", "one error: singular");
    assert.equal(await popup.textContent("#verdict"), NL.popupVerdict_error_one.message.replace("$ERRORS$", "1"));
    assert.doesNotMatch(await popup.textContent("#result"), /\((en|s)\)|\b1 (fouten|waarschuwingen|tips)\b/, "no 'fout(en)', no '1 tips'");
    assert.ok((await popup.textContent('li.finding[data-rule="unsubscribe-missing"] .fix')).startsWith(`${NL.contentFix.message} `), "the fix text in Dutch");
    assert.match(await popup.textContent('li.finding[data-rule="unsubscribe-missing"] .message'), /afmeldlink/, "the engine's message in Dutch");
    assert.deepEqual(popup.errors, []);
    await popup.close();
    await page.close();
  } finally {
    await english.close();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
