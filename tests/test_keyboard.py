"""The site with the keyboard alone, at phone, tablet and desktop widths, on every kind of page.

A walk presses Tab through each page and records every stop: each control a mouse can use is reached,
none is off-screen or invisible when focused, and each shows a ring at 3:1 or more against what lies
behind it (WCAG 2.1.1, 2.4.3, 2.4.7, 2.4.11). Below Material's 1,220 px breakpoint the navigation lives
in a drawer: it opens from a button with Enter or Space, Escape closes it and gives focus back.
"""

from __future__ import annotations

import pytest
from browser import MAIN_PAGES, first_detail_pages
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WIDTHS = [390, 1024, 1280]

# Records every focus stop: what it is, where, whether it can be seen, and its ring's contrast.
RECORD = """() => {
  window.labStops = [];
  window.describe = (e) => {
    const name = (e.getAttribute("aria-label") || e.textContent).trim().slice(0, 40);
    return `${e.tagName.toLowerCase()}.${e.className} "${name}"`;
  };
  function rgb(text) {
    const m = text.match(/[\\d.]+/g) || [];
    return m.length >= 3 ? {r: +m[0], g: +m[1], b: +m[2], a: m.length > 3 ? +m[3] : 1} : null;
  }
  function luminance(c) {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function behind(e) {
    for (let n = e.parentElement; n; n = n.parentElement) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c && c.a >= 0.5) return c;
    }
    return rgb(getComputedStyle(document.body).backgroundColor) || {r: 255, g: 255, b: 255};
  }
  document.addEventListener("focusin", (event) => {
    let e = event.target;
    // Material's palette toggle is a zero-size radio whose visible face is the label after it.
    const face = e.matches("input.md-option") ? e.nextElementSibling : e;
    const box = face.getBoundingClientRect();
    const style = getComputedStyle(face);
    const ring = rgb(style.outlineColor);
    const l1 = luminance(ring), l2 = luminance(behind(face));
    window.labStops.push({
      element: e,
      what: describe(e),
      seen: box.width > 0 && box.height > 0 &&
        face.checkVisibility({opacityProperty: true, visibilityProperty: true}),
      inside: box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight,
      ring: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
      contrast: (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05),
    });
  });
}"""

# Every control a pointer could use on this page: shown, sized, not inside something inert.
CONTROLS = """() => [...document.querySelectorAll(
    "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])")]
  .filter((e) => !e.closest("[inert]") && !e.disabled && e.tabIndex >= 0)
  .filter((e) => {
    const face = e.matches("input.md-option") ? e.nextElementSibling : e;
    const box = face.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && face.checkVisibility({opacityProperty: true, visibilityProperty: true});
  })
  .filter((e) => !e.matches("input.md-option") || e.nextElementSibling.checkVisibility())
  .filter((e) => !window.labStops.some((s) => s.element === e))
  .map((e) => window.describe(e))"""

NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.fixture(scope="module")
def every_kind_of_page(real_site) -> list[str]:
    """The main pages, the 404 page and the first person, paper and project page."""
    details = first_detail_pages(real_site.site)
    return MAIN_PAGES + details + ["404.html"]


