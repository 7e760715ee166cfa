// Ctrl + arrow keys move between the matrix's cells (plain arrows still change a cell's value).
document.addEventListener("keydown", function (event) {
  var select = event.target;
  var moves = {ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1]};
  if (!event.ctrlKey || !moves[event.key] || !select.matches || !select.matches("table.matrix select")) return;
  var row = Number(select.dataset.row) + moves[event.key][0];
  var col = Number(select.dataset.col) + moves[event.key][1];
  var next = document.querySelector('table.matrix select[data-row="' + row + '"][data-col="' + col + '"]');
  if (next) { event.preventDefault(); next.focus(); }
});
