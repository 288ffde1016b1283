/* PracticeOS accountability chart: expand/collapse, zoom, pan, "find", colour and filter
 * by location or team, service lines on demand, keyboard navigation (a tree of seats with
 * a live announcement) and the print scale (vanilla JS).
 *
 * The server renders the top of the chart; every expand fetches one manager's reports as
 * an HTML fragment (/org/chart/children/<id>/), so the page never holds the whole tree.
 * Zoom and pan are a CSS transform on the canvas: translate(x, y) scale(s), origin 0 0.
 */
(function () {
  "use strict";

  var MIN_SCALE = 0.1;
  var MAX_SCALE = 2;
  var STEP = 1.2;
  var DRAG_THRESHOLD = 4;
  // The printable area of a landscape Letter or A4 page with 8 mm margins, in CSS px,
  // less room for the title and the legend (the smaller of the two paper sizes).
  var PRINT_WIDTH = 990;
  var PRINT_HEIGHT = 620;

  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }

  function init() {
    var shell = document.getElementById("chart");
    if (!shell) return;
    var viewport = document.getElementById("chart-viewport");
    var canvas = document.getElementById("chart-canvas");
    var zoomLabel = document.getElementById("zoom-level");
    var findInput = document.getElementById("find-q");
    var findResults = document.getElementById("find-results");
    var legend = document.getElementById("chart-legend");
    var legendBody = document.getElementById("legend-body");
    var legendToggle = document.getElementById("legend-toggle");
    var announcer = document.getElementById("chart-announce");
    var linesLayer = document.getElementById("lines-layer");
    var linesStatus = document.getElementById("lines-status");
    var viewForm = document.getElementById("chart-view");
    var view = { x: 0, y: 0, s: 1 };
    // How the cards are coloured and which location/team the filter keeps (mirrors the URL).
    var state = {
      colour: shell.dataset.colour || "kind",
      location: shell.dataset.location || "",
      team: shell.dataset.team || "",
      hide: shell.dataset.hide === "1"
    };
    var SVG = "http://www.w3.org/2000/svg";

    function each(list, fn) { Array.prototype.forEach.call(list, fn); }

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

    // An element's box in canvas (unscaled layout) pixels.
    function layoutBox(el) {
      var x = 0;
      var y = 0;
      var node = el;
      while (node && node !== canvas) {
        x += node.offsetLeft;
        y += node.offsetTop;
        node = node.offsetParent;
      }
      return { x: x, y: y, w: el.offsetWidth, h: el.offsetHeight };
    }

    // The horizontal extent of the cards drawn at ``depth`` levels or fewer.
    function extentOf(depth) {
      var box = null;
      each(canvas.querySelectorAll("li.node, li.more"), function (li) {
        if (Number(li.getAttribute("aria-level")) > depth || !li.offsetParent) return;
        var card = li.querySelector(":scope > .seat, :scope > .more-btn");
        if (!card) return;
        var b = layoutBox(card);
        if (!box) box = { left: b.x, right: b.x + b.w, top: b.y };
        box.left = Math.min(box.left, b.x);
        box.right = Math.max(box.right, b.x + b.w);
        box.top = Math.min(box.top, b.y);
      });
      return box;
    }

    // The opening view: the top of the chart fits the width of the screen, nothing cut
    // off at either edge. Every loaded level if that stays legible (40% or more), else
    // the top two (the top seats and their reports), never above full size.
    function home(animate) {
      var margin = 20;
      var width = viewport.clientWidth - 2 * margin;
      var box = extentOf(99);
      if (box && width / (box.right - box.left) < 0.4) box = extentOf(2);
      if (!box) {
        view.s = 1;
        view.x = 0;
        view.y = 0;
        apply(!!animate);
        return;
      }
      var s = clamp(Math.min(1, width / (box.right - box.left)), MIN_SCALE, 1);
      view.s = s;
      view.x = viewport.clientWidth / 2 - ((box.left + box.right) / 2) * s;
      view.y = margin - box.top * s + 8;
      apply(!!animate);
    }

    // A phone: the top two levels fitted across its width shrink to a fraction of full
    // size when the opened reports below them are wide (a 140-person practice: 16%).
    // Before the first view, fold the open subtrees of the second level, then of the
    // first, until the top fits at a readable size; a tap on a card's count opens one
    // again. Wide screens keep everything the server opened.
    var PHONE_WIDTH = 600;
    var READABLE = 0.5;
    function foldForSmallScreen() {
      var width = viewport.clientWidth - 40;
      if (viewport.clientWidth >= PHONE_WIDTH) return;
      [2, 1].some(function (level) {
        var box = extentOf(2);
        if (!box || width / (box.right - box.left) >= READABLE) return true;
        each(canvas.querySelectorAll('li.node[aria-level="' + level + '"][aria-expanded="true"]'), function (li) {
          var button = li.querySelector(":scope > .seat > button.toggle");
          var list = li.querySelector(":scope > ul.children");
          if (button && list) setOpen(button, list, false);
        });
        return false;
      });
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
      var item = button.closest("li.node");
      if (item) item.setAttribute("aria-expanded", open ? "true" : "false");
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
      // htmx reports the swap on the "show more" item (its target), not on the button.
      var elt = event.detail.elt;
      var more = elt && elt.closest && elt.closest("li.more");
      if (!more) return;
      var list = more.closest("ul");
      var owner = list && list.parentElement && list.parentElement.querySelector(":scope > .seat");
      moreAnchor = owner ? { el: owner, box: boxOf(owner), list: list } : { list: list };
      // Loaded from the keyboard: focus moves to the first of the new seats afterwards.
      if (more.contains(document.activeElement)) {
        moreAnchor.after = more.previousElementSibling || "first";
      }
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
      if (moreAnchor.after) {
        var next = moreAnchor.after === "first" ? moreAnchor.list.firstElementChild
          : moreAnchor.after.nextElementSibling;
        if (next && next.getAttribute("role") === "treeitem") focusItem(next);
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
        focusItem(node, true);
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
      else home(true);
    });

    viewport.addEventListener("wheel", function (event) {
      if (event.target.closest(".chart-legend, .chart-zoom, .lines-status")) return;
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
      if (event.button !== 0 ||
          event.target.closest("button, input, select, .chart-legend, .chart-zoom, .lines-status")) {
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
      if (event.target.closest("input, select, .chart-legend, .lines-status")) return;
      // Inside the tree the arrows move between seats (see the tree's own handler).
      if (event.target.closest("[role=tree]") && /^Arrow/.test(event.key)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var step = 60;
      var handled = true;
      switch (event.key) {
        case "ArrowLeft": view.x += step; apply(false); break;
        case "ArrowRight": view.x -= step; apply(false); break;
        case "ArrowUp": view.y += step; apply(false); break;
        case "ArrowDown": view.y -= step; apply(false); break;
        case "+": case "=": zoomBy(STEP); break;
        case "-": case "_": zoomBy(1 / STEP); break;
        case "0": home(true); break;
        case "f": case "F": fit(); break;
        default: handled = false;
      }
      if (handled) event.preventDefault();
    });

    // Focus moving onto a seat (keyboard, reveal, a click) pans the chart so the card is
    // on screen, makes it the tree's one tab stop and announces it.
    canvas.addEventListener("focusin", function (event) {
      var item = event.target.closest("li[role=treeitem]");
      if (item && event.target === item) {
        setTabStop(item);
        say(describe(item));
      }
      var card = event.target.closest(".seat, .more-btn") ||
        (item && item.querySelector(":scope > .seat, :scope > .more-btn"));
      if (card) ensureVisible(card);
    });

    /* ---- keyboard: the seats as a tree -------------------------------------------- */

    // Screen readers hear the live region; clearing it first makes a repeat heard too.
    function say(text) {
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = text; }, 30);
    }

    function describe(item) {
      var text = item.dataset.say || item.getAttribute("aria-label") || "";
      var card = item.querySelector(":scope > .seat");
      if (card && card.classList.contains("is-dimmed")) text += ", outside the filter";
      if (item.getAttribute("aria-expanded") === "false") text += ", collapsed";
      return text;
    }

    function treeItems(list) {
      if (!list || list.hidden) return [];
      return Array.prototype.filter.call(list.children, function (li) {
        return li.getAttribute("role") === "treeitem" && !li.classList.contains("is-filtered-out");
      });
    }

    function setTabStop(item) {
      each(canvas.querySelectorAll('li[role=treeitem][tabindex="0"]'), function (li) {
        if (li !== item) li.setAttribute("tabindex", "-1");
      });
      item.setAttribute("tabindex", "0");
    }

    function focusItem(item, quiet) {
      if (!item) return;
      setTabStop(item);
      item.focus({ preventScroll: true });
      var card = item.querySelector(":scope > .seat, :scope > .more-btn");
      if (card && !quiet) ensureVisible(card);
    }

    function parentItem(item) {
      var list = item.parentElement;
      return list && list.closest("li[role=treeitem]");
    }

    function firstChild(item) {
      return treeItems(item.querySelector(":scope > ul.children"))[0];
    }

    function sibling(item, delta) {
      var list = treeItems(item.parentElement);
      return list[list.indexOf(item) + delta];
    }

    function toggleOf(item) {
      return item.querySelector(":scope > .seat > button.toggle");
    }

    function treeKey(event) {
      var item = event.target;
      if (!item.matches || !item.matches("li[role=treeitem]")) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      var toggle = toggleOf(item);
      var handled = true;
      switch (event.key) {
        case "ArrowUp": focusItem(parentItem(item)); break;
        case "ArrowLeft": focusItem(sibling(item, -1)); break;
        case "ArrowRight": focusItem(sibling(item, 1)); break;
        case "ArrowDown":
          if (toggle && toggle.getAttribute("aria-expanded") !== "true") {
            openSubtree(toggle).then(function () { focusItem(firstChild(item)); })
              .catch(reportError);
          } else {
            focusItem(firstChild(item));
          }
          break;
        case "Home": focusItem(treeItems(canvas.querySelector("ul.roots"))[0]); break;
        case "Enter":
          if (item.classList.contains("more")) item.querySelector("button").click();
          else item.querySelector(":scope > .seat > .seat-link").click();
          break;
        case " ": case "Spacebar":
          if (!toggle) {
            say("No reports to expand");
          } else if (toggle.getAttribute("aria-expanded") === "true") {
            closeSubtree(toggle).then(function () { say(describe(item)); });
          } else {
            openSubtree(toggle).then(function () {
              say(describe(item) + ", expanded");
            }).catch(reportError);
          }
          break;
        case "l": case "L": toggleLines(item); break;
        case "h": case "H":
          var flag = item.querySelector(":scope > .seat > a.flag");
          if (flag) flag.click();
          else say("No health findings on this seat");
          break;
        default: handled = false;
      }
      if (handled) {
        event.preventDefault();
        event.stopPropagation();
      }
    }
    canvas.addEventListener("keydown", treeKey);

    // aria-level from the nesting (fragments are loaded under any manager, so the server
    // does not know the depth), and one tab stop in the tree.
    function markLevels() {
      var roots = canvas.querySelector("ul.roots");
      if (!roots) return;
      // Walk hidden lists too: their items get a level before they are shown.
      function walkAll(list, depth) {
        Array.prototype.forEach.call(list.children, function (li) {
          if (li.getAttribute("role") !== "treeitem") return;
          li.setAttribute("aria-level", String(depth));
          var kids = li.querySelector(":scope > ul.children");
          if (kids) walkAll(kids, depth + 1);
        });
      }
      walkAll(roots, 1);
      var stop = canvas.querySelector('li[role=treeitem][tabindex="0"]');
      if (!stop || !stop.offsetParent) {
        var first = treeItems(roots)[0];
        if (first) setTabStop(first);
      }
    }

    /* ---- colour by location / team, filter ----------------------------------------- */

    function paletteOf(kind) {
      var map = {};
      each(legend.querySelectorAll('[data-legend="' + kind + '"] [data-group]'), function (li) {
        map[li.dataset.group] = li.dataset.colour;
      });
      return map;
    }
    var palettes = { location: paletteOf("location"), team: paletteOf("team") };

    function paint(li) {
      var card = li.querySelector(":scope > .seat");
      if (!card) return;
      each(Array.prototype.slice.call(card.classList), function (name) {
        if (name.indexOf("pc-") === 0) card.classList.remove(name);
      });
      if (state.colour === "location" || state.colour === "team") {
        var key = li.dataset[state.colour];
        var colour = key ? palettes[state.colour][key] : "none";
        card.classList.add("pc-" + (colour === undefined ? "other" : colour));
      }
      var filtered = !!(state.location || state.team);
      var match = (!state.location || li.dataset.location === state.location) &&
        (!state.team || li.dataset.team === state.team);
      card.classList.toggle("is-dimmed", filtered && !match);
      card.classList.toggle("is-match", filtered && match);
    }

    function optionOf(select, value) {
      return value ? select.querySelector('option[value="' + value + '"]') : null;
    }

    function filterStatus() {
      var out = document.getElementById("filter-status");
      if (!out) return;
      var names = [];
      var total = 0;
      [["location", "view-location"], ["team", "view-team"]].forEach(function (pair) {
        var option = optionOf(document.getElementById(pair[1]), state[pair[0]]);
        if (state[pair[0]]) {
          names.push(option ? option.textContent.replace(/\s*\(\d+\)$/, "") : pair[0] + " " + state[pair[0]]);
          if (option) total = total ? Math.min(total, Number(option.dataset.count)) : Number(option.dataset.count);
        }
      });
      if (!names.length) {
        out.textContent = "";
        return;
      }
      var shown = canvas.querySelectorAll(".seat.is-match").length;
      out.textContent = "Showing " + names.join(" and ") + ": " + shown + " matching seat" +
        (shown === 1 ? "" : "s") + " on the chart" +
        (names.length === 1 && total > shown ? " of " + total + " (expand managers for the rest)" : "") +
        (state.hide ? "; the others are hidden." : "; the others are greyed.");
    }

    function paintAll() {
      var nodes = canvas.querySelectorAll("li.node");
      each(nodes, paint);
      // "Hide others": a seat goes when neither it nor any loaded seat below it matches
      // (a manager of matching seats stays, greyed, so the lines still make sense).
      var hiding = state.hide && !!(state.location || state.team);
      each(nodes, function (li) {
        li.classList.toggle("is-filtered-out", hiding && !li.querySelector(".seat.is-match"));
      });
      filterStatus();
    }

    function showLegendFor(colour) {
      each(legend.querySelectorAll("[data-legend]"), function (group) {
        group.hidden = group.dataset.legend !== colour;
      });
    }

    function syncUrl() {
      var url = new URL(window.location.href);
      if (state.colour === "kind") url.searchParams.delete("colour");
      else url.searchParams.set("colour", state.colour);
      ["location", "team"].forEach(function (name) {
        if (state[name]) url.searchParams.set(name, state[name]);
        else url.searchParams.delete(name);
      });
      if (state.hide) url.searchParams.set("hide", "1");
      else url.searchParams.delete("hide");
      window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    }

    function readForm() {
      state.colour = viewForm.elements.colour.value;
      state.location = viewForm.elements.location.value;
      state.team = viewForm.elements.team.value;
      state.hide = viewForm.elements.hide.checked;
      shell.dataset.colour = state.colour;
      showLegendFor(state.colour);
      paintAll();
      syncUrl();
    }
    if (viewForm) {
      viewForm.addEventListener("change", readForm);
      viewForm.addEventListener("submit", function (event) {
        event.preventDefault();
        readForm();
      });
    }

    /* ---- legend folding ------------------------------------------------------------- */

    function setLegend(open) {
      legendBody.hidden = !open;
      legendToggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    legendToggle.addEventListener("click", function () {
      setLegend(legendBody.hidden);
    });
    // On a phone the legend would cover the chart: it starts folded there.
    if (window.matchMedia("(max-width: 600px)").matches) setLegend(false);

    /* ---- service lines on demand --------------------------------------------------- */

    var lines = null;

    function clearLines() {
      while (linesLayer.firstChild) linesLayer.removeChild(linesLayer.firstChild);
      each(canvas.querySelectorAll(".seat.is-linked"), function (el) { el.classList.remove("is-linked"); });
      each(canvas.querySelectorAll('.lines-toggle[aria-pressed="true"]'), function (el) {
        el.setAttribute("aria-pressed", "false");
      });
      linesStatus.hidden = true;
    }

    function seatName(item) {
      var name = item && item.querySelector(":scope > .seat .seat-name");
      return name ? name.textContent : "This seat";
    }

    function drawLines() {
      clearLines();
      if (!lines) return;
      var from = nodeOf(lines.seat);
      if (!from || !from.offsetParent) {
        lines = null;
        return;
      }
      var source = layoutBox(from.querySelector(":scope > .seat"));
      linesLayer.setAttribute("width", String(canvas.offsetWidth));
      linesLayer.setAttribute("height", String(canvas.offsetHeight));
      var drawn = 0;
      var missing = 0;
      function draw(ids, kind) {
        ids.forEach(function (id) {
          var node = nodeOf(id);
          if (!node || !node.offsetParent) {
            missing += 1;
            return;
          }
          var card = node.querySelector(":scope > .seat");
          var b = layoutBox(card);
          var x1 = source.x + source.w / 2;
          var y1 = source.y + source.h / 2;
          var x2 = b.x + b.w / 2;
          var y2 = b.y + b.h / 2;
          var bend = Math.max(40, Math.abs(x2 - x1) / 4);
          var path = document.createElementNS(SVG, "path");
          path.setAttribute("d", "M" + x1 + "," + y1 + " C" + x1 + "," + (y1 - bend) + " " +
            x2 + "," + (y2 - bend) + " " + x2 + "," + y2);
          path.setAttribute("class", "line-" + kind);
          path.setAttribute("data-to", id);
          linesLayer.appendChild(path);
          card.classList.add("is-linked");
          drawn += 1;
        });
      }
      draw(lines.serves, "serves");
      draw(lines.served_by, "served-by");
      var toggle = from.querySelector(":scope > .seat > .lines-toggle");
      if (toggle) toggle.setAttribute("aria-pressed", "true");
      var parts = [];
      if (lines.serves.length) parts.push("serves " + lines.serves.length + " seat" + (lines.serves.length === 1 ? "" : "s"));
      if (lines.served_by.length) parts.push("is served by " + lines.served_by.length);
      var text = seatName(from) + " " + (parts.join(" and ") || "has no service lines") + ": " +
        drawn + " line" + (drawn === 1 ? "" : "s") + " drawn";
      if (missing) text += ", " + missing + " not shown (in a collapsed part of the chart)";
      document.getElementById("lines-text").textContent = text + ".";
      linesStatus.hidden = false;
    }

    function toggleLines(item) {
      var button = item.querySelector(":scope > .seat > .lines-toggle");
      if (!button) {
        say(seatName(item) + " has no service lines");
        return;
      }
      if (lines && lines.seat === item.dataset.seat) {
        lines = null;
        clearLines();
        say("Service lines hidden");
        return;
      }
      fetch(button.dataset.lines, { credentials: "same-origin" })
        .then(function (res) {
          if (!res.ok) throw new Error("Could not load service lines (" + res.status + ")");
          return res.json();
        })
        .then(function (data) {
          lines = { seat: item.dataset.seat, serves: data.serves, served_by: data.served_by };
          drawLines();
          say(document.getElementById("lines-text").textContent);
        })
        .catch(reportError);
    }

    canvas.addEventListener("click", function (event) {
      var button = event.target.closest("button.lines-toggle");
      if (!button) return;
      event.preventDefault();
      toggleLines(button.closest("li.node"));
    });
    document.getElementById("lines-close").addEventListener("click", function () {
      lines = null;
      clearLines();
    });

    /* ---- print --------------------------------------------------------------------- */

    // The chart's scale on paper: the print stylesheet zooms the canvas by it, so the
    // whole loaded chart fits one landscape page. Measured on screen (print layout would
    // measure the zoomed chart).
    function printScale() {
      if (window.matchMedia("print").matches) return;
      var roots = canvas.querySelector("ul.roots");
      if (!roots) return;
      var s = Math.min(1, PRINT_WIDTH / roots.offsetWidth, PRINT_HEIGHT / roots.offsetHeight);
      canvas.style.setProperty("--print-scale", String(Math.floor(s * 1000) / 1000));
    }

    /* ---- keep everything in step as subtrees load and fold ---------------------------- */

    var pending = false;
    function refresh() {
      pending = false;
      markLevels();
      paintAll();
      printScale();
      if (lines) drawLines();
    }
    new MutationObserver(function (records) {
      var relevant = records.some(function (r) { return !linesLayer.contains(r.target); });
      if (relevant && !pending) {
        pending = true;
        window.requestAnimationFrame(refresh);
      }
    }).observe(canvas, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden"] });

    /* ---- the chart fills the window below the top bar ------------------------------- */

    // The top bar's height changes with the width (its menu wraps, or folds on a phone),
    // so a fixed calc() would push the legend and zoom buttons below the window's edge.
    // The canvas itself keeps a usable height (the page scrolls instead) when the help,
    // the banner and a wrapped toolbar take most of a short or narrow window.
    function fitShell() {
      var shellTop = shell.getBoundingClientRect().top;
      var toolbar = viewport.getBoundingClientRect().top - shellTop;
      var canvasAtLeast = Math.max(300, Math.round(window.innerHeight * 0.55));
      var rest = Math.floor(window.innerHeight - (shellTop + window.scrollY));
      shell.style.height = Math.max(toolbar + canvasAtLeast, rest) + "px";
    }
    window.addEventListener("resize", fitShell);
    // The first-visit help above the chart was hidden or shown again (static/js/help.js).
    window.addEventListener("practiceos:layout", fitShell);

    /* ---- start --------------------------------------------------------------------- */

    fitShell();
    refresh();  // sets each seat's aria-level, which the folding reads
    foldForSmallScreen();
    showLegendFor(state.colour);
    home();
    var focusPath = (shell.dataset.focusPath || "").split(",").filter(Boolean);
    if (focusPath.length) revealPath(focusPath).catch(reportError);
    shell.classList.add("is-ready");
    // Expose for tests and the console (read-only use).
    window.practiceosChart = { reveal: reveal, view: view, home: home };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
