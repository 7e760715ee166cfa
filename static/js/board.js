// The tracker's board (actions/board.html): Alt+ArrowRight / Alt+ArrowLeft on a focused card moves it
// one column by submitting its "Move to" form; after the page comes back, the moved card has the focus.
(function () {
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) { return; }
    var card = event.target.closest && event.target.closest("[data-board-card]");
    if (!card || event.target !== card) { return; }
    var select = card.querySelector("select[name=status]");
    var index = select.selectedIndex + (event.key === "ArrowRight" ? 1 : -1);
    if (index < 0 || index >= select.options.length) { return; }
    event.preventDefault();
    select.selectedIndex = index;
    select.form.requestSubmit();
  });
  document.addEventListener("DOMContentLoaded", function () {
    var id = window.location.hash.slice(1);
    var card = id && document.getElementById(id);
    if (card && card.hasAttribute("data-board-card")) { card.focus(); }
  });
})();
