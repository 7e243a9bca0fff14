/* hirebook: page enhancements. A classic script (no modules, no fetch) so that it also works
   when the handbook is opened from disk. */
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.add("js");

  var toggle = document.querySelector(".nav-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = doc.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
})();
