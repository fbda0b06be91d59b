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

    // CKEditor 5: the editable element carries its editor; model.change is one undo step. The
    // editing view is re-rendered from the model, so every fix is a change of the model: the DOM
    // element the engine located is mapped to the view (domConverter) and on to the model (mapper).
    const ck5 = root.ckeditorInstance;
    if (ck5 && ck5.model) {
      if (fix.op === "footer") {
        const fragment = ck5.data.toModel(ck5.data.processor.toView(fix.html));
        ck5.model.change((writer) => ck5.model.insertContent(fragment, writer.createPositionAt(ck5.model.document.getRoot(), "end")));
        return { applied: true, via: "ckeditor5" };
      }
      const { domConverter } = ck5.editing.view;
      const mapper = ck5.editing.mapper;
      const viewEl = domConverter.mapDomToView(target);
      if (!viewEl) return { applied: false, via: "ckeditor5", reason: "element not in the editor's view" };
      if (fix.op === "href") {
        // The link is the Link plugin's `linkHref` on the model text inside the <a>.
        const range = mapper.toModelRange(ck5.editing.view.createRangeOn(viewEl));
        const linked = Array.from(range.getItems()).filter((item) => item.hasAttribute && item.hasAttribute("linkHref"));
        if (!linked.length) return { applied: false, via: "ckeditor5", reason: "no link in the editor's model" };
        ck5.model.change((writer) => {
          for (const item of linked) writer.setAttribute("linkHref", fix.href, writer.createRangeOn(item));
        });
        return { applied: true, via: "ckeditor5" };
      }
      // op "uncheck": a box exists in CKEditor 5 only when General HTML Support allows <input>
      // (model element htmlInput, its HTML attributes in `htmlInputAttributes`); a configuration
      // without it drops the box on load, and then there is no tick to remove.
      let modelEl = null;
      for (let v = viewEl; v && !modelEl; v = v.parent) modelEl = mapper.toModelElement(v) || null;
      const attrs = modelEl ? modelEl.getAttribute("htmlInputAttributes") : null;
      if (!attrs || !attrs.attributes || !("checked" in attrs.attributes)) {
        return { applied: false, via: "ckeditor5", reason: "the box's tick is not in the editor's model" };
      }
      const attributes = { ...attrs.attributes };
      delete attributes.checked;
      ck5.model.change((writer) => writer.setAttribute("htmlInputAttributes", { ...attrs, attributes }, modelEl));
      return { applied: true, via: "ckeditor5" };
    }

    // Quill: changes with source "user" go into Quill's history module (undo); cutoff() before
    // and after keeps the fix one undo step of its own (history merges changes within 1 s).
    const container = root.closest ? root.closest(".ql-container") : null;
    const quill = container ? container.__quill || (win.Quill && win.Quill.find ? win.Quill.find(container) : null) : null;
    if (quill && quill.clipboard) {
      // Quill's schema has no form control: a pre-ticked box cannot be in a Quill draft at all.
      if (fix.op === "uncheck") return { applied: false, via: "quill", reason: "Quill holds no form controls" };
      const cutoff = () => quill.history && quill.history.cutoff();
      if (fix.op === "footer") {
        cutoff();
        quill.clipboard.dangerouslyPasteHTML(Math.max(0, quill.getLength() - 1), fix.html, "user");
        cutoff();
        return { applied: true, via: "quill" };
      }
      // op "href": the located <a> is a Link blot; its index and length in Quill's document.
      const Quill = win.Quill || quill.constructor;
      const blot = Quill && Quill.find ? Quill.find(target) : null;
      if (!blot || blot === quill || typeof blot.length !== "function") return { applied: false, via: "quill", reason: "no link in Quill's document" };
      const index = quill.getIndex(blot);
      cutoff();
      quill.formatText(index, blot.length(), "link", fix.href, "user");
      cutoff();
      return { applied: true, via: "quill" };
    }
    return { applied: false, via: null, reason: "no editor API" };
  } catch (err) {
    return { applied: false, via: null, reason: String(err && err.message ? err.message : err) };
  }
}
