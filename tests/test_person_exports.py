"""Each member's page and the home page offer their papers as BibTeX and CSL JSON, the same entries
as publications.bib; the files have addresses of their own, which the check guards."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import jsonschema

from labsite.derive.views import PI
from labsite.render import bibtex, outputs
from labsite.site import start

CSL_SCHEMA = json.loads((Path(__file__).parent / "csl" / "csl-data.json").read_text(encoding="utf-8"))


def entries_of(bib: str) -> dict[str, str]:
    """Each entry of a .bib file by its key, as written."""
    return {m.group(1): m.group(0) for m in re.finditer(r"@\w+\{([^,]+),\n.*?\n\}", bib, re.S)}


def export_links(build, url_path: str) -> dict[str, str]:
    """The export links of a page, by their text, as addresses relative to the site's root."""
    found = build.content(url_path).select("p.lab-exports a")
    return {a.get_text(): urljoin(f"/{url_path}", a["href"]).lstrip("/") for a in found}


def test_each_member_page_links_their_papers_with_the_group_as_bibtex_and_csl_json(fixture_site):
    site = start(fixture_site.project).site
    group = entries_of((fixture_site.site / "publications.bib").read_text(encoding="utf-8"))
    keys = bibtex.citation_keys(site)
    for person_id in site.data.people:
        papers = site.papers_of(person_id)
        links = export_links(fixture_site, f"people/{person_id}/")
        if not papers:
            assert links == {}, person_id  # nothing to offer: no link, no file
            assert not (fixture_site.site / f"people/{person_id}/publications.bib").exists()
            continue
        assert set(links) == {"BibTeX", "CSL JSON"}
        bib = entries_of((fixture_site.site / links["BibTeX"]).read_text(encoding="utf-8"))
        assert list(bib) == [keys[p.id] for p in papers]  # their papers, newest first, keyed as the group's file
        assert all(bib[k] == group[k] for k in bib)  # the very entries of publications.bib
        items = json.loads((fixture_site.site / links["CSL JSON"]).read_text(encoding="utf-8"))
        jsonschema.validate(items, CSL_SCHEMA)
        assert [i["id"] for i in items] == list(bib)
        assert [i["title"] for i in items] == [p.title for p in papers]


def test_the_home_page_links_the_professors_papers(fixture_site):
    site = start(fixture_site.project).site
    links = export_links(fixture_site, "")
    assert set(links) == {"BibTeX", "CSL JSON"}
    bib = entries_of((fixture_site.site / links["BibTeX"]).read_text(encoding="utf-8"))
    keys = bibtex.citation_keys(site)
    assert list(bib) == [keys[p.id] for p in site.papers_of(PI)]
    items = json.loads((fixture_site.site / links["CSL JSON"]).read_text(encoding="utf-8"))
    jsonschema.validate(items, CSL_SCHEMA)


def test_csl_json_words_a_paper_as_its_bibtex_entry_does(fixture_site):
    items = {i["title"]: i for i in json.loads((fixture_site.site / "profile.json").read_text(encoding="utf-8"))}
    widgets = items["Widgets: A Study of Imaginary Things"]
    assert widgets["type"] == "paper-conference"
    assert widgets["author"][0] == {"family": "Tern", "given": "Bo"}
    assert widgets["issued"] == {"date-parts": [[2023, 5]]}
    assert widgets["note"] == "The first 2 authors contributed equally. Best Paper Award"
    assert items["Gadgets at Scale"]["type"] == "article-journal"
    assert items["On Imaginary Systems"]["type"] == "thesis"
    assert items["Abstract Thinking"]["DOI"] == "10.1234/fixture.4"
    collaboration = items["A Very Large Collaboration on Widgets"]["author"]
    assert {"literal": "王小明"} in collaboration  # a CJK name is kept whole, as BibTeX reads it


def test_a_docs_file_at_a_members_export_address_is_refused(fixture_project):
    clash = fixture_project / "docs/people/bo-tern/publications.bib"
    clash.parent.mkdir(parents=True)
    clash.write_text("@misc{x}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "check"], cwd=fixture_project, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "data/people/bo-tern.yml:2: this person's papers, at /people/bo-tern/publications.bib" in done.stdout
    assert "would take the address of docs/" in done.stdout and "(/people/bo-tern/publications.bib)" in done.stdout


def test_exported_files_hold_text_from_data_as_data(fixture_project):
    """A title with markup or braces reaches the JSON as the same string, and the BibTeX escaped."""
    pubs = fixture_project / "data/publications.yml"
    pubs.write_text(pubs.read_text().replace("title: Gadgets at Scale", 'title: "<b>{Gadgets}</b> & $x$"'))
    files = {f.path: f.content for f in outputs.exports(start(fixture_project).site)}
    for bib, csl in [
        ("profile.bib", "profile.json"),
        ("people/dee-lux/publications.bib", "people/dee-lux/publications.json"),
    ]:
        assert "<b>{Gadgets}</b> & $x$" in [i["title"] for i in json.loads(files[csl])]
        assert r"\textbraceleft{}Gadgets\textbraceright{}" in files[bib]
