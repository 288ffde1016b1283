/* Scenario page. Each chart opens scrolled to its first marked seat (a wide chart's
 * changes are rarely at its top-left corner). Editors can drag a seat of the scenario's
 * chart onto another seat to move it there: the drop fills the hand-edit form (action
 * "move", seat and manager by id) and submits it, so the server checks it like any other
 * edit (a cycle is refused with a message). */
(function () {
  "use strict";

  function reveal() {
    Array.prototype.forEach.call(document.querySelectorAll(".scenario-chart"), function (box) {
      var mark = box.querySelector(".seat[class*='mark-']") || box.querySelector(".seat");
      if (!mark) return;
      var outer = box.getBoundingClientRect();
      var inner = mark.getBoundingClientRect();
      box.scrollLeft += inner.left - outer.left - (box.clientWidth - inner.width) / 2;
      box.scrollTop += inner.top - outer.top - 150;  // its manager stays in view
    });
  }

  // The edit form shows only the fields the chosen edit uses (all are shown without JS).
  function fieldsFor(form) {
    var action = form.elements.action;
    function sync() {
      Array.prototype.forEach.call(form.querySelectorAll("[data-for]"), function (label) {
        var used = label.getAttribute("data-for").split(" ").indexOf(action.value) >= 0;
        label.hidden = !used;
      });
    }
    action.addEventListener("change", sync);
    sync();
  }

  function init() {
    reveal();
    var side = document.getElementById("scenario-after");
    var form = document.getElementById("edit-form");
    if (form) fieldsFor(form);
    if (!side || !form) return;
    var dragged = null;

    side.addEventListener("dragstart", function (event) {
      var card = event.target.closest && event.target.closest(".seat[data-seat-id]");
      if (!card) return;
      dragged = card;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.getAttribute("data-seat-id"));
    });
    side.addEventListener("dragover", function (event) {
      var target = event.target.closest && event.target.closest(".seat[data-seat-id]");
      if (!dragged || !target || target === dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      target.classList.add("drop-target");
    });
    side.addEventListener("dragleave", function (event) {
      var target = event.target.closest && event.target.closest(".seat[data-seat-id]");
      if (target) target.classList.remove("drop-target");
    });
    side.addEventListener("drop", function (event) {
      var target = event.target.closest && event.target.closest(".seat[data-seat-id]");
      if (!dragged || !target || target === dragged) return;
      event.preventDefault();
      form.elements.action.value = "move";
      form.elements.seat.value = dragged.getAttribute("data-seat-id");
      form.elements.manager.value = target.getAttribute("data-seat-id");
      dragged = null;
      form.submit();
    });
    side.addEventListener("dragend", function () { dragged = null; });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
