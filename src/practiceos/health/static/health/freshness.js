// The automatic re-check's progress (jobs/htmx/progress.html) polls by itself; once it
// reports "done", a box marked data-when-done="reload" reloads the page (the report now
// describes the chart as it is), and data-when-done="note" reveals its [data-done-note]
// (the chart keeps its pan and zoom; the note offers the reload).
(function () {
  "use strict";
  function settle() {
    document.querySelectorAll("[data-when-done]").forEach(function (box) {
      var job = box.querySelector(".job");
      if (!job || job.dataset.status !== "done" || box.dataset.finished) return;
      box.dataset.finished = "1";
      if (box.dataset.whenDone === "reload") {
        window.location.reload();
        return;
      }
      box.querySelectorAll("[data-done-note]").forEach(function (note) { note.hidden = false; });
      box.querySelectorAll("[data-pending-note]").forEach(function (note) { note.hidden = true; });
    });
  }
  document.addEventListener("htmx:afterSettle", settle);
})();
