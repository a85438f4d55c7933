// DigitalEES: the little the pages need beyond Bootstrap and htmx.
// Loaded with `defer`; the pages work without it (see the .no-js rules in site.css).
(function () {
  "use strict";

  // Scripts run: let Bootstrap's collapsible navigation and dropdowns take over.
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // htmx requests carry the CSRF token, read from the page's hidden form field.
  document.addEventListener("htmx:configRequest", function (event) {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field && !event.detail.headers["X-CSRFToken"]) {
      event.detail.headers["X-CSRFToken"] = field.value;
    }
  });
})();
