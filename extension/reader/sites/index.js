/**
 * The sites Mailwacht knows (issues 4, 5 and 12), one adapter file each in this folder;
 * reader/sites/registry.js says what a site is. The one list of sites is sites.json here (id,
 * adapter file, hosts as match patterns): build.py writes the built manifests' host_permissions and
 * content-script matches from it, and list.js, which imports the adapters in the list's order.
 * Adding a site: its file, and one entry in sites.json (then `python3 build.py`; CONTRIBUTING.md).
 *
 *   siteFor(doc) -> site | null    the site of the top document `doc` (null: only the generic
 *                                  adapters and, at send time, gate/sites.js's generic detector)
 *   siteIds() -> [id]
 */
import { onHosts } from "./hosts.js";
import { SITES } from "./list.js";

/**
 * Asked in sites.json's order: the first site on whose hosts the page is (a site without hosts: any
 * page) and whose own matches(doc) holds is the page's site. SITES is a function, not a constant:
 * the site files import reader/editors.js (editorIn), which imports this file, so the list is read
 * when asked, never while the modules are still being evaluated.
 */
export function siteFor(doc) {
  const found = SITES().find(({ site, hosts }) => {
    try {
      return (hosts.length === 0 || onHosts(hosts, doc.location.hostname)) && site.matches(doc);
    } catch {
      return false;
    }
  });
  return found ? found.site : null;
}

export const siteIds = () => SITES().map(({ site }) => site.id);
