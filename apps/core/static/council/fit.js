/* Registers fit a 1366 px screen. When a changelist table is wider than its box, each column gets a
   width: short columns (a number, a date, a status, a due date: up to KEEP px) keep their full width;
   the others share what is left, every one capped at the same width, lowered step by step until the
   table fits. Capped text wraps to two lines and is then cut; a cut cell shows its full text on hover
   (title). A table that fits keeps each long subject to three lines, cut the same way. Printing lifts
   every cap (print.css). */
(function () {
  "use strict";
  var STEP = 12, FLOOR = 56, KEEP = 112;
  // The subject of a record (its content, summary, title, topic) is given twice the cap.
  var SUBJECT = /column-(\w*(content|summary|title|topic|subject)\w*|__str__)\b/;

  function markCut(table) {
    table.querySelectorAll("div.cut").forEach(function (wrap) {
      if (wrap.scrollHeight > wrap.clientHeight + 1 || wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.title = wrap.textContent.replace(/\s+/g, " ").trim();
        wrap.classList.add("is-cut");
      }
    });
  }

  // A table that fits still keeps its rows short: a long subject is cut after three lines.
  function clampSubjects(table) {
    var heads = table.querySelectorAll("thead th");
    table.querySelectorAll("tbody td, tbody th").forEach(function (cell) {
      var head = heads[cell.cellIndex];
      if (!head || !SUBJECT.test(head.className) || cell.querySelector("input, select, textarea")) return;
      var wrap = document.createElement("div");
      wrap.className = "cut clamp";
      while (cell.firstChild) wrap.appendChild(cell.firstChild);
      cell.appendChild(wrap);
    });
    markCut(table);
  }

  function fit(table) {
    var box = table.closest(".results") || table.parentElement;
    if (!box) return;
    if (table.scrollWidth <= box.clientWidth) { clampSubjects(table); return; }
    table.classList.add("fit", "fit-measure");
    var natural = {};
    table.querySelectorAll("tbody td, tbody th").forEach(function (cell) {
      if (cell.classList.contains("action-checkbox") || cell.querySelector("input, select, textarea")) return;
      var wrap = document.createElement("div");
      wrap.className = "cut";
      while (cell.firstChild) wrap.appendChild(cell.firstChild);
      cell.appendChild(wrap);
      var i = cell.cellIndex;
      natural[i] = Math.max(natural[i] || 0, Math.ceil(wrap.getBoundingClientRect().width));
    });
    table.classList.remove("fit-measure");
    var heads = table.querySelectorAll("thead th");
    var subject = {};
    Object.keys(natural).forEach(function (i) { subject[i] = !!(heads[i] && SUBJECT.test(heads[i].className)); });
    // A constructed style sheet, not a <style> element: the Content-Security-Policy allows no inline style.
    var sheet = new CSSStyleSheet();
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
    var widest = Math.max.apply(null, Object.keys(natural).map(function (k) { return natural[k]; }).concat([FLOOR]));
    var cap = widest;
    do {
      var rules = [];
      Object.keys(natural).forEach(function (i) {
        var width = natural[i] <= KEEP ? natural[i] : Math.min(natural[i], subject[i] ? 2 * cap : cap);
        rules.push("#result_list.fit tbody > tr > :nth-child(" + (+i + 1) + ") > div.cut { width: " + width + "px; }");
      });
      sheet.replaceSync(rules.join("\n"));
      cap -= STEP;
    } while (table.scrollWidth > box.clientWidth && cap >= FLOOR);
    markCut(table);
  }

  function run() {
    document.querySelectorAll("#result_list").forEach(fit);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();
