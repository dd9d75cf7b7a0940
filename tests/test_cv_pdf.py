"""cv.pdf: built with the site from the same data, linked from the CV page, accessible (tagged, with
language, title, outline and links), every fact of the CV page in it in order, names in every script
in a real font; made again only when its inputs change, and never from bad data."""

from __future__ import annotations

import io
import subprocess
import sys

import pypdf
import pytest

from labsite.render import cv
from labsite.site import start


def squeezed(text: str) -> str:
    return "".join(text.split())


def pdf_text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    found = []
    for item in reader.outline:
        found += outline_titles_of(item)
    return found


def outline_titles_of(item) -> list[str]:
    if isinstance(item, list):
        return [t for child in item for t in outline_titles_of(child)]
    return [item.title]


@pytest.fixture(scope="module")
def built(fixture_site):
    path = fixture_site.site / "cv.pdf"
    return fixture_site, pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def test_the_cv_page_links_the_pdf(built):
    site, _ = built
    links = [a["href"] for a in site.content("cv/").select("a") if a["href"].endswith("cv.pdf")]
    assert links == ["../cv.pdf"]


def test_every_fact_of_the_cv_page_is_in_the_pdf_in_order(built):
    site, reader = built
    facts = [squeezed(li.get_text(" ")) for li in site.content("cv/").select("li")]
    assert facts  # the fixture lab's CV page lists awards, education and experience
    text = squeezed(pdf_text(reader))
    at = 0
    for fact in facts:
        found = text.find(fact, at)
        assert found >= 0, f"{fact!r} not in the PDF after position {at}"
        at = found + len(fact)


def test_the_pdf_is_tagged_with_its_language_title_outline_and_links(built):
    site, reader = built
    data = start(site.project).site
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == data.settings.language
    assert reader.metadata.title == f"{data.profile.name} — Curriculum Vitae"
    titles = outline_titles(reader)
    assert titles[0] == data.profile.name
    assert {"Awards", "Education", "Experience", "Teaching", "Publications"} <= set(titles)
    uris = {
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Link" and "/URI" in annot.get_object().get("/A", {})
    }
    assert {link.url for link in data.profile.links} <= uris
    assert f"mailto:{data.profile.email}" in uris


def test_every_paper_is_there_newest_first_with_its_co_first_marks(built):
    site, reader = built
    data = start(site.project).site
    text = squeezed(pdf_text(reader))
    places = [text.find(squeezed(p.title)) for p in data.publications]
    assert -1 not in places and places == sorted(places)
    assert "BoTern*,AdaQuill*,andFayOutsider" in text  # equal contribution, as on the page
    assert "Oral·BestPaperAward" in text


def test_names_in_every_script_are_in_a_real_font(built):
    site, reader = built
    text = pdf_text(reader)
    data = start(site.project).site
    # every word of every author (Arabic may come out in visual order, so word by word)
    for name in {a for p in data.publications for a in p.authors}:
        for word in name.split():
            assert word in text or word[::-1] in text, word
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("NotoSansCJK" in f for f in fonts) and any("DejaVuSans" in f for f in fonts), fonts


def test_a_name_no_font_can_show_stops_the_pdf_with_its_text(fixture_project):
    people = fixture_project / "data/people/bo-tern.yml"
    people.write_text(people.read_text().replace("name: Bo Tern", "name: Bo Tern\naliases: [ꯕꯣ]"))
    pubs = fixture_project / "data/publications.yml"
    pubs.write_text(pubs.read_text().replace("authors: [Ada Quill, Bo Tern]", "authors: [Ada Quill, ꯕꯣ]"))
    site = start(fixture_project).site
    with pytest.raises(cv.CvError, match=r"the text `\"ꯕ\"` could not be displayed.*hint: install a font"):
        cv.pdf(site)
    assert not any((fixture_project / cv.CACHE).glob("*.pdf"))


def test_the_pdf_is_made_again_only_when_its_inputs_change(fixture_project, monkeypatch):
    site = start(fixture_project).site
    first = cv.pdf(site)
    assert cv.pdf(site) == first
    import typst

    def refuse(*args, **kwargs):
        raise AssertionError("Typst ran for inputs it had already typeset")

    monkeypatch.setattr(typst, "Compiler", refuse)
    assert cv.pdf(start(fixture_project).site) == first  # a new build, the same inputs: from the cache
    monkeypatch.undo()
    awards = fixture_project / "data/awards.yml"
    awards.write_text(awards.read_text().replace("2023", "2024", 1))
    second = cv.pdf(start(fixture_project).site)
    assert second != first
    assert len(list((fixture_project / cv.CACHE).glob("*.pdf"))) == 1  # the old one is dropped


def test_an_empty_section_is_left_out(fixture_project):
    (fixture_project / "data/awards.yml").write_text("awards: []\n")
    reader = pypdf.PdfReader(io.BytesIO(cv.pdf(start(fixture_project).site)))
    assert "Awards" not in outline_titles(reader)
    assert "Education" in outline_titles(reader)


def test_bad_data_never_produces_a_pdf(fixture_project, tmp_path):
    person = fixture_project / "data/people/bo-tern.yml"
    person.write_text(person.read_text().replace("degree: PhD", "degree: Phd"))
    out = tmp_path / "generated"
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "generate", str(out)], cwd=fixture_project, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert not (out / "docs" / "cv.pdf").exists()
    assert not (fixture_project / cv.CACHE).exists()


def test_text_from_data_is_shown_as_text_not_typst_markup(fixture_project):
    pubs = fixture_project / "data/publications.yml"
    title = '#panic("x") $x^2$ *bold* <label> @ref \\\\ ]'
    pubs.write_text(pubs.read_text().replace("title: Gadgets at Scale", f"title: '{title}'"))
    text = pdf_text(pypdf.PdfReader(io.BytesIO(cv.pdf(start(fixture_project).site))))
    assert squeezed(title) in squeezed(text)
