// ESLint (pinned in package.json), run by `python3 build.py test` on the extension's, the tests' and build.py's (tools/) JavaScript:
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
    // The tests' JavaScript: Node unit tests (tests/js/) and end-to-end tests (tests/e2e/), node --test.
    files: ["tests/**/*.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node } },
  },
  {
    // End-to-end tests hand functions to page.evaluate: they run in a page or an extension page.
    // The test pages' editors are globals there (tinymce, CKEDITOR, Quill's and CKEditor 5's or
    // GrapesJS's `editor`, Roundcube's rcmail).
    files: ["tests/e2e/**/*.mjs"],
    languageOptions: {
      globals: {
        ...globals.browser,
        ...globals.webextensions,
        tinymce: "readonly",
        CKEDITOR: "readonly",
        editor: "readonly",
        quill: "readonly",
        rcmail: "readonly",
      },
    },
  },
  {
    // The benchmarks (bench/*.mjs): Node scripts that hand functions to page.evaluate (run in a page).
    files: ["bench/**/*.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
  {
    // build.py's Node steps (tools/bytecode.mjs).
    files: ["tools/**/*.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node } },
  },
  {
    // The sites' stand-in pages' own classic scripts (common.js defines record()).
    files: ["tests/e2e/pages/**/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "script", globals: { ...globals.browser, record: "readonly" } },
  },
  {
    // The engine's module worker (engine/host.js starts it) runs in a worker's global scope.
    files: ["extension/engine/worker.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
];
