// The counter, by keyboard: the cursor returns to the MRZ box, a suggested repair is
// applied only when the officer asks for it, and Escape clears the form for the next person.
(function () {
  "use strict";
  function mrzBox() { return document.getElementById("id_mrz"); }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-repair]");
    if (!button) { return; }
    var box = mrzBox();
    box.value = button.getAttribute("data-repair");
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.focus();
  });
  document.addEventListener("keydown", function (event) {
    // Alt+letter presses the button with that access key in every browser (some only
    // honour accesskey with Alt+Shift, and headless ones not at all).
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.key.length === 1) {
      var target = document.querySelector("[accesskey='" + event.key.toLowerCase() + "']");
      if (target) {
        event.preventDefault();
        target.click();
        return;
      }
    }
    if (event.key === "Enter" && event.target === mrzBox() && window.htmx) {
      // A reader ends its lines with Enter: read at once. (An htmx trigger filter,
      // keyup[key=='Enter'], is compiled with eval, which the CSP refuses.)
      window.htmx.trigger(event.target, "mrz-enter");
    }
    if (event.key === "Escape" && document.getElementById("counter-form")) {
      window.location.href = window.location.pathname;
    }
  });
})();
