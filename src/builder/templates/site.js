/* Interview pages of `builder site`: highlight an entity's mentions from the side
   panel (or by clicking a mention), show a mark's details in a card (with its Wikidata
   link) when it is clicked, and filter marks by entity type and figure kind.
   The page reads the same without this script; it changes classes only, never text. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var status = document.getElementById("status");
  var card = document.getElementById("card");
  var cardLink = card.querySelector(".card-link a");
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

  function showCard(mark) {
    var first = mark;
    var part = mark.getAttribute("data-entity-part") || mark.getAttribute("data-figure-part");
    if (part) {
      var attr = mark.hasAttribute("data-entity-part") ? "data-entity-id" : "id";
      first = document.querySelector("[" + attr + '="' + CSS.escape(part) + '"]') || mark;
    }
    card.querySelector(".card-text").textContent = mark.getAttribute("title");
    var wikidata = first.getAttribute("data-wikidata");
    cardLink.hidden = !wikidata;
    cardLink.textContent = wikidata ? "Wikidata " + wikidata : "";
    cardLink.href = wikidata ? "https://www.wikidata.org/wiki/" + wikidata : "";
    card.hidden = false;
    var box = mark.getBoundingClientRect();
    var host = card.offsetParent.getBoundingClientRect();
    var left = Math.min(box.left - host.left, host.width - card.offsetWidth);
    card.style.left = Math.max(0, left) + "px";
    card.style.top = (box.bottom - host.top + 4) + "px";
  }

  function hideCard() { card.hidden = true; }

  document.addEventListener("click", function (event) {
    if (event.target.closest(".card-close")) { hideCard(); return; }
    if (event.target.closest("#card")) { return; }
    var button = event.target.closest("button[data-entity]");
    if (button) {
      var id = button.getAttribute("data-entity");
      select(id === current ? null : id);
      return;
    }
    var mark = event.target.closest("[data-entity-id], [data-entity-part], [data-figure-id], [data-figure-part]");
    if (!mark || mark.classList.contains("off")) { hideCard(); return; }
    var entity = event.target.closest("[data-entity-id], [data-entity-part]");
    if (entity && !entity.classList.contains("off")) {
      select(entity.getAttribute("data-entity-id") || entity.getAttribute("data-entity-part"));
    }
    showCard(mark);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    if (!card.hidden) { hideCard(); } else if (current !== null) { select(null); }
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