def open_page(browser, base_url: str, path: str, width: int, scheme: str = "light") -> Page:
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page.goto(base_url + path, wait_until="networkidle")
    page.add_style_tag(content=NO_MOTION)
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_tab_reaches_every_control_and_never_stops_on_something_unseen(browser, base_url, every_kind_of_page, width):
    problems: dict[str, list] = {}
    for path in every_kind_of_page:
        page = open_page(browser, base_url, path, width)
        page.evaluate(RECORD)
        controls = page.evaluate("document.querySelectorAll('a[href], button, input, select, summary').length")
        for _ in range(controls + 3):
            page.keyboard.press("Tab")
        stops = page.evaluate("window.labStops.map(({element, ...rest}) => rest)")
        # The walk may have come round to the search field and opened it: close it as Material does.
        page.evaluate("(() => { const s = document.getElementById('__search'); if (s.checked) s.click(); })()")
        found = [f"unseen: {s['what']}" for s in stops if not s["seen"]]
        found += [f"off-screen: {s['what']}" for s in stops if not s["inside"]]
        faint = [s for s in stops if s["ring"] < 2 or s["contrast"] < 3]
        found += [f"ring {s['ring']}px at {s['contrast']:.1f}:1: {s['what']}" for s in faint]
        found += [f"never reached: {what}" for what in page.evaluate(CONTROLS)]
        assert len(stops) > 3, f"{path}: Tab stopped {len(stops)} times"
        if found:
            problems[path] = found
        page.close()
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_focus_ring_meets_3_to_1_in_either_palette_on_the_header_and_the_page(browser, base_url, scheme):
    page = open_page(browser, base_url, "group/", 390, scheme)
    page.evaluate(RECORD)
    for _ in range(8):
        page.keyboard.press("Tab")
    stops = page.evaluate("window.labStops.map(({element, ...rest}) => rest)")
    assert [s for s in stops if s["ring"] < 2 or s["contrast"] < 3] == []
    assert any("Navigation" in s["what"] for s in stops) and any("lab-person-link" in s["what"] for s in stops)


@pytest.mark.parametrize("width", [390, 1024])
@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
def test_below_1220_px_the_menu_opens_from_the_keyboard_and_escape_gives_focus_back(browser, base_url, width, key):
    page = open_page(browser, base_url, "group/", width)
    menu = page.locator(".md-header button[for=__drawer]")
    expect(menu).to_be_visible()
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.locator(".md-sidebar--primary").evaluate("e => e.inert")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"
    page.keyboard.press(key)
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.querySelector('.md-sidebar--primary').contains(document.activeElement)")
    for _ in range(3):
        page.keyboard.press("Tab")
    focused = page.evaluate("(({left, right}) => [left, right])(document.activeElement.getBoundingClientRect())")
    assert 0 <= focused[0] < focused[1] <= width
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('for')") == "__drawer"
    assert page.locator(".md-sidebar--primary").evaluate("e => e.inert")


def test_a_link_in_the_opened_menu_is_followed_with_enter(browser, base_url):
    page = open_page(browser, base_url, "", 390)
    page.locator(".md-header button[for=__drawer]").focus()
    page.keyboard.press("Enter")
    link = page.locator(".md-nav--primary a.md-nav__link", has_text="Group").first
    while page.evaluate("document.activeElement.textContent.trim()") != "Group":
        page.keyboard.press("Tab")
    assert link.evaluate("e => e === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_url("**/group/")


def test_at_desktop_width_the_navigation_is_not_hidden_from_the_keyboard(browser, base_url):
    page = open_page(browser, base_url, "group/", 1280)
    assert not page.locator(".md-header button[for=__drawer]").is_visible()
    assert not page.locator(".md-sidebar--primary").evaluate("e => e.inert")
    expect(page.locator(".md-tabs a", has_text="Group")).to_be_visible()


def test_the_palette_toggle_answers_space(browser, base_url):
    page = open_page(browser, base_url, "", 1280)
    shown = "document.querySelector('[data-md-component=palette] label:not([hidden])')"
    page.evaluate(f"{shown}.previousElementSibling.focus()")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.keyboard.press(" ")
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", before)
    assert page.evaluate("document.activeElement.matches('input.md-option')")


def test_on_a_phone_escape_in_search_returns_focus_to_the_search_button(browser, base_url):
    page = open_page(browser, base_url, "", 390)
    button = page.locator(".md-header button[for=__search]")
    assert page.locator(".md-search").evaluate("e => e.inert")
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("graph", delay=20)
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement !== document.body")
    assert button.evaluate("e => e === document.activeElement")
    assert button.get_attribute("aria-expanded") == "false"


def test_at_desktop_width_escape_in_search_returns_focus_to_where_it_was(browser, base_url):
    page = open_page(browser, base_url, "", 1280)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    before = page.evaluate("document.activeElement.outerHTML")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement !== document.body")
    assert page.evaluate("document.activeElement.outerHTML") == before
