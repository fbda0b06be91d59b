/**
 * Quick fixes through the editor's own API, run in the PAGE's world (issue 4: "applied through
 * the editor's own API where it has one, so that undo works").
 *
 * Why the page's world: the editors' objects (`tinymce`, `CKEDITOR`, CKEditor 5's
 * `element.ckeditorInstance`, Quill's `container.__quill`) live in the page's JavaScript world;
 * the content script's isolated world shares the DOM but not those objects. A DOM change made
 * behind an editor's back is not in its undo history: measured on TinyMCE 7 (tests/e2e/quickfix),
 * `execCommand("insertHTML")` inside its iframe leaves `undoManager.hasUndo()` false and merges the
 * footer into the last paragraph. So the background runs `applyFixInPage` with
 * `scripting.executeScript({world: "MAIN"})` (router.js, message `editor:apply-fix`), only after the
 * user clicked a quick fix on a card; the function is serialised, so it must not use anything
 * outside itself.
 *
 * `fix`: {op: "footer"|"uncheck"|"href", frames: [iframe index per level from the top document],
 * nodes: [element child index per level from documentElement to the editor root], selector
 * (the engine's location selector, relative to the root; "uncheck"/"href"), html (op "footer"),
 * href (op "href")}. Returns {applied: boolean, via: editor name | null, reason?}. When no editor
 * API owns the root (a plain contenteditable, a textarea), it returns applied: false and the
 * content script applies the fix itself through the browser's editing commands (quickfix.js).
 */

export function applyFixInPage(fix) {
  // The footer is py_core's Jinja output (autoescaped profile values), parsed in an inert document
  // (no scripts run) and imported into the editor's. Defined inside: executeScript serialises
  // this one function and nothing around it.
  const footerNodes = (root, html) =>
    Array.from(new DOMParser().parseFromString(html, "text/html").body.childNodes, (node) => root.ownerDocument.importNode(node, true));
  try {
    let doc = document;
    for (const index of fix.frames || []) {
      const frame = doc.querySelectorAll("iframe")[index];
      doc = frame ? frame.contentDocument : null;
      if (!doc) return { applied: false, via: null, reason: "frame not found" };
    }
    let root = doc.documentElement;
    for (const index of fix.nodes || []) root = root ? root.children[index] : null;
    if (!root) return { applied: false, via: null, reason: "editor not found" };
    let target = null;
    if (fix.op !== "footer") {
      target = root.querySelectorAll(`:scope > ${fix.selector}`)[0] || null;
      if (!target) return { applied: false, via: null, reason: "element not found" };
    }
    const win = window;

    // TinyMCE 5-7: an editor whose body is the root. transact() records one undo level around
    // the change (its undo manager stores content snapshots, so undo restores the draft).
    const tinymce = win.tinymce;
    const tinyEditors = tinymce && typeof tinymce.get === "function" ? [].concat(tinymce.get() || []) : [];
    const tiny = tinyEditors.find((ed) => ed && typeof ed.getBody === "function" && ed.getBody() === root);
    if (tiny) {
      // The draft as it is now becomes an undo level first (add() skips it when it equals the
      // last one): after a page's setContent + undoManager.clear() there is none, and transact()
      // alone would record only the fixed draft, leaving nothing to undo to.
      tiny.undoManager.add();
      tiny.undoManager.transact(() => {
        if (fix.op === "footer") root.append(...footerNodes(root, fix.html));
        if (fix.op === "uncheck") {
          target.removeAttribute("checked");
          target.checked = false;
        }
        // dom.setAttrib also updates data-mce-href, which TinyMCE's serializer prefers over href.
        if (fix.op === "href") tiny.dom.setAttrib(target, "href", fix.href);
      });
      tiny.setDirty(true);
      tiny.nodeChanged();
      return { applied: true, via: "tinymce" };
    }

    // CKEditor 4: saveSnapshot before and after a DOM change is its documented way to make an
    // outside change one undo step; "change" tells its listeners (and form sync).
    const ck = win.CKEDITOR;
    const ck4 = ck && ck.instances ? Object.values(ck.instances).find((ed) => ed && ed.editable && ed.editable() && ed.editable().$ === root) : null;
    if (ck4) {
      ck4.fire("saveSnapshot");
      if (fix.op === "footer") root.append(...footerNodes(root, fix.html));
      if (fix.op === "uncheck") {
        target.removeAttribute("checked");
        target.checked = false;
      }
      if (fix.op === "href") {
        target.setAttribute("href", fix.href);
        target.setAttribute("data-cke-saved-href", fix.href); // what CKEditor 4 serialises
      }
      ck4.fire("saveSnapshot");
      ck4.fire("change");
      return { applied: true, via: "ckeditor4" };
    }

    // CKEditor 5: the editable element carries its editor; model.change is one undo step.
    const ck5 = root.ckeditorInstance;
    if (ck5 && ck5.model) {
      if (fix.op !== "footer") return { applied: false, via: "ckeditor5", reason: "not supported by this editor" };
      const fragment = ck5.data.toModel(ck5.data.processor.toView(fix.html));
      ck5.model.change((writer) => ck5.model.insertContent(fragment, writer.createPositionAt(ck5.model.document.getRoot(), "end")));
      return { applied: true, via: "ckeditor5" };
    }

    // Quill: source "user" puts the change in Quill's history module (undo).
    const container = root.closest ? root.closest(".ql-container") : null;
    const quill = container ? container.__quill || (win.Quill && win.Quill.find ? win.Quill.find(container) : null) : null;
    if (quill && quill.clipboard) {
      if (fix.op !== "footer") return { applied: false, via: "quill", reason: "not supported by this editor" };
      quill.clipboard.dangerouslyPasteHTML(Math.max(0, quill.getLength() - 1), fix.html, "user");
      return { applied: true, via: "quill" };
    }
    return { applied: false, via: null, reason: "no editor API" };
  } catch (err) {
    return { applied: false, via: null, reason: String(err && err.message ? err.message : err) };
  }
}
