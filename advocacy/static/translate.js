// Progressive enhancement for the translation editor; the page works without it (the
// Preview button renders the preview on the server, the server shows the tags of a
// right-to-left text as isolated tokens). With it, a tag typed into a right-to-left text
// becomes such a token at once, and the preview follows the translator's typing.
(function () {
  "use strict";
  // Mirrors advocacy/translations/tokens.py: LRI tag PDI, no-break spaces, word joiners.
  var LRI = "\u2066", PDI = "\u2069", WJ = "\u2060", NBSP = "\u00a0";
  var TAG = "\\{\\{[\\s\\S]*?\\}\\}|\\{%[\\s\\S]*?%\\}|\\{#[\\s\\S]*?#\\}";
  var RUN = new RegExp("(?:" + TAG + ")(?:[ \\t\\u00a0]*(?:" + TAG + "))*", "g");
  var CONTROLS = /[\u2066\u2069\u2060]/g;

  function restore(text) {
    if (!/[\u2066\u2069\u2060]/.test(text)) { return text; }
    return text.replace(CONTROLS, "").replace(RUN, function (run) { return run.split(NBSP).join(" "); });
  }

  function display(text) {
    return restore(text).replace(RUN, function (run) {
      // Each tag unbreakable; a run longer than a line may still wrap between its tags.
      return LRI + run.replace(new RegExp(TAG, "g"), function (tag) {
        return tag.split(" ").join(NBSP).replace(/([|\-\/?!])/g, "$1" + WJ);
      }) + PDI;
    });
  }

  function isControl(ch) { return ch === LRI || ch === PDI || ch === WJ; }

  // Where the caret goes in the new text: after as many characters (not counting controls).
  function place(text, count) {
    var i = 0;
    for (; i < text.length && count > 0; i++) {
      if (!isControl(text[i])) { count--; }
    }
    while (i < text.length && (text[i] === PDI || text[i] === WJ)) { i++; }
    return i;
  }

  function tokenise(field) {
    var value = field.value, wanted = display(value);
    if (wanted === value) { return; }
    var caret = field.selectionEnd;
    var before = value.slice(0, caret).replace(CONTROLS, "").length;
    field.value = wanted;
    var at = place(wanted, before);
    field.setSelectionRange(at, at);
  }

  document.querySelectorAll("#editor-form [dir=rtl][name=subject], #editor-form [dir=rtl][name=body]")
    .forEach(function (field) {
      field.addEventListener("input", function (event) {
        if (!event.isComposing) { tokenise(field); }
      });
      field.addEventListener("compositionend", function () { tokenise(field); });
    });
})();

// The live preview: a pause of PAUSE ms posts the draft to the preview route, which
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
  var checks = document.getElementById("checks-live");
  var timer = null;
  var latest = 0;

  function show(result) {
    subject.textContent = result.subject || "";
    body.textContent = result.body || "";
    error.textContent = result.error || "";
    error.hidden = !result.error;
    output.dataset.state = "live";
    live.textContent = live.dataset.updated;
    if (result.checks !== undefined && checks) {
      showChecks(result.checks);
    }
  }

  // Replace the checks (rendered and escaped by the server's template), keeping the reasons
  // typed meanwhile and the focus in the reason being typed.
  function showChecks(html) {
    var typed = {};
    var focused = document.activeElement && document.activeElement.id;
    checks.querySelectorAll("input[name^=dismiss-]").forEach(function (input) {
      typed[input.name] = input.value;
    });
    checks.innerHTML = html;
    checks.querySelectorAll("input[name^=dismiss-]").forEach(function (input) {
      if (typed[input.name]) { input.value = typed[input.name]; }
    });
    var again = focused && document.getElementById(focused);
    if (again && checks.contains(again)) { again.focus(); }
    checks.dataset.state = "live";
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
