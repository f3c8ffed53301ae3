// Nook: live notifications. One Server-Sent Events stream per page tells the unread count; when it
// differs from what the badge shows, the badge (and the notifications page) reload their part.
// Without this file (or EventSource) both still update on the next page load.
(function () {
  "use strict";
  const badge = () => document.getElementById("nav-notes");
  if (!window.EventSource || !badge()) return;
  const source = new EventSource("/api/v1/notifications/stream");
  source.addEventListener("unread", (e) => {
    const count = JSON.parse(e.data).unread;
    const shown = parseInt(badge().dataset.unread || "0", 10);
    if (count === shown) return;
    document.body.dispatchEvent(new CustomEvent("nook:unread"));
    if (count > shown) document.body.dispatchEvent(new CustomEvent("nook:notes"));
  });
  window.addEventListener("pagehide", () => source.close());
})();
