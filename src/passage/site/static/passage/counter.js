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
  // Entry or exit: the form shows the buttons and fields of the direction chosen.
  document.addEventListener("change", function (event) {
    if (event.target.id === "id_direction") {
      var form = document.getElementById("counter-form");
      if (form) { form.setAttribute("data-direction", event.target.value); }
      // Read again, so that the stay card speaks of this direction (an exit's summary).
      var box = mrzBox();
      if (box && window.htmx) { window.htmx.trigger(box, "direction-changed"); }
    }
  });
  // Enter in the MRZ box reads it at once. A custom event, not an htmx trigger filter:
  // filters are evaluated as code, which the Content-Security-Policy refuses.
  document.addEventListener("keyup", function (event) {
    if (event.key === "Enter" && event.target.id === "id_mrz" && window.htmx) {
      window.htmx.trigger(event.target, "mrz-enter");
    }
  });
  document.addEventListener("keydown", function (event) {
    // Alt+letter presses the button with that access key in every browser (some only
    // honour accesskey with Alt+Shift, and headless ones not at all).
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.key.length === 1) {
      var target = document.querySelector("[accesskey='" + event.key.toLowerCase() + "']");
      // A button hidden for the other direction (Admit at an exit) is not pressed.
      if (target && target.offsetParent !== null) {
        event.preventDefault();
        target.click();
        return;
      }
    }
    if (event.key === "Escape" && document.getElementById("counter-form")) {
      window.location.href = window.location.pathname;
    }
  });
})();
