/**
 * The quick fix "Insert footer" without placeholders (issue 11), the part of the quick-fix module
 * (marks/quickfix.js) that the send dialog (gate/dialog.js) and the card (marks/overlay.js) share:
 * which profile fields a footer still needs, the small inline form that asks for them and saves
 * them to the profile, and the footer with the profile's own unsubscribe page in its link.
 * Knows nothing of `chrome.*`.
 */
/**
 * Issue 11: the footer never carries a "[…]" placeholder ("[naam van uw organisatie]",
 * "[AFMELDLINK]": it raised a new finding and offered a fix that could only fail in webmail). What
 * it needs from the organisation profile (shared/settings.js `org`) and does not find there is
 * asked first, in a small inline form (profileForm) that saves to the profile; then the footer
 * goes in. The fields, in the form's order:
 *   name: org.name; address: org.address; contact: org.phone or org.website (one field, told
 *   apart by contactKind); unsubscribe: org.unsubscribe, the web address of the sender's own
 *   unsubscribe page, asked only where no platform merge tag makes the link (webmail, platforms
 *   without a known tag: the engine's `needs_unsubscribe_url`). Only http(s): a mailto link is a
 *   manual way out (the engine's unsubscribe-manual).
 */

import { element } from "../shared/util.js";

export const PROFILE_FIELDS = ["name", "address", "contact", "unsubscribe"];

/** An unsubscribe page as typed -> its normalised http(s) address, or "" when it is none. */
export function unsubscribeAddress(input) {
  let text = typeof input === "string" ? input.trim() : "";
  if (!text || text.length > 500 || /\s/.test(text)) return "";
  if (!/^https?:\/\//i.test(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d/.test(text)) return ""; // another scheme (mailto:, javascript:)
    text = `https://${text}`; // a bare host and path
  }
  let url;
  try {
    url = new URL(text);
  } catch {
    return "";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "";
  // A host with a dot (example.nl) and no credentials: "afmelden" alone is no address.
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname) || url.username || url.password) return "";
  return url.href;
}

/** "phone" | "website" | null: what a contact field holds (a phone number: 6+ digits, no letters). */
export function contactKind(input) {
  const text = typeof input === "string" ? input.trim() : "";
  if (!text) return null;
  if (/^[+()\d\s./-]+$/.test(text) && (text.match(/\d/g) || []).length >= 6) return "phone";
  if (!/\s/.test(text) && /^(https?:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]\S*)?$/i.test(text)) return "website";
  return null;
}

/** The profile fields (PROFILE_FIELDS order) the footer `footer` (engine:footer's reply) still needs from `org`. */
export function footerNeeds(org, footer) {
  const o = org || {};
  const has = (v) => typeof v === "string" && v.trim() !== "";
  const missing = [];
  if (!has(o.name)) missing.push("name");
  if (!has(o.address)) missing.push("address");
  if (!has(o.phone) && !has(o.website)) missing.push("contact");
  if (footer && footer.needs_unsubscribe_url && !unsubscribeAddress(o.unsubscribe)) missing.push("unsubscribe");
  return missing;
}

/**
 * The engine's footer with its unsubscribe marker (py_core/export/footer.py: where nothing fills a
 * merge tag, the link's target is a visible marker) replaced by `url`: in HTML the footer's last
 * link (footer.html.jinja: the unsubscribe link comes last), in text its last word. Null when the
 * footer is not of that shape (then nothing is inserted).
 */
