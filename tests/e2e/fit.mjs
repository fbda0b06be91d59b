/**
 * Does a page fit its window's width (issue 11: the options page at 400 px scrolled sideways, its
 * fields cut at the right edge)? `fitReport` runs inside the page (Playwright's or Puppeteer's
 * `page.evaluate(fitReport)`, Chromium and Firefox alike) and returns
 *
 *   { scrollWidth, clientWidth, controls, outside: [...], unreachable: [...] }
 *
 * - `scrollWidth`, `clientWidth`: of the document element; the page scrolls sideways when the first
 *   exceeds the second; `controls`: how many visible controls were measured (a test asserts some);
 * - `outside`: every visible control (input, select, textarea, button, a link, summary) whose box
 *   reaches past the left or right edge of the viewport, measured in document coordinates before
 *   anything scrolls (a control only reachable by scrolling sideways counts);
 * - `unreachable`: every visible control that, scrolled into view vertically, is not the element at
 *   its own centre (something covers it, or it lies outside any box that can be scrolled to).
 *
 * Each entry names the control (`tag#id.class[name=value]` and its left/right edges). The window is
 * scrolled back to the top afterwards.
 */

/** Runs in the page: see the module's docstring. */
export function fitReport() {
  const root = document.documentElement;
  const width = root.clientWidth;
  const name = (el) => {
    const value = el.getAttribute("value") || el.getAttribute("data-rule") || el.closest("[data-rule]")?.dataset.rule || "";
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""}${value ? `[${value}]` : ""}`;
  };
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  };
  const controls = [...document.querySelectorAll("input, select, textarea, button, a[href], summary")].filter(visible);
  const outside = [];
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    const left = box.left + window.scrollX;
    const right = box.right + window.scrollX;
    if (left < -0.5 || right > width + 0.5) outside.push(`${name(el)} ${Math.round(left)}..${Math.round(right)}`);
  }
  const unreachable = [];
  for (const el of controls) {
    el.scrollIntoView({ block: "center", inline: "nearest" });
    const box = el.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2, 0), width - 1);
    const y = box.top + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(hit === el || el.contains(hit))) unreachable.push(`${name(el)} at ${Math.round(x)},${Math.round(y)}: ${hit ? name(hit) : "nothing"}`);
  }
  window.scrollTo(0, 0);
  return { scrollWidth: root.scrollWidth, clientWidth: width, controls: controls.length, outside, unreachable };
}
