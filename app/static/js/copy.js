// Copy buttons (data-copy="text"): shown only where the clipboard can be written, and they say when it worked.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  var status = document.querySelector(".copy-status");
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(
        function () { if (status) status.textContent = "Copied: " + button.getAttribute("data-copy"); },
        function () { if (status) status.textContent = "Could not copy: select the text and copy it instead."; }
      );
    });
  });
})();
