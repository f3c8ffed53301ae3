// @提及 autocomplete: typing "@na" in a field marked data-mention offers friends and recent conversation
// partners who could see what is being written (GET /api/v1/mentions/suggest); picking one writes "@name ".
(function () {
  "use strict";
  var TYPED = /(^|[^A-Za-z0-9_.])@([A-Za-z0-9_.-]{0,32})$/;
  var timer = null;
  var asked = 0;

  function context(field) {
    var where = field.getAttribute("data-mention") || "";
    var params = new URLSearchParams();
    if (where === "composer") {
      var pick = document.getElementById("composer-vis");
      var value = pick ? pick.value : "public";
      var parts = value.split(":");
      if (parts[0] === "circle" || parts[0] === "circle-public") {
        params.set("visibility", parts[0] === "circle" ? "circle" : "public");
        params.set("circle", parts.slice(1).join(":"));
      } else {
        params.set("visibility", value);
      }
    } else if (where.indexOf("post:") === 0) {
      params.set("post_id", where.slice(5));
    } else if (where.indexOf("board:") === 0) {
      params.set("board", where.slice(6));
    }
    return params;
  }

  function menuFor(field) {
    var menu = field.mentionMenu;
    if (!menu) {
      menu = document.createElement("ul");
      menu.className = "mention-menu";
      menu.setAttribute("role", "listbox");
      menu.hidden = true;
      field.parentElement.classList.add("mention-field");
      field.insertAdjacentElement("afterend", menu);
      field.mentionMenu = menu;
    }
    return menu;
  }

  function typedName(field) {
    var before = field.value.slice(0, field.selectionStart || 0);
    var m = TYPED.exec(before);
    return m ? m[2] : null;
  }

  function pick(field, username) {
    var caret = field.selectionStart || 0;
    var before = field.value.slice(0, caret);
    var at = before.lastIndexOf("@");
    var text = before.slice(0, at) + "@" + username + " ";
    field.value = text + field.value.slice(caret);
    field.focus();
    field.setSelectionRange(text.length, text.length);
    menuFor(field).hidden = true;
  }

  function show(field, users) {
    var menu = menuFor(field);
    menu.textContent = "";
    users.forEach(function (u) {
      var li = document.createElement("li");
      li.setAttribute("role", "none");
      var button = document.createElement("button");
      button.type = "button";
      button.setAttribute("role", "option");
      button.className = "mention-option";
      button.textContent = u.nickname;
      var handle = document.createElement("span");
      handle.className = "muted";
      handle.textContent = "@" + u.username;
      button.appendChild(document.createTextNode(" "));
      button.appendChild(handle);
      button.addEventListener("click", function () { pick(field, u.username); });
      li.appendChild(button);
      menu.appendChild(li);
    });
    menu.hidden = users.length === 0;
  }

  function ask(field) {
    var name = typedName(field);
    if (name === null) { menuFor(field).hidden = true; return; }
    var params = context(field);
    params.set("q", name);
    var mine = ++asked;
    fetch("/api/v1/mentions/suggest?" + params.toString(), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (users) { if (mine === asked) { show(field, users); } })
      .catch(function () { menuFor(field).hidden = true; });
  }

  document.addEventListener("input", function (e) {
    var field = e.target;
    if (!(field instanceof HTMLElement) || !field.hasAttribute("data-mention")) { return; }
    clearTimeout(timer);
    timer = setTimeout(function () { ask(field); }, 150);
  });

  document.addEventListener("keydown", function (e) {
    var el = e.target;
    if (!(el instanceof HTMLElement)) { return; }
    if (el.hasAttribute("data-mention") && el.mentionMenu && !el.mentionMenu.hidden) {
      if (e.key === "ArrowDown") { e.preventDefault(); el.mentionMenu.querySelector("button").focus(); }
      if (e.key === "Escape") { el.mentionMenu.hidden = true; }
      return;
    }
    if (el.classList.contains("mention-option")) {
      var li = el.parentElement;
      var next = e.key === "ArrowDown" ? li.nextElementSibling : e.key === "ArrowUp" ? li.previousElementSibling : null;
      if (next) { e.preventDefault(); next.querySelector("button").focus(); }
      if (e.key === "Escape") { li.parentElement.hidden = true; }
    }
  });
})();
