/**
 * Issue 16 in the popup and the options page: the duties the sender confirms and the record of
 * sends (shared/records.js).
 *
 *   mountConfirmations(box, {send, t, settings, draft})  // draft: the popup's current draft or null
 *   mountRecords(box, {send, t, settings})               // count, export one or a period, clear
 *
 * Duties come from the engine (engine:duties, with their scope); a duty of scope "list" is
 * confirmed for the current draft's list (its recipients' hash, or the draft itself where it
 * names none), so without a draft only the organisation's duties can be confirmed. Exports go
 * through the engine (engine:render-records: the chain verified there, in the user's language)
 * and the downloads API.
 */

import * as R from "../shared/records.js";
import { element } from "../shared/util.js";

const el = (tag, props, children) => element(document, tag, props, children);

const orgOf = (settings) => (settings.org && settings.org.name) || "";

export async function mountConfirmations(box, { send, t, settings, draft = null }) {
  box.replaceChildren(el("h2", { text: t("recConfirmTitle") }));
  let duties;
  let list = "";
  try {
    duties = await send({ kind: "engine:duties" });
    if (draft) list = R.listKey(draft, await send({ kind: "engine:history-entry", draft }));
  } catch (err) {
    box.append(el("p", { class: "error", text: t("recFailed", [err.message]) }));
    return;
  }
  const storage = chrome.storage.local;
  const context = { org: orgOf(settings), list, periodMonths: settings.confirmationPeriodMonths, preset: settings.presetConfirmations };
  const shown = duties.filter((d) => d.scope === "organisation" || list);
  const inForce = new Map((await R.inForce(storage, shown, context)).map((c) => [c.id, c]));
  if (!settings.personName) box.append(el("p", { class: "muted", "data-mailwacht": "no-person", text: t("recNoPerson") }));
  if (settings.requireConfirmations) box.append(el("p", { class: "muted", text: t("recRequired") }));
  const ul = el("ul", { class: "duties" });
  const boxes = [];
  for (const duty of shown) {
    const have = inForce.get(duty.id);
    const check = el("input", { type: "checkbox", "data-duty": duty.id, id: `duty-${duty.id}` });
    check.checked = Boolean(have);
    check.disabled = Boolean(have);
    boxes.push(check);
    const note = have ? t("recConfirmedBy", [have.by || "?", (have.at || "").slice(0, 10)]) : t(duty.scope === "list" ? "recScopeList" : "recScopeOrg");
    ul.append(
      el("li", { "data-duty-item": duty.id, "data-confirmed": have ? "yes" : "no" }, [
        el("label", { for: check.id }, [check, " ", el("span", { text: duty.confirm[t.locale] || duty.confirm.en })]),
        el("div", { class: "muted small", text: `${(duty.cite && duty.cite[t.locale]) || duty.document} · ${note}` }),
      ]),
    );
  }
  box.append(ul);
  if (!list) box.append(el("p", { class: "muted small", text: t("recListNeedsDraft") }));
  const button = el("button", { type: "button", "data-action": "confirm", text: t("recConfirmButton") });
  const status = el("p", { class: "muted", role: "status" });
  button.addEventListener("click", async () => {
    const ids = boxes.filter((b) => b.checked && !b.disabled).map((b) => b.dataset.duty);
    if (!ids.length) return;
    await R.confirm(storage, shown, ids, { org: context.org, list, by: settings.personName });
    status.textContent = t("recConfirmed", [String(ids.length)]);
    await mountConfirmations(box, { send, t, settings, draft });
    box.dataset.confirmed = String(ids.length);
  });
  box.append(button, status);
}

export async function mountRecords(box, { send, t, settings }) {
  const storage = chrome.storage.local;
  const records = await R.readRecords(storage);
  const chain = await R.verifyChain(records);
  const from = el("input", { type: "date", "data-mailwacht": "records-from" });
  const to = el("input", { type: "date", "data-mailwacht": "records-to" });
  const status = el("p", { class: "muted", role: "status", "data-mailwacht": "records-status" });
  const buttons = ["html", "markdown", "json"].map((format) => el("button", { type: "button", "data-records-format": format, text: format === "markdown" ? "Markdown" : format.toUpperCase() }));
  const lastButton = el("button", { type: "button", "data-action": "records-last", text: t("recExportLast") });
  const clear = el("button", { type: "button", "data-action": "records-clear", text: t("recClear") });
  box.replaceChildren(
    el("h2", { text: t("recTitle") }),
    el("p", { "data-mailwacht": "records-count", "data-count": String(records.length), "data-chain": chain.intact ? "intact" : "broken", text: t.plural(chain.intact ? "recCount" : "recCountBroken", records.length) }),
    el("div", { class: "records-period" }, [el("span", { text: t("recPeriod") }), " ", from, " – ", to]),
    el("div", { class: "records-export" }, [el("span", { text: t("recExport") }), " ", ...buttons, " ", lastButton]),
    el("div", {}, [clear]),
    status,
  );
  async function exportRecords(format, selection) {
    status.textContent = t("popupExporting");
    try {
      const { content, mime, filename } = await send({
        kind: "engine:render-records",
        records: { list: selection },
        format,
        locale: settings.locale,
        generated_at: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      });
      const url = URL.createObjectURL(new Blob([content], { type: mime }));
      const id = await chrome.downloads.download({ url, filename, saveAs: false, conflictAction: "uniquify" });
      status.textContent = t("popupExported", [filename]);
      const ids = box.dataset.downloads ? box.dataset.downloads.split(",") : [];
      box.dataset.downloads = [...ids, `${format}:${id}`].join(",");
    } catch (err) {
      status.textContent = t("popupExportFailed", [err.message]);
    }
  }
  for (const button of buttons) {
    button.addEventListener("click", () => exportRecords(button.dataset.recordsFormat, R.recordsInPeriod(records, from.value, to.value)));
  }
  lastButton.addEventListener("click", () => exportRecords("html", records.slice(-1)));
  lastButton.disabled = records.length === 0;
  clear.addEventListener("click", async () => {
    if (!confirm(t("recClearAsk"))) return;
    await R.clearRecords(storage);
    await mountRecords(box, { send, t, settings });
  });
}
