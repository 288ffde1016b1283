/* Picker: choose seats (or roles, locations, teams) by search instead of a huge select.
 * htmx fetches the matches (org:pick) into the listbox; this script only moves a choice
 * into the hidden field(s) the form posts, and keeps Enter in the search box from
 * submitting the form. Without JavaScript the form still posts what was chosen before. */
(function () {
  "use strict";

  function pickerOf(el) { return el.closest("[data-picker]"); }

  function closeResults(picker) {
    const list = picker.querySelector(".picker-results");
    list.innerHTML = "";
    picker.querySelector(".picker-q").setAttribute("aria-expanded", "false");
  }

  function chip(picker, id, label) {
    const li = document.createElement("li");
    li.className = "chip";
    li.dataset.id = id;
    if (picker.hasAttribute("data-multiple")) {
      const hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = picker.dataset.name;
      hidden.value = id;
      li.appendChild(hidden);
    }
    const span = document.createElement("span");
    span.className = "chip-label";
    span.textContent = label;
    const x = document.createElement("button");
    x.type = "button";
    x.className = "chip-x";
    x.setAttribute("data-unpick", "");
    x.setAttribute("aria-label", "Remove " + label);
    x.textContent = "×";
    li.append(span, x);
    return li;
  }

  function choose(button) {
    const picker = pickerOf(button);
    const id = button.dataset.pick;
    const label = button.dataset.label;
    const chosen = picker.querySelector(".picker-chosen");
    if (picker.hasAttribute("data-multiple")) {
      if (!chosen.querySelector('[data-id="' + CSS.escape(id) + '"]')) {
        chosen.appendChild(chip(picker, id, label));
      }
    } else {
      picker.querySelector("[data-picker-value]").value = id;
      chosen.replaceChildren(chip(picker, id, label));
    }
    const q = picker.querySelector(".picker-q");
    q.value = "";
    closeResults(picker);
    q.focus();
  }

  document.addEventListener("click", function (event) {
    const hit = event.target.closest("[data-pick]");
    if (hit && pickerOf(hit)) { event.preventDefault(); choose(hit); return; }
    const x = event.target.closest("[data-unpick]");
    if (x && pickerOf(x)) {
      const picker = pickerOf(x);
      if (!picker.hasAttribute("data-multiple")) picker.querySelector("[data-picker-value]").value = "";
      x.closest(".chip").remove();
      picker.querySelector(".picker-q").focus();
      return;
    }
    // A click elsewhere closes any open list of matches.
    document.querySelectorAll("[data-picker]").forEach(function (picker) {
      if (!picker.contains(event.target)) closeResults(picker);
    });
  });

  document.addEventListener("keydown", function (event) {
    const picker = pickerOf(event.target);
    if (!picker) return;
    const hits = Array.from(picker.querySelectorAll("[data-pick]"));
    const at = hits.indexOf(document.activeElement);
    if (event.key === "Enter" && event.target.classList.contains("picker-q")) {
      // Enter picks the first match rather than submitting a half-filled form.
      event.preventDefault();
      if (hits.length) choose(hits[0]);
    } else if (event.key === "ArrowDown" && hits.length) {
      event.preventDefault();
      hits[Math.min(at + 1, hits.length - 1)].focus();
    } else if (event.key === "ArrowUp" && hits.length) {
      event.preventDefault();
      if (at <= 0) picker.querySelector(".picker-q").focus();
      else hits[at - 1].focus();
    } else if (event.key === "Escape") {
      closeResults(picker);
      picker.querySelector(".picker-q").focus();
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    const picker = pickerOf(event.target);
    if (picker) picker.querySelector(".picker-q").setAttribute("aria-expanded", "true");
  });
})();
