/* Publication filter: year, topic, type, awarded and free text. The URL keeps the filter
   (?year=2024&topic=quantum&q=gpu) so a filtered view can be shared. Without JavaScript the form
   is hidden by CSS (html.no-js) and the full list shows. On phones the fields fold behind the
   "Filter" button (lab.css); it opens them and counts the filters in use. */
(function () {
  "use strict";

  function normalise(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp() {
    var form = document.getElementById("lab-filter");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "yes";
    var items = Array.prototype.slice.call(document.querySelectorAll("li.lab-pub"));
    var lists = Array.prototype.slice.call(document.querySelectorAll("ul.lab-pubs"));
    var count = form.querySelector("[data-count]");
    var toggle = form.querySelector(".lab-filter-toggle");
    var inUse = form.querySelector("[data-active]");
    var texts = items.map(function (li) { return normalise(li.textContent); });

    var empty = form.querySelector(".lab-filter-empty");
    var clears = form.querySelectorAll(".lab-filter-clear");
    var done = form.querySelector(".lab-filter-done");

    // A shared address may name a year or topic the list no longer has (?year=1999): that field
    // falls back to "All" instead of showing a blank choice that hides every paper.
    var params = new URLSearchParams(window.location.search);
    ["year", "topic", "type", "q", "sort"].forEach(function (name) {
      var field = form.elements[name];
      if (field && params.has(name)) field.value = params.get(name);
      if (field && field.tagName === "SELECT" && field.selectedIndex < 0) field.value = "";
    });
    form.elements.awarded.checked = params.get("awarded") === "yes";

    // "Most cited": every paper in one list by data-cites (from data/citations.yml); back to the
    // years' lists, in their order, otherwise.
    var homes = items.map(function (li) { return li.parentNode; });
    function arrange(byCites) {
      var order = items.slice();
      if (byCites) {
        order.sort(function (a, b) { return Number(b.dataset.cites) - Number(a.dataset.cites); });
      }
      order.forEach(function (li) { (byCites ? lists[0] : homes[items.indexOf(li)]).appendChild(li); });
    }

    function apply() {
      var byCites = Boolean(form.elements.sort && form.elements.sort.value === "cites");
      if (form.elements.sort) arrange(byCites);
      var year = form.elements.year.value;
      var topic = form.elements.topic ? form.elements.topic.value : "";
      var type = form.elements.type.value;
      var awarded = form.elements.awarded.checked;
      var words = normalise(form.elements.q.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (li, i) {
        var ok = (!year || li.dataset.year === year) &&
          (!topic || li.dataset.topics.split(" ").indexOf(topic) >= 0) &&
          (!type || li.dataset.type === type) &&
          (!awarded || li.dataset.awarded === "yes") &&
          words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        li.hidden = !ok;
        if (ok) shown += 1;
      });
      lists.forEach(function (ul) {
        var empty = !ul.querySelector("li.lab-pub:not([hidden])");
        ul.hidden = empty;
        var heading = ul.previousElementSibling;
        if (heading && heading.tagName === "H2") {
          heading.hidden = empty || byCites;
          // The table of contents lists only the years still shown.
          document.querySelectorAll('.md-nav--secondary a[href="#' + heading.id + '"]').forEach(function (a) {
            a.parentNode.hidden = heading.hidden;
          });
        }
      });
      count.textContent = String(shown);
      var active = [year, topic, type, awarded, words.length].filter(Boolean).length;
      if (inUse) inUse.textContent = active ? " (" + active + ")" : "";
      if (empty) empty.hidden = shown > 0;
      clears[0].hidden = !active && !byCites;

      var query = new URLSearchParams();
      if (year) query.set("year", year);
      if (topic) query.set("topic", topic);
      if (type) query.set("type", type);
      if (awarded) query.set("awarded", "yes");
      if (form.elements.q.value) query.set("q", form.elements.q.value);
      if (byCites) query.set("sort", "cites");
      var search = query.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + window.location.hash);
    }

    function fold(open) {
      toggle.setAttribute("aria-expanded", String(open));
      form.classList.toggle("lab-filter--open", open);
    }
    if (toggle) {
      toggle.addEventListener("click", function () { fold(toggle.getAttribute("aria-expanded") !== "true"); });
      done.addEventListener("click", function () { fold(false); toggle.focus(); });
      form.addEventListener("keydown", function (event) {
        if (event.key !== "Escape" || toggle.getAttribute("aria-expanded") !== "true") return;
        if (getComputedStyle(toggle).display === "none") return; // wide screens: nothing folds
        fold(false);
        toggle.focus();
      });
    }
    // A reset clears the fields after its event: apply once they are cleared.
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  window.labOnEveryPage(setUp);
})();
