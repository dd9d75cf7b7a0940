"""Zotero saves every paper as its page shows it: the Embedded Metadata translator, which Zotero
picks for our pages, read as its code reads them (tests/zotero_em.py cites the lines).

Which tag gives which Zotero field (EM = `Embedded Metadata.js`, RDF = `RDF.js`, zotero/translators
at 2814370161d0):

Zotero field       tag on the page, and where the translator reads it
item type          citation_conference_title / _journal_title / _dissertation_institution (the last such tag
                   wins: EM 298-316, 360-363, 497-499); a preprint: DC.type "preprint" (RDF 510-515, 815)
title              citation_title (EM 43)
authors, in order  citation_author, one each (EM 404-407, 584-619)
"others" (et al.)  zotero_citation_author: EM matches the name's end (EM 181-188, `getContent`); Scholar
                   reads citation_author only, so it gets no author called "others"
date with month    citation_date YYYY/MM, read after citation_publication_date, which keeps the year that
                   Scholar documents (EM 44-46)
proceedings title  citation_inbook_title ("used as bookTitle or proceedingTitle", EM 49), written before
                   citation_conference_title so that the item stays a conference paper (EM 306-312)
conference name    citation_conference_title (EM 54)
journal            citation_journal_title (EM 47)
university         citation_dissertation_institution (EM 56)
thesis type        DC.type (RDF 1251-1265)
place              eprints.event_location (RDF 1107-1110)
DOI                citation_doi (EM 62)
URL                og:url (RDF 1211-1221)
PDF                citation_pdf_url (EM 529-541)
abstract           citation_abstract (EM 61); without one, a blank eprints.abstract comes first in RDF's
                   list (RDF 1229-1239), so neither og:description nor the meta description (EM 711-715)
                   is taken, and Zotero stores none (setField trims the blank away)
"""

from __future__ import annotations

import pytest
from sitebuild import FIXTURE_DATA, build, copy_project
from zotero_em import saved

from labsite.render.metadata import OTHERS, THESIS_TYPE
from labsite.render.pages import plain
from labsite.site import load_site

ITEM_TYPES = {
    "conference": "conferencePaper",
    "workshop": "conferencePaper",
    "journal": "journalArticle",
    "thesis": "thesis",
    "preprint": "preprint",
}

PLANTED = """
  - id: truncated
    title: A Paper With Too Many Authors to Print
    authors: [Ada Quill, Bo Tern]
    et_al: true
    venue: FOO
    location: Elsewhere, CA
    year: 2024
    links: {pdf: /papers/truncated.pdf}

  - id: on-arxiv
    title: A Preprint
    authors: [Ada Quill]
    type: preprint
    year: 2025
    month: 4
"""


def _expected(site, pub, base_url: str) -> dict:
    """What Zotero should hold for `pub`, computed from the data as the page shows it."""
    cited = site.citation_of(pub)
    item_type = ITEM_TYPES[cited.kind]
    fields = {
        "title": pub.title,
        "date": f"{cited.year}/{cited.month:02d}" if cited.month else str(cited.year),
        "url": f"{base_url}publications/{pub.id}/",
    }
    if cited.venue and cited.kind not in ("thesis", "preprint"):
        if cited.in_journal:
            fields["publicationTitle"] = cited.venue.name
        else:
            fields["proceedingsTitle"] = cited.container
            fields["conferenceName"] = cited.label
    if cited.kind == "thesis":
        fields["thesisType"] = THESIS_TYPE
        if pub.institution:
            fields["university"] = pub.institution
    if pub.location:
        fields["place"] = pub.location
    if pub.doi:
        fields["DOI"] = pub.doi
    if pub.abstract:
        fields["abstractNote"] = plain(pub.abstract, limit=len(pub.abstract))
    creators = [*pub.authors, *([OTHERS] if pub.et_al else [])]
    pdf = pub.links.pdf or site.free_copy(pub)  # its own PDF, else the free copy OpenAlex knows
    if pdf and "://" not in pdf:
        pdf = base_url + pdf.lstrip("/")
    return {"itemType": item_type, "fields": fields, "creators": creators, "pdf": pdf}


