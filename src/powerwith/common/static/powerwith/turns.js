// The turn page's "Find a name", as you type. Progressive enhancement only: without this file
// the same box filters through the address (?q=), drawn by the server.
(function () {
  "use strict";
  function filter(box) {
    var needle = box.value.trim().toLowerCase();
    var others = document.getElementById("others");
    var shownOthers = 0;
    document.querySelectorAll("#turn-grid li[data-name], #others-list li[data-name]").forEach(function (li) {
      var show = !needle || li.dataset.name.indexOf(needle) !== -1;
      li.hidden = !show;
      if (show && li.id.indexOf("other-") === 0) { shownOthers += 1; }
    });
    // Someone found among the others: open the list so their "Mark present" is in reach.
    if (others && needle && shownOthers > 0) { others.open = true; }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector("[data-name-filter]");
    if (!box) { return; }
    box.addEventListener("input", function () { filter(box); });
  });
})();
