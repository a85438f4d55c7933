// The plan's board (templates/coaching/plans/plan_board.html): htmx posts a card's move and
// swaps the board; the page works without this file (each card's form posts and redirects).
(function () {
  "use strict";

  // A stale card (409) or an unknown status (400) comes back with the board as it is now
  // and the reason: show it, as for a success.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 409 || status === 400) && event.detail.target.id === "board") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Keep the keyboard where it was: on the moved card's status, in its new column.
  document.addEventListener("htmx:afterSwap", function () {
    var board = document.getElementById("board");
    var moved = board && board.getAttribute("data-moved");
    if (!moved) {
      return;
    }
    var select = document.getElementById("status-" + moved);
    if (select) {
      select.focus();
    } else {
      board.setAttribute("tabindex", "-1");
      board.focus();
    }
  });
})();