def _got(page) -> dict:
    item = saved(page)
    return {"itemType": item.itemType, "fields": item.fields, "creators": item.creators, "pdf": item.pdf}


def test_zotero_saves_every_real_paper_as_the_data_gives_it(real_site):
    site = load_site(real_site.project)
    assert site.publications
    for pub in site.publications:
        page = real_site.page(f"publications/{pub.id}/")
        assert _got(page) == _expected(site, pub, "https://lab.example.org/"), pub.id


def test_no_real_paper_without_an_abstract_gets_its_description_as_one(real_site):
    site = load_site(real_site.project)
    for pub in site.publications:
        item = saved(real_site.page(f"publications/{pub.id}/"))
        assert ("abstractNote" in item.fields) == bool(pub.abstract), pub.id


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("zotero") / "project", FIXTURE_DATA)
    pubs = project / "data/publications.yml"
    pubs.write_text(pubs.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    result = build(project, extra_env={"LABSITE_URL": "https://lab.example.org/"})
    assert result.returncode == 0, result.log
    return result


def test_a_conference_paper_is_saved_with_its_proceedings_conference_and_month(planted):
    item = saved(planted.page("publications/fixture-one/"))
    assert item.itemType == "conferencePaper"
    assert item.fields["proceedingsTitle"] == "Proceedings of the Conference on Foo"
    assert item.fields["conferenceName"] == "Conference on Foo (FOO)"
    assert item.fields["date"] == "2023/05"
    assert item.creators == ["Bo Tern", "Ada Quill", "Fay Outsider"]
    assert item.pdf == "https://example.org/p1.pdf"


def test_a_workshop_paper_keeps_its_place(planted):
    item = saved(planted.page("publications/fixture-three/"))
    assert item.itemType == "conferencePaper"
    assert item.fields["place"] == "Nowhere, NV"
    assert item.fields["proceedingsTitle"] == "Proceedings of the Workshop on Baz"


def test_a_journal_article_is_saved_in_its_journal(planted):
    item = saved(planted.page("publications/fixture-two/"))
    assert item.itemType == "journalArticle"
    assert item.fields["publicationTitle"] == "Journal of Bar"
    assert "proceedingsTitle" not in item.fields


def test_a_thesis_is_saved_with_its_type_and_university(planted):
    item = saved(planted.page("publications/fixture-five/"))
    assert item.itemType == "thesis"
    assert item.fields["thesisType"] == "PhD dissertation"
    assert item.fields["university"] == "Example University"
    assert item.fields["date"] == "2021/09"


def test_a_preprint_is_saved_as_a_preprint(planted):
    item = saved(planted.page("publications/on-arxiv/"))
    assert item.itemType == "preprint"
    assert item.fields["date"] == "2025/04"
    assert "abstractNote" not in item.fields


def test_a_truncated_author_list_ends_in_others_which_scholar_does_not_read(planted):
    page = planted.page("publications/truncated/")
    assert saved(page).creators == ["Ada Quill", "Bo Tern", "others"]
    assert [m["content"] for m in page.select('meta[name="citation_author"]')] == ["Ada Quill", "Bo Tern"]
    assert saved(page).fields["place"] == "Elsewhere, CA"
    assert saved(page).pdf == "https://lab.example.org/papers/truncated.pdf"


def test_the_abstract_is_the_data_s_and_the_description_never_becomes_one(planted):
    with_abstract = saved(planted.page("publications/fixture-four/"))
    assert with_abstract.fields["abstractNote"] == "A short abstract."
    assert with_abstract.fields["DOI"] == "10.1234/fixture.4"
    without = planted.page("publications/fixture-one/")
    assert without.select_one('meta[name="description"]')["content"]  # the page still has a description
    assert "abstractNote" not in saved(without).fields


def test_the_reader_takes_the_description_when_nothing_stands_in_for_the_abstract(planted):
    # The reader itself: remove the stand-in and the description becomes the abstract, as in EM 711-715.
    page = planted.page("publications/fixture-one/")
    page.select_one('meta[name="eprints.abstract"]').decompose()
    assert saved(page).fields["abstractNote"] == page.select_one('meta[property="og:description"]')["content"]
