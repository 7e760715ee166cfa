// A live clock for the running section of a meeting (in the step bar and in the section); the time that
// counts is stored by the server.
(function () {
  var clocks = document.querySelectorAll(".section-clock[data-running]");
  if (!clocks.length) return;
  var base = parseInt(clocks[0].dataset.used, 10), opened = Date.now();
  setInterval(function () {
    var s = base + Math.floor((Date.now() - opened) / 1000), h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    Array.prototype.forEach.call(clocks, function (clock) { clock.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s % 60); });
  }, 1000);
})();
