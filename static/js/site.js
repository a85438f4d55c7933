// DigitalEES: the little the pages need beyond Bootstrap and htmx.
// Loaded with `defer`; the pages work without it (see the .no-js rules in site.css).
(function () {
  "use strict";

  // Scripts run: let Bootstrap's collapsible navigation and dropdowns take over.
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  // A form came back with errors: start from its summary (templates/partials/error_summary.html),
  // which lists them and links to each field, rather than from the top of the page.
  function focusErrorSummary(scope) {
    var summary = scope.matches && scope.matches("[data-error-summary]")
      ? scope
      : scope.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }
  focusErrorSummary(document);
  // ... and when htmx swaps in a form that did not validate.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target && event.target.isConnected) {
      focusErrorSummary(event.target);
    }
  });

  // A part swapped in place (data-keep-focus: a question marked taken up) keeps the
  // keyboard's place: the focus, lost with the replaced button, goes to the new version's.
  var keptFocus = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    var active = document.activeElement;
    keptFocus = target && target.id && target.hasAttribute("data-keep-focus") &&
      active && target.contains(active) ? target.id : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    var part = keptFocus && document.getElementById(keptFocus);
    keptFocus = null;
    var control = part && part.querySelector("button, a[href], input:not([type=hidden]), select");
    if (control) {
      control.focus();
    }
  });

  // htmx requests carry the CSRF token, read from the page's hidden form field.
  document.addEventListener("htmx:configRequest", function (event) {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field && !event.detail.headers["X-CSRFToken"]) {
      event.detail.headers["X-CSRFToken"] = field.value;
    }
  });
})();
