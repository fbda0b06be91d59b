/**
 * The editor adapters' shared part (issue 4): what an adapter is, and the envelope fields (From,
 * To, Cc, Bcc, Subject) every adapter reads. The adapters (one file each, in adapters/) are listed
 * in reader/editors.js, which asks them in order
 * of `priority` (highest first) so that a specific adapter (TinyMCE's iframe body) claims its
 * editor before a generic one (any contenteditable) would.
 *
 * An adapter is `{id, priority, find(doc, claimed) -> Editor[]}`. `find` gets the top document
 * and the Set of elements already claimed by higher adapters; it returns the editors it
 * recognises (it must not return a claimed root). An Editor is:
 *
 *   {
 *     adapter: "tinymce",            // the adapter's id
 *     root: Element,                 // the editor root: location selectors are relative to it
 *     doc: Document,                 // root's document (an iframe's for iframe editors)
 *     anchor: Element,               // the element whose box is the editor on screen (iframe or root)
 *     mode: "html" | "textarea",     // "textarea": the draft is a value, not a live DOM
 *     platform: "auto",              // py_core Options.platform this editor implies
 *     draft(): {html?, text?, subject?, to?, cc?, bcc?, …}   // a py_core Draft (model.py) as JSON
 *     fields: {subject?: Element, …} // the page's envelope fields (for field locations)
 *     watch: Node[],                 // extra nodes whose changes change the draft (envelope inputs)
 *   }
 *
 * Adapters only read the page. None of them writes to the editor or its document.
 */
import { splitAddresses } from "../addresses.js";

/**
 * The generic compose detector's envelope (issue 10): From, To, Cc, Bcc and Subject fields on
 * any page, recognised by their name or id, or by the words that label them (aria-label,
 * aria-labelledby, a <label for> or a wrapping <label>, placeholder, title, or a short text just
 * before the field), in Dutch, English, German and French. Whole labels only, compared without
 * case, a trailing colon or asterisk and a "(…)" tail ("Kopie (Cc)", "Send (Ctrl-Enter)").
 * Webmail words: Gmail's "To recipients", Outlook's "Add a subject", Dutch "Aan"/"Onderwerp",
 * German "An"/"Betreff"/"Kopie"/"Blindkopie", French "À"/"Objet"/"Cci".
 */
const FIELD_NAMES = {
  subject: ["subject", "_subject", "onderwerp", "betreff", "objet"],
  to: ["to", "_to", "aan", "recipients"],
  cc: ["cc", "_cc"],
  bcc: ["bcc", "_bcc", "cci"],
  from: ["from", "_from", "sender", "afzender", "absender"],
  from_name: ["from_name", "fromname", "sender_name", "sendername"],
};
const words = (list) => new RegExp(`^(${list.join("|")})$`, "iu");
const FIELD_LABELS = {
  subject: words(["subject", "onderwerp", "betreff", "objet", "sujet", "add a subject", "onderwerp toevoegen", "betreff hinzufügen", "ajouter un objet"]),
  to: words(["to", "to recipients", "recipients?", "aan", "ontvangers?( aan)?", "an", "empfänger( an)?", "à", "destinataires?( à)?"]),
  cc: words(["cc", "cc recipients", "kopie", "kopie aan", "ontvangers cc", "empfänger (cc|kopie)", "copie", "copie à", "destinataires cc"]),
  bcc: words(["bcc", "bcc recipients", "blindkopie", "blinde kopie", "bcc aan", "ontvangers bcc", "empfänger (bcc|blindkopie)", "cci", "copie cachée( à)?", "destinataires cci"]),
  from: words(["from", "sender", "van", "afzender", "von", "absender", "de", "expéditeur", "expediteur"]),
  from_name: words(["from name", "sender name", "afzendernaam", "naam afzender", "absendername", "name des absenders", "nom de l['’]expéditeur", "nom d['’]expéditeur", "nom de l['’]expediteur"]),
};
// Only these elements can hold an envelope field (not the body: a message editor is never one).
const FIELD_CONTROLS = 'input:not([type]), input[type="text"], input[type="email"], input[type="search"], input[type="hidden"], textarea, select, [contenteditable="true"], [role="combobox"], [role="textbox"], [role="listbox"]';
const value = (el) => (el && typeof el.value === "string" ? el.value : "");

