"""BibTeX out: publications.bib, read back by a real parser, holds every paper with its title and authors."""

from __future__ import annotations

import unicodedata

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from sitebuild import REAL_ROOT, build

from labsite.render import bibtex
from labsite.site import load_site


def parse(text: str):
    return bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()])


def test_publications_bib_round_trips_through_a_real_parser(real_site):
    site = load_site(REAL_ROOT)
    library = parse((real_site.site / "publications.bib").read_text())
    assert library.failed_blocks == []
    assert len(library.entries) == len(site.publications)
    by_title = {e["title"]: e for e in library.entries}
    for pub in site.publications:
        entry = by_title[pub.title]
        expected = pub.authors + (["others"] if pub.et_al else [])
        assert entry["author"] == expected
        assert entry["year"] == str(pub.year)
    assert len({e.key for e in library.entries}) == len(library.entries)


def test_entry_types_follow_the_kind_of_paper(real_site):
    site = load_site(REAL_ROOT)
    by_title = {e["title"]: e for e in parse((real_site.site / "publications.bib").read_text()).entries}
    expected = {"conference": "inproceedings", "workshop": "inproceedings", "journal": "article"}
    expected |= {"thesis": "phdthesis", "preprint": "misc"}
    for pub in site.publications:
        entry, kind = by_title[pub.title], site.type_of(pub)
        assert entry.entry_type == expected[kind], pub.id
        if kind == "thesis" and pub.institution:
            assert entry["school"] == pub.institution
        if kind == "journal":
            assert site.venue_of(pub).name in entry["journal"]


def test_keys_are_stable_from_build_to_build():
    site = load_site(REAL_ROOT)
    assert bibtex.keys(site.publications) == bibtex.keys(list(reversed(site.publications)))


def test_special_characters_are_escaped_and_survive_the_round_trip(fixture_project):
    pubs = fixture_project / "data/publications.yml"
    pubs.write_text(
        pubs.read_text()
        .replace(
            'title: "Widgets: A Study of Imaginary Things"', 'title: "Widgets & 100% of_the {braces} #1: Léon ~ ^"'
        )
        .replace("authors: [Bo Tern, Ada Quill, Fay Outsider]", "authors: [Bo Tern, Ada Quill, Léon Bottou]")
    )
    result = build(fixture_project)
    assert result.returncode == 0, result.log
    text = (result.site / "publications.bib").read_text()
    assert r"Widgets \& 100\% of\_the \textbraceleft{}braces\textbraceright{} \#1" in text
    assert r"L{\'{e}}on Bottou" in text  # an accented letter as a LaTeX accent, as BibTeX styles expect
    entry = next(e for e in parse(text).entries if e["title"].startswith("Widgets"))
    assert entry["title"].startswith("Widgets & 100% of_the")
    assert unicodedata.normalize("NFC", entry["author"][2]) == "Léon Bottou"


def test_co_first_authors_are_noted_and_the_paper_page_shows_the_same_entry(fixture_site):
    text = (fixture_site.site / "publications.bib").read_text()
    entry = next(e for e in parse(text).entries if e.key == "tern2023widgets")
    assert "first 2 authors contributed equally" in entry["note"]
    on_page = fixture_site.content("publications/fixture-one/").select_one("#bibtex-entry pre code").get_text()
    assert on_page in text
