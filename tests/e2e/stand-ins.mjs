/**
 * The sites' stand-in pages (pages/sites/<site>.html, each saying what it is shaped after, and the
 * scripts and styles they share under /mailwacht-fixture/) served at the sites' real https
 * addresses inside a Playwright browser context: the shipped manifest's content scripts match those
 * hosts, so the built extension runs there as on the real site, and nothing leaves the machine.
 * Used by sites.test.mjs and sites-nl.test.mjs.
 */

import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { PAGES } from "./harness.mjs";

export const STAND_INS = join(PAGES, "sites");

/**
 * Answer every https request of `context` to a host of `sites` ({site: its real address}) with that
 * site's stand-in page, or with the shared file its /mailwacht-fixture/ path names.
 */
export async function serveStandIns(context, sites) {
  const hosts = new Map(Object.entries(sites).map(([site, url]) => [new URL(url).host, site]));
  await context.route(
    (url) => hosts.has(url.host) && url.protocol === "https:",
    (route) => {
      const url = new URL(route.request().url());
      if (url.pathname.startsWith("/mailwacht-fixture/")) {
        const body = readFileSync(join(STAND_INS, basename(url.pathname)));
        return route.fulfill({ status: 200, contentType: url.pathname.endsWith(".css") ? "text/css" : "text/javascript", body });
      }
      if (url.pathname === "/favicon.ico") return route.fulfill({ status: 404, body: "" });
      const body = readFileSync(join(STAND_INS, `${hosts.get(url.host)}.html`));
      return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body });
    },
  );
}
