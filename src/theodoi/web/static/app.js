// theodoi: the little script there is; everything works without it, htmx makes it smoother.
document.addEventListener("htmx:xhr:progress", function (event) {
  var bar = document.getElementById("tien-do");
  if (bar && event.detail.lengthComputable) {
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  }
});
