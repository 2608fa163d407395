// Bring the highlighted passage to the middle of the screen and give it focus,
// so screen readers announce it and keyboard users continue from there.
(function () {
  var mark = document.getElementById("hl");
  if (!mark) return;
  mark.scrollIntoView({ block: "center", behavior: "instant" });
  mark.focus({ preventScroll: true });
})();
