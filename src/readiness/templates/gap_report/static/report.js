// The clause table: filter by text and status, sort by any column. No libraries, no network.
(function () {
  "use strict";
  var table = document.querySelector("table.clauses");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var original = rows.slice();
  var labels = JSON.parse(table.getAttribute("data-labels") || "{}");

  var bar = document.createElement("div");
  bar.className = "table-controls";
  var search = document.createElement("input");
  search.type = "search";
  search.placeholder = labels.filter || "Filter";
  search.setAttribute("aria-label", labels.filter || "Filter");
  var status = document.createElement("select");
  status.setAttribute("aria-label", labels.status || "Status");
  [["", labels.all || "all"], ["gap", labels.gap || "gap"], ["ok", labels.ok || "ok"],
   ["excluded", labels.excluded || "excluded"]].forEach(function (pair) {
    var option = document.createElement("option");
    option.value = pair[0];
    option.textContent = pair[1];
    status.appendChild(option);
  });
  var count = document.createElement("span");
  count.className = "count";
  bar.appendChild(search);
  bar.appendChild(status);
  bar.appendChild(count);
  table.parentNode.insertBefore(bar, table);

  function apply() {
    var needle = search.value.trim().toLowerCase();
    var wanted = status.value;
    var shown = 0;
    rows.forEach(function (row) {
      if (row.classList.contains("group")) { return; }
      var ok = (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0) &&
               (!wanted || row.classList.contains("status-" + wanted));
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    var filtering = needle || wanted || table.getAttribute("data-sorted");
    rows.forEach(function (row) {
      if (row.classList.contains("group")) { row.hidden = Boolean(filtering); }
    });
    count.textContent = shown + " / " + rows.filter(function (r) { return !r.classList.contains("group"); }).length;
  }

  function key(row, index) {
    var cell = row.cells[index];
    if (cell && cell.hasAttribute("data-sort")) {  // levels: N/A (-1) below 0
      return ("000" + (Number(cell.getAttribute("data-sort")) + 1)).slice(-3);
    }
    var text = cell ? cell.textContent.trim() : "";
    var ref = /^(\d+(?:\.\d+)*)/.exec(text);
    if (ref) {  // clause refs and levels sort by number: 4.4.2 before 4.10
      return ref[1].split(".").map(function (n) { return ("000" + n).slice(-3); }).join(".");
    }
    return text.toLowerCase();
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
        other.setAttribute("aria-sort", "none");
      });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      table.setAttribute("data-sorted", "1");
      var data = original.filter(function (r) { return !r.classList.contains("group"); });
      data.sort(function (a, b) {
        var x = key(a, index), y = key(b, index);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows = data.concat(original.filter(function (r) { return r.classList.contains("group"); }));
      rows.forEach(function (row) { body.appendChild(row); });
      apply();
    });
  });
  search.addEventListener("input", apply);
  status.addEventListener("change", apply);
  apply();
})();