/** A label's words compared whole: lower case, no colon/asterisk/"(…)" tail, spaces collapsed. */
function normal(text) {
  return String(text || "")
    .replace(/\s*\([^()]*\)\s*$/, "")
    .replace(/[\s:*…]+$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Every text that labels the control `el` (see FIELD_LABELS above), normalised. */
function labelsOf(el) {
  const doc = el.ownerDocument;
  const out = [el.getAttribute("aria-label"), el.getAttribute("placeholder"), el.getAttribute("title")];
  for (const id of (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean)) {
    const ref = doc.getElementById(id);
    if (ref) out.push(ref.textContent);
  }
  if (el.labels) for (const label of el.labels) out.push(label.textContent.replace(el.textContent || "", ""));
  else if (el.id) for (const label of doc.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)) out.push(label.textContent);
  const prev = el.previousElementSibling;
  if (prev && !prev.matches(FIELD_CONTROLS) && prev.textContent.length <= 24) out.push(prev.textContent);
  return out.filter((x) => typeof x === "string" && x.trim()).map(normal);
}

// Fields known by their label only: short words such as "Van", "An", "De" also label other
// inputs ("Van" a date filter's start), so what such a field holds counts only when it is an
// address (envelopeDraft): a From with an "@" (or a <select> of identities), recipients with one.
const byLabel = new WeakSet();

/** Which envelope field `el` is (by name or id first, then by its labels), or null. */
export function fieldOf(el) {
  const ids = [el.getAttribute("name"), el.getAttribute("id")].filter(Boolean).map((n) => n.toLowerCase());
  for (const [field, names] of Object.entries(FIELD_NAMES)) if (ids.some((n) => names.includes(n))) return field;
  if (el.type === "hidden") return null; // a hidden input counts only by its name
  const labels = labelsOf(el);
  for (const [field, re] of Object.entries(FIELD_LABELS)) {
    if (labels.some((l) => re.test(l))) {
      byLabel.add(el);
      return field;
    }
  }
  return null;
}

/**
 * The envelope fields that belong with the editor at `near`: of the page's labelled fields, those
 * inside the nearest ancestor of `near` that holds any (the compose form or floating window: a
 * page with two compose windows keeps each window's fields apart), the first of each kind.
 */
export function envelopeFields(near) {
  const doc = near.ownerDocument;
  const found = [];
  for (const el of doc.querySelectorAll(FIELD_CONTROLS)) {
    if (el === near || el.contains(near) || near.contains(el)) continue;
    const field = fieldOf(el);
    if (field) found.push([field, el]);
  }
  const fields = {};
  if (!found.length) return fields;
  let scope = near.parentElement;
  while (scope && !found.some(([, el]) => scope.contains(el))) scope = scope.parentElement;
  for (const [field, el] of found) if ((!scope || scope.contains(el)) && !fields[field]) fields[field] = el;
  // The From field says name and address; the overlay's from_name locations point at it.
  if (fields.from && !fields.from_name) Object.defineProperty(fields, "from_name", { value: fields.from, enumerable: false, configurable: true, writable: true });
  return fields;
}

const EMAIL = /[^\s<>()"',;:@]+@[^\s<>()"',;:@]+\.[^\s<>()"',;:@]+/g;
// A chip's whole text: an address, or "Name <address>".
const CHIP_TEXT = /^\s*(?:[^<>@]*<\s*)?[^\s<>()"',;:@]+@[^\s<>()"',;:@]+\.[^\s<>()"',;:@]+\s*>?\s*$/;
const CHIP_ATTRS = ["email", "data-email", "data-address", "data-hovercard-id", "data-value", "title"];

/**
 * The box around a recipient field that holds its chips: the field itself when it is no form
 * control (a labelled list), else its parent (two levels at most) as long as that holds no other
 * envelope field and not the editor.
 */
function chipBox(el, fields, near) {
  if (!/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return el;
  let box = null;
  for (let node = el.parentElement, depth = 0; node && depth < 2; node = node.parentElement, depth++) {
    if (node.contains(near) || Object.values(fields).some((f) => f !== el && node.contains(f))) break;
    box = node;
  }
  return box;
}

/**
 * The recipients of one field: the entries typed in it (split on commas and semicolons) and the
 * addresses of its chips (elements whose attribute or whole text is an address), each once.
 */
function recipientsOf(el, fields, near) {
  const typed = el.tagName === "SELECT" ? [] : splitAddresses(el.isContentEditable ? el.textContent : value(el));
  const out = byLabel.has(el) ? typed.filter((entry) => /@/.test(entry)) : typed;
  const seen = new Set(out.flatMap((entry) => (entry.match(EMAIL) || []).map((a) => a.toLowerCase())));
  const box = chipBox(el, fields, near);
  if (!box) return out;
  const texts = [];
  for (const node of box.querySelectorAll("*")) {
    if (node === el) continue;
    for (const attr of CHIP_ATTRS) if (node.hasAttribute(attr)) texts.push(node.getAttribute(attr));
    if (node.tagName === "INPUT") texts.push(value(node));
    else if (!node.firstElementChild && CHIP_TEXT.test(node.textContent)) texts.push(node.textContent);
  }
  for (const text of texts) {
    for (const m of String(text || "").match(EMAIL) || []) {
      const address = m.toLowerCase();
      if (!seen.has(address)) {
        seen.add(address);
        out.push(m);
      }
    }
  }
  return out;
}

/** From a From field's text ("Name <address>", an address, or a name): {from_name, from_address}. */
function parseFrom(text) {
  const m = /^\s*"?([^"<]*?)"?\s*<([^<>]+)>\s*$/.exec(text || "");
  if (m) return { from_name: m[1].trim(), from_address: m[2].trim() };
  const t = (text || "").trim();
  return t.includes("@") ? { from_name: "", from_address: t } : { from_name: t, from_address: "" };
}

/** A field's text: an input's value, a select's chosen option, an editable's text. */
function textOf(el) {
  if (el.tagName === "SELECT") return el.selectedOptions && el.selectedOptions[0] ? el.selectedOptions[0].textContent : "";
  if (typeof el.value === "string") return el.value;
  return el.textContent || "";
}

/** The envelope part of a draft read from `fields` (envelopeFields; `near`: the editor's anchor). */
export function envelopeDraft(fields, near = null) {
  const draft = {};
  if (fields.subject) draft.subject = textOf(fields.subject);
  const fromText = fields.from ? textOf(fields.from) : "";
  if (fields.from && (!byLabel.has(fields.from) || fields.from.tagName === "SELECT" || fromText.includes("@"))) {
    const from = parseFrom(fromText);
    if (from.from_name) draft.from_name = from.from_name;
    if (from.from_address) draft.from_address = from.from_address;
  }
  if (fields.from_name && fields.from_name !== fields.from) draft.from_name = textOf(fields.from_name);
  for (const list of ["to", "cc", "bcc"]) if (fields[list]) draft[list] = recipientsOf(fields[list], fields, near);
  return draft;
}
