/**
 * The shape Gmail and Outlook on the web share (sites/gmail.js, sites/outlook.js): several compose
 * windows may be open in one page, each holding a contenteditable body, a subject input and
 * recipient widgets; the Send button sits inside the window; "Schedule send" is an item of a menu
 * that a button beside Send opens, and that menu is drawn OUTSIDE the compose window.
 *
 *   webmail({id, platform, body, isCompose, subject, recipients, from, isSend}) -> site
 *
 * - its hosts: its entry's in sites.json (reader/sites/index.js asks a site only there).
 * - `body`: selector of a compose body; `isCompose(node)`: node holds a window's fields and body
 *   (of the ancestors for which it holds, composeOf() takes the nearest that also holds Send).
 * - `subject(compose)` -> input | null; `recipients(compose)` -> {to, cc, bcc: Element[]} (the
 *   widgets whose attributes and inputs hold the addresses); `from(compose)` -> {from_name,
 *   from_address} | null; `isSend(button, compose)` -> boolean.
 *
 * Which window a menu item belongs to: the gate sees every click before the page does
 * (gate/gate.js, capture phase), and asks sendButton() about each; a click on a menu button
 * (`aria-haspopup`) inside a compose window is remembered here (MENU_MS), so the "Schedule send"
 * item clicked next is known to belong to that window. With one window open, it is that one.
 */
import * as S from "./registry.js";
import { editorIn } from "../editors.js";
// A menu item belongs to the window whose menu button was pressed this recently.
const MENU_MS = 60000;

