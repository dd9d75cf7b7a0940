/* Small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  // E-mail: the page holds "user [at] domain"; make it a working mailto link on load.
  function revealEmails(root) {
    root.querySelectorAll("a.lab-email[data-user][data-domain]").forEach(function (a) {
      var address = a.dataset.user + "@" + a.dataset.domain;
      a.href = "mailto:" + address;
      a.textContent = address;
    });
  }

  // "Copy BibTeX" buttons copy the entry next to them.
  function wireCopyButtons(root) {
    root.querySelectorAll("button.lab-copy").forEach(function (button) {
      if (button.dataset.wired) return;
      button.dataset.wired = "yes";
      button.addEventListener("click", function () {
        var block = document.getElementById(button.dataset.copyTarget);
        var code = block && block.querySelector("code");
        if (!code || !navigator.clipboard) return;
        navigator.clipboard.writeText(code.textContent).then(function () {
          var label = button.textContent;
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }

  // On paper a link cannot be followed: lab.css prints its full address after it, so a link keeps
  // where it goes (authors' names, the page's own anchors and the e-mail excepted).
  function markPrintedLinks(root) {
    root.querySelectorAll("article a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (href.charAt(0) === "#" || a.matches(".headerlink, .lab-member, .lab-email, .lab-link")) return;
      a.dataset.printHref = a.href;
    });
  }

  // A paper's, person's or project's page is in no menu: the tab (and drawer entry) of the list
  // its back link leads to is marked as the current section.
  function markSection(root) {
    var back = root.querySelector("a.lab-back-link");
    if (!back || root.querySelector(".md-tabs__item--active")) return;
    var list = new URL(back.href).pathname;
    root.querySelectorAll(".md-tabs__link, .md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link").forEach(function (a) {
      if (new URL(a.href).pathname !== list) return;
      a.setAttribute("aria-current", "true");
      if (a.classList.contains("md-tabs__link")) a.parentNode.classList.add("md-tabs__item--active");
      else a.classList.add("md-nav__link--active");
    });
  }

  function enhance() {
    markSection(document);
    revealEmails(document);
    markPrintedLinks(document);
    wireCopyButtons(document);
  }

  // Run `fn` on every page: Material's instant navigation swaps pages without a reload, so hook
  // into its observable when present. Shared with lab-filter.js (loaded after this file).
  function onEveryPage(fn) {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }
  window.labOnEveryPage = onEveryPage;
  onEveryPage(enhance);
})();
