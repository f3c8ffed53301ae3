// Nook: small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);

  // Photo previews in the composer, each with an alt-text field; at most 9.
  function previews(input) {
    const box = $("#photo-previews");
    if (!box) return;
    box.replaceChildren();
    const max = parseInt(input.dataset.max || "9", 10);
    const files = Array.from(input.files || []);
    if (files.length > max) {
      toast("最多 " + max + " 张照片 / at most " + max + " photos");
      input.value = "";
      return;
    }
    files.forEach((file, i) => {
      const fig = document.createElement("figure");
      fig.className = "preview";
      const img = document.createElement("img");
      img.src = URL.createObjectURL(file);
      img.alt = "";
      const label = document.createElement("label");
      label.className = "sr-only";
      label.htmlFor = "alt-" + i;
      label.textContent = "图片描述 " + (i + 1);
      const alt = document.createElement("input");
      alt.id = "alt-" + i;
      alt.name = "alt_" + i;
      alt.maxLength = 200;
      alt.placeholder = "图片描述（可选）";
      fig.append(img, label, alt);
      box.append(fig);
    });
  }

  function toast(text) {
    const t = $("#toast");
    if (!t) return;
    const p = document.createElement("p");
    p.className = "toast-msg";
    p.textContent = text;
    t.replaceChildren(p);
    setTimeout(() => t.replaceChildren(), 4000);
  }

  // #话题# completion: replace the unfinished "#xx" at the end with the chosen tag.
  function pickTag(tag) {
    const area = $("#composer-body");
    if (!area) return;
    const v = area.value;
    const at = v.lastIndexOf("#");
    area.value = (at >= 0 ? v.slice(0, at) : v) + "#" + tag + "# ";
    area.focus();
    $("#tag-suggest").replaceChildren();
  }

  // 本周主题 chip: add the week's #话题# to the composer once, keeping what is already written.
  function pickTheme(tag) {
    const area = $("#composer-body");
    if (!area) return;
    const mark = "#" + tag + "#";
    if (!area.value.includes(mark)) area.value = (area.value ? area.value.replace(/\s*$/, " ") : "") + mark + " ";
    area.focus();
  }

  // Prompt chips (comment suggestions, hook lines, topics) insert their text at the cursor: what the
  // member already typed stays, a selection is kept (the text goes after it), the caret ends after it.
  function insertAtCursor(field, text) {
    const v = field.value;
    const at = field.selectionEnd == null ? v.length : field.selectionEnd;
    const before = v.slice(0, at), after = v.slice(at);
    if (!before.trim() || /\s$/.test(before)) text = text.replace(/^[。\s]+/, "");
    else if (!/[\s，。！？、；：,.!?;:~～…]$/.test(before) && !/^[\s，。！？、；：,.!?;:~～…]/.test(text)) text = " " + text;
    field.value = before + text + after;
    const caret = before.length + text.length;
    field.focus();
    field.setSelectionRange(caret, caret);
    field.dispatchEvent(new Event("input", { bubbles: true }));  // the hook hint and counters see the change
  }

  // Lightbox over a post's photos (links go to the full image without JS).
  let gallery = [], index = 0;
  function showPhoto() {
    const link = gallery[index];
    $("#lightbox-img").src = link.dataset.full;
    $("#lightbox-img").alt = link.dataset.alt || "";
    $("#lightbox-alt").textContent = link.dataset.alt || "";
  }

  document.addEventListener("change", (e) => {
    if (e.target.matches("#composer-photos")) previews(e.target);
  });

  document.addEventListener("click", (e) => {
    const el = e.target.closest("a, button");
    if (!el) return;
    if (el.matches(".tag-pick")) { pickTag(el.dataset.tag); return; }
    if (el.matches(".theme-pick")) { pickTheme(el.dataset.tag); return; }
    if (el.matches(".hook-pick")) { insertAtCursor($("#composer-body"), el.dataset.text); return; }
    if (el.matches(".suggest-pick")) {
      // goes into the box at the cursor (still editable) and remembers which suggestion it came from; never posts
      const form = el.closest(".comment-box").querySelector(".comment-form");
      form.querySelector(".suggestion-id").value = el.dataset.id || "";
      insertAtCursor(form.querySelector("input[name=body]"), el.dataset.text); return;
    }
    if (el.matches("[data-confirm]") && !window.confirm(el.dataset.confirm)) { e.preventDefault(); return; }
    if (el.matches(".reply-link")) {
      const form = document.getElementById("comment-form-" + el.dataset.post);
      if (!form) return;
      e.preventDefault();
      form.querySelector(".parent-id").value = el.dataset.replyId;
      const input = form.querySelector("input[name=body]");
      input.placeholder = "回复 @" + el.dataset.replyName;
      input.focus();
      return;
    }
    if (el.matches(".lightbox-link")) {
      const dialog = $("#lightbox");
      if (!dialog || !dialog.showModal) return;
      e.preventDefault();
      gallery = Array.from(el.closest("[data-gallery]").querySelectorAll(".lightbox-link"));
      index = gallery.indexOf(el);
      showPhoto();
      dialog.showModal();
      return;
    }
    const lb = el.dataset.lb;
    if (lb === "close") $("#lightbox").close();
    if (lb === "prev" || lb === "next") {
      index = (index + (lb === "next" ? 1 : -1) + gallery.length) % gallery.length;
      showPhoto();
    }
  });

  document.addEventListener("keydown", (e) => {
    if (!$("#lightbox") || !$("#lightbox").open) return;
    if (e.key === "ArrowRight") { index = (index + 1) % gallery.length; showPhoto(); }
    if (e.key === "ArrowLeft") { index = (index - 1 + gallery.length) % gallery.length; showPhoto(); }
  });

  // After a successful HTMX post, clear forms marked data-reset (the composer).
  document.addEventListener("htmx:afterRequest", (e) => {
    const form = e.detail.elt;
    if (e.detail.successful && form.matches && form.matches("form[data-reset]")) {
      form.reset();
      const box = $("#photo-previews"); if (box) box.replaceChildren();
      const tags = $("#tag-suggest"); if (tags) tags.replaceChildren();
    }
  });

  // Errors from HTMX requests come back as a small server-rendered (escaped) message.
  document.addEventListener("htmx:responseError", (e) => {
    const t = $("#toast");
    if (!t) return;
    const doc = new DOMParser().parseFromString(e.detail.xhr.responseText, "text/html");
    const msg = doc.querySelector(".toast-msg");
    toast(msg ? msg.textContent : "出错了，请重试");
  });

  submitOnce();
})();

