// The searchable people picker (core.widgets.PeoplePicker): a <select data-people-picker="label">
// gets a search box above it; typing narrows the options to those containing the text (any case)
// and, for a single choice, picks the first one left. Without JavaScript the select works as it is.
(function () {
  function normalise(text) { return text.toLowerCase().replace(/\s+/g, " ").trim(); }

  function enhance(select) {
    if (select.dataset.pickerReady) { return; }
    select.dataset.pickerReady = "1";
    var box = document.createElement("input");
    box.type = "search";
    box.className = "picker-search";
    box.autocomplete = "off";
    box.setAttribute("aria-label", select.getAttribute("data-people-picker") || "Type to narrow the list");
    if (select.id) { box.setAttribute("aria-controls", select.id); box.id = select.id + "-search"; }
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", function () {
      var wanted = normalise(box.value);
      var first = null;
      Array.prototype.forEach.call(select.options, function (option) {
        var shown = !wanted || normalise(option.text).indexOf(wanted) !== -1;
        option.hidden = !shown;
        if (shown && !first && option.value) { first = option; }
      });
      if (wanted && first && !select.multiple && select.value !== first.value) {
        select.value = first.value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call(root.querySelectorAll("select[data-people-picker]"), enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.target); });
})();
