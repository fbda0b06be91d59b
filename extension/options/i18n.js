/**
 * Strings in the language the user chose in Mailwacht's settings. `chrome.i18n` always follows
 * the browser's language, so the options page and the popup read the chosen locale's
 * `_locales/<locale>/messages.json` themselves (the same files, so translators keep one place).
 * Placeholders work as in chrome.i18n: `$NAME$` names an entry of `placeholders` whose content is
 * `$1`…`$9`, filled from `subs`; `$$` is a dollar sign.
 */

const cache = new Map();

async function fetchMessages(locale) {
  if (!cache.has(locale)) {
    cache.set(
      locale,
      fetch(chrome.runtime.getURL(`_locales/${locale}/messages.json`))
        .then((r) => (r.ok ? r.json() : {}))
        .catch(() => ({})),
    );
  }
  return cache.get(locale);
}

export function format(entry, subs) {
  const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const positional = (text) => text.replace(/\$(\d)/g, (_, n) => (list[Number(n) - 1] ?? ""));
  let text = entry.message;
  const placeholders = entry.placeholders || {};
  text = text.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name) => {
    const ph = Object.entries(placeholders).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return ph ? positional(ph[1].content) : whole;
  });
  return positional(text).replace(/\$\$/g, "$");
}

/**
 * A translator for `locale`: `t(key, subs)` gives the message, falling back to English, then to
 * the browser's chrome.i18n, then to the key itself (so a missing string is visible, not blank).
 *
 * `t.plural(key, count, subs)`: the form of `key` for the number `count` in this language, chosen
 * by Intl.PluralRules (CLDR: in Dutch and English "one" is exactly 1, every other number, 0
 * included, is "other"): the message `<key>_<category>` when the language has it (e.g.
 * `recCount_one` "1 mailing vastgelegd"), else `<key>` itself, which holds the "other" form
 * ("3 mailings vastgelegd"). `subs` defaults to the count. So no "1 tips" and no "fout(en)".
 */
export async function translator(locale) {
  const [own, en] = await Promise.all([fetchMessages(locale), fetchMessages("en")]);
  const t = (key, subs) => {
    const entry = own[key] || en[key];
    if (entry) return format(entry, subs);
    return chrome.i18n.getMessage(key, subs) || key;
  };
  const rules = new Intl.PluralRules(locale);
  t.plural = (key, count, subs = [String(count)]) => {
    const variant = `${key}_${rules.select(count)}`;
    // The chosen language's own form first; English's only when the language has neither.
    if (own[variant]) return format(own[variant], subs);
    if (own[key]) return format(own[key], subs);
    return t(en[variant] ? variant : key, subs);
  };
  t.locale = locale;
  return t;
}

/** Fill every `[data-i18n]` element's text (and `[data-i18n-title]` title) under `root`. */
export function applyStrings(root, t) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  if (root.documentElement) root.documentElement.lang = t.locale;
}