// Forms that create something (data-once: a post, comment, board message, reply, circle) submit once: the
// submit button is disabled from the submit until the answer (an HTMX swap or error; a plain post's next
// page), so a second click on a slow site makes no second row.
function submitOnce() {
  "use strict";
  const once = (el) => (el && el.matches && el.matches("form[data-once]") ? el : null);
  const hold = (form, busy) => {
    form.toggleAttribute("data-busy", busy);
    form.querySelectorAll("button:not([type=button]), input[type=submit]").forEach((b) => { b.disabled = busy; });
  };
  // Capture phase: runs before HTMX's own listener on the form, so a submit while busy never reaches it.
  document.addEventListener("submit", (e) => {
    const form = once(e.target);
    if (!form) return;
    if (form.hasAttribute("data-busy")) { e.preventDefault(); e.stopImmediatePropagation(); return; }
    hold(form, true);
    form.removeAttribute("data-sent");
    // Nothing went out (a plain post something cancelled, an HTMX request that did not start): free again.
    setTimeout(() => { if (e.defaultPrevented && !form.hasAttribute("data-sent")) hold(form, false); }, 0);
  }, true);
  document.addEventListener("htmx:beforeSend", (e) => {
    const form = once(e.detail.elt);
    if (form) form.setAttribute("data-sent", "");
  });
  // The answer came, whatever it was (htmx fires this after errors, timeouts and aborts too).
  document.addEventListener("htmx:afterRequest", (e) => {
    const form = once(e.detail.elt);
    if (form) hold(form, false);
  });
  // A page left by a plain post and shown again from the back-forward cache.
  window.addEventListener("pageshow", () => document.querySelectorAll("form[data-busy]").forEach((f) => hold(f, false)));
}
