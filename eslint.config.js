// ESLint (pinned in package.json), run by `python3 build.py test` on the extension's JavaScript:
// eslint:recommended with the browser's and the WebExtension APIs' globals. The content side
// (reader/, marks/, ui/, gate/, entries/, shared/) is ES modules like the rest (issue 12).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["extension/**/*.js"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  {
    // Node unit tests of the extension's modules (node --test).
    files: ["tests/js/**/*.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node } },
  },
  {
    // The engine's module worker (engine/host.js starts it) runs in a worker's global scope.
    files: ["extension/engine/worker.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
];
