// Progressive enhancement for the composer; every page works without it.
// Counts the draft question's words live (the same rules as advocacy/letters/questions.py)
// and adds a copy button beside the finished letter. Nothing typed is sent anywhere: copying
// the finished letter or opening it in the e-mail program posts only its count token (below).
(function () {
  "use strict";
  var IDEOGRAPH = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
  var WORD = new RegExp("[" + IDEOGRAPH + "]|[^\\s" + IDEOGRAPH + "]+", "g");
  var NOT_A_WORD = /^(?:[^\p{L}\p{N}]+|\(?(?:\d{1,2}|[a-z])[.)])$/u;
  var QUESTION_MARK = /[?\uff1f\u061f]/g;

  function countWords(text) {
    return (text.match(WORD) || []).filter(function (t) { return !NOT_A_WORD.test(t); }).length;
  }

  // The server's counter (#question-count) is the only one: this keeps its numbers current
  // and says in words, not colour alone, when the draft goes over the chamber's limits.
  var question = document.getElementById("question");
  var counter = document.getElementById("question-count");
  if (question && counter) {
    var numbers = document.getElementById("question-count-numbers");
    var over = document.getElementById("question-over-limit");
    var words = Number(counter.dataset.wordLimit) || null;
    var marks = Number(counter.dataset.subquestionLimit) || null;
    var update = function () {
      var w = countWords(question.value);
      var q = (question.value.match(QUESTION_MARK) || []).length;
      var tooLong = Boolean((words && w > words) || (marks && q > marks));
      numbers.textContent = counter.dataset.template.replace("{words}", w).replace("{questions}", q);
      counter.classList.toggle("over-limit", tooLong);
      var message = tooLong ? over.dataset.message : "";
      if (over.textContent !== message) {
        over.textContent = message; // a live region: announced only when it changes
      }
    };
    question.addEventListener("input", update);
    update();
  }

  // A finished letter counts once when it is taken (advocacy/letters/taking.py). Downloads
  // count on the server; copying and e-mailing happen here, so this posts the page's signed
  // token (never any text) when they are used. Without JavaScript they are not counted.
  var counting = document.getElementById("count-letter");
  var counted = false;
  function countTaken() {
    if (!counting || counted || !window.fetch) { return; }
    counted = true;  // the server counts each letter once anyway; this saves the requests
    // keepalive: the post goes through even if the e-mail link makes the page go away.
    fetch(counting.action, {method: "POST", body: new URLSearchParams(new FormData(counting)),
      credentials: "same-origin", keepalive: true}).catch(function () { counted = false; });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='mailto:']");
    if (link && link.href.indexOf("body=") !== -1) { countTaken(); }  // not the empty draft
  });

  var text = document.getElementById("letter-text");
  var copy = document.getElementById("copy-letter");
  if (text) {
    text.addEventListener("copy", function () {  // copied by hand: most of the letter selected
      if (2 * (text.selectionEnd - text.selectionStart) >= text.value.length) { countTaken(); }
    });
  }
  if (text && copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(text.value).then(function () {
        copy.textContent = copy.dataset.done;
        countTaken();
      });
    });
  }
})();
