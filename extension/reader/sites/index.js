/**
 * The sites Mailwacht knows (issues 4 and 5), one file each in this folder; reader/sites/registry.js
 * says what a site is. Adding a site: its file, and one entry in SITES below.
 *
 *   siteFor(doc) -> site | null    the site of the top document `doc` (null: only the generic
 *                                  adapters and, at send time, gate/sites.js's generic detector)
 *   siteIds() -> [id]
 */
import brevo from "./brevo.js";
import carerix from "./carerix.js";
import gmail from "./gmail.js";
import mailchimp from "./mailchimp.js";
import outlook from "./outlook.js";
import roundcube from "./roundcube.js";
import tripolis from "./tripolis.js";

/**
 * Asked in this order; the first whose matches(doc) holds is the page's site. A function, not a
 * constant: the site files import reader/editors.js (editorIn), which imports this file, so the
 * list is read when asked, never while the modules are still being evaluated.
 */
const sites = () => [gmail, outlook, roundcube, mailchimp, brevo, tripolis, carerix];

/** The site of the top document `doc`, or null (then only the generic adapters and detector). */
export function siteFor(doc) {
  return (
    sites().find((s) => {
      try {
        return s.matches(doc);
      } catch {
        return false;
      }
    }) || null
  );
}

export const siteIds = () => sites().map((s) => s.id);
