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
