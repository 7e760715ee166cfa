// The dashboards' charts; every chart repeats the table beside it (complete without JavaScript).
(function () {
  if (!window.Chart) { return; }
  var data = JSON.parse(document.getElementById("figures-data").textContent);
  var IDEAL = "#0b5394", CURRENT = "#a4161a", TARGET = "#1e6b35";
  Chart.defaults.animation = false;  // charts are drawn at once, so they print as they are shown
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.color = "#1b1f24";
  var charts = [];
  function draw(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) { charts.push(new Chart(canvas, config)); }
  }
  var percent = { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + "%"; } } };
  draw("chart-time", {
    type: "bar",
    data: { labels: data.time.labels, datasets: [
      { label: "Ideal", data: data.time.ideal, backgroundColor: IDEAL },
      { label: "Current", data: data.time.current, backgroundColor: CURRENT }
    ] },
    options: { indexAxis: "y", scales: { x: percent } }
  });
  draw("chart-services", {
    type: "bar",
    data: { labels: data.services.labels, datasets: [
      { label: "Ideal", data: data.services.ideal, backgroundColor: IDEAL, maxBarThickness: 48 },
      { label: "Current", data: data.services.current, backgroundColor: CURRENT, maxBarThickness: 48 },
      { type: "line", label: "ASCA: at least 80%", data: data.services.labels.map(function () { return data.services.target; }),
        borderColor: TARGET, borderDash: [6, 4], pointRadius: 0, fill: false }
    ] },
    options: { scales: { y: percent } }
  });
  draw("chart-trend", {
    type: "line",
    data: { labels: data.trend.labels, datasets: [
      { label: "Direct and indirect services (current)", data: data.trend.services, borderColor: IDEAL, backgroundColor: IDEAL },
      { label: "Non-counseling duties (current)", data: data.trend.non_counseling, borderColor: CURRENT, backgroundColor: CURRENT, borderDash: [4, 3] }
    ] },
    options: { scales: { y: percent } }
  });
  draw("chart-barriers", {
    type: "bar",
    data: { labels: data.barriers.labels, datasets: [{ label: "People", data: data.barriers.counts, backgroundColor: IDEAL, maxBarThickness: 28 }] },
    options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  window.addEventListener("beforeprint", function () { charts.forEach(function (c) { c.resize(); }); });
})();
