// Nook: the 表情 picker. A click (or Enter/Space) on an emoticon puts its [code] at the cursor of the
// field the picker belongs to; Escape closes the picker and returns to the field.
(function () {
  "use strict";
  function insert(field, code) {
    const at = field.selectionEnd == null ? field.value.length : field.selectionEnd;
    const start = field.selectionStart == null ? at : field.selectionStart;
    const room = field.maxLength > 0 ? field.maxLength - field.value.length + (at - start) : Infinity;
    if (code.length > room) return;
    field.value = field.value.slice(0, start) + code + field.value.slice(at);
    const caret = start + code.length;
    field.setSelectionRange(caret, caret);
    field.dispatchEvent(new Event("input", { bubbles: true }));  // counters and hints see the change
  }

  document.addEventListener("click", (e) => {
    const pick = e.target.closest(".emo-pick");
    if (!pick) return;
    const picker = pick.closest(".emo-picker");
    const field = document.getElementById(picker.dataset.for);
    if (field) insert(field, pick.dataset.code);
  });

  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const picker = e.target.closest && e.target.closest(".emo-picker[open]");
    if (!picker) return;
    picker.open = false;
    const field = document.getElementById(picker.dataset.for);
    (field || picker.querySelector("summary")).focus();
  });
})();
