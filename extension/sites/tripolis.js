/**
 * Tripolis Dialogue: platform "tripolis" (its merge-tag syntax is unconfirmed, so py_core calls
 * no placeholder foreign there: py_core/rules/placeholder_unresolved.py).
 *
 * The host is NOT confirmed: Tripolis Dialogue is assumed to run under tripolis.com (manifest
 * match pattern for *.tripolis.com). Nothing of its pages is known (no page, help text or
 * public code could be consulted): this site only tells the engine the platform; the editor,
 * subject and From inputs are what the generic adapters find, and sends are caught by the
 * generic send and schedule vocabulary (Verzenden, Versturen, Inplannen, …: sites/registry.js)
 * when the page shows the draft (sites/esp.js).
 */
(() => {
  "use strict";
  const S = globalThis.Mailwacht.sites;
  S.register(S.esp({ id: "tripolis", platform: "tripolis", hosts: /(^|\.)tripolis\.com$/ }));
})();
