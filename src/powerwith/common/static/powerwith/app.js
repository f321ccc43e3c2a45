// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  function focusSummary() {
    var summary = document.querySelector("[data-autofocus]");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", focusSummary);
  document.addEventListener("htmx:afterSwap", focusSummary);
  // Each tap carries a fresh token, so a double tap or a retried request counts once.
  document.addEventListener("htmx:configRequest", function (evt) {
    var el = evt.detail.elt;
    if (el && el.hasAttribute && el.hasAttribute("data-tap")) {
      if (!el.dataset.token || el.dataset.sent === "1") {
        el.dataset.token = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
      }
      evt.detail.parameters["client_token"] = el.dataset.token;
    }
  });
  document.addEventListener("htmx:afterRequest", function (evt) {
    var el = evt.detail.elt;
    if (el && el.hasAttribute && el.hasAttribute("data-tap") && evt.detail.successful) {
      el.dataset.token = "";
    }
  });
})();
