/**
 * The overlay's stylesheet, added once to <mailwacht-root>'s shadow root (marks/top-layer.js).
 * Chips (marks/chips.js) sit in one row outside the editor with the badge, at their full width;
 * when they do not fit they fold into one summary chip whose list opens under (or above) the row.
 * Palettes per severity and per page theme (light/dark, chosen from the editor's background);
 * forced-colors mode keeps the outlines in the system's colours.
 */

import { SEVERITIES } from "../shared/constants.js";
import { severityRules } from "../shared/palette.js";
import { PROFILE_FORM_CSS } from "./profile-form.js";

export const CSS = `
:host { all: initial; }
.layer, .card { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.layer { --fg: #202124; --bg: #ffffff; --muted: #5f6368; --halo: #ffffff; --focus: #1a73e8; }
.layer[data-theme="dark"], .card[data-theme="dark"] { --fg: #e8eaed; --bg: #202124; --muted: #bdc1c6; --halo: #000000; --focus: #8ab4f8; }
.card { --fg: #202124; --bg: #ffffff; --muted: #5f6368; --focus: #1a73e8; }
${severityRules({ selector: (s) => `[data-severity="${s}"]`, alpha: 0.12, severities: SEVERITIES })}
${severityRules({ selector: (s) => `[data-theme="dark"] [data-severity="${s}"], .card[data-theme="dark"][data-severity="${s}"]`, alpha: 0.18, theme: "dark", severities: SEVERITIES })}
.mark { position: fixed; box-sizing: border-box; margin: 0; padding: 0; background: transparent; color: transparent;
  border: 2px solid var(--sev); border-radius: 3px; box-shadow: 0 0 0 1px var(--halo), inset 0 0 0 1px var(--halo);
  pointer-events: none; font: inherit; overflow: hidden; }
.mark.text { border-width: 0 0 2px 0; border-radius: 0; box-shadow: 0 1px 0 0 var(--halo); background: var(--tint); }
.mark[data-kind="review"] { border-style: dashed; }
.mirror { position: fixed; left: 0; top: 0; visibility: hidden; pointer-events: none; overflow: hidden; margin: 0; white-space: pre-wrap; overflow-wrap: break-word; }
.mark[hidden], .chip[hidden], .badge[hidden], .edge[hidden], .more[hidden] { display: none; }
.mark:focus-visible, .mark.active, .chip:focus-visible, .chip.active { outline: 2px solid var(--focus); outline-offset: 2px; background: var(--tint); }
.edge { position: fixed; box-sizing: border-box; display: flex; flex-wrap: nowrap; justify-content: flex-end; align-items: center; gap: 4px; padding: 0 4px; pointer-events: none; }
.edge > .badge, .edge > .restore, .edge > .mailkind, .edge > .more { flex: none; white-space: nowrap; }
.chips { display: flex; flex: 1 1 0; min-width: 0; justify-content: flex-end; align-items: center; gap: 4px; pointer-events: none; }
.edge.folded .chips { position: absolute; right: 4px; top: 0; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.edge.folded:not(.open) .chips { gap: 0; }
.edge.folded:not(.open) .chip { width: 1px; height: 1px; padding: 0; border: 0; box-shadow: none; }
.edge.folded.open .chips { top: calc(100% + 4px); width: auto; height: auto; overflow: visible; clip-path: none; flex-direction: column; align-items: flex-end;
  padding: 6px; border-radius: 8px; border: 1px solid var(--muted); background: var(--bg); box-shadow: 0 4px 12px rgba(0, 0, 0, 0.25); }
.edge.folded.open.up .chips { top: auto; bottom: calc(100% + 4px); }
.chip { pointer-events: auto; box-sizing: border-box; margin: 0; font: 12px/1.3 system-ui, sans-serif; padding: 2px 8px;
  border-radius: 10px; border: 1px solid var(--sev); background: var(--bg); color: var(--fg); cursor: pointer;
  display: inline-flex; align-items: center; flex: none; white-space: nowrap; overflow: hidden; max-width: calc(100vw - 24px);
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.2); }
.chip .label { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; pointer-events: none; }
.more { pointer-events: auto; margin: 0; font: 600 12px/1.3 system-ui, sans-serif; padding: 2px 8px; border-radius: 10px; border: 1px solid var(--muted);
  background: var(--bg); color: var(--fg); cursor: pointer; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.2); }
.more::after { content: " ▾"; }
.more[aria-expanded="true"]::after { content: " ▴"; }
.more:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.chip[data-kind="review"] { border-style: dashed; }
.chip::before { flex: none; }
.chip::before, .count::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; background: var(--sev); margin-right: 5px; vertical-align: 0; }
.badge { pointer-events: auto; margin: 0; display: flex; gap: 8px; align-items: center;
  font: 600 12px/1.2 system-ui, sans-serif; padding: 3px 8px; border-radius: 12px; border: 1px solid var(--muted);
  background: var(--bg); color: var(--fg); cursor: pointer; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25); }
.badge:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.badge .count[data-n="0"] { display: none; }
.badge .state { color: var(--muted); font-weight: 400; }
.restore { pointer-events: auto; margin: 0; font: 12px/1.2 system-ui, sans-serif;
  padding: 2px 8px; border-radius: 10px; border: 1px dashed var(--muted); background: var(--bg); color: var(--fg); cursor: pointer; }
.restore[hidden], .mailkind[hidden] { display: none; }
.mailkind { pointer-events: auto; margin: 0; font: 12px/1.2 system-ui, sans-serif;
  padding: 2px 8px; border-radius: 10px; border: 1px solid var(--muted); background: var(--bg); color: var(--fg); cursor: pointer; }
.mailkind:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.badge[data-mail-kind="personal"] .state { color: var(--fg); }
.restore:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.card { position: fixed; z-index: 1; box-sizing: border-box; width: max-content; max-width: min(380px, calc(100vw - 16px));
  padding: 10px 12px; border-radius: 8px; border: 1px solid var(--muted); border-left: 4px solid var(--sev);
  background: var(--bg); color: var(--fg); box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3); pointer-events: auto; }
.card { overflow: auto; overscroll-behavior: contain; }
.card[hidden] { display: none; }
.card h2 { font: 600 14px/1.3 system-ui, sans-serif; margin: 0 0 4px; }
.card .sev { display: block; font-size: 11px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--sev); font-weight: 700; margin-bottom: 2px; }
.card p { margin: 4px 0; }
.card .label { font-weight: 600; }
.card ul { margin: 2px 0 4px; padding-left: 18px; color: var(--muted); }
.card code { display: block; font: 12px/1.3 ui-monospace, monospace; color: var(--muted); white-space: pre-wrap; word-break: break-all; max-height: 4.2em; overflow: hidden; }
.card .actions { margin-top: 8px; display: flex; justify-content: flex-end; gap: 6px; }
.card .note { color: var(--muted); font-size: 12px; }
.card button { font: 12px/1.3 system-ui, sans-serif; padding: 4px 10px; border-radius: 4px; border: 1px solid var(--muted); background: var(--bg); color: var(--fg); cursor: pointer; }
.card button:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
@media (forced-colors: active) { .mark, .chip, .more, .badge, .restore, .card, .edge.open .chips { border-color: CanvasText; forced-color-adjust: none; } }
.card .profile[hidden], .card .actions[hidden] { display: none; }
${PROFILE_FORM_CSS}`;
