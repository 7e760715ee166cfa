// Small behaviours every page may use, without inline scripts (the Content-Security-Policy forbids them).
// - <button data-print> prints the page.
// - <form data-confirm="Question?"> asks before submitting.
// - <button data-copy="field-id"> copies that field's text (a personal link) and says so.
// - .no-js-only elements (a form's button where htmx saves on change) are hidden once scripts run.
(function () {
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
    var copy = event.target.closest && event.target.closest("[data-copy]");
    if (copy) {
      var field = document.getElementById(copy.getAttribute("data-copy"));
      if (!field) { return; }
      field.select();
      var done = function () { copy.setAttribute("aria-live", "polite"); copy.firstChild.textContent = "Copied"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
