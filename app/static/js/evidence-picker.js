// The evidence picker: select words in the article beside the question and cite them as evidence.
//
// Each paragraph of the article panel carries `data-start`, its offset in the article's clean text, and
// holds exactly that text, so a selection's offsets are the paragraph's start plus the length of the text
// before each end of the selection. The picked words, article and offsets fill an evidence row; the server
// checks them again (and, without this script, finds pasted words on its own).
(function () {
  "use strict";
  var form = document.getElementById("editor");
  var picker = document.querySelector("[data-picker]");
  if (!form || !picker) return;
  var list = form.querySelector("[data-evidence-list]");
  var text = picker.querySelector("[data-article-slug]");
  var tray = picker.querySelector("[data-picker-tray]");
  var quoteOut = picker.querySelector("[data-picker-quote]");
  var targetOut = picker.querySelector("[data-picker-target]");
  var citeButton = picker.querySelector("[data-picker-cite]");
  var help = picker.querySelector("[data-picker-help]");
  var panelSelect = picker.querySelector("[data-panel-article]");
  var showButton = picker.querySelector("[data-show-article]");
  var WORD = /[\p{L}\p{N}]/u;
  var active = null; // the evidence row chosen with "Pick in the article"
  var picked = null; // {start, end, quote} of the current selection

  // Another article: the server renders it, keeping everything typed (the form is posted, not saved).
  if (panelSelect && showButton) {
    showButton.hidden = true;
    panelSelect.addEventListener("change", function () { showButton.click(); });
  }
  if (!text || !list) return;
  if (help) help.textContent = "Select the words that prove the answer, then choose “Cite as evidence”.";
  // Show the words already cited (when the panel scrolls on its own, on wide screens).
  var cited = text.querySelector("mark");
  if (cited && picker.scrollHeight > picker.clientHeight) {
    var offset = cited.getBoundingClientRect().top - picker.getBoundingClientRect().top;
    picker.scrollTop += offset - picker.clientHeight / 3;
  }

  function rows() { return Array.prototype.slice.call(list.querySelectorAll("[data-evidence-entry]")); }
  function input(row, name) { return row.querySelector('[name$="-' + name + '"]'); }
  function isEmpty(row) { return !input(row, "quote").value.trim(); }

  function target() {
    if (active && list.contains(active)) return active;
    return rows().filter(isEmpty)[0] || null;
  }

  function describeTarget() {
    var row = target();
    targetOut.textContent = row ? String(rows().indexOf(row) + 1) : String(rows().length + 1);
  }

  function paragraphOf(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    var paragraph = element && element.closest("[data-start]");
    return paragraph && text.contains(paragraph) ? paragraph : null;
  }

  function offsetIn(paragraph, node, offset) {
    var range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function isWord(character) { return character !== undefined && WORD.test(character); }

  // The selection as article offsets, widened to whole words and without surrounding spaces.
  function readSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    var first = paragraphOf(range.startContainer);
    var last = paragraphOf(range.endContainer);
    if (!first || !last) return null;
    var paragraphs = Array.prototype.slice.call(text.querySelectorAll("[data-start]"));
    var i = paragraphs.indexOf(first);
    var j = paragraphs.indexOf(last);
    var from = offsetIn(first, range.startContainer, range.startOffset);
    var to = offsetIn(last, range.endContainer, range.endOffset);
    var head = first.textContent;
    var tail = last.textContent;
    while (from > 0 && isWord(head[from - 1]) && isWord(head[from])) from--;
    while (to < tail.length && isWord(tail[to - 1]) && isWord(tail[to])) to++;
    while (from < head.length && /\s/.test(head[from]) && (i < j || from < to)) from++;
    while (to > 0 && /\s/.test(tail[to - 1]) && (i < j || to > from)) to--;
    var pieces = [];
    for (var k = i; k <= j; k++) {
      var words = paragraphs[k].textContent;
      pieces.push(words.slice(k === i ? from : 0, k === j ? to : words.length));
    }
    var quote = pieces.join("\n\n").trim();
    if (!quote) return null;
    return {
      start: Number(first.dataset.start) + from,
      end: Number(last.dataset.start) + to,
      quote: quote,
    };
  }

  function shorten(words) {
    var flat = words.replace(/\s+/g, " ");
    return flat.length > 160 ? flat.slice(0, 159) + "…" : flat;
  }

  function onSelection() {
    picked = readSelection();
    if (!picked) return;
    quoteOut.textContent = shorten(picked.quote);
    describeTarget();
    tray.hidden = false;
  }

  // A new evidence row, made like the last one (the server numbers rows evidence-0-…, evidence-1-…).
  function addRow() {
    var all = rows();
    var last = all[all.length - 1];
    var index = all.length;
    var row = last.cloneNode(true);
    row.querySelectorAll("[id], [name], [for], [aria-describedby]").forEach(function (element) {
      ["id", "name", "for", "aria-describedby"].forEach(function (attribute) {
        var value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replace(/evidence-\d+-/g, "evidence-" + index + "-"));
      });
    });
    row.querySelectorAll(".error").forEach(function (element) { element.remove(); });
    row.querySelectorAll(".has-error").forEach(function (element) { element.classList.remove("has-error"); });
    row.classList.remove("has-error", "is-picking", "just-picked");
    row.querySelectorAll("textarea, input[type=text], input[type=hidden]").forEach(function (element) { element.value = ""; });
    row.querySelector("[data-picked-note]").textContent = "";
    row.querySelector("[data-evidence-number]").textContent = "Evidence " + (index + 1);
    list.appendChild(row);
    var add = form.querySelector("[data-add-evidence]");
    if (add && rows().length >= 10) add.hidden = true;
    return row;
  }

  function cite() {
    if (!picked) return;
    var row = target() || addRow();
    var article = input(row, "article");
    article.value = text.dataset.articleSlug;
    input(row, "quote").value = picked.quote.replace(/\s+/g, " ");
    input(row, "start").value = String(picked.start);
    input(row, "end").value = String(picked.end);
    row.querySelector("[data-picked-note]").textContent =
      "Picked in the article: characters " + picked.start + "–" + picked.end + ".";
    row.querySelectorAll(".error").forEach(function (element) { element.remove(); });
    row.classList.remove("has-error", "is-picking");
    row.classList.add("just-picked");
    active = null;
    picked = null;
    tray.hidden = true;
    window.getSelection().removeAllRanges();
    rows().forEach(function (other) { other.classList.remove("is-picking"); });
    row.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  function choose(row) {
    active = row;
    rows().forEach(function (other) { other.classList.toggle("is-picking", other === row); });
    describeTarget();
    if (help) help.textContent = "Select the words for evidence " + (rows().indexOf(row) + 1) + " in the article.";
    picker.scrollIntoView({ block: "start", behavior: "smooth" });
  }

  list.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pick]");
    if (button) choose(button.closest("[data-evidence-entry]"));
  });
  // Typing words by hand: the offsets no longer describe them, the server will search for the words.
  list.addEventListener("input", function (event) {
    if (!event.target.matches('textarea[name$="-quote"]')) return;
    var row = event.target.closest("[data-evidence-entry]");
    input(row, "start").value = "";
    input(row, "end").value = "";
    row.querySelector("[data-picked-note]").textContent = "";
  });
  rows().forEach(function (row) { row.querySelector("[data-pick]").hidden = false; });
  form.addEventListener("click", function (event) {
    if (event.target.closest("[data-add-evidence]") && rows().length < 10) {
      event.preventDefault();
      var row = addRow();
      row.querySelector("[data-pick]").hidden = false;
      input(row, "quote").focus();
    }
  });
  text.addEventListener("mouseup", onSelection);
  text.addEventListener("keyup", onSelection);
  text.addEventListener("touchend", function () { window.setTimeout(onSelection, 0); });
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (selection && !selection.isCollapsed && text.contains(selection.anchorNode)) onSelection();
  });
  citeButton.addEventListener("click", cite);
})();
