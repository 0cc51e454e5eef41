// Export job page: follow the job without reloading. Optional: the page has a refresh link.
(function () {
  "use strict";
  var section = document.getElementById("job");
  var announce = document.getElementById("job-announce");
  if (!section || !window.fetch) { return; }
  var statusUrl = section.getAttribute("data-status-url");
  var lang = document.documentElement.lang || undefined;
  var delay = 2000;

  function show(status) {
    ["done", "failed", "pending", "total"].forEach(function (key) {
      var cell = section.querySelector('[data-count="' + key + '"]');
      if (cell) { cell.textContent = status[key].toLocaleString(lang); }
    });
    var bar = document.getElementById("job-bar");
    if (bar && status.total) { bar.value = status.done + status.failed; }
    var state = document.getElementById("job-state");
    if (state) { state.textContent = status.state; }
  }

  // When the job ends, take the finished section (download link, failures) from the page itself.
  function finish() {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("job");
        if (fresh) { section.replaceWith(document.importNode(fresh, true)); }
        var state = document.getElementById("job-state");
        if (announce && state) { announce.textContent = state.textContent; }
      });
  }

  function poll() {
    fetch(statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.finished) { finish(); } else { window.setTimeout(poll, delay); }
      })
      .catch(function () { window.setTimeout(poll, delay * 5); });
  }

  window.setTimeout(poll, delay);
})();
