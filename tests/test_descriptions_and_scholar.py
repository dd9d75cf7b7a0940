"""What a page's head tells search engines: descriptions that read as one sentence, and Google
Scholar's citation tags in the forms its inclusion guidelines document."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from sitebuild import FIXTURE_DATA, build, copy_project

from labsite.site import load_site

PLANTED = """
  - id: many-authors
    title: Five Authors Walk Into a Lab
    authors: [Ada Quill, Bo Tern, Eve Nox, Gus Other, Hal Fifth]
    venue: FOO
    year: 2024
    month: 3
    links: {pdf: /papers/many-authors.pdf}

  - id: under-review
    title: A Preprint That Names Its Venue
    authors: [Ada Quill]
    type: preprint
    venue: JBAR
    year: 2025
"""


def _heads(build_result):
    """(page, description, og:description) for every HTML page of a built site but search's."""
    for html in sorted(build_result.site.rglob("*.html")):
        if "search" in html.relative_to(build_result.site).parts:
            continue
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        yield (
            str(html.relative_to(build_result.site)),
            page.select_one('meta[name="description"]')["content"],
            page.select_one('meta[property="og:description"]')["content"],
        )


def test_no_description_on_the_real_site_is_empty_or_ends_in_a_doubled_full_stop(real_site):
    pages = list(_heads(real_site))
    assert len(pages) > len(load_site(real_site.project).publications)  # every paper has a page
    for path, description, og in pages:
        for text in (description, og):
            assert text.strip(), path
            assert not re.search(r"\.\.$", text.strip()), (path, text)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("head") / "project", FIXTURE_DATA)
    pubs = project / "data/publications.yml"
    pubs.write_text(pubs.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    alumna = project / "data/people/eve-nox.yml"
    alumna.write_text(alumna.read_text(encoding="utf-8").replace("Nowhere Labs", "Nowhere Labs Inc."), encoding="utf-8")
    result = build(project, extra_env={"LABSITE_URL": "https://lab.example.org/"})
    assert result.returncode == 0, result.log
    return result


def _meta(page, name: str) -> list[str]:
    return [m["content"] for m in page.select(f'meta[name="{name}"]')]


def test_a_long_author_list_ends_the_description_in_one_et_al(planted):
    page = planted.page("publications/many-authors/")
    expected = "Five Authors Walk Into a Lab (FOO 2024). Ada Quill, Bo Tern, Eve Nox et al."
    assert _meta(page, "description") == [expected]
    assert page.select_one('meta[property="og:description"]')["content"] == expected


def test_a_value_ending_in_a_full_stop_is_not_given_a_second_one(planted):
    description = _meta(planted.page("people/eve-nox/"), "description")[0]
    assert description.endswith("; now Engineer at Nowhere Labs Inc.")


def test_scholar_date_is_the_year_alone_when_the_data_knows_no_day(planted):
    # The paper has a month; Scholar documents YYYY/MM/DD or the year, so no day is invented.
    assert _meta(planted.page("publications/many-authors/"), "citation_publication_date") == ["2024"]


def test_scholar_gets_one_author_tag_per_author_in_order(planted):
    page = planted.page("publications/many-authors/")
    assert _meta(page, "citation_author") == ["Ada Quill", "Bo Tern", "Eve Nox", "Gus Other", "Hal Fifth"]
    assert _meta(page, "citation_title") == ["Five Authors Walk Into a Lab"]


@pytest.mark.parametrize(
    ("paper", "conference", "journal"),
    [
        ("fixture-one", ["Conference on Foo (FOO)"], []),
        ("fixture-three", ["Workshop on Baz (BAZW)"], []),
        ("fixture-two", [], ["Journal of Bar"]),
        ("fixture-five", [], []),  # a thesis names its institution instead
        ("under-review", [], []),  # a preprint claims no venue, even one it names
    ],
)
def test_the_venue_goes_in_the_tag_of_its_kind(planted, paper, conference, journal):
    page = planted.page(f"publications/{paper}/")
    assert _meta(page, "citation_conference_title") == conference
    assert _meta(page, "citation_journal_title") == journal


def test_a_thesis_names_its_institution(planted):
    page = planted.page("publications/fixture-five/")
    assert _meta(page, "citation_dissertation_institution") == ["Example University"]


def test_pdf_url_only_for_a_paper_with_a_pdf_and_always_absolute(planted):
    assert _meta(planted.page("publications/fixture-one/"), "citation_pdf_url") == ["https://example.org/p1.pdf"]
    many = planted.page("publications/many-authors/")
    assert _meta(many, "citation_pdf_url") == ["https://lab.example.org/papers/many-authors.pdf"]
    for paper in ("fixture-two", "fixture-three", "fixture-four", "fixture-five", "under-review"):
        assert _meta(planted.page(f"publications/{paper}/"), "citation_pdf_url") == [], paper
