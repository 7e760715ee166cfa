// Small behaviours every page may use, without inline scripts (the Content-Security-Policy forbids them).
// - <button data-print> prints the page.
// - <form data-confirm="Question?"> asks before submitting.
(function () {
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
