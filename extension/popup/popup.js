/**
 * The toolbar popup: shows whether the engine is ready and how it booted. Asking for the status
 * also starts the engine (engine:status), so opening the popup warms it.
 */

import { TARGET } from "../shared/protocol.js";

const t = (key, subs) => chrome.i18n.getMessage(key, subs) || key;

for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);

async function refresh() {
  const reply = await chrome.runtime.sendMessage({ target: TARGET.background, kind: "engine:status" });
  const state = document.getElementById("state");
  const detail = document.getElementById("detail");
  if (!reply || !reply.ok) {
    state.textContent = t("popupStateError");
    detail.textContent = reply && reply.error ? reply.error.message : "";
    return;
  }
  const status = reply.result;
  state.textContent = t(`popupState_${status.state}`);
  if (status.state === "ready" && status.boot) {
    detail.textContent = t(status.boot.kind === "snapshot" ? "popupBootSnapshot" : "popupBootCold", [String(status.boot.ms)]);
  } else {
    detail.textContent = status.error || "";
  }
  if (status.state === "booting" || status.state === "idle") setTimeout(refresh, 500);
}

refresh();
