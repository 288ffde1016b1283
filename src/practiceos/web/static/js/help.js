// "About this page" (templates/web/help_panel.html): shown until the person hides it,
// reopened with the "?" button. Loaded right after the panel, not deferred, so a panel
// already hidden never flashes.
//
// Where "hidden" is remembered: in the browser's localStorage, under the user's id and the
// page's URL name. Why not the database: it is a display preference, not practice data.
// A server-side flag would put a write (and, by the house rules, an audit record) in the
// practice's audit log for every "hide" click, where owners read real changes, and a
// query on every page; here it costs nothing. Keyed by user, two people sharing a
// reception computer each get their own first visit. The price: a new browser shows each
// page's help once more, which is harmless.
(function () {
  "use strict";
  var panel = document.getElementById("page-help");
  var opener = document.querySelector("[data-help-open]");
  if (!panel || !opener) return;
  var key =
    "practiceos:help-hidden:" + panel.getAttribute("data-help-user") + ":" + panel.getAttribute("data-help-key");

  function remembered() {
    try {
      return window.localStorage.getItem(key) === "1";
    } catch (e) {
      return false; // storage refused (private mode): the help shows, and can be hidden
    }
  }

  function show(visible) {
    panel.hidden = !visible;
    opener.setAttribute("aria-expanded", visible ? "true" : "false");
    // Pages that fill the window below the panel (the chart) size themselves again.
    window.dispatchEvent(new Event("practiceos:layout"));
  }

  show(!remembered());

  panel.querySelector("[data-help-dismiss]").addEventListener("click", function () {
    try {
      window.localStorage.setItem(key, "1");
    } catch (e) {
      // Not remembered; hidden for this page view all the same.
    }
    show(false);
    opener.focus();
  });

  opener.addEventListener("click", function () {
    var visible = panel.hidden;
    show(visible);
    if (visible) panel.querySelector("#page-help-title").focus();
  });
})();
