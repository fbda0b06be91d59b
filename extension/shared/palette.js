/**
 * The severity colours for the stylesheets put into a shadow root (the overlay's marks and cards,
 * the send dialog), from py_core/tables/palette.py through the generated shared/constants.js
 * (issue 12 §3: one palette). The extension's own pages link the generated shared/palette.css.
 */

import { SEVERITY_COLOURS } from "./constants.js";

/** "r, g, b" of a "#rrggbb" colour. */
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(", ");

/** The colour of `severity` ("error", "warning", "info", "review") on a light or dark page. */
export const severityColour = (severity, theme = "light") => SEVERITY_COLOURS[severity][theme];

/**
 * One CSS rule per severity, `<selector(severity)> { --sev: <colour>; --tint: rgba(<colour>, <alpha>); }`,
 * joined by newlines. `theme`: "light" or "dark"; `severities`: which ones (default: every
 * severity of the palette, review included).
 */
export function severityRules({ selector, alpha, theme = "light", severities = Object.keys(SEVERITY_COLOURS) }) {
  return severities
    .map((severity) => {
      const colour = severityColour(severity, theme);
      return `${selector(severity)} { --sev: ${colour}; --tint: rgba(${rgb(colour)}, ${alpha}); }`;
    })
    .join("\n");
}
