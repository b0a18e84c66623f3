// The dashboard's table: sort by a column (click its heading), filter rows by any text.
// Works offline; touches nothing but this page.
(function () {
  "use strict";
  var table = document.getElementById("portfolio");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var heads = table.tHead.rows[table.tHead.rows.length - 1].cells; // above: the groups
  var shown = document.getElementById("shown");
  function count(n) { shown.textContent = n + " / " + rows.length; }
  function key(row, i, numeric) {
    var cell = row.cells[i];
    var raw = cell.getAttribute("data-v") || cell.textContent;
    if (!numeric) { return raw.toLowerCase(); }
    var n = parseFloat(raw.replace(/[^0-9+\-.]/g, ""));
    return isNaN(n) ? -Infinity : n;
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.tabIndex = 0;
    function sort() {
      var numeric = th.getAttribute("data-k") === "n";
      var down = th.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      var keyed = rows.map(function (r, j) { return [key(r, i, numeric), j, r]; });
      keyed.sort(function (a, b) {
        var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
        return down ? -c : c;
      });
      var frag = document.createDocumentFragment();
      keyed.forEach(function (k) { frag.appendChild(k[2]); });
      body.appendChild(frag);
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
  });
  var filter = document.getElementById("filter");
  filter.addEventListener("input", function () {
    var q = filter.value.toLowerCase().trim();
    var n = 0;
    rows.forEach(function (r, j) {
      var hit = !q || texts[j].indexOf(q) !== -1;
      r.classList.toggle("hidden", !hit);
      n += hit ? 1 : 0;
    });
    count(n);
  });
  count(rows.length);
})();
