// A live clock for the running section of a meeting; the time that counts is stored by the server.
(function () {
  var clock = document.querySelector(".section-clock[data-running]");
  if (!clock) return;
  var base = parseInt(clock.dataset.used, 10), opened = Date.now();
  setInterval(function () {
    var s = base + Math.floor((Date.now() - opened) / 1000), h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    clock.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s % 60);
  }, 1000);
})();
