// Flashcards by keyboard: Space or Enter shows the answer, 1–4 rate it, Z undoes the last rating.
// Without this script everything still works: the answer is a <details>, the ratings are submit buttons.
(function () {
  var study = document.getElementById("study");
  var reveal = document.getElementById("reveal");
  var back = document.getElementById("card-back");
  var ratingForm = document.getElementById("rating-form");
  var typedForm = document.getElementById("typed-form");
  var undoForm = document.getElementById("undo-form");
  var sent = false;

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  if (!study) return;

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    if (tag === "INPUT") return target.type !== "radio" && target.type !== "checkbox";
    return tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  function isControl(target) {
    return target && target.closest && target.closest("a, button, summary, input, select, textarea, label");
  }

  function showAnswer() {
    if (!reveal) return;
    reveal.open = true;
    if (back) back.focus({ preventScroll: true });
  }

  function send(form, submitter) {
    if (sent || !form) return;
    sent = true;
    if (submitter) submitter.classList.add("is-pressed");
    form.requestSubmit(submitter);
  }

  // One submission per page: a second key press or click while the next card loads does nothing.
  [ratingForm, undoForm, typedForm].forEach(function (form) {
    if (!form) return;
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) event.preventDefault();
      form.dataset.sent = "true";
      sent = true;
    });
  });

  // Back to this page from the browser's cache: the page may be used again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    sent = false;
    [ratingForm, undoForm, typedForm].forEach(function (form) {
      if (form) delete form.dataset.sent;
    });
    document.querySelectorAll(".is-pressed").forEach(function (el) { el.classList.remove("is-pressed"); });
  });

  if (reveal) {
    reveal.addEventListener("toggle", function () {
      if (reveal.open && back && document.activeElement !== back && !back.contains(document.activeElement)) back.focus({ preventScroll: true });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    var target = event.target;
    if (isTyping(target)) return;
    var key = event.key;
    var revealed = reveal && reveal.open;

    if (!revealed && reveal && (key === " " || key === "Enter")) {
      if (isControl(target)) return; // a focused button, link or radio keeps its own Space and Enter
      event.preventDefault();
      showAnswer();
      return;
    }
    if (/^[1-9]$/.test(key)) {
      if (revealed && ratingForm) {
        var button = ratingForm.querySelector('button[data-key="' + key + '"]');
        if (button) {
          event.preventDefault();
          send(ratingForm, button);
        }
      } else if (typedForm) {
        var choice = typedForm.querySelector('input[type="radio"][data-key="' + key + '"]');
        if (choice) {
          event.preventDefault();
          choice.checked = true;
          choice.focus();
        }
      }
      return;
    }
    if ((key === "z" || key === "Z") && undoForm) {
      event.preventDefault();
      send(undoForm);
    }
  });
})();
