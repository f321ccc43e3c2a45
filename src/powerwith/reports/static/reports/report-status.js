// A board report's PDF page, while the PDF is waiting or being made. Progressive enhancement
// only: without this file the page has "Check again", which loads it afresh. With it, the page
// asks the server again every few seconds without reloading (no moving a screen reader's place,
// WCAG 2.2.1), and changes the status region (role="status", announced politely) only when the
// PDF's state has changed: "ready", "could not be made", or from waiting to being made.
(function () {
  "use strict";
  var EVERY = 5000;          // milliseconds between checks for the first two minutes,
  var LATER = 30000;         // then every half a minute,
  var GIVE_UP = 30 * 60000;  // and no more after half an hour ("Check again" stays).
  document.addEventListener("DOMContentLoaded", function () {
    var region = document.querySelector("[data-report-check]");
    if (!region || !window.fetch || !window.DOMParser) { return; }
    var note = document.querySelector("[data-report-auto]");
    var url = region.getAttribute("data-report-check");
    var began = Date.now();
    if (note) { note.hidden = false; }

    function stop() { if (note) { note.hidden = true; } }

    function later() {
      var waited = Date.now() - began;
      if (waited > GIVE_UP) { stop(); return; }
      window.setTimeout(check, waited > 120000 ? LATER : EVERY);
    }

    function check() {
      fetch(url, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) {
          var fresh = html && new DOMParser().parseFromString(html, "text/html")
            .querySelector("[data-report-status]");
          if (!fresh) { later(); return; }
          var state = fresh.getAttribute("data-report-status");
          if (state !== region.getAttribute("data-report-status")) {
            var hadFocus = region.contains(document.activeElement);
            region.setAttribute("data-report-status", state);
            region.innerHTML = fresh.innerHTML;
            if (hadFocus) {
              var next = region.querySelector("a, button");
              if (next) { next.focus(); }
            }
          }
          if (fresh.hasAttribute("data-report-check")) { later(); } else { stop(); }
        })
        .catch(later);
    }
    later();
  });
})();
