/**
 * Recipient lists, shared by the editor adapters (reader/adapters/registry.js) and the sites
 * (reader/sites/).
 */

/**
 * A recipient field's text as a list of addresses: split on commas and semicolons outside
 * quotes ("Jansen, Piet" <p@x.nl> is one), trimmed, empty parts dropped. Needed because Roundcube's
 * fields end in ", " and Python 3.13+'s strict email.utils.getaddresses (Pyodide runs 3.14)
 * turns a whole element with a trailing comma into no address at all.
 */
export function splitAddresses(text) {
  const out = [];
  let part = "";
  let quoted = false;
  for (const ch of text || "") {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === "," || ch === ";")) {
      if (part.trim()) out.push(part.trim());
      part = "";
    } else part += ch;
  }
  if (part.trim()) out.push(part.trim());
  return out;
}
