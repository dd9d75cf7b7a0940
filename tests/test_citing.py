"""How a paper is cited is decided once (`labsite.derive.citing`), and every format says the same:
the HTML venue line, BibTeX, Scholar's tags, JSON-LD, the publications feed and the description."""

from __future__ import annotations

import json
from typing import get_args

import bibtexparser
import feedparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from sitebuild import FIXTURE_DATA, Build, build, copy_project

from labsite import months
from labsite.derive.citing import Citation, cite
from labsite.models.publications import (
    OWN_TYPES,
    PUBLICATION_TYPES,
    VENUE_TYPES,
    Publication,
    PublicationType,
    Venue,
)
from labsite.render import bibtex
from labsite.site import load_site

CONFERENCE = Venue(id="FOO", name="Conference on Foo", type="conference")
WORKSHOP = Venue(id="BAZW", name="Workshop on Baz", type="workshop")
JOURNAL = Venue(id="JBAR", name="Journal of Bar", type="journal")


def paper(**fields: object) -> Publication:
    return Publication(**{"id": "p", "title": "T", "authors": ["Ada Quill"], "year": 2023, **fields})


# --- the one place ------------------------------------------------------------------------------
@pytest.mark.parametrize("venue", [CONFERENCE, WORKSHOP], ids=["conference", "workshop"])
def test_a_conference_or_workshop_paper_is_part_of_the_venues_proceedings(venue):
    cited = cite(paper(venue=venue.id), venue)
    assert (cited.in_proceedings, cited.in_journal) == (True, False)
    assert cited.container == f"Proceedings of the {venue.name}"
    assert cited.label == f"{venue.name} ({venue.id})"


def test_a_journal_paper_is_part_of_the_journal_named_as_itself():
    cited = cite(paper(venue="JBAR"), JOURNAL)
    assert (cited.in_journal, cited.in_proceedings, cited.container) == (True, False, "Journal of Bar")


def test_the_papers_own_venue_type_decides_over_its_venues():
    as_journal = cite(paper(venue="FOO", type="journal"), CONFERENCE)
    assert (as_journal.kind, as_journal.in_journal, as_journal.container) == ("journal", True, "Conference on Foo")
    as_workshop = cite(paper(venue="JBAR", type="workshop"), JOURNAL)
    assert (as_workshop.in_proceedings, as_workshop.container) == (True, "Proceedings of the Journal of Bar")


def test_a_thesis_or_preprint_naming_a_venue_is_worded_as_that_venue_is():
    assert cite(paper(venue="JBAR", type="preprint"), JOURNAL).container == "Journal of Bar"
    assert cite(paper(venue="FOO", type="thesis"), CONFERENCE).container == "Proceedings of the Conference on Foo"


def test_a_paper_without_a_venue_is_part_of_nothing():
    for kind in OWN_TYPES:
        cited = cite(paper(type=kind), None)
        assert cited.kind == kind
        assert (cited.in_journal, cited.in_proceedings, cited.container, cited.label) == (False, False, None, None)


def test_the_date_is_as_precise_as_the_data():
    assert (cite(paper(venue="FOO", month=5), CONFERENCE).date, cite(paper(venue="FOO"), CONFERENCE).date) == (
        "2023-05",
        "2023",
    )
    with_month = cite(paper(venue="FOO", month=9), CONFERENCE)
    assert (with_month.month, with_month.month_name) == (9, "September")
    assert cite(paper(venue="FOO"), CONFERENCE).month_name is None


def test_notes_say_equal_contribution_then_each_award():
    pub = paper(venue="FOO", authors=["A", "B", "C"], equal_contribution=2, awards=["Best Paper", "Test of Time"])
    assert cite(pub, CONFERENCE).notes == ("The first 2 authors contributed equally", "Best Paper", "Test of Time")
    assert cite(paper(venue="FOO"), CONFERENCE).notes == ()


# --- one home for month names and publication kinds ---------------------------------------------
def test_a_month_bibtex_export_writes_is_read_back_by_the_import():
    for n in range(1, 13):
        assert months.number(months.abbreviation(n)) == n
        assert months.number(months.name(n)) == n
    assert [months.abbreviation(n) for n in (1, 5, 9, 12)] == ["jan", "may", "sep", "dec"]


@pytest.mark.parametrize(
    ("text", "month"),
    [("4", 4), ("04", 4), ("Apr.", 4), (" April ", 4), ("13", None), ("0", None), ("spring", None), ("", None)],
)
def test_the_import_reads_a_month_as_bibtex_files_write_it(text, month):
    assert months.number(text) == month


