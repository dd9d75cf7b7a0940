"""A finger on a phone and the filter's ways out: tap targets, Done and Escape, clearing, a bad address.

Every control a finger aims at is at least 24 px tall and wide (WCAG 2.5.8), a paper's action chips 44 px
where the pointer is coarse; the open filter folds with Done or Escape and gives focus back to its button;
"Clear filters" brings back every paper; a filter that matches nothing says so and offers the clear; an
address naming a year the list does not have shows every year, with "All years" chosen.
"""

from __future__ import annotations

import pytest
from browser import MAIN_PAGES, first_detail_pages
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

TARGETS = (
    ".md-header__button, .md-tabs__link, a.lab-link, .lab-copy, .lab-back-link, #lab-filter button, "
    "#lab-filter select, #lab-filter input[type=search], .md-nav__link"
)

# Each shown target smaller than `least` px in either direction, as "selector-ish: w×h".
SMALL = """([selector, least]) => [...document.querySelectorAll(selector)]
  .filter((e) => e.checkVisibility() && !e.closest("[inert]"))
  .map((e) => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.width < least || r.height < least)
  .map(([e, r]) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 20)}": ` +
    `${Math.round(r.width)}×${Math.round(r.height)}`)"""


@pytest.fixture(scope="module")
def pages(real_site) -> list[str]:
    details = first_detail_pages(real_site.site)
    return MAIN_PAGES + details


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_tap_target_is_at_least_24_px_and_paper_actions_44_px_on_a_phone(browser, base_url, pages, size):
    page = browser.new_page(**size)
    coarse = size is PHONE
    small = {}
    for path in pages:
        page.goto(base_url + path, wait_until="networkidle")
        if coarse:
            assert page.evaluate("matchMedia('(pointer: coarse)').matches")
        found = page.evaluate(SMALL, [TARGETS, 24])
        if coarse:
            found += page.evaluate(SMALL, ["a.lab-link", 44])
        if found:
            small[path] = found
    page.close()
    assert small == {}


def test_the_open_filter_folds_with_done_or_escape_and_focus_goes_back_to_its_button(browser, base_url):
    page = browser.new_page(**PHONE)
    page.goto(base_url + "publications/", wait_until="networkidle")
    toggle = page.locator("#lab-filter .lab-filter-toggle")
    for close in ("Done", "Escape"):
        toggle.click()
        expect(page.locator("#lab-filter select[name=year]")).to_be_visible()
        page.locator("#lab-filter select[name=year]").focus()
        if close == "Done":
            page.locator("#lab-filter .lab-filter-done").click()
        else:
            page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert toggle.evaluate("e => e === document.activeElement")
        assert not page.locator("#lab-filter select[name=year]").is_visible()
    assert page.locator("[data-count]").is_visible()


def test_a_filter_that_matches_nothing_says_so_and_clear_brings_back_every_paper(browser, base_url):
    page = browser.new_page(**DESKTOP)
    page.goto(base_url + "publications/", wait_until="networkidle")
    total = page.locator("li.lab-pub").count()
    assert not page.locator("#lab-filter .lab-filter-actions .lab-filter-clear").is_visible()
    page.locator("#lab-filter input[name=q]").fill("qqqq-matches-no-paper-zzzz")
    assert page.locator("li.lab-pub:visible").count() == 0
    message = page.locator("#lab-filter .lab-filter-empty")
    expect(message).to_be_visible()
    message.locator("button").click()
    expect(message).to_be_hidden()
    assert page.locator("li.lab-pub:visible").count() == total
    assert page.locator("#lab-filter input[name=q]").input_value() == ""
    assert "?" not in page.url
    page.select_option("#lab-filter select[name=year]", index=1)
    clear = page.locator("#lab-filter .lab-filter-actions .lab-filter-clear")
    expect(clear).to_be_visible()
    clear.click()
    expect(page.locator("li.lab-pub:visible")).to_have_count(total)


def test_an_address_with_a_year_the_list_lacks_shows_all_years(browser, base_url, real_site):
    years = {li["data-year"] for li in real_site.content("publications/").select("li.lab-pub")}
    absent = str(min(int(y) for y in years) - 1)
    page = browser.new_page(**DESKTOP)
    page.goto(base_url + f"publications/?year={absent}", wait_until="networkidle")
    year = page.locator("#lab-filter select[name=year]")
    assert year.input_value() == ""
    assert year.evaluate("s => s.selectedIndex") == 0
    assert page.locator("li.lab-pub:visible").count() == page.locator("li.lab-pub").count()


def test_the_table_of_contents_lists_only_the_years_the_filter_shows(browser, base_url):
    page = browser.new_page(**DESKTOP)
    page.goto(base_url + "publications/", wait_until="networkidle")
    toc = page.locator(".md-sidebar--secondary .md-nav__link")
    years = page.locator("#lab-filter select[name=year] option:not([value=''])").evaluate_all(
        "options => options.map((o) => o.value)"
    )
    assert len(years) > 1 and toc.filter(has_text=years[0]).count() == 1
    page.select_option("#lab-filter select[name=year]", years[0])
    assert [t.strip() for t in page.locator(".md-sidebar--secondary .md-nav__link:visible").all_inner_texts()] == [
        years[0]
    ]
    page.select_option("#lab-filter select[name=year]", "")
    assert page.locator(".md-sidebar--secondary .md-nav__link:visible").count() >= len(years)
