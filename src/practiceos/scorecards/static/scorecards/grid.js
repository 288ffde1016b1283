/* The keyboard grid for weekly numbers (no inline handlers: loaded as a static file).
 *
 * Arrow keys move between cells (left/right once the caret is at the edge), Enter moves
 * down, Shift+Enter up; each cell saves through its own htmx attributes when it changes.
 * Pasting a block (tab-separated columns, one line per row, as spreadsheets copy) fills
 * the cells from the one pasted into and saves the whole grid at once.
 */
(function () {
  "use strict";

  function cellsOf(table) {
    return Array.from(table.querySelectorAll("tbody tr")).map(function (tr) {
      return Array.from(tr.querySelectorAll("input.grid-input"));
    });
  }

  function position(input) {
    var table = input.closest("table.grid");
    if (!table) return null;
    var rows = cellsOf(table);
    for (var r = 0; r < rows.length; r++) {
      var c = rows[r].indexOf(input);
      if (c >= 0) return { table: table, rows: rows, r: r, c: c };
    }
    return null;
  }

  function focusAt(rows, r, c) {
    if (r < 0 || r >= rows.length) return false;
    var row = rows[r];
    if (c < 0 || c >= row.length) return false;
    row[c].focus();
    row[c].select();
    return true;
  }

  function onKey(event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("grid-input")) return;
    var pos = position(input);
    if (!pos) return;
    var atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    var atEnd = input.selectionStart === input.value.length;
    var all = input.selectionStart === 0 && input.selectionEnd === input.value.length;
    var moved = false;
    if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey)) {
      moved = focusAt(pos.rows, pos.r + 1, pos.c) || (event.key === "Enter" && focusAt(pos.rows, 0, pos.c + 1));
      if (event.key === "Enter") event.preventDefault(); // moving on saves (change fires on leaving)
    } else if (event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey)) {
      moved = focusAt(pos.rows, pos.r - 1, pos.c);
      if (event.key === "Enter") event.preventDefault();
    } else if (event.key === "ArrowLeft" && (atStart || all)) {
      moved = focusAt(pos.rows, pos.r, pos.c - 1);
    } else if (event.key === "ArrowRight" && (atEnd || all)) {
      moved = focusAt(pos.rows, pos.r, pos.c + 1);
    }
    if (moved) event.preventDefault();
  }

  function onPaste(event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("grid-input")) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!text || (text.indexOf("\t") < 0 && text.indexOf("\n") < 0)) return; // one value: normal paste
    event.preventDefault();
    var pos = position(input);
    if (!pos) return;
    var lines = text.replace(/\r\n?/g, "\n").replace(/\n+$/, "").split("\n");
    lines.forEach(function (line, i) {
      line.split("\t").forEach(function (value, j) {
        var row = pos.rows[pos.r + i];
        if (row && row[pos.c + j]) row[pos.c + j].value = value.trim();
      });
    });
    var form = input.closest("form");
    var wrap = document.getElementById("grid-wrap");
    if (wrap) wrap.dataset.refocus = input.name;
    if (form && window.htmx) window.htmx.trigger(form, "submit");
    else if (form) form.requestSubmit();
  }

  function onSwap(event) {
    var wrap = document.getElementById("grid-wrap");
    if (!wrap || event.target !== wrap || !wrap.dataset.refocus) return;
    var again = wrap.querySelector('input[name="' + CSS.escape(wrap.dataset.refocus) + '"]');
    delete wrap.dataset.refocus;
    if (again) again.focus();
  }

  function onFocus(event) {
    var input = event.target;
    if (input instanceof HTMLInputElement && input.classList.contains("grid-input")) input.select();
  }

  document.addEventListener("keydown", onKey);
  document.addEventListener("paste", onPaste);
  document.addEventListener("focusin", onFocus);
  document.addEventListener("htmx:afterSwap", onSwap);
})();
