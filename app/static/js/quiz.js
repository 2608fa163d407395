// Keyboard answering: 1–9 picks a choice (Enter then submits, as forms do without script).
(function () {
  var form = document.getElementById("answer-form");
  if (!form) return;
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.tagName === "INPUT" && target.type !== "radio" || target.tagName === "TEXTAREA")) return;
    var choice = form.querySelector('input[type="radio"][data-key="' + event.key + '"]');
    if (choice) {
      choice.checked = true;
      choice.focus();
      event.preventDefault();
    } else if (event.key === "Enter" && target === document.body) {
      form.requestSubmit();
    }
  });
})();
