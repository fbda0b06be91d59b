/**
 * A <textarea> holding the draft: Roundcube's plain-text mode, ESP "code" editors, simple forms.
 * The value is sent as `html` when it looks like markup, else as plain `text`.
 *
 * Not every textarea is an email: a visible, writable textarea counts when it is large enough to
 * hold one (MIN_HEIGHT) or is named like a message body. Locations inside the value cannot be
 * drawn over the textarea's text (no DOM), so every mark of a textarea editor sits along its
 * lower edge.
 */
import { isRendered } from "../../shared/util.js";
import { envelopeDraft, envelopeFields } from "./registry.js";
// A comment box is ~3 lines (~60 px); a message body is taller. Named bodies count at any size.
const MIN_HEIGHT = 100;
const BODY_NAME = /(^|[_-])(body|message|msg|html|content|bericht|mail|text)([_-]|$)/i;
// Markup: an opening or closing tag of a letter-named element (not "a < b" in plain text).
const LOOKS_LIKE_HTML = /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i;

/** The textarea adapter (reader/editors.js lists it). */
export default {
  id: "textarea",
  priority: 5,
  find(doc, claimed) {
    const editors = [];
    for (const area of doc.querySelectorAll("textarea")) {
      if (claimed.has(area) || area.readOnly || area.disabled || !isRendered(area)) continue;
      const named = BODY_NAME.test(area.name || "") || BODY_NAME.test(area.id || "");
      if (!named && area.getBoundingClientRect().height < MIN_HEIGHT) continue;
      const fields = envelopeFields(area);
      editors.push({
        adapter: "textarea",
        root: area,
        doc,
        anchor: area,
        mode: "textarea",
        platform: "auto",
        fields,
        watch: Object.values(fields),
        draft: () => {
          const value = area.value;
          const body = LOOKS_LIKE_HTML.test(value) ? { html: value } : { text: value };
          return { ...body, ...envelopeDraft(fields, area) };
        },
      });
    }
    return editors;
  },
};