export function webmail(spec) {
  let lastMenu = null; // {compose, at}

  const sendButtonOf = (node) => [...node.querySelectorAll(S.BUTTONS)].find((b) => spec.isSend(b, node)) || null;

  /**
   * The compose window around `el`: the nearest ancestor that is a compose root (spec.isCompose)
   * and also holds the Send button (Gmail keeps the fields in a <form> and Send beside it),
   * never one that holds a second body (the page region around all windows).
   */
  function composeOf(el) {
    let best = null;
    for (let node = el && el.parentElement; node; node = node.parentElement) {
      if (!spec.isCompose(node)) continue;
      if (node.querySelectorAll(spec.body).length > 1) break;
      best = node;
      if (sendButtonOf(node)) return node;
    }
    return best;
  }

  function composes(doc) {
    const roots = new Set();
    for (const body of doc.querySelectorAll(spec.body)) {
      const c = composeOf(body);
      if (c) roots.add(c);
    }
    return [...roots];
  }

  /** The envelope of one window: subject, To/Cc/Bcc addresses, From where readable. */
  function envelope(compose) {
    const out = {};
    const subject = spec.subject(compose);
    if (subject) out.subject = subject.value;
    const lists = spec.recipients(compose);
    for (const field of ["to", "cc", "bcc"]) {
      const texts = [];
      for (const el of lists[field] || []) {
        if ("value" in el && typeof el.value === "string") texts.push(...S.splitAddresses(el.value));
        for (const node of [el, ...el.querySelectorAll("*")]) {
          for (const attr of ["data-hovercard-id", "email", "title", "aria-label"]) if (node.hasAttribute(attr)) texts.push(node.getAttribute(attr));
          if (node.tagName === "INPUT" && node !== el) texts.push(node.value);
        }
        if (!("value" in el)) texts.push(el.textContent);
      }
      const addresses = S.addressesIn(texts);
      if (addresses.length) out[field] = addresses;
    }
    const from = spec.from(compose);
    if (from) Object.assign(out, from);
    return out;
  }

  /** The Send button (not a native <button>) that a key event's target is, or is inside of. */
  function keyedButton(target) {
    const button = target && target.nodeType === 1 ? S.buttonAt(target) : null;
    if (!button || /^(BUTTON|INPUT)$/.test(button.tagName)) return null;
    const compose = composeOf(button);
    return compose && spec.isSend(button, compose) ? button : null;
  }

  const isScheduleItem = (button) => button.getAttribute("role") === "menuitem" && S.SCHEDULE_LABEL.test(S.labelOf(button));

  /** The window a held button belongs to (a menu item: the window whose menu was opened). */
  function composeForButton(button) {
    const own = composeOf(button);
    if (own) return own;
    if (lastMenu && lastMenu.compose.isConnected && Date.now() - lastMenu.at < MENU_MS) return lastMenu.compose;
    const all = composes(button.ownerDocument);
    return all.length === 1 ? all[0] : null;
  }

  return {
    id: spec.id,
    platform: spec.platform,
    matches: () => true, // its hosts (sites.json) say it all
    /** Read-only: the window's subject, recipients and From reach the draft; the widgets are watched. */
    decorate(editor) {
      editor.platform = spec.platform;
      const compose = composeOf(editor.anchor);
      if (!compose) return;
      const subject = spec.subject(compose);
      if (subject) editor.fields.subject = subject;
      const lists = spec.recipients(compose);
      for (const field of ["to", "cc", "bcc"]) if (lists[field] && lists[field][0]) editor.fields[field] = lists[field][0];
      editor.watch = [...new Set([...editor.watch, ...Object.values(editor.fields), ...(lists.to || []), ...(lists.cc || []), ...(lists.bcc || [])])];
      const base = editor.draft;
      editor.draft = () => ({ ...base(), ...envelope(compose) });
    },
    /** A recipient widget that is contenteditable (Outlook's To well) is no message body. */
    rejects(editor) {
      const compose = composeOf(editor.root);
      if (!compose) return false;
      const lists = spec.recipients(compose);
      return [...(lists.to || []), ...(lists.cc || []), ...(lists.bcc || [])].some((w) => w === editor.root || w.contains(editor.root));
    },
    sendButton(el) {
      const button = S.buttonAt(el);
      if (!button || button.disabled || button.getAttribute("aria-disabled") === "true") return null;
      const compose = composeOf(button);
      if (compose && button.hasAttribute("aria-haspopup")) {
        lastMenu = { compose, at: Date.now() }; // see the header: only remembered, never held
        return null;
      }
      if (compose && spec.isSend(button, compose)) return button;
      if (isScheduleItem(button) && composeForButton(button)) return button;
      return null;
    },
    actionOf: (button) => (isScheduleItem(button) || S.SCHEDULE_LABEL.test(S.labelOf(button)) ? "schedule" : "send"),
    draft(button, doc) {
      const compose = composeForButton(button);
      const editor = compose && editorIn(doc, compose);
      let draft = {};
      if (editor) draft = editor.draft();
      else if (compose) {
        // The content script is not running yet (it loads at document_idle): read the window itself.
        const body = compose.querySelector(spec.body);
        draft = { html: body ? body.innerHTML : "", ...envelope(compose) };
      }
      draft.source = S.sourceOf(doc);
      return draft;
    },
    /**
     * Ctrl/Cmd+Enter in a window (Gmail keyboard shortcuts: "Send"; Outlook's Send button:
     * "Send (Ctrl+Enter)"), and Enter or Space on a focused Send button that is no native
     * <button> (Gmail's `div[role=button]` acts on the keydown itself; a native button turns the
     * key into a click, which the gate holds as a click: holding its keydown too would lose the
     * send, since a replayed key event does not activate a native button).
     */
    shortcut(event) {
      if (S.ctrlEnter(event)) return true;
      if ((event.key !== "Enter" && event.key !== " ") || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return false;
      return Boolean(keyedButton(event.target));
    },
    buttonNear(target) {
      const keyed = keyedButton(target);
      if (keyed) return keyed;
      const el = target && target.nodeType === 1 ? target : target && target.parentElement;
      const compose = el && composeOf(el);
      return compose ? sendButtonOf(compose) : null;
    },
  };
}

