/**
 * A site's hosts as reader/sites/list.js gives them: the host part of sites.json's match patterns,
 * `host` (that host) or `*.domain` (the domain itself and any subdomain), the only forms build.py
 * accepts. No imports: tests/js/sites.test.mjs runs it in Node.
 */

/** Whether `hostname` is one of `hosts`, as the browser matches a pattern's host (case-insensitive). */
export function onHosts(hosts, hostname) {
  const host = String(hostname || "").toLowerCase();
  return hosts.some((entry) => {
    const name = String(entry).toLowerCase();
    if (!name.startsWith("*.")) return host === name;
    const domain = name.slice(2);
    return host === domain || host.endsWith(`.${domain}`);
  });
}
