/**
 * The options page's site list (split from options.js along its seam): the sites Mailwacht runs
 * on, the manifest's and the user's own. "Add" normalises a typed address into a match pattern and
 * asks the browser for that host; the background registers the content scripts (sites:sync, see
 * background/custom-sites.js); "Allow access" asks again for an own site without its permission;
 * "Remove" forgets the site and gives up its permission. The on/off boxes are read by options.js's
 * collect() (`#site-list input[type=checkbox]`).
 *
 * `createSites({page, lock, send})`: `page.current` is the page's {settings, locked, managed}
 * (read and replaced here), `page.t` its translator, `lock(control, container)` marks a managed
 * control. Returns {mount(), render(), applyStrings()}.
 */

import * as S from "../shared/settings.js";

const $ = (sel) => document.querySelector(sel);

export function createSites({ page, lock, send }) {
  let siteState = { registered: [], waiting: [] }; // the background's answer to sites:sync

  /** A match pattern without its scheme and path: "mail.google.com", "*.admin.mailchimp.com". */
  const siteName = (pattern) => pattern.replace(/^[a-z*]+:\/\//, "").replace(/\/\*$/, "");

  /** One row of the site list: the on/off box, the host, and for an own site its tag and buttons. */
  function siteRow(pattern, own) {
    const row = document.createElement("div");
    row.className = "site-row";
    row.dataset.site = pattern;
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = pattern;
    box.checked = page.current.settings.sites[pattern] !== false;
    const code = document.createElement("code");
    code.textContent = own && pattern.startsWith("http://") ? pattern.replace(/\/\*$/, "") : siteName(pattern);
    label.append(box, " ", code);
    row.append(label);
    if (page.current.locked.has(`sites.${pattern}`)) lock(box, row);
    if (!own) return row;
    row.dataset.own = "true";
    const tag = document.createElement("span");
    tag.className = "site-tag";
    tag.textContent = page.t("optionsSitesOwn");
    row.append(tag);
    if (siteState.waiting.includes(pattern)) {
      const note = document.createElement("span");
      note.className = "site-waiting";
      note.textContent = page.t("optionsSitesWaiting");
      const allow = document.createElement("button");
      allow.type = "button";
      allow.className = "site-allow";
      allow.textContent = page.t("optionsSitesAllow");
      allow.addEventListener("click", () => allowSite(pattern));
      row.append(note, allow);
    }
    if (page.current.locked.has(`customSites.${pattern}`)) {
      lock(box, row); // the organisation's site: no Remove
    } else {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "site-remove";
      remove.textContent = page.t("optionsSitesRemove");
      remove.addEventListener("click", () => removeSite(pattern));
      row.append(remove);
    }
    return row;
  }

  function renderSites() {
    const list = $("#site-list");
    list.replaceChildren();
    const builtIn = S.supportedSites();
    const own = page.current.settings.customSites || [];
    if (!builtIn.length && !own.length) {
      list.textContent = page.t("optionsSitesNone");
      return;
    }
    for (const pattern of builtIn) list.append(siteRow(pattern, false));
    for (const pattern of own) list.append(siteRow(pattern, true));
  }

  function siteStatus(key, subs) {
    $("#site-add-status").textContent = key ? page.t(key, subs) : "";
    document.body.dataset.sites = String(Date.now()); // for tests: the sites changed (or were refused)
  }

  /** Ask the background to register (or drop) the own sites' scripts; then redraw the list. */
  async function syncSites() {
    siteState = await send({ kind: "sites:sync" });
    renderSites();
  }

  /** Store the own sites (at once, nothing else of the form) and bring the registrations in line. */
  async function storeSites(patterns) {
    const saved = await S.saveCustomSites(patterns);
    page.current = { ...page.current, settings: { ...page.current.settings, customSites: saved.customSites } };
    await syncSites();
  }

  /** Whether an address is one the manifest's content scripts already cover. */
  function builtInCovers(pattern) {
    const url = pattern.replace(/\*$/, "");
    return S.supportedSites().some((p) => {
      const re = S.patternRegExp(p);
      return re && re.test(url);
    });
  }

  /**
   * "Add": normalise the typed address into a match pattern, ask the browser for that host (the
   * prompt needs the user's click, so permissions.request is called in this click's own turn, before
   * any await), then store the site; the background registers the content scripts (sites:sync).
   */
  function addSite() {
    const input = $("#site-add-input");
    const pattern = S.sitePattern(input.value);
    if (!pattern) return siteStatus("optionsSitesAddInvalid", [input.value.trim()]);
    const name = siteName(pattern);
    if (builtInCovers(pattern) || (page.current.settings.customSites || []).includes(pattern)) return siteStatus("optionsSitesAddKnown", [name]);
    chrome.permissions
      .request({ origins: [pattern] })
      .then(async (granted) => {
        if (!granted) return siteStatus("optionsSitesAddDenied", [name]);
        await storeSites([...(page.current.settings.customSites || []), pattern]);
        input.value = "";
        siteStatus("optionsSitesAdded", [name]);
      })
      .catch((err) => siteStatus("optionsSitesFailed", [err.message]));
  }

  /** "Allow access" on an own site whose permission the browser does not give (now): ask again. */
  function allowSite(pattern) {
    chrome.permissions
      .request({ origins: [pattern] })
      .then(async (granted) => {
        if (granted) await syncSites();
        siteStatus(granted ? "optionsSitesAdded" : "optionsSitesAddDenied", [siteName(pattern)]);
      })
      .catch((err) => siteStatus("optionsSitesFailed", [err.message]));
  }

  /** "Remove": forget the site, give up its host permission, and unregister its scripts. */
  async function removeSite(pattern) {
    try {
      // The browser refuses to remove a host the manifest itself requires; nothing else to undo then.
      await chrome.permissions.remove({ origins: [pattern] }).catch(() => false);
      await storeSites((page.current.settings.customSites || []).filter((p) => p !== pattern));
      siteStatus("optionsSitesRemoved", [siteName(pattern)]);
    } catch (err) {
      siteStatus("optionsSitesFailed", [err.message]);
    }
  }

  /** The own-site rows' words in the page's (new) language. */
  function applyStrings() {
    const strings = { ".site-tag": "optionsSitesOwn", ".site-waiting": "optionsSitesWaiting", ".site-remove": "optionsSitesRemove", ".site-allow": "optionsSitesAllow" };
    for (const [sel, key] of Object.entries(strings)) for (const el of document.querySelectorAll(sel)) el.textContent = page.t(key);
  }

  /** Draw the list, wire Add (button and Enter), and ask the background what it registered. */
  function mount() {
    renderSites();
    $("#site-add").addEventListener("click", addSite);
    $("#site-add-input").addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      e.preventDefault(); // Enter adds the site; it does not submit the whole form
      addSite();
    });
    // What the background has registered (and which own sites lack their permission); also re-registers.
    syncSites().catch((err) => siteStatus("optionsSitesFailed", [err.message]));
  }

  return { mount, render: renderSites, applyStrings };
}
