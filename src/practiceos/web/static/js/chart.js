/* PracticeOS accountability chart: expand/collapse, zoom, pan and "find" (vanilla JS).
 *
 * The server renders the top of the chart; every expand fetches one manager's reports as
 * an HTML fragment (/org/chart/children/<id>/), so the page never holds the whole tree.
 * Zoom and pan are a CSS transform on the canvas: translate(x, y) scale(s), origin 0 0.
 */
(function () {
  "use strict";

  var MIN_SCALE = 0.2;
  var MAX_SCALE = 2;
  var STEP = 1.2;
  var DRAG_THRESHOLD = 4;

  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }

  function init() {
    var shell = document.getElementById("chart");
    if (!shell) return;
    var viewport = document.getElementById("chart-viewport");
    var canvas = document.getElementById("chart-canvas");
    var zoomLabel = document.getElementById("zoom-level");
    var findInput = document.getElementById("find-q");
    var findResults = document.getElementById("find-results");
    var view = { x: 0, y: 0, s: 1 };

    /* ---- transform ---------------------------------------------------------------- */

    function apply(animate) {
      canvas.classList.toggle("is-animating", !!animate);
      canvas.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.s + ")";
      zoomLabel.textContent = Math.round(view.s * 100) + "%";
      // The dotted grid moves and scales with the canvas so panning feels physical.
      var grid = 22 * view.s;
      viewport.style.backgroundSize = grid + "px " + grid + "px";
      viewport.style.backgroundPosition = view.x + "px " + view.y + "px";
    }

    function zoomAt(scale, px, py, animate) {
      scale = clamp(scale, MIN_SCALE, MAX_SCALE);
      view.x = px - (px - view.x) * (scale / view.s);
      view.y = py - (py - view.y) * (scale / view.s);
      view.s = scale;
      apply(animate);
    }

    function zoomBy(factor) {
      zoomAt(view.s * factor, viewport.clientWidth / 2, viewport.clientHeight / 2, true);
    }

    // An element's box in viewport pixels where the current view puts it. Computed from
    // layout offsets, not getBoundingClientRect, so it is right even mid-animation.
    function boxOf(el) {
      var x = 0;
      var y = 0;
      var node = el;
      while (node && node !== canvas) {
        x += node.offsetLeft;
        y += node.offsetTop;
        node = node.offsetParent;
      }
      return { x: view.x + x * view.s, y: view.y + y * view.s,
               w: el.offsetWidth * view.s, h: el.offsetHeight * view.s };
    }

    function panTo(el, animate) {
      var b = boxOf(el);
      view.x += viewport.clientWidth / 2 - (b.x + b.w / 2);
      view.y += viewport.clientHeight * 0.35 - (b.y + b.h / 2);
      apply(animate);
    }

    function ensureVisible(el) {
      var b = boxOf(el);
      var m = 24;
      if (b.x < m || b.y < m || b.x + b.w > viewport.clientWidth - m ||
          b.y + b.h > viewport.clientHeight - m) {
        panTo(el, true);
      }
    }

    // Run a layout change without moving ``anchor`` on screen (expanding a subtree
    // re-centres its manager over the new, wider row; the user should not lose it).
    function keepPlace(anchor, change) {
      var before = boxOf(anchor);
      return Promise.resolve(change()).then(function () {
        var after = boxOf(anchor);
        view.x += before.x - after.x;
        view.y += before.y - after.y;
        apply(false);
      });
    }

    // The opening view: the whole width if it fits at a readable scale (75% or more),
    // else full size; either way the top seat is centred at the top.
    function home() {
      var fits = viewport.clientWidth / canvas.offsetWidth;
      view.s = fits >= 1 || fits < 0.75 ? 1 : fits;
      view.x = 0;
      view.y = 0;
      var first = canvas.querySelector(".roots > li > .seat");
      if (first) {
        var b = boxOf(first);
        view.x = viewport.clientWidth / 2 - (b.x + b.w / 2);
      }
      apply(false);
    }

    function fit() {
      // offsetWidth/Height are layout sizes, unaffected by the transform.
      var w = canvas.offsetWidth;
      var h = canvas.offsetHeight;
      var s = clamp(Math.min(viewport.clientWidth / w, viewport.clientHeight / h, 1), MIN_SCALE, 1);
      view.s = s;
      view.x = (viewport.clientWidth - w * s) / 2;
      view.y = Math.max(0, (viewport.clientHeight - h * s) / 2);
      apply(true);
    }

    /* ---- loading and toggling subtrees ------------------------------------------- */

    function nodeOf(seatId) {
      return canvas.querySelector('li.node[data-seat="' + seatId + '"]');
    }

    function fetchFragment(url) {
      return fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (res) {
          if (!res.ok) throw new Error("Could not load " + url + " (" + res.status + ")");
          return res.text();
        });
    }

    // Replace a list (a manager's reports, or the top seats) with a fresh page from
    // ``url``; ``focus`` asks the server to include that seat even beyond the first page.
    function loadList(list, url, focus) {
      var u = new URL(url, window.location.href);
      if (focus) u.searchParams.set("focus", focus);
      return fetchFragment(u).then(function (html) {
        var tpl = document.createElement("template");
        tpl.innerHTML = html.trim();
        var fresh = tpl.content.firstElementChild;
        list.replaceWith(fresh);
        if (window.htmx) window.htmx.process(fresh);
        return fresh;
      });
    }

    function setOpen(button, list, open) {
      list.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }

    // Open the subtree under ``button``'s seat (loading it if needed). With ``focus``,
    // make sure that report is among the loaded cards.
    function openSubtree(button, focus) {
      var node = button.closest("li.node");
      var card = node.querySelector(":scope > .seat");
      return keepPlace(card, function () {
        var list = node.querySelector(":scope > ul.children");
        var missing = focus && !list.querySelector(':scope > li[data-seat="' + focus + '"]');
        if (list.dataset.loaded && !missing) {
          setOpen(button, list, true);
          return null;
        }
        button.setAttribute("aria-busy", "true");
        return loadList(list, button.dataset.children, focus).then(function (fresh) {
          setOpen(button, fresh, true);
        }).finally(function () {
          button.removeAttribute("aria-busy");
        });
      });
    }

    function closeSubtree(button) {
      var node = button.closest("li.node");
      var card = node.querySelector(":scope > .seat");
      return keepPlace(card, function () {
        setOpen(button, node.querySelector(":scope > ul.children"), false);
      });
    }

    canvas.addEventListener("click", function (event) {
      var button = event.target.closest("button.toggle");
      if (!button || !canvas.contains(button)) return;
      event.preventDefault();
      if (button.getAttribute("aria-expanded") === "true") closeSubtree(button);
      else openSubtree(button).catch(reportError);
    });

    // "Show N more" is plain htmx (it swaps itself for the next page). Keep the manager
    // in place while the row grows, and drop any card already shown (a revealed seat).
    var moreAnchor = null;
    document.body.addEventListener("htmx:beforeSwap", function (event) {
      var elt = event.detail.elt;
      if (!elt || !elt.classList || !elt.classList.contains("more-btn")) return;
      var list = elt.closest("ul");
      var owner = list && list.parentElement && list.parentElement.querySelector(":scope > .seat");
      moreAnchor = owner ? { el: owner, box: boxOf(owner), list: list } : { list: list };
    });
    document.body.addEventListener("htmx:afterSwap", function () {
      if (!moreAnchor) return;
      dedupe(moreAnchor.list);
      if (moreAnchor.el) {
        var after = boxOf(moreAnchor.el);
        view.x += moreAnchor.box.x - after.x;
        view.y += moreAnchor.box.y - after.y;
        apply(false);
      }
      moreAnchor = null;
    });

    function dedupe(list) {
      if (!list) return;
      var seen = {};
      Array.prototype.forEach.call(list.querySelectorAll(":scope > li.node"), function (li) {
        if (seen[li.dataset.seat]) li.remove();
        else seen[li.dataset.seat] = true;
      });
    }

    /* ---- revealing a seat ---------------------------------------------------------- */

    function highlight(card) {
      Array.prototype.forEach.call(canvas.querySelectorAll(".seat.is-focus"), function (el) {
        el.classList.remove("is-focus");
      });
      card.classList.add("is-focus");
    }

    // Open every manager on ``path`` (top seat first), then centre and highlight the seat.
    function revealPath(path) {
      if (!path.length) return Promise.resolve();
      var step = Promise.resolve();
      if (!nodeOf(path[0])) {
        var roots = canvas.querySelector("ul.roots");
        if (roots) step = loadList(roots, shell.dataset.rootsUrl, path[0]);
      }
      path.slice(0, -1).forEach(function (seatId, i) {
        step = step.then(function () {
          var node = nodeOf(seatId);
          var button = node && node.querySelector(":scope > .seat > button.toggle");
          if (!button) throw new Error("Seat " + seatId + " is not on the chart");
          return openSubtree(button, path[i + 1]);
        });
      });
      return step.then(function () {
        var node = nodeOf(path[path.length - 1]);
        if (!node) return;
        var card = node.querySelector(":scope > .seat");
        highlight(card);
        panTo(card, true);
        card.querySelector(".seat-link").focus({ preventScroll: true });
      });
    }

    function reveal(seatId) {
      var url = shell.dataset.pathUrl.replace(/0\/$/, seatId + "/");
      return fetch(url, { credentials: "same-origin" })
        .then(function (res) {
          if (!res.ok) throw new Error("No such seat");
          return res.json();
        })
        .then(function (data) { return revealPath(data.path); });
    }

    function reportError(err) {
      if (window.console) window.console.error(err);
    }

    /* ---- find box ------------------------------------------------------------------ */

    function hits() {
      return Array.prototype.slice.call(findResults.querySelectorAll(".find-hit"));
    }

    function closeFind() {
      findResults.innerHTML = "";
    }

    findResults.addEventListener("click", function (event) {
      var hit = event.target.closest("[data-reveal]");
      if (!hit) return;
      event.preventDefault();
      closeFind();
      reveal(hit.dataset.reveal).catch(reportError);
    });

    findInput.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && hits().length) {
        event.preventDefault();
        hits()[0].focus();
      } else if (event.key === "Escape") {
        findInput.value = "";
        closeFind();
      }
    });

    findResults.addEventListener("keydown", function (event) {
      var list = hits();
      var i = list.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && i < list.length - 1) {
        event.preventDefault();
        list[i + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (i > 0) list[i - 1].focus();
        else findInput.focus();
      } else if (event.key === "Escape") {
        closeFind();
        findInput.focus();
      }
    });

    document.addEventListener("click", function (event) {
      if (!event.target.closest(".find")) closeFind();
    });

    /* ---- zoom controls, wheel, drag, keyboard -------------------------------------- */

    shell.querySelector(".chart-zoom").addEventListener("click", function (event) {
      var button = event.target.closest("button[data-zoom]");
      if (!button) return;
      var what = button.dataset.zoom;
      if (what === "in") zoomBy(STEP);
      else if (what === "out") zoomBy(1 / STEP);
      else if (what === "fit") fit();
      else home();
    });

    viewport.addEventListener("wheel", function (event) {
      if (event.target.closest(".chart-legend, .chart-zoom")) return;
      event.preventDefault();
      if (event.ctrlKey || event.metaKey) {
        var v = viewport.getBoundingClientRect();
        zoomAt(view.s * Math.exp(-event.deltaY * 0.0015), event.clientX - v.left,
               event.clientY - v.top, false);
      } else {
        view.x -= event.deltaX;
        view.y -= event.deltaY;
        apply(false);
      }
    }, { passive: false });

    var drag = null;
    var suppressClick = false;
    viewport.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || event.target.closest("button, input, .chart-legend, .chart-zoom")) {
        return;
      }
      drag = { id: event.pointerId, x: event.clientX, y: event.clientY, vx: view.x, vy: view.y,
               moving: false };
    });
    viewport.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.id) return;
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (!drag.moving && Math.abs(dx) + Math.abs(dy) < DRAG_THRESHOLD) return;
      if (!drag.moving) {
        // Capture only once it is a drag: capturing at once would swallow card clicks.
        drag.moving = true;
        viewport.setPointerCapture(event.pointerId);
        viewport.classList.add("is-panning");
      }
      view.x = drag.vx + dx;
      view.y = drag.vy + dy;
      apply(false);
    });
    function endDrag(event) {
      if (!drag || event.pointerId !== drag.id) return;
      if (drag.moving) {
        suppressClick = true;
        window.setTimeout(function () { suppressClick = false; }, 0);
        viewport.classList.remove("is-panning");
      }
      drag = null;
    }
    viewport.addEventListener("pointerup", endDrag);
    viewport.addEventListener("pointercancel", endDrag);
    // A drag that starts on a card must not open the seat page when it ends.
    viewport.addEventListener("click", function (event) {
      if (suppressClick) {
        event.preventDefault();
        event.stopPropagation();
        suppressClick = false;
      }
    }, true);
    viewport.addEventListener("dragstart", function (event) { event.preventDefault(); });

    viewport.addEventListener("keydown", function (event) {
      if (event.target.closest("input")) return;
      var step = 60;
      var handled = true;
      switch (event.key) {
        case "ArrowLeft": view.x += step; apply(false); break;
        case "ArrowRight": view.x -= step; apply(false); break;
        case "ArrowUp": view.y += step; apply(false); break;
        case "ArrowDown": view.y -= step; apply(false); break;
        case "+": case "=": zoomBy(STEP); break;
        case "-": case "_": zoomBy(1 / STEP); break;
        case "0": home(); break;
        default: handled = false;
      }
      if (handled) event.preventDefault();
    });

    // Tabbing through cards pans the chart so the focused card is on screen.
    canvas.addEventListener("focusin", function (event) {
      var card = event.target.closest(".seat");
      if (card) ensureVisible(card);
    });

    /* ---- start --------------------------------------------------------------------- */

    home();
    var focusPath = (shell.dataset.focusPath || "").split(",").filter(Boolean);
    if (focusPath.length) revealPath(focusPath).catch(reportError);
    shell.classList.add("is-ready");
    // Expose for tests and the console (read-only use).
    window.practiceosChart = { reveal: reveal, view: view };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
