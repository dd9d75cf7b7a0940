"""Search as visitors type it: a venue's acronym, a member's name, what applicants look for.

Every expectation is computed from the data: for each venue that has papers, its acronym returns one of
its papers first; each member's name returns their page first; "prospective" returns the note.
"""

from __future__ import annotations

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serving
from playwright.sync_api import Page, sync_playwright
from sitebuild import REAL_ROOT

from labsite.site import load_site

pytestmark = pytest.mark.browser

# The addresses (path and fragment, from the site's root) in the first result: a page and its sections.
FIRST_RESULT = """() => {
  const item = document.querySelector('.md-search-result__item');
  return item && [...item.querySelectorAll('a.md-search-result__link')]
    .map((a) => { const u = new URL(a.href); return u.pathname.slice(1) + u.hash; });
}"""


@pytest.fixture(scope="module")
def site():
    return load_site(REAL_ROOT)


@pytest.fixture(scope="module")
def search(real_site):
    """Types a query into the search box with the keyboard; returns the first result's addresses."""
    with serving(real_site.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page: Page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base, wait_until="networkidle")

        def first(query: str) -> list[str]:
            page.locator(".md-search__input").focus()
            page.keyboard.press("Control+A")
            page.keyboard.press("Backspace")
            page.keyboard.type(query, delay=15)
            page.wait_for_function(f"({FIRST_RESULT})() !== null")
            page.wait_for_timeout(250)  # the results follow the last key after a short debounce
            return page.evaluate(FIRST_RESULT)

        yield first
        browser.close()


def test_each_venues_acronym_returns_one_of_its_papers_first(site, search):
    misses = {}
    for venue in site.data.venues.values():
        papers = {f"publications/{p.id}/" for p in site.publications if p.venue == venue.id}
        if papers and (found := search(venue.id))[0] not in papers:
            misses[venue.id] = found[0]
    assert misses == {}


def test_each_members_name_returns_their_page_first(site, search):
    misses = {}
    for person_id in site.current_members:
        name = site.person(person_id).name
        if (found := search(name))[0] != f"people/{person_id}/":
            misses[name] = found[0]
    assert misses == {}


def test_prospective_returns_the_note_to_prospective_students(site, search):
    assert site.profile.prospective, "the real lab has a note to prospective students"
    assert "#prospective-students" in search("prospective")
