// theodoi: the little script there is; everything works without it, htmx makes it smoother.
document.addEventListener("htmx:xhr:progress", function (event) {
  var bar = document.getElementById("tien-do");
  if (bar && event.detail.lengthComputable) {
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  }
});

// Review on a phone: the source text folds away under the items; tapping an item's code
// (or a link to a span) opens it so the jump lands on the highlighted span.
(function () {
  var source = document.querySelector("details.van-ban");
  if (!source) return;
  var narrow = window.matchMedia("(max-width: 800px)");
  if (narrow.matches && !/^#nguon-/.test(location.hash)) source.open = false;
  source.querySelector("summary").addEventListener("click", function (event) {
    if (!narrow.matches) event.preventDefault();  // side by side: the source stays open
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href^='#nguon-']");
    if (link) source.open = true;
  });
})();

// Review: words selected in the source text fill the "add a missed item" form with their
// place (characters counted as Python counts them, by code point) and the text itself.
(function () {
  var source = document.querySelector(".nguon");
  if (!source) return;
  function at(node, offset) {
    var range = document.createRange();
    range.selectNodeContents(source);
    range.setEnd(node, offset);
    return Array.from(range.toString()).length;
  }
  document.addEventListener("selectionchange", function () {
    var form = document.querySelector("form[data-chon-doan]");
    var chosen = window.getSelection();
    if (!form || !chosen || chosen.isCollapsed || chosen.rangeCount === 0) return;
    var range = chosen.getRangeAt(0);
    if (!source.contains(range.startContainer) || !source.contains(range.endContainer)) return;
    var text = range.toString().trim();
    if (!text) return;
    var start = at(range.startContainer, range.startOffset);
    var end = at(range.endContainer, range.endOffset);
    form.elements.span_start.value = start;
    form.elements.span_end.value = end;
    form.elements.text.value = text;
    if (!form.elements.name.value) form.elements.name.value = text.split("\n")[0].slice(0, 200);
    form.querySelector("[data-doan-chon]").textContent =
      "Đoạn đã chọn: ký tự " + start + "–" + end + " của văn bản gốc.";
    form.closest("details").open = true;
  });
})();

// A form sent back with a value that cannot be used: the cursor goes to that field, so its
// message (right under it) is on screen, on a phone too, without hunting for it.
document.addEventListener("htmx:afterSettle", function (event) {
  var bad = event.detail.elt && event.detail.elt.isConnected
    ? event.detail.elt.querySelector("[aria-invalid='true']") : null;
  bad = bad || document.querySelector("main [aria-invalid='true']");
  if (bad) {
    bad.focus();
    bad.scrollIntoView({block: "center"});
  }
});

// A form's message (saved, or what was wrong) is shown in the notice area at the form's top;
// after htmx puts it there, keep it in view (scrolling as little as possible) and give it
// the focus, so a screen reader reads it too. Without htmx the page reloads at #tb-…
document.addEventListener("htmx:afterSettle", function (event) {
  var form = event.detail.requestConfig && event.detail.requestConfig.elt;
  var id = form && form.getAttribute && form.getAttribute("data-thong-bao");
  var box = id && document.getElementById(id);
  if (box && box.firstElementChild) {
    box.scrollIntoView({block: "nearest"});
    box.focus({preventScroll: true});
  }
});
