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
})();
