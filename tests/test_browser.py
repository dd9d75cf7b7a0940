"""What a visitor gets in a real browser: no failed request offline, search, palette, filter, phone nav."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import MAIN_PAGES
from playwright.sync_api import Page, expect
from sitebuild import ROOT

from labsite.render import html as render

pytestmark = pytest.mark.browser


def offline_page(browser, base_url: str, **context_options) -> tuple[Page, list[str]]:
    """A page whose every request off the loopback server is refused and recorded as a failure."""
    context = browser.new_context(**context_options)
    problems: list[str] = []

    def route(route):
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            problems.append(f"external request: {route.request.url}")
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}") if r.url.startswith(base_url) else None)
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    return page, problems


def test_every_main_page_loads_offline_without_errors_or_external_requests(browser, base_url, real_site):
    pages = MAIN_PAGES + [
        "people/" + p.parent.name + "/" for p in sorted(real_site.site.glob("people/*/index.html"))[:2]
    ]
    pages += [
        "publications/" + p.parent.name + "/" for p in sorted(real_site.site.glob("publications/*/index.html"))[:2]
    ]
    page, problems = offline_page(browser, base_url)
    for path in pages:
        page.goto(base_url + path, wait_until="networkidle")
    assert problems == []


def test_search_finds_a_paper_by_a_word_of_its_title(browser, base_url):
    page, _ = offline_page(browser, base_url, viewport={"width": 1280, "height": 900})
    page.goto(base_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("Superoptimizer", delay=30)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10000)
    assert "Superoptimizer" in page.locator(".md-search-result").inner_text()


def test_palette_toggle_switches_to_dark_and_persists_across_pages(browser, base_url):
    page, _ = offline_page(browser, base_url, color_scheme="light")
    page.goto(base_url, wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("label[for='__palette_1']").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(base_url + "group/", wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_navigation_works_at_phone_width(browser, base_url):
    page, problems = offline_page(
        browser, base_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page.goto(base_url, wait_until="networkidle")
    assert not page.locator(".md-tabs").is_visible()
    page.locator(".md-header__button[for='__drawer']").click()
    link = page.locator(".md-nav--primary a.md-nav__link", has_text="Group").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/group/")
    assert page.locator("h1").inner_text().strip().rstrip("¶") == "Group"
    assert problems == []


def test_filter_narrows_the_list_and_the_count_and_keeps_it_in_the_url(browser, base_url, real_site):
    page, _ = offline_page(browser, base_url, viewport={"width": 1280, "height": 900})
    page.goto(base_url + "publications/", wait_until="networkidle")
    total = page.locator("li.lab-pub").count()
    expect(page.locator("#lab-filter")).to_be_visible()
    page.select_option("#lab-filter select[name=year]", "2023")
    visible = page.locator("li.lab-pub:visible").count()
    assert 0 < visible < total
    assert page.locator("[data-count]").inner_text() == str(visible)
    assert "year=2023" in page.url
    page.locator("#lab-filter input[name=awarded]").check()
    page.select_option("#lab-filter select[name=year]", "")
    awarded = page.locator("li.lab-pub:visible").count()
    assert awarded == page.locator("li.lab-pub[data-awarded=yes]").count()
    page.fill("#lab-filter input[name=q]", "")
    shared = page.url
    other, _ = offline_page(browser, base_url)
    other.goto(shared, wait_until="networkidle")
    assert other.locator("li.lab-pub:visible").count() == awarded


def test_without_javascript_the_full_list_shows(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "publications/?year=2023")
    assert page.locator("li.lab-pub:visible").count() == page.locator("li.lab-pub").count()
    assert not page.locator("#lab-filter").is_visible()


def test_email_becomes_a_mailto_link_with_javascript(browser, base_url):
    page, _ = offline_page(browser, base_url)
    page.goto(base_url, wait_until="networkidle")
    link = page.locator("article a.lab-email")
    assert link.get_attribute("href").startswith("mailto:")
    assert "@" in link.inner_text()


def test_copy_bibtex_button_copies_the_entry(browser, base_url, real_site):
    paper = sorted(real_site.site.glob("publications/*/index.html"))[0].parent.name
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + f"publications/{paper}/", wait_until="networkidle")
    page.locator("button.lab-copy").click()
    expect(page.locator("button.lab-copy")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@") and copied == page.locator("#bibtex-entry code").inner_text()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# Each element of the filter that reaches past the form's box or the viewport, as "tag.class: right edge".
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const box = document.querySelector("#lab-filter").getBoundingClientRect();
  return [...document.querySelectorAll("#lab-filter, #lab-filter *")]
    .map((e) => [e, e.getBoundingClientRect()])
    .filter(([e, r]) => r.width > 0 && (r.left < 0 || r.right > width || r.left < box.left || r.right > box.right))
    .map(([e, r]) => `${e.tagName.toLowerCase()}.${e.className}: ${Math.round(r.left)}–${Math.round(r.right)}`);
}"""

