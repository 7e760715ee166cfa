// The planner run's before/after charts; each repeats the table beside it (complete without JavaScript).
(function () {
  if (!window.Chart) { return; }
  var source = document.getElementById("split-data");
  if (!source) { return; }
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  JSON.parse(source.textContent).forEach(function (split, i) {
    var canvas = document.getElementById("split-chart-" + i);
    if (!canvas) { return; }
    new Chart(canvas, {
      type: "bar",
      data: { labels: split.labels, datasets: [
        { label: "Before", data: split.before, backgroundColor: "#6c757d" },
        { label: "After", data: split.after, backgroundColor: "#0b5394" }
      ] },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, title: { display: true, text: "Hours a week" } } } }
    });
  });
})();
