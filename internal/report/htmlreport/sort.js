// Sorts a ranking table by the column whose header is clicked; the page
// works without it (the tables are already ranked).
(function () {
  "use strict";
  var lang = document.documentElement.lang;
  function value(row, index) {
    var cell = row.cells[index];
    return cell ? cell.getAttribute("data-value") || cell.textContent : "";
  }
  function sortBy(table, th, index) {
    var numeric = th.getAttribute("data-type") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index), y = value(b, index), c;
      c = numeric ? Number(x) - Number(y) : x.localeCompare(y, lang);
      if (c === 0) { c = Number(value(a, 0)) - Number(value(b, 0)); return c; }
      return ascending ? c : -c;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(th.parentNode.cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }
  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
  });
})();
