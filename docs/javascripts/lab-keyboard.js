/* The keyboard reaches everything a mouse does (squidfunk/mkdocs-material#4101).
   Material opens its drawer, its search and the drawer's sub-panels from <label>s bound to hidden
   checkboxes: Tab never stops on a label, while it walks into the closed drawer's links off-screen.
   Here each such label becomes a real <button> (same classes and `for`, so Material's CSS, which
   selects on [for=...], still applies) that reports aria-expanded; a closed drawer, a closed search on
   a phone and a closed sub-panel are `inert`, so Tab skips what cannot be seen. Escape closes what is
   open and returns focus to the button that opened it; Space works on the palette toggle as Enter does.
   Without JavaScript the labels stay and a mouse works as before. */
(function () {
  "use strict";

  var DRAWER = window.matchMedia("(max-width: 76.234375em)"); // Material's drawer breakpoint
  var PHONE_SEARCH = window.matchMedia("(max-width: 59.984375em)"); // search behind a button

  function toggleOf(id) { return document.getElementById(id); }

  // A button in place of a <label for=id>, toggling the checkbox as the label did.
  function asButton(label, name, controls) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " lab-toggle-button";
    button.setAttribute("for", label.htmlFor);
    button.setAttribute("aria-expanded", "false");
    if (controls) button.setAttribute("aria-controls", controls);
    var text = name || label.getAttribute("title") || label.textContent.trim();
    if (label.querySelector("svg") && !label.textContent.trim()) button.setAttribute("aria-label", text);
    while (label.firstChild) button.appendChild(label.firstChild);
    label.replaceWith(button);
    button.addEventListener("click", function () {
      toggleOf(button.getAttribute("for")).click(); // as Material toggles them: click fires "change"
    });
    return button;
  }

  function firstFocusable(root) {
    return root.querySelector("a[href], button:not([disabled]), input:not([type=hidden]), select, textarea");
  }

  function setUp() {
    var drawer = toggleOf("__drawer");
    var search = toggleOf("__search");
    var header = document.querySelector(".md-header");
    if (!drawer || !header || header.dataset.labKeyboard) return;
    header.dataset.labKeyboard = "yes";

    var sidebar = document.querySelector(".md-sidebar--primary");
    var menuLabel = header.querySelector("label[for=__drawer]");
    var menu = menuLabel && asButton(menuLabel, "Navigation", sidebar ? (sidebar.id = sidebar.id || "lab-drawer") : null);

    // The drawer's sub-panels (the page's table of contents on a phone, nested sections).
    var panels = sidebar ? Array.prototype.slice.call(sidebar.querySelectorAll("input.md-nav__toggle")) : [];
    panels.forEach(function (box) {
      var opener = sidebar.querySelector("label.md-nav__link[for='" + box.id + "']");
      if (opener) asButton(opener, null, null);
      sidebar.querySelectorAll("label.md-nav__title[for='" + box.id + "']").forEach(function (back) {
        asButton(back, null, null);
      });
      box.addEventListener("change", function () {
        sync();
        if (!DRAWER.matches) return;
        var nav = box.parentNode.querySelector(":scope > nav");
        var target = box.checked ? nav && firstFocusable(nav) : sidebar.querySelector("[for='" + box.id + "'].md-nav__link");
        if (target) target.focus();
      });
    });

    var searchLabel = search && header.querySelector("label[for=__search]");
    var dialog = document.querySelector(".md-search");
    var finder = searchLabel && asButton(searchLabel, "Search", null);
    var query = document.querySelector(".md-search__input");
    var results = document.querySelector(".md-search__output");
    var beforeSearch = null;

    function sync() {
      if (menu) menu.setAttribute("aria-expanded", String(drawer.checked));
      if (sidebar) sidebar.inert = DRAWER.matches && !drawer.checked;
      panels.forEach(function (box) {
        var nav = box.parentNode.querySelector(":scope > nav");
        var opener = sidebar.querySelector("[for='" + box.id + "'].md-nav__link");
        if (opener) opener.setAttribute("aria-expanded", String(box.checked));
        // A sub-panel slides over the drawer on small screens: only the open one takes focus.
        if (nav) nav.inert = DRAWER.matches && Boolean(opener) && opener.offsetParent !== null && !box.checked;
      });
      if (finder) finder.setAttribute("aria-expanded", String(search.checked));
      // On a phone the whole search is behind its button; on wider screens its field is in the
      // header and only the (hidden) results are out of the tab order until it opens.
      if (dialog) dialog.inert = PHONE_SEARCH.matches && !search.checked;
      if (results) results.inert = !search.checked;
    }

    drawer.addEventListener("change", function () {
      sync();
      if (drawer.checked && sidebar && DRAWER.matches) {
        var first = firstFocusable(sidebar);
        if (first) first.focus({ preventScroll: true });
      } else if (!drawer.checked && menu && sidebar && sidebar.contains(document.activeElement)) {
        menu.focus();
      }
    });
    if (search) {
      search.addEventListener("change", function () {
        sync();
        if (search.checked && query) query.focus();
      });
    }
    if (query) {
      query.addEventListener("focus", function (event) {
        if (event.relatedTarget && !dialog.contains(event.relatedTarget)) beforeSearch = event.relatedTarget;
      });
    }
    [DRAWER, PHONE_SEARCH].forEach(function (media) { media.addEventListener("change", sync); });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      if (search && dialog && dialog.contains(document.activeElement)) {
        // Material closes the search and blurs its field on Escape; then focus goes back.
        setTimeout(function () {
          sync();
          var back = finder && finder.offsetParent !== null ? finder : beforeSearch;
          if (back && back.isConnected) back.focus();
        }, 0);
      } else if (drawer.checked && DRAWER.matches) {
        drawer.click();
        if (menu) menu.focus();
      }
    });

    // The palette toggle is a radio button: Space is a no-op on a checked radio, Enter switches.
    var palette = header.querySelector("[data-md-component=palette]");
    if (palette) {
      palette.addEventListener("keydown", function (event) {
        if (event.key !== " ") return;
        event.preventDefault();
        palette.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
      });
    }
    sync();
  }

  window.labOnEveryPage(setUp);
})();
