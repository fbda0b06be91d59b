/**
 * The send gate's place on the page: <mailwacht-root> (ui/root.js, the one host shared with the
 * marks' overlay) in the browser's top layer, the gate's stylesheet in its shadow root and the
 * corner area its notices go in. Split from gate/dialog.js (issue 12), which draws the dialog and
 * the notices into what this returns.
 *
 *   const layer = createGateLayer({document, css, onRemoved});
 *   layer.root() -> shadow root (host attached and shown, stylesheet and notices area in it)
 *   layer.raise()                  show the host again, above what the page put in the top layer
 *   layer.notices, layer.shadow    the notices area and the shadow root, once root() made them
 *
 * `onRemoved()`: the page removed the host (gate/dialog.js then answers an open dialog "removed");
 * the host is put back right after.
 */
import { HOST_STYLE } from "../marks/top-layer.js";
import { rootHost } from "../ui/root.js";

// <mailwacht-root>'s own box is the overlay's (marks/top-layer.js HOST_STYLE: the same host,
// whichever script makes it first): the popover's UA styles (inset, margin, border, padding,
// background, size) reset inline with !important, a 0 x 0 box whose fixed-position children (the
// backdrop, the notices) are placed in viewport coordinates.
const canPopover = (el) => typeof el.showPopover === "function" && typeof el.hidePopover === "function";

export function createGateLayer({ document: top, css, onRemoved }) {
  let shadow = null;
  let notices = null;

  let host = null;
  let watching = false;

  /**
   * Issue 13: the page may remove <mailwacht-root> (a hostile page, or a single-page app
   * rendering its body again). Then the host is put back, and an open dialog answers "removed"
   * (nothing is sent; the gate lets the next press be held and decided again), so no state can
   * swallow Send for good. One observer on the document (childList, subtree; it only asks whether
   * our host is still connected), made with the host.
   */
  function watchHost() {
    if (watching) return;
    watching = true;
    new (top.defaultView.MutationObserver)(() => {
      if (!host || host.isConnected) return;
      onRemoved();
      attach();
    }).observe(top, { childList: true, subtree: true });
  }

  /**
   * The send dialog must be SEEN: the host lives in the browser's top layer, as the overlay keeps
   * it (marks/overlay.js: popover="manual" shown with showPopover(), its UA styles reset inline),
   * also when the gate makes the host before the marks' script has started, or on a site where the
   * marks are off. Without it the dialog's backdrop (z-index only) could lie under a page's
   * floating compose window or a page's own top-layer element. A page's modal <dialog> or
   * fullscreen element makes everything outside it inert, even the top layer above it: the host
   * goes into the topmost one (the one holding the focus, i.e. the send button just pressed or the
   * editor, else the last opened), and back under <html> when none is open.
   */
  function blocker() {
    let found = [];
    try {
      found = Array.from(top.querySelectorAll("dialog:modal"));
    } catch {
      found = Array.from(top.querySelectorAll("dialog[open]")).filter((d) => top.defaultView.getComputedStyle(d).position === "fixed");
    }
    if (top.fullscreenElement) found.push(top.fullscreenElement);
    found = found.filter((b) => b !== host && !host.contains(b));
    if (!found.length) return null;
    const active = top.activeElement;
    return found.find((b) => active && b.contains(active)) || found[found.length - 1];
  }

  /** Put the host where it is seen and show it (again), above what the page put in the top layer. */
  function raise() {
    if (!top.documentElement) return;
    for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, "important");
    // On a page whose <html> is contenteditable the host would be editable content of the
    // draft: contenteditable="false" keeps the caret and typing out of it (the contenteditable
    // adapter leaves <mailwacht-root> out of the draft it reads).
    if (top.documentElement.isContentEditable || top.designMode === "on") host.setAttribute("contenteditable", "false");
    const parent = blocker() || top.documentElement;
    if (host.parentNode !== parent) parent.appendChild(host);
    if (!canPopover(host)) return; // no top layer here: the z-index fallback
    if (host.getAttribute("popover") !== "manual") host.setAttribute("popover", "manual");
    try {
      // Shown again: a later top-layer element stacks above an earlier one.
      if (host.matches(":popover-open")) host.hidePopover();
      host.showPopover();
    } catch (err) {
      console.warn("[mailwacht] gate top layer:", err);
    }
  }

  /** Put the host into the document: under <html> (or a page's modal), never inside an editable region. */
  function attach() {
    raise();
  }

  /**
   * The shadow root of <mailwacht-root> (ui/root.js, shared with the marks' overlay) with the
   * gate's stylesheet in it.
   */
  function root() {
    if (!host) host = rootHost(top);
    let shown = true;
    try {
      shown = !canPopover(host) || host.matches(":popover-open");
    } catch {
      // no popovers here
    }
    if (!host.isConnected || !shown) attach();
    watchHost();
    if (host.shadowRoot !== shadow) {
      shadow = host.shadowRoot;
      const style = top.createElement("style");
      style.dataset.gate = "";
      style.textContent = css;
      shadow.append(style);
      notices = null;
    }
    if (!notices || !notices.isConnected) {
      notices = top.createElement("div");
      notices.className = "gate-notices";
      shadow.append(notices);
    }
    return shadow;
  }

  return {
    root,
    raise,
    get notices() {
      return notices;
    },
    get shadow() {
      return shadow;
    },
  };
}
