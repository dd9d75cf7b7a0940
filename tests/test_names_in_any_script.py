"""The fixture lab as "the second lab": names in Vietnamese, Chinese and Arabic (right to left), a
member known by one name, and a paper with 40 authors, all rendered as written.

Rule for long author lists (deliberate): every author is listed, on every list and on the paper's
page, in BibTeX, Scholar tags and JSON-LD. Only the meta description shortens to three names and
"et al." (it is a one-sentence summary for search results).
"""

from __future__ import annotations

import json

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from browser import CHROMIUM, CHROMIUM_ARGS, serving
from playwright.sync_api import sync_playwright
from sitebuild import FIXTURE_DATA

from labsite.site import load_site

LARGE = "fixture-six"  # the paper with 40 authors
BOTH_WAYS = "fixture-seven"  # two Arabic names in a row, a Chinese member by alias, the mononym


@pytest.fixture(scope="module")
def site():
    return load_site(FIXTURE_DATA.parent)


def bib_entries(build_, middleware=()):
    text = (build_.site / "publications.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(
        text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), *middleware]
    )
    assert library.failed_blocks == []
    return {e["title"]: e for e in library.entries}


def test_the_second_lab_has_names_in_several_scripts_and_a_long_author_list(site):
    names = [p.name for p in site.data.people.values()]
    assert {"Đặng Văn Long", "王小明", "ليلى حسن", "Zephyrine"} <= set(names)
    assert len(site.publication(LARGE).authors) == 40


def test_every_author_name_is_isolated_for_bidirectional_text(fixture_site, site):
    for url in ("publications/", *(f"publications/{p.id}/" for p in site.data.publications)):
        for authors in fixture_site.content(url).select(".lab-authors"):
            li = authors.find_parent("li", class_="lab-pub")
            pub = site.publication(li["id"].removeprefix("pub-") if li else url.split("/")[1])
            assert [b.get_text() for b in authors.select("bdi")] == pub.authors, (url, pub.id)


def test_a_paper_with_forty_authors_lists_all_of_them_everywhere(fixture_site, site):
    pub = site.publication(LARGE)
    listed = fixture_site.content("publications/").select(f"li#pub-{LARGE} .lab-authors bdi")
    assert [b.get_text() for b in listed] == pub.authors
    page = fixture_site.page(f"publications/{LARGE}/")
    assert [b.get_text() for b in page.select("article .lab-authors bdi")] == pub.authors
    assert [m["content"] for m in page.select('meta[name="citation_author"]')] == pub.authors
    article = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert [a["name"] for a in article["author"]] == pub.authors
    assert bib_entries(fixture_site)[pub.title]["author"] == pub.authors
    description = page.select_one('meta[name="description"]')["content"]
    assert f"{', '.join(pub.authors[:3])} et al." in description


def test_members_deep_in_a_long_author_list_are_linked_and_list_the_paper(fixture_site):
    links = {
        a.get_text(): a["href"] for a in fixture_site.content("publications/").select(f"li#pub-{LARGE} a.lab-member")
    }
    assert links == {
        "Đặng Văn Long": "../people/dang-van-long/",
        "王小明": "../people/wang-xiaoming/",
        "Zephyrine": "../people/zephyrine/",
        "Bo Tern": "../people/bo-tern/",
    }
    for person in ("dang-van-long", "wang-xiaoming", "zephyrine", "bo-tern"):
        assert f"pub-{LARGE}" in [li["id"] for li in fixture_site.content(f"people/{person}/").select("li.lab-pub")]


def test_names_in_other_scripts_get_pages_cards_and_initials(fixture_site):
    group = fixture_site.content("group/")
    cards = {li["id"].removeprefix("person-"): li for li in group.select("li.lab-person")}
    assert cards["dang-van-long"].select_one(".lab-person-name").get_text() == "Đặng Văn Long"
    assert cards["wang-xiaoming"].select_one("svg.lab-avatar text").get_text() == "王"
    assert cards["layla-hassan"].select_one("svg.lab-avatar text").get_text() == "لح"
    for person_id, name in (
        ("dang-van-long", "Đặng Văn Long"),
        ("wang-xiaoming", "王小明"),
        ("layla-hassan", "ليلى حسن"),
    ):
        page = fixture_site.page(f"people/{person_id}/")
        assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == name
        assert page.title.get_text().startswith(name)


def test_a_chinese_members_alias_links_to_their_page(fixture_site):
    link = fixture_site.content("publications/").select_one(f"li#pub-{BOTH_WAYS} a[href='../people/wang-xiaoming/']")
    assert link.get_text() == "Xiaoming Wang"


def test_a_right_to_left_bio_sets_its_own_direction(fixture_site):
    bio = fixture_site.content("people/layla-hassan/").select_one(".lab-person-bio")
    assert bio["dir"] == "auto"
    assert bio.get_text(strip=True) == "باحثة في الأنظمة الخيالية."


def test_a_mononym_works_on_the_person_page_the_author_list_and_in_bibtex(fixture_site, site):
    page = fixture_site.page("people/zephyrine/")
    assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == "Zephyrine"
    assert page.select_one("article svg.lab-avatar text").get_text() == "Z"
    assert "Alumni · BS, 2021–2024" in page.select_one(".lab-person-role").get_text()
    assert sorted(li["id"] for li in page.select("article li.lab-pub")) == sorted([f"pub-{LARGE}", f"pub-{BOTH_WAYS}"])
    entry = bib_entries(fixture_site, [SplitNameParts()])[site.publication(BOTH_WAYS).title]
    (mononym,) = [n for n in entry["author"] if n.last == ["Zephyrine"]]
    assert mononym.first == [] and mononym.von == [] and mononym.jr == []
    arabic = entry["author"][0]
    assert " ".join(arabic.first + arabic.last) == "ليلى حسن"


@pytest.mark.browser
def test_two_right_to_left_names_in_a_row_keep_their_order_on_screen(fixture_site, site):
    """On a left-to-right page, author n+1 is drawn to the right of author n, even when both are
    Arabic (without isolation the comma between them joins the right-to-left run and swaps them)."""
    with serving(fixture_site.site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}publications/{BOTH_WAYS}/")
        boxes = page.eval_on_selector_all(
            "article .lab-authors bdi", "els => els.map(e => [e.textContent, e.getBoundingClientRect().left])"
        )
        browser.close()
    assert [name for name, _ in boxes] == site.publication(BOTH_WAYS).authors
    lefts = [left for _, left in boxes]
    assert lefts == sorted(lefts), boxes
