// Account page: a Copy button beside a new access token. Without script the token is a read-only text box
// whose text can be selected and copied; the button stays hidden.
(function () {
  "use strict";
  var status = document.querySelector("[data-copy-status]");
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    if (!input || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      input.select();
      navigator.clipboard.writeText(input.value).then(
        function () { if (status) status.textContent = "Copied to the clipboard."; },
        function () { if (status) status.textContent = "The token is selected: press Ctrl+C (⌘C on a Mac) to copy it."; }
      );
    });
  });
  var field = document.getElementById("new-token");
  if (field) field.addEventListener("focus", function () { field.select(); });
})();