export function withUnsubscribe(footer, format, url) {
  if (!footer.needs_unsubscribe_url) return footer.content;
  if (format === "text") {
    const m = /(\S+)(\s*)$/.exec(footer.content);
    if (!m || !/^\[[^\]]+\]$/.test(m[1])) return null;
    return footer.content.slice(0, m.index) + url + m[2];
  }
  // Parsed in an inert document (no scripts run, nothing loads).
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${footer.content}</body>`, "text/html");
  const links = doc.body.querySelectorAll("a[href]");
  const link = links[links.length - 1];
  if (!link || !/^\[[^\]]+\]$/.test(link.getAttribute("href"))) return null;
  link.setAttribute("href", url);
  return doc.body.innerHTML;
}

/** The partial `org` a filled profile form stands for ({name?, address?, phone|website?, unsubscribe?}). */
export function profileFields(values) {
  const out = {};
  for (const [field, raw] of Object.entries(values)) {
    const value = String(raw || "").trim();
    if (!value) continue;
    if (field === "contact") out[contactKind(value) === "phone" ? "phone" : "website"] = value;
    else if (field === "unsubscribe") out.unsubscribe = unsubscribeAddress(value);
    else if (field === "name" || field === "address") out[field] = value;
  }
  return out;
}

/** The form's look; the host (the dialog's or the card's stylesheet, one shadow root) adds it once. */
export const PROFILE_FORM_CSS = `
.mw-profile-form { display: grid; gap: 8px; margin: 8px 0 2px; padding: 10px 12px; background: #ffffff; border: 1px solid #dadce0; border-radius: 6px;
font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #202124; }
.mw-profile-form p { margin: 0; }
.mw-profile-form label { display: grid; gap: 3px; font-weight: 600; }
.mw-profile-form input { box-sizing: border-box; width: 100%; font: 14px/1.3 system-ui, sans-serif; padding: 6px 8px; border: 1px solid #9aa0a6; border-radius: 4px; color: #202124; background: #ffffff; }
.mw-profile-form input:user-invalid { border-color: #c5221f; }
.mw-profile-form .mw-profile-actions { display: flex; gap: 8px; flex-wrap: wrap; }
.mw-profile-form button { font: 600 13px/1.2 system-ui, sans-serif; padding: 6px 12px; border-radius: 6px; cursor: pointer; }
.mw-profile-form button[type="submit"] { background: #1a73e8; color: #ffffff; border: 1px solid #1a73e8; }
.mw-profile-form button[type="button"] { background: #ffffff; color: #1a73e8; border: 1px solid #1a73e8; }
.mw-profile-form .mw-profile-error { color: #c5221f; }
.mw-profile-form .mw-profile-error:empty { display: none; }
.mw-profile-form input:focus-visible, .mw-profile-form button:focus-visible { outline: 3px solid #174ea6; outline-offset: 2px; }
@media (forced-colors: active) { .mw-profile-form { border: 1px solid CanvasText; } }
`;

const FIELD_LABELS = { name: "quickfixFieldName", address: "quickfixFieldAddress", contact: "quickfixFieldContact", unsubscribe: "quickfixFieldUnsubscribe" };
const AUTOCOMPLETE = { name: "organization", address: "street-address", contact: "off", unsubscribe: "url" };
let formCount = 0;

/**
 * The small inline form that asks for the profile fields a footer still needs (issue 11), for the
 * send dialog (gate/dialog.js) and the card (marks/overlay.js); it knows nothing of `chrome.*`:
 *
 *   const form = profileForm({document, t, missing, save, onSaved, onCancel});
 *   place.append(form); form.querySelector("input").focus();
 *
 * `missing`: footerNeeds(...) (the quick fix's `needs`); `t(key, subs)`: the strings
 * (ui/strings.js); `save(fields)` -> Promise: stores the partial org (the quick fix's saveProfile);
 * `onSaved(fields)` once it is stored (the caller runs the fix again: the footer then goes in);
 * `onCancel()` on "Cancel" or Escape. Every field is required and checked as typed (contact: a
 * phone number or a website; unsubscribe: an http(s) address); nothing is saved until all are valid.
 * Its look is PROFILE_FORM_CSS, which the host adds to its shadow root's stylesheet.
 */
export function profileForm({ document: doc, t, missing, save, onSaved = () => {}, onCancel = () => {} }) {
  const el = (tag, props, children) => element(doc, tag, props, children);
  const id = `mw-profile-${++formCount}`;
  const inputs = PROFILE_FIELDS.filter((f) => missing.includes(f)).map((field) =>
    el("input", { type: "text", name: field, id: `${id}-${field}`, required: "", autocomplete: AUTOCOMPLETE[field], maxlength: field === "unsubscribe" ? "500" : "300", spellcheck: "false" }),
  );
  const error = el("p", { class: "mw-profile-error", role: "alert" });
  const submit = el("button", { type: "submit", "data-action": "profile-save", text: t("quickfixSaveInsert") });
  const cancel = el("button", { type: "button", "data-action": "profile-cancel", text: t("quickfixCancel") });
  const form = el("form", { class: "mw-profile-form", "data-mailwacht": "profile-form", "aria-labelledby": `${id}-intro` }, [
    el("p", { id: `${id}-intro`, text: t("quickfixProfileIntro") }),
    ...inputs.map((input) => el("label", { for: input.id }, [el("span", { text: t(FIELD_LABELS[input.name]) }), input])),
    error,
    el("div", { class: "mw-profile-actions" }, [submit, cancel]),
  ]);
  const validate = (input) => {
    const value = input.value.trim();
    let message = "";
    if (value && input.name === "contact" && !contactKind(value)) message = t("quickfixContactInvalid");
    if (value && input.name === "unsubscribe" && !unsubscribeAddress(value)) message = t("quickfixUnsubscribeInvalid");
    input.setCustomValidity(message);
  };
  for (const input of inputs) input.addEventListener("input", () => validate(input));
  let saving = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (saving) return;
    for (const input of inputs) validate(input);
    if (!form.reportValidity()) return;
    const fields = profileFields(Object.fromEntries(inputs.map((i) => [i.name, i.value])));
    saving = true;
    submit.disabled = true;
    cancel.disabled = true;
    error.textContent = "";
    try {
      await save(fields);
    } catch (err) {
      saving = false;
      submit.disabled = false;
      cancel.disabled = false;
      error.textContent = t("quickfixSaveFailed", [String((err && err.message) || err)]);
      return;
    }
    onSaved(fields);
  });
  cancel.addEventListener("click", () => onCancel());
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    // Escape closes the form, not the dialog or card around it.
    event.preventDefault();
    event.stopPropagation();
    if (!saving) onCancel();
  });
  return form;
}