# The size in screen pixels of every shown chart label (font size times the SVG's scale), its box, and
# whether it overlaps the next shown label of its row.
CHART_LABELS = """() => {
  const shown = [...document.querySelectorAll("figure.lab-chart text")]
    .filter((t) => getComputedStyle(t).display !== "none");
  return shown.map((t) => {
    const box = t.getBoundingClientRect();
    const next = shown.find((o) => o !== t && o.classList[0] === t.classList[0] &&
      o.getBoundingClientRect().left > box.left && o.getBoundingClientRect().top === box.top);
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().d,
            height: box.height, overlaps: !!next && next.getBoundingClientRect().left < box.right};
  });
}"""

# Layout shifts (as the Cumulative Layout Shift metric counts them) from the first paint on.
RECORD_SHIFTS = """window.labShift = 0;
new PerformanceObserver((list) => list.getEntries().forEach((e) => {
  if (!e.hadRecentInput) window.labShift += e.value;
})).observe({type: "layout-shift", buffered: true});"""


def test_at_phone_width_the_filter_is_folded_fits_and_the_list_starts_on_the_first_screen(browser, base_url):
    page, problems = offline_page(browser, base_url, **PHONE)
    page.goto(base_url + "publications/", wait_until="networkidle")
    toggle = page.locator("#lab-filter .lab-filter-toggle")
    expect(toggle).to_be_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#lab-filter select[name=year]").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(OVERFLOWING) == []
    assert page.locator("li.lab-pub").first.bounding_box()["y"] < 844
    assert problems == []


def test_at_phone_width_the_filter_opens_from_the_keyboard_fits_and_filters(browser, base_url):
    page, _ = offline_page(browser, base_url, **PHONE)
    page.goto(base_url + "publications/", wait_until="networkidle")
    total = page.locator("li.lab-pub").count()
    year = page.locator("li.lab-pub").first.get_attribute("data-year")
    page.locator("#lab-filter .lab-filter-toggle").focus()
    page.keyboard.press("Enter")
    assert page.locator("#lab-filter .lab-filter-toggle").get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "year"
    for name in ("year", "type", "q"):
        expect(page.locator(f"#lab-filter [name={name}]")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(OVERFLOWING) == []
    page.select_option("#lab-filter select[name=year]", year)
    shown = page.locator("li.lab-pub:visible").count()
    assert shown == page.locator(f"li.lab-pub[data-year='{year}']").count() < total
    assert page.locator("[data-count]").inner_text() == str(shown)
    assert f"year={year}" in page.url
    expect(page.locator("#lab-filter .lab-filter-toggle")).to_have_text("Filter (1)")
    page.locator("#lab-filter select[name=year]").focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.classList.contains('lab-filter-toggle')")
    page.keyboard.press("Enter")
    assert not page.locator("#lab-filter select[name=year]").is_visible()
    assert page.locator("li.lab-pub:visible").count() == shown


def test_at_desktop_width_the_filter_fields_are_open_without_a_toggle(browser, base_url):
    page, _ = offline_page(browser, base_url, **DESKTOP)
    page.goto(base_url + "publications/", wait_until="networkidle")
    assert not page.locator("#lab-filter .lab-filter-toggle").is_visible()
    for name in ("year", "type", "awarded", "q"):
        expect(page.locator(f"#lab-filter [name={name}]")).to_be_visible()
    assert page.evaluate(OVERFLOWING) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_at_phone_width_axe_finds_no_violation_in_the_folded_or_opened_filter(browser, base_url, scheme):
    page, _ = offline_page(browser, base_url, color_scheme=scheme, **PHONE)
    page.goto(base_url + "publications/", wait_until="networkidle")
    folded = Axe().run(page).response["violations"]
    page.locator("#lab-filter .lab-filter-toggle").click()
    opened = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in folded + opened] == []


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chart_labels_are_at_least_11_px_and_do_not_overlap(browser, base_url, real_site, size):
    page, _ = offline_page(browser, base_url, **size)
    page.goto(base_url + "publications/", wait_until="networkidle")
    labels = page.evaluate(CHART_LABELS)
    years = {int(li["data-year"]) for li in real_site.content("publications/").select("li.lab-pub")}
    assert len([label for label in labels if label["text"].startswith("’")]) >= min(len(years), 8)
    assert [label for label in labels if label["px"] < 11 or label["height"] < 11 or label["overlaps"]] == []


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_publications_page_does_not_shift_while_it_loads(browser, base_url, size):
    page, _ = offline_page(browser, base_url, **size)
    page.add_init_script(RECORD_SHIFTS)
    page.goto(base_url + "publications/", wait_until="networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("window.labShift") < 0.001


def test_a_chart_of_many_years_leaves_out_every_other_year_on_a_phone_and_stays_legible(browser):
    counts = [(year, year % 7 + 1) for year in range(1991, 2026)]
    chart = render.render(render.environment(), "partials/year-chart.html", counts=counts, peak=7)
    page = browser.new_page(**PHONE)
    stylesheet = (ROOT / "docs/stylesheets/lab.css").read_text()
    viewport = "<meta name='viewport' content='width=device-width, initial-scale=1'>"  # as Material's pages
    page.set_content(f"{viewport}<style>{stylesheet}</style><article class='md-typeset'>{chart}</article>")
    labels = page.evaluate(CHART_LABELS)
    years = [label for label in labels if label["text"].startswith("’")]
    assert years[-1]["text"] == "’25"
    assert len(years) == (len(counts) + 1) // 2
    assert [label for label in labels if label["px"] < 11 or label["overlaps"]] == []
