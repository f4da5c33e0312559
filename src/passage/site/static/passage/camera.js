// The counter's Camera button (docs/counter.md, "Camera"): two frames from the browser's
// camera (getUserMedia), or one or two image files, are sent to the server's reader; its
// answer (the zone as read, the lines with doubtful characters marked) is shown and the
// lines go in the MRZ box, which reads them as if typed. Nothing is recorded here: the
// officer decides with the form's buttons. No eval, no inline code (the site's CSP).
(function () {
  "use strict";
  var panel = document.getElementById("camera");
  if (!panel || !window.fetch || !window.FormData) { return; }
  panel.hidden = false;
  var video = document.getElementById("camera-view");
  var start = document.getElementById("camera-start");
  var capture = document.getElementById("camera-capture");
  var stop = document.getElementById("camera-stop");
  var file = document.getElementById("camera-file");
  var status = document.getElementById("camera-status");
  var keep = document.getElementById("id_document_image");
  var stream = null;
  var FRAME_GAP_MS = 350; // between the two frames compared (decision 0102)

  function say(text) { status.textContent = text || ""; }

  function csrf() {
    var field = document.querySelector("#counter-form [name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function closeCamera() {
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); }
    stream = null;
    video.srcObject = null;
    video.hidden = true;
    capture.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  function openCamera() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(panel.getAttribute("data-no-camera"));
      file.focus();
      return;
    }
    var wanted = { video: { width: { ideal: 1920 }, height: { ideal: 1080 }, facingMode: "environment" }, audio: false };
    navigator.mediaDevices.getUserMedia(wanted).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      // Capture waits for the first frame: before it, the canvas would be empty and
      // the read would fail (a slow camera, or a busy machine).
      capture.disabled = true;
      capture.hidden = false;
      stop.hidden = false;
      start.hidden = true;
      return video.play();
    }).then(function () {
      capture.disabled = false;
      say(panel.getAttribute("data-live"));
      capture.focus();
    }).catch(function (error) {
      closeCamera();
      say(panel.getAttribute("data-no-camera") + " (" + (error && error.name || "error") + ")");
      file.focus();
    });
  }

  function frame() {
    return new Promise(function (resolve, reject) {
      var canvas = document.createElement("canvas");
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      if (!canvas.width || !canvas.height) { reject(new Error("no frame")); return; }
      canvas.getContext("2d").drawImage(video, 0, 0);
      canvas.toBlob(function (blob) {
        if (blob) { resolve(blob); } else { reject(new Error("no frame")); }
      }, "image/jpeg", 0.92);
    });
  }

  function wait(ms) { return new Promise(function (resolve) { window.setTimeout(resolve, ms); }); }

  function keepImage(blob) {
    // PASSAGE_KEEP_DOCUMENT_IMAGES: the first frame goes with the decision (the input is
    // enabled only when the form is submitted, so the MRZ box's reads do not carry it).
    if (!keep || !window.DataTransfer) { return; }
    var transfer = new DataTransfer();
    var name = blob.name || "capture.jpg";
    transfer.items.add(new File([blob], name, { type: blob.type || "image/jpeg" }));
    keep.files = transfer.files;
    var held = document.getElementById("held-image");
    if (held) { held.hidden = true; }
  }

  function send(first, second) {
    var body = new FormData();
    body.append("image", first, first.name || "frame-1.jpg");
    if (second) { body.append("image2", second, second.name || "frame-2.jpg"); }
    // The chip's EF.DG1, when the officer chose the reader's files: the read is compared
    // with the MRZ the chip holds (decision 0102).
    var chip = document.getElementById("id_chip");
    var dg1 = chip && chip.files ? Array.prototype.filter.call(chip.files, function (f) {
      return /DG1/i.test(f.name);
    })[0] : null;
    if (dg1) { body.append("dg1", dg1, dg1.name); }
    say(panel.getAttribute("data-reading"));
    panel.setAttribute("aria-busy", "true");
    return fetch(panel.getAttribute("data-url"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf() }
    }).then(function (response) {
      return response.text();
    }).then(function (html) {
      var parsed = new DOMParser().parseFromString(html, "text/html");
      var fresh = parsed.getElementById("capture-result");
      if (!fresh) { throw new Error("unexpected answer"); }
      document.getElementById("capture-result").replaceWith(document.importNode(fresh, true));
      var mrz = fresh.getAttribute("data-mrz");
      if (mrz) {
        keepImage(first);
        var box = document.getElementById("id_mrz");
        box.value = mrz;
        box.dispatchEvent(new Event("input", { bubbles: true }));
        say(panel.getAttribute("data-filled"));
        closeCamera();
        box.focus();
      } else {
        say("");
      }
    }).catch(function () {
      say(panel.getAttribute("data-failed"));
    }).then(function () {
      panel.removeAttribute("aria-busy");
    });
  }

  start.addEventListener("click", openCamera);
  stop.addEventListener("click", function () { closeCamera(); start.focus(); });
  capture.addEventListener("click", function () {
    var first;
    capture.disabled = true;
    frame().then(function (blob) {
      first = blob;
      return wait(FRAME_GAP_MS).then(frame);
    }).then(function (second) {
      return send(first, second);
    }).catch(function () {
      say(panel.getAttribute("data-failed"));
    }).then(function () {
      capture.disabled = false;
    });
  });
  file.addEventListener("change", function () {
    var files = file.files;
    if (!files || !files.length) { return; }
    send(files[0], files.length > 1 ? files[1] : null).then(function () { file.value = ""; });
  });
  var form = document.getElementById("counter-form");
  if (form && keep) {
    form.addEventListener("submit", function () {
      keep.disabled = !keep.files || !keep.files.length;
      // The image held from before the error goes only when no new one was captured.
      var held = document.getElementById("id_kept_document_image");
      if (held) { held.disabled = !keep.disabled; }
    });
  }
  window.addEventListener("pagehide", closeCamera);
})();
