/**
 * The layer: <mailwacht-root>, the one host element everything Mailwacht draws lives in, with its
 * open shadow root, kept in the browser's TOP LAYER.
 *
 * Issue 10: the host is a popover="manual" shown with showPopover() (Chrome 114+, Firefox 125+),
 * painted above every z-index, transform and fixed position of the page: a Gmail-like compose
 * window (position: fixed; z-index: 1000) or a builder's z-indexed canvas can no longer hide the
 * marks. The popover's UA styles (inset, margin, border, padding, background, colour, overflow,
 * size) are overridden inline with !important, so no page stylesheet reaches the host either: a
 * 0 x 0 box at the viewport's origin whose fixed-position children are placed in viewport
 * coordinates. The host takes no room, so the pointer reaches the page everywhere except on what
 * takes it (chips, badge, cards; the marks over the draft let it through).
 *
 * The page's own top layer: a modal <dialog> or a fullscreen element makes the rest of the page
 * inert (hit testing skips it, even a popover shown above it), so the host goes INTO the topmost
 * such element when it holds an editor, and the layers hide when it holds none (the editors are
 * covered and inert: no mark is drawn over the page's dialog). Each time the page opens a
 * top-layer element that holds an editor (a dialog, fullscreen, its own popover), the host is
 * shown again, which puts it above (a later top-layer element stacks above an earlier).
 *
 *   const tl = createTopLayer({document, editorAnchors, onCreate, requestFrame});
 *   tl.ensure() -> shadow root; tl.arrange(force); tl.host; tl.shadow; tl.blocked
 */

import { CSS } from "./styles.js";
import { rootHost } from "../ui/root.js";
import { holdsNode, inTop } from "./geometry.js";

export const HOST_STYLE = {
  position: "fixed", inset: "0 auto auto 0", width: "0", height: "0", "min-width": "0", "min-height": "0",
  "max-width": "none", "max-height": "none", margin: "0", padding: "0", border: "0", outline: "0",
  background: "transparent", color: "inherit", overflow: "visible", display: "block", visibility: "visible",
  opacity: "1", transform: "none", filter: "none", contain: "none", "clip-path": "none", "pointer-events": "auto",
  // Where the top layer is missing (older browsers): the highest z-index, which a page can equal.
  "z-index": "2147483647",
};
const canPopover = (el) => typeof el.showPopover === "function" && typeof el.hidePopover === "function";

/**
 * `editorAnchors()`: the editors' anchor elements (a blocker holding one takes the host in);
 * `onCreate(shadow)`: called once when the shadow root is made (the card, listeners);
 * `requestFrame()`: re-measure at the next animation frame.
 */
export function createTopLayer({ document: top, editorAnchors, onCreate, requestFrame }) {
  const win = top.defaultView;
  let host = null;
  let shadow = null;
  let blocked = false;
  const opened = new WeakMap(); // top-layer element -> the order it was seen open in
  let openCount = 0;
  let watching = false;

  function ensure() {
    if (!host) {
      // One <mailwacht-root> per page (ui/root.js): the send gate's dialog may have made it
      // already; its open shadow root is shared, each part adding its own style.
      host = rootHost(top);
      // <html contenteditable>: the host is no editable content of the draft (adapters/contenteditable.js leaves it out).
      if (top.documentElement.isContentEditable || top.designMode === "on") host.setAttribute("contenteditable", "false");
      shadow = host.shadowRoot;
      const style = top.createElement("style");
      style.textContent = CSS;
      shadow.append(style);
      onCreate(shadow);
    }
    for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, "important");
    if (canPopover(host) && host.getAttribute("popover") !== "manual") host.setAttribute("popover", "manual");
    watchTopLayer();
    // Pages that rebuild <html>'s children can drop the host: put it back.
    if (!host.isConnected) arrange();
    else if (!isShown()) raise();
    return shadow;
  }

  function isShown() {
    try {
      return host.matches(":popover-open");
    } catch {
      return true; // no popovers here: the z-index fallback
    }
  }

  /** Show the host (again): on top of the top layer as it is now. */
  function raise() {
    if (!host || !host.isConnected || !canPopover(host)) return;
    try {
      if (isShown()) host.hidePopover();
      host.showPopover();
    } catch (err) {
      console.warn("[mailwacht] top layer:", err);
    }
  }

  /** The topmost element that makes the rest of the page inert (modal dialog, fullscreen), or null. */
  function blocker() {
    const found = [];
    try {
      found.push(...top.querySelectorAll("dialog:modal"));
    } catch {
      found.push(...Array.from(top.querySelectorAll("dialog[open]")).filter((d) => win.getComputedStyle(d).position === "fixed"));
    }
    if (top.fullscreenElement) found.push(top.fullscreenElement);
    let best = null;
    for (const el of found) {
      if (!opened.has(el)) opened.set(el, ++openCount);
      if (!best || opened.get(el) > opened.get(best)) best = el;
    }
    return best;
  }

  const holdsEditor = (el) =>
    editorAnchors().some((anchor) => {
      const node = inTop(anchor, top);
      return node && holdsNode(el, node);
    });

  /** Put the host where it is seen (see the header) and show it; `force`: show it again. */
  function arrange(force = false) {
    if (!host) return;
    const b = blocker();
    const inside = b && b !== host && holdsEditor(b);
    const wasBlocked = blocked;
    blocked = Boolean(b) && !inside;
    const parent = inside ? b : top.documentElement;
    let moved = false;
    if (host.parentNode !== parent) {
      parent.appendChild(host); // leaving the top layer (a removed popover is hidden): shown below
      moved = true;
    }
    if (moved || force || !isShown()) raise();
    if (wasBlocked !== blocked || moved) requestFrame();
  }

  /** A page element entered or left the top layer (or may have): re-arrange, raise if it holds an editor. */
  function onTopLayerChange(target) {
    if (!host || target === host) return;
    const holds = target && target.nodeType === 1 && target.isConnected && holdsEditor(target);
    arrange(Boolean(holds));
  }

  function watchTopLayer() {
    if (watching) return;
    watching = true;
    // Dialogs get and lose the `open` attribute (show(), showModal(), close()); popovers fire
    // `toggle` (which does not bubble: caught while capturing); fullscreen fires fullscreenchange.
    new win.MutationObserver((records) => {
      for (const r of records) if (r.target !== host) onTopLayerChange(r.target);
    }).observe(top.documentElement, { attributes: true, attributeFilter: ["open"], subtree: true });
    top.addEventListener("toggle", (e) => onTopLayerChange(e.target), true);
    top.addEventListener("fullscreenchange", () => onTopLayerChange(top.fullscreenElement), true);
  }

  return {
    ensure,
    arrange,
    get host() {
      return host;
    },
    get shadow() {
      return shadow;
    },
    /** True while the page's modal dialog or fullscreen element covers every editor. */
    get blocked() {
      return blocked;
    },
  };
}
