// Running totals under the reflection's time table, and an "Add an Other row" that needs no reload.
// Without JavaScript the page still works: totals are computed when the draft is saved.
(function () {
  "use strict";
  var table = document.querySelector("table.time-table");
  if (!table) return;
  var form = table.closest("form");
  var week = parseFloat(table.dataset.week || "");

  function unit() {
    var checked = form.querySelector('input[name="time_unit"]:checked');
    return checked ? checked.value : "percent";
  }

  function format(n) {
    return String(Math.round(n * 100) / 100);
  }

  function describe(total, filled) {
    if (!filled) return "empty";
    var percent = total;
    var text = format(total) + "%";
    if (unit() === "hours" && week > 0) {
      percent = (total * 100) / week;
      text = format(total) + " of " + format(week) + " hours (" + format(percent) + "%)";
    }
    var gap = percent - 100;
    if (Math.abs(gap) <= 0.5) return text + " — adds up";
    var points = format(Math.abs(gap));
    return text + " — " + points + (points === "1" ? " point " : " points ") + (gap < 0 ? "short of" : "over") + " 100%";
  }

  function update() {
    ["ideal", "current"].forEach(function (column) {
      var total = 0;
      var filled = false;
      table.querySelectorAll('input[data-column="' + column + '"]').forEach(function (input) {
        var value = parseFloat(input.value.replace(",", "."));
        if (input.value.trim() !== "" && !isNaN(value)) {
          total += value;
          filled = true;
        }
      });
      var output = document.getElementById("total-" + column);
      if (output) output.textContent = describe(total, filled);
    });
    var label = unit() === "hours" ? "hours per week" : "%";
    table.querySelectorAll(".unit-name").forEach(function (span) { span.textContent = label; });
  }

  table.addEventListener("input", update);
  form.querySelectorAll('input[name="time_unit"]').forEach(function (radio) {
    radio.addEventListener("change", update);
  });

  var addButton = document.getElementById("add-row");
  var counter = document.getElementById("other-rows");
  if (addButton && counter) {
    addButton.addEventListener("click", function (event) {
      var rows = table.querySelectorAll("tbody tr.other-row");
      var last = rows[rows.length - 1];
      if (!last || rows.length >= 10) return; // let the server handle it
      event.preventDefault();
      var index = parseInt(counter.value, 10);
      var oldPrefix = last.dataset.prefix;
      var newPrefix = "other-" + index;
      var copy = last.cloneNode(true);
      copy.dataset.prefix = newPrefix;
      copy.querySelectorAll(".errorlist").forEach(function (e) { e.remove(); });
      copy.querySelectorAll("[id], [name], [for]").forEach(function (el) {
        ["id", "name", "for"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) el.setAttribute(attr, value.split(oldPrefix).join(newPrefix));
        });
      });
      copy.querySelectorAll("label").forEach(function (l) {
        l.textContent = l.textContent.replace(/added row \d+/, "added row " + (index + 1));
      });
      copy.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
      last.after(copy);
      counter.value = index + 1;
      copy.querySelector("input").focus();
    });
  }
  update();
})();
