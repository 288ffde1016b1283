// Behaviour shared by every page, kept out of the markup so the content security policy
// can forbid inline scripts and event-handler attributes.
(function () {
  "use strict";
  // <select data-autosubmit>: choosing an option submits its form (the practice switcher).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target && target.matches && target.matches("select[data-autosubmit]") && target.form) {
      target.form.submit();
    }
  });
  // The collapsing main menu at phone width: the button toggles aria-expanded.
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest && event.target.closest("[data-menu-toggle]");
    if (!button) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    if (menu) menu.classList.toggle("open", open);
  });
  // <details data-help-key>: a page's short help, open on the first visit only (the
  // browser remembers it was seen); reopened by a click whenever wanted.
  document.querySelectorAll("details[data-help-key]").forEach(function (box) {
    var key = "practiceos-help-seen:" + box.getAttribute("data-help-key");
    try {
      if (!window.localStorage.getItem(key)) {
        box.open = true;
        window.localStorage.setItem(key, "1");
      }
    } catch (e) {
      // Storage refused (private mode): the help simply stays folded.
    }
  });
})();
