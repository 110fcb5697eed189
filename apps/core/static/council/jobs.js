// The jobs page: poll the progress of unfinished jobs and reload when one finishes,
// so its download link or its error appears without the clerk pressing F5.
(function () {
  "use strict";
  var table = document.getElementById("jobs-table");
  if (!table) { return; }
  var url = table.getAttribute("data-status-url");
  function pending() {
    return Array.prototype.filter.call(table.querySelectorAll("tr[data-job]"), function (row) {
      return row.getAttribute("data-finished") === "0";
    });
  }
  function poll() {
    var rows = pending();
    if (!rows.length) { return; }
    var query = rows.map(function (row) { return "id=" + encodeURIComponent(row.getAttribute("data-job")); }).join("&");
    fetch(url + "?" + query, {credentials: "same-origin"}).then(function (response) {
      return response.json();
    }).then(function (data) {
      var finished = false;
      data.jobs.forEach(function (job) {
        var row = table.querySelector('tr[data-job="' + job.id + '"]');
        if (!row) { return; }
        row.querySelector("progress").value = job.progress;
        row.querySelector(".job-percent").textContent = job.progress + "%";
        row.querySelector(".job-step").textContent = job.step;
        if (job.finished) { finished = true; }
      });
      if (finished) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
    }).catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}());
