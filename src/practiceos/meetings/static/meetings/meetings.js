/* The live meeting page: ticking section clocks, form resets and refused-input messages.
 * No inline scripts: everything is wired here by data attributes (CSP-friendly).
 * The server renders each clock with its section's start and the server's "now", so the
 * countdown stays right even when this computer's clock is off. */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function mmss(seconds) { return Math.floor(seconds / 60) + ":" + pad(seconds % 60); }

  function prime(root) {
    (root || document).querySelectorAll("[data-clock]").forEach(function (el) {
      // Skew between the server's clock and ours, measured when the fragment arrived.
      el.dataset.skew = String(Number(el.dataset.now) - Date.now());
    });
  }

  function tick() {
    document.querySelectorAll("[data-clock]").forEach(function (el) {
      var now = Date.now() + Number(el.dataset.skew || 0);
      var elapsed = Math.max(0, Math.floor((now - Number(el.dataset.started)) / 1000));
      var planned = Number(el.dataset.minutes) * 60;
      var over = elapsed > planned;
      el.textContent = over ? mmss(elapsed - planned) + " over" : mmss(planned - elapsed) + " left";
      el.classList.toggle("over", over);
    });
  }

  function errorBox() { return document.getElementById("meeting-errors"); }

  document.addEventListener("DOMContentLoaded", function () {
    prime(document);
    tick();
    window.setInterval(tick, 1000);
  });
  document.addEventListener("htmx:load", function (e) { prime(e.target); });

  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.target;
    if (!e.detail.successful) { return; }
    var box = errorBox();
    if (box && e.detail.requestConfig && e.detail.requestConfig.verb === "post") { box.textContent = ""; }
    if (form && form.matches && form.matches("form[data-reset]")) { form.reset(); }
  });

  document.addEventListener("htmx:responseError", function (e) {
    var box = errorBox();
    if (box) { box.textContent = e.detail.xhr.responseText || "That did not work; please try again."; }
  });
})();
