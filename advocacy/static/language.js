// Progressive enhancement for the letter's language; the page works without it.
// When the campaigner picks the chamber their recipient sits in, suggest a language that
// chamber works in and show why (advocacy/letters/web_language.py puts each chamber's
// suggestion on the hidden suggested_locale field and its reason in the hint), unless they
// chose a language themselves. Nothing is sent anywhere.
(function () {
  "use strict";
  var chamber = document.getElementById("recipient_chamber");
  var language = document.getElementById("letter_locale");
  var suggested = document.querySelector("input[name=suggested_locale]");
  var hint = document.getElementById("letter_locale-hint");
  if (!chamber || !language || !suggested || !hint) {
    return;
  }
  // A language other than the suggestion was chosen by the campaigner (maybe before a post).
  var chosen = language.value !== suggested.value;
  var byChamber = JSON.parse(suggested.getAttribute("data-by-chamber") || "{}");
  language.addEventListener("change", function () {
    chosen = true;
  });
  hint.setAttribute("aria-live", "polite");
  chamber.addEventListener("change", function () {
    var reasons = hint.querySelectorAll("[data-chamber]");
    for (var i = 0; i < reasons.length; i++) {
      reasons[i].hidden = reasons[i].getAttribute("data-chamber") !== chamber.value;
    }
    var wanted = byChamber[chamber.value];
    if (!chosen && wanted) {
      language.value = wanted;
      suggested.value = wanted;
    }
  });
})();
