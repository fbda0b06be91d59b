/**
 * The send gate's stylesheet (the dialog, its findings, buttons and notices), put into
 * <mailwacht-root>'s shadow root by gate/layer.js; the quick-fix module's profile form brings its
 * own rules (marks/profile-form.js PROFILE_FORM_CSS). Split from gate/dialog.js (issue 12): the
 * dialog's code and its look are read apart.
 */
import { PROFILE_FORM_CSS } from "../marks/quickfix.js";
import { severityColour, severityRules } from "../shared/palette.js";

export const CSS = `
:host { all: initial; }
.gate-backdrop { position: fixed; inset: 0; background: rgba(0, 0, 0, 0.45); z-index: 2147483646;
display: flex; align-items: center; justify-content: center; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.gate-dialog { box-sizing: border-box; width: min(560px, calc(100vw - 24px)); max-height: calc(100vh - 48px); overflow: auto;
background: #ffffff; color: #202124; border-radius: 10px; padding: 18px 20px; box-shadow: 0 8px 32px rgba(0, 0, 0, 0.35); }
.gate-dialog h2 { font: 600 17px/1.3 system-ui, sans-serif; margin: 0 0 6px; }
.gate-dialog p { margin: 4px 0 10px; }
.gate-dialog ul { list-style: none; margin: 0; padding: 0; }
.gate-dialog li { border-left: 4px solid var(--sev); padding: 6px 10px; margin: 0 0 8px; background: var(--tint); border-radius: 0 6px 6px 0; }
.gate-dialog li .sev { font-size: 11px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; color: var(--sev); }
.gate-dialog li .title { font-weight: 600; margin-left: 6px; }
.gate-dialog li .message, .gate-dialog li .fix { display: block; margin-top: 2px; }
.gate-dialog li .fix { color: #5f6368; }
${severityRules({ selector: (severity) => `[data-severity="${severity}"]`, alpha: 0.07 })}
.gate-dialog .reviews h3 { font: 600 14px/1.3 system-ui, sans-serif; margin: 10px 0 6px; color: #5f6368; }
.gate-actions .not-mailing { background: #ffffff; color: #202124; border: 1px solid #9aa0a6; margin-right: auto; }
.gate-actions { display: flex; gap: 10px; justify-content: flex-end; flex-wrap: wrap; }
.gate-actions button, .gate-notice button { font: 600 14px/1.2 system-ui, sans-serif; padding: 8px 14px; border-radius: 6px; cursor: pointer; }
.gate-actions .back { background: #1a73e8; color: #ffffff; border: 1px solid #1a73e8; }
.gate-actions .send { background: #ffffff; color: ${severityColour("error")}; border: 1px solid ${severityColour("error")}; }
.gate-dialog[data-state="clear"] .send { background: #188038; color: #ffffff; border-color: #188038; }
.gate-dialog[data-state="clear"] .back { background: #ffffff; color: #1a73e8; }
.gate-dialog .quickfix-row { margin-top: 6px; }
.gate-dialog .quickfix { font: 600 13px/1.2 system-ui, sans-serif; padding: 5px 10px; border-radius: 6px; cursor: pointer;
background: #ffffff; color: #1a73e8; border: 1px solid #1a73e8; }
.gate-dialog button:disabled { opacity: 0.55; cursor: progress; }
.gate-dialog .passes { margin: 4px 0 0; }
.gate-dialog .passes summary { cursor: pointer; color: #188038; font-weight: 600; }
.gate-dialog .passes li { border-left: 4px solid #188038; background: rgba(24, 128, 56, 0.06); padding: 3px 10px; margin: 4px 0; }
.gate-dialog .gate-status { color: #174ea6; min-height: 1em; margin: 0 0 8px; }
.gate-dialog .gate-foot { position: sticky; bottom: -18px; margin: 10px -20px -18px; padding: 10px 20px 14px; background: #ffffff;
border-top: 1px solid #e3e3e3; border-radius: 0 0 10px 10px; }
.gate-dialog .gate-foot .gate-status:empty { display: none; }
.gate-dialog li .also { display: block; margin-top: 4px; color: #5f6368; font-size: 13px; }
.gate-dialog .duties h3 { font: 600 14px/1.3 system-ui, sans-serif; margin: 10px 0 6px; }
.gate-dialog .duties label { display: flex; gap: 8px; align-items: flex-start; }
.gate-dialog .override label { display: block; font-weight: 600; margin: 8px 0 4px; }
.gate-dialog .override input { box-sizing: border-box; width: 100%; font: 14px/1.3 system-ui, sans-serif; padding: 6px 8px; }
.gate-dialog .quickfix:focus-visible, .gate-dialog .passes summary:focus-visible,
.gate-actions button:focus-visible, .gate-notice button:focus-visible { outline: 3px solid #174ea6; outline-offset: 2px; }
.gate-notices { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; display: flex; flex-direction: column; gap: 8px;
font: 14px/1.4 system-ui, sans-serif; max-width: min(420px, calc(100vw - 32px)); }
.gate-notice { display: flex; gap: 10px; align-items: flex-start; background: #202124; color: #ffffff; padding: 10px 12px; border-radius: 8px;
box-shadow: 0 4px 16px rgba(0, 0, 0, 0.35); border-left: 4px solid ${severityColour("info", "dark")}; }
.gate-notice[data-kind="failed-open"] { border-left-color: ${severityColour("error", "dark")}; }
.gate-notice span { flex: 1; }
.gate-notice button { font-size: 12px; padding: 3px 8px; background: transparent; color: #ffffff; border: 1px solid #9aa0a6; }
@media (forced-colors: active) { .gate-dialog, .gate-notice, .gate-dialog li { border: 1px solid CanvasText; forced-color-adjust: none; } }
${PROFILE_FORM_CSS}`;
