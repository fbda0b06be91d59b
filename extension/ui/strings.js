/**
 * Mailwacht's own words on a page (the send dialog, the quick fixes' profile form; the cards can
 * use it too) in the language chosen in Mailwacht's settings, not the browser's (issue 11: "one
 * language everywhere"). `chrome.i18n` always follows the browser, so the two catalogues
 * (`_locales/{nl,en}/messages.json`, the files the store listing and the extension pages read too,
 * options/i18n.js) are bundled into the content script by esbuild: the lookup is synchronous and
 * needs no request from the page (a fetch of an extension file from a page would need
 * web_accessible_resources, which lets every page probe for Mailwacht).
 *
 *   const t = createStrings(() => locale);   // "nl" | "en", read at each call (the setting may change)
 *   t("gateBack"); t("gateFixApplied", ["Insert footer"]);
 *   t.plural("gateCountErrors", 2);           // as options/i18n.js: `<key>_<category>` by Intl.PluralRules, else `<key>`
 *   t.list(["2 errors", "1 warning"]);        // "2 errors and 1 warning" / "2 fouten en 1 waarschuwing" (Intl.ListFormat)
 *   t.locale                                  // the language in force
 *
 * A key missing in the chosen language falls back to English, then to the key itself (visible,
 * never blank). Placeholders as in chrome.i18n (options/i18n.js format).
 */
import en from "../_locales/en/messages.json";
import nl from "../_locales/nl/messages.json";
import { format } from "../options/i18n.js";

const CATALOGUES = { en, nl };

/** A translator that follows `locale()` ("nl" | "en"; anything else is English). */
export function createStrings(locale) {
  const current = () => {
    const chosen = locale();
    return Object.hasOwn(CATALOGUES, chosen) ? chosen : "en";
  };
  const t = (key, subs) => {
    const entry = CATALOGUES[current()][key] || CATALOGUES.en[key];
    return entry ? format(entry, subs) : key;
  };
  const rules = new Map();
  t.plural = (key, count, subs = [String(count)]) => {
    const loc = current();
    if (!rules.has(loc)) rules.set(loc, new Intl.PluralRules(loc));
    const own = CATALOGUES[loc];
    const variant = `${key}_${rules.get(loc).select(count)}`;
    // The chosen language's own form first; English's only when the language has neither.
    if (own[variant]) return format(own[variant], subs);
    if (own[key]) return format(own[key], subs);
    return t(CATALOGUES.en[variant] ? variant : key, subs);
  };
  t.list = (items) => new Intl.ListFormat(current(), { type: "conjunction" }).format(items);
  Object.defineProperty(t, "locale", { get: current });
  return t;
}
