// Small behaviours every page may use, without inline scripts (the Content-Security-Policy forbids them).
// - <button data-print> prints the page.
// - <form data-confirm="Question?"> asks before submitting.
// - <button data-copy="field-id"> copies that field's text (a personal link) and says so.
// - <button data-menu-toggle aria-controls="id"> opens and closes the site menu on a phone.
// - a .table-wrap whose table is wider than it gets tabindex="0" and a name (it scrolls sideways).
// - .no-js-only elements (a form's button where htmx saves on change) are hidden once scripts run.
(function () {
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) { window.print(); }
    var toggle = event.target.closest && event.target.closest("[data-menu-toggle]");
    if (toggle) {
      var menu = document.getElementById(toggle.getAttribute("aria-controls"));
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("open", open);
    }
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
  // A table wider than its frame scrolls inside it: keyboard users reach it (tabindex) and it is named.
  function markScrollable(root) {
    var frames = root.querySelectorAll ? root.querySelectorAll(".table-wrap") : [];
    Array.prototype.forEach.call(frames, function (frame) {
      if (frame.scrollWidth <= frame.clientWidth || frame.hasAttribute("tabindex")) { return; }
      var caption = frame.querySelector("caption");
      frame.setAttribute("tabindex", "0");
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", (caption && caption.textContent.trim()) || "Table (scrolls sideways)");
    });
  }
  document.addEventListener("DOMContentLoaded", function () { markScrollable(document); });
  document.addEventListener("htmx:load", function (event) { markScrollable(event.target.parentNode || document); });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });
})();
