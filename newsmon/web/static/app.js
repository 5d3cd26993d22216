// newsmon dashboard keyboard navigation: j / k move between stories, Enter opens the
// current one, / focuses the search box. A static file of our own (the CSP allows no
// inline script); the pages work without it.
(function () {
  "use strict";
  var current = -1;

  function stories() {
    return Array.prototype.slice.call(document.querySelectorAll(".story"));
  }

  function select(index) {
    var items = stories();
    if (!items.length) { return; }
    index = Math.max(0, Math.min(items.length - 1, index));
    if (current >= 0 && items[current]) { items[current].classList.remove("current"); }
    current = index;
    var item = items[current];
    item.classList.add("current");
    var link = item.querySelector("a.title");
    if (link) { link.focus({ preventScroll: true }); }
    item.scrollIntoView({ block: "nearest" });
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" ||
      (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (typing(event.target)) {
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    if (event.key === "j") { select(current + 1); event.preventDefault(); }
    else if (event.key === "k") { select(current - 1); event.preventDefault(); }
    else if (event.key === "/") {
      var search = document.getElementById("search");
      if (search) { search.focus(); search.select(); event.preventDefault(); }
    }
  });
}());