def test_publication_kinds_come_from_the_models_literal():
    assert PUBLICATION_TYPES == get_args(PublicationType) == (*VENUE_TYPES, *OWN_TYPES)
    assert set(bibtex._ENTRY) == set(PUBLICATION_TYPES)  # every kind has its BibTeX entry type


# --- every format agrees with it, on the fixture lab and on papers whose type overrides their venue's ---
PLANTED = """
  - id: journal-at-a-conference
    title: A Journal Paper Presented at Foo
    authors: [Ada Quill]
    type: journal
    venue: FOO
    year: 2020
    month: 7

  - id: workshop-at-a-journal
    title: A Workshop Paper Filed Under Bar
    authors: [Ada Quill]
    type: workshop
    venue: JBAR
    year: 2020

  - id: preprint-at-a-journal
    title: A Preprint That Names Its Journal
    authors: [Ada Quill]
    type: preprint
    venue: JBAR
    year: 2020
    month: 12
"""


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("citing") / "project", FIXTURE_DATA)
    pubs = project / "data/publications.yml"
    pubs.write_text(pubs.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.log
    return result


def _papers(built: Build) -> list[tuple[Publication, Citation]]:
    site = load_site(built.project)
    return [(pub, site.citation_of(pub)) for pub in site.publications]


def _bibtex(built: Build) -> dict[str, object]:
    library = bibtexparser.parse_string(
        (built.site / "publications.bib").read_text(encoding="utf-8"), append_middleware=[LatexDecodingMiddleware()]
    )
    return {entry["title"]: entry for entry in library.entries}


@pytest.fixture(params=["fixture_site", "planted_site"])
def built(request) -> Build:
    return request.getfixturevalue(request.param)


def test_bibtex_names_the_container_in_the_field_of_its_kind(built):
    entries = _bibtex(built)
    for pub, cited in _papers(built):
        entry = entries[pub.title]
        fields = {f.key: f.value for f in entry.fields}
        if cited.venue:
            field, other = ("journal", "booktitle") if cited.in_journal else ("booktitle", "journal")
            assert fields[field] == f"{cited.container} ({cited.venue.id})", pub.id
            assert other not in fields, pub.id
        assert fields["year"] == str(cited.year)
        assert fields.get("month") == (months.abbreviation(cited.month) if cited.month else None), pub.id


def test_scholar_and_json_ld_name_the_same_venue_as_the_same_kind(built):
    for pub, cited in _papers(built):
        head = built.page(f"publications/{pub.id}/")
        tags = {m["name"]: m["content"] for m in head.select("meta[name^=citation_]")}
        data = next(
            block
            for block in (json.loads(s.string) for s in head.select('script[type="application/ld+json"]'))
            if block.get("@type") in ("ScholarlyArticle", "Thesis")
        )
        assert data["datePublished"] == cited.date
        if not cited.venue:
            assert "isPartOf" not in data
            continue
        assert data["isPartOf"]["name"] == cited.venue.name
        assert data["isPartOf"]["@type"] == ("Periodical" if cited.in_journal else "CreativeWork"), pub.id
        if cited.kind in VENUE_TYPES:  # a thesis or preprint claims no venue in Scholar's tags
            tag = "citation_journal_title" if cited.in_journal else "citation_conference_title"
            assert tags[tag] == (cited.venue.name if cited.in_journal else cited.label), pub.id
            assert cited.venue.name in tags[tag]


def test_the_venue_line_feed_and_description_say_what_the_citation_says(built):
    feed = {entry.title: entry for entry in feedparser.parse(str(built.site / "publications.xml")).entries}
    listed = {li["id"]: li for li in built.content("publications/").select("li.lab-pub")}
    for pub, cited in _papers(built):
        page = built.page(f"publications/{pub.id}/")
        for line in (page.select_one(".lab-pub-venue .lab-venue"), listed[f"pub-{pub.id}"].select_one(".lab-venue")):
            text = " ".join(line.get_text().split())
            when = f"{cited.month_name} {cited.year}." if cited.month else f" {cited.year}."
            assert text.endswith(when), (pub.id, text)
            if cited.venue and cited.kind != "thesis":
                assert text.startswith(f"In {cited.container_prefix}"), (pub.id, text)
                assert line.select_one(".lab-venue-name").get_text() == cited.venue.name
                assert f"({cited.venue.id})" in text
        summary = feed[pub.title].summary
        assert summary.endswith(f"{cited.label} {cited.year}." if cited.label else f"{cited.year}."), summary
        description = page.select_one('meta[name="description"]')["content"]
        where = f"{cited.venue.id} {cited.year}" if cited.venue else str(cited.year)
        assert f"({where})" in description, (pub.id, description)
