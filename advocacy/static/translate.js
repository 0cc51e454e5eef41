// Progressive enhancement for the translation editor; the page works without it (the
// Preview button renders the preview on the server). With it, the preview follows the
// translator's typing: a pause of PAUSE ms posts the draft to the preview route, which
// renders it with the chosen country's data and saves nothing.
(function () {
  "use strict";
  var PAUSE = 400;
  var form = document.getElementById("editor-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var subject = document.getElementById("preview-subject");
  var body = document.getElementById("preview-body");
  var error = document.getElementById("preview-error");
  var output = document.getElementById("preview-output");
  var live = document.getElementById("preview-live");
  var timer = null;
  var latest = 0;

  function show(result) {
    subject.textContent = result.subject || "";
    body.textContent = result.body || "";
    error.textContent = result.error || "";
    error.hidden = !result.error;
    output.dataset.state = "live";
    live.textContent = live.dataset.updated;
  }

  function refresh() {
    var ticket = ++latest;
    var data = new FormData(form);
    data.delete("action");
    live.textContent = live.dataset.updating;
    fetch(form.dataset.previewUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        if (ticket === latest) {  // an older answer arriving late must not win
          show(result);
        }
      })
      .catch(function () {
        if (ticket === latest) {
          error.textContent = form.dataset.failed;
          error.hidden = false;
        }
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, PAUSE);
  }

  ["subject", "body"].forEach(function (name) {
    form.elements[name].addEventListener("input", schedule);
  });
  form.elements.country.addEventListener("change", schedule);
  live.hidden = false;
  live.textContent = live.dataset.updated;
})();
