"""Small things a visitor meets on every page: names read once, links told apart by more than colour,
acronyms spelt out, a way on from a missing page, and a footer that says whose site it is."""

from __future__ import annotations

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, serving
from playwright.sync_api import sync_playwright
from sitebuild import REAL_ROOT

from labsite.site import load_site


@pytest.fixture(scope="module")
def site():
    return load_site(REAL_ROOT)


def test_a_member_card_link_names_the_member_once(real_site, site):
    cards = real_site.content("group/").select("a.lab-person-link")
    assert cards
    for card in cards:
        named = [e for e in card.select(".lab-avatar") if e.get("aria-hidden") != "true" and e.get("alt", "x") != ""]
        assert named == [], card
        for hidden in card.select("[aria-hidden=true]"):
            hidden.decompose()  # what a screen reader reads is what is left
        assert card.get_text(" ", strip=True) == site.person(card["href"].rstrip("/").split("/")[-1]).name


def test_every_venue_acronym_is_spelt_out_in_its_title(real_site, site):
    abbrs = real_site.content("publications/").select("abbr")
    assert abbrs
    assert [a for a in abbrs if a.get("title") != site.data.venues[a.get_text()].name] == []


def test_the_404_page_offers_the_way_home(real_site):
    links = real_site.content("404.html").select("a[href]")
    assert any(a["href"] in ("/", "/.", "./", "..") or a["href"].endswith("lab.example.org/") for a in links), links


def test_the_footer_names_the_owner_the_newest_year_and_a_contact(real_site, site):
    newest = max([int(p.year) for p in site.publications] + [int(n.date[:4]) for n in site.news])
    for path in ("", "group/", "404.html"):
        footer = real_site.page(path).select_one(".md-copyright .lab-copyright")
        assert footer is not None, path
        assert footer.get_text(" ", strip=True).startswith(f"© {newest} {site.profile.name}")
        if site.profile.email:
            assert footer.select_one("a.lab-email")["data-domain"] == site.profile.email.split("@")[1]


@pytest.mark.browser
def test_award_links_in_the_cv_are_underlined_not_only_coloured(real_site, site):
    assert any(a.publication for a in site.data.awards), "the real CV links an award to its paper"
    with serving(real_site.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "cv/", wait_until="networkidle")
        lines = page.locator(".lab-award-name a").evaluate_all(
            "links => links.map((a) => getComputedStyle(a).textDecorationLine)"
        )
        browser.close()
    assert lines and all("underline" in line for line in lines)


@pytest.mark.browser
def test_roles_and_placements_on_cards_are_at_least_nine_tenths_of_body_text(real_site):
    with serving(real_site.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "group/", wait_until="networkidle")
        body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article')).fontSize)")
        sizes = page.locator(".lab-person-role, .lab-person-coadvisor, .lab-person-now").evaluate_all(
            "spans => spans.map((s) => parseFloat(getComputedStyle(s).fontSize))"
        )
        browser.close()
    assert sizes and min(sizes) >= 0.9 * body - 0.01
