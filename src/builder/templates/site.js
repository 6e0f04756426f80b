/* Interview pages of `builder site`: highlight an entity's mentions from the side
   panel (or by clicking a mention), and filter marks by entity type and figure kind.
   The page reads the same without this script; it changes classes only, never text. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var status = document.getElementById("status");
  var current = null;

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function marksOf(id) {
    var v = CSS.escape(id);
    return all('[data-entity-id="' + v + '"], [data-entity-part="' + v + '"]');
  }

  function select(id) {
    all(".hl").forEach(function (el) { el.classList.remove("hl"); });
    all("button[data-entity]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-entity") === id));
    });
    current = id;
    if (id === null) {
      status.textContent = "";
      return;
    }
    var marks = marksOf(id);
    marks.forEach(function (el) { el.classList.add("hl"); });
    var button = document.querySelector('button[data-entity="' + CSS.escape(id) + '"]');
    var n = all('[data-entity-id="' + CSS.escape(id) + '"]').length;
    status.textContent = button.getAttribute("data-name") + ": " + n +
      (n === 1 ? " mention" : " mentions") + " highlighted";
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-entity]");
    if (button) {
      var id = button.getAttribute("data-entity");
      select(id === current ? null : id);
      return;
    }
    var mark = event.target.closest("[data-entity-id], [data-entity-part]");
    if (mark && !mark.classList.contains("off")) {
      select(mark.getAttribute("data-entity-id") || mark.getAttribute("data-entity-part"));
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current !== null) { select(null); }
  });

  all("input[data-filter]").forEach(function (box) {
    box.addEventListener("change", function () {
      var attr = box.getAttribute("data-filter") === "type" ? "data-type" : "data-kind";
      var hide = !box.checked;
      all("[" + attr + '="' + CSS.escape(box.value) + '"]').forEach(function (el) {
        el.classList.toggle("off", hide);
      });
      var group = document.getElementById((attr === "data-type" ? "group-" : "kind-") + box.value);
      if (group) { group.hidden = hide; }
      if (hide && current !== null && marksOf(current).some(function (el) {
        return el.classList.contains("off");
      })) {
        select(null);
      }
    });
  });
}());
