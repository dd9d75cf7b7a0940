"""Data as a web: authors link to people, pages exist for every person, paper and project, and
everything derivable is derived (a person's papers, a project's people). Shown on the fixture lab;
the same invariants over the real data are in `test_real_site.py`."""

from __future__ import annotations

import json
import subprocess
import sys

import feedparser
from sitebuild import FIXTURE_DATA

from labsite.site import load_site


def test_an_alias_links_the_author_to_the_member(fixture_site):
    link = fixture_site.content("publications/").select_one("li#pub-fixture-two a.lab-member")
    assert link.get_text() == "Delia Lux"
    assert link["href"] == "../people/dee-lux/"
    listed = [a.get_text() for a in fixture_site.content("people/dee-lux/").select("a.lab-pub-title")]
    assert listed == ["Gadgets at Scale"]


def test_alumni_are_linked_and_listed_with_their_papers(fixture_site):
    assert (
        fixture_site.content("publications/").select_one("li#pub-fixture-three a.lab-member")["href"]
        == "../people/eve-nox/"
    )
    page = fixture_site.content("people/eve-nox/")
    assert "Engineer at Nowhere Labs" in page.get_text()
    assert [a.get_text() for a in page.select("a.lab-pub-title")] == ["A Workshop Note on Baz"]


def test_project_page_derives_people_and_papers(fixture_site):
    page = fixture_site.content("projects/alpha/")
    assert [li["id"] for li in page.select("li.lab-person")] == ["person-bo-tern"]
    assert sorted(li["id"] for li in page.select("li.lab-pub")) == ["pub-fixture-four", "pub-fixture-one"]


def test_paper_page_has_scholar_tags_json_ld_and_bibtex(fixture_site):
    page = fixture_site.page("publications/fixture-one/")
    tags = [(m["name"], m["content"]) for m in page.select("meta[name^=citation_]")]
    assert ("citation_title", "Widgets: A Study of Imaginary Things") in tags
    assert [c for n, c in tags if n == "citation_author"] == ["Bo Tern", "Ada Quill", "Fay Outsider"]
    assert ("citation_publication_date", "2023") in tags  # the year alone: the data knows no day
    assert ("citation_conference_title", "Conference on Foo (FOO)") in tags
    assert ("citation_pdf_url", "https://example.org/p1.pdf") in tags
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "ScholarlyArticle" and data["headline"] == "Widgets: A Study of Imaginary Things"
    assert [a["name"] for a in data["author"]] == ["Bo Tern", "Ada Quill", "Fay Outsider"]
    assert page.select_one("#bibtex-entry code").get_text().startswith("@inproceedings{tern2023widgets,")


def test_journal_paper_has_a_journal_title_tag(fixture_site):
    page = fixture_site.page("publications/fixture-two/")
    assert page.select_one('meta[name="citation_journal_title"]')["content"] == "Journal of Bar"


def test_home_page_describes_the_professor_as_a_person(fixture_site):
    data = json.loads(fixture_site.page("").select_one('script[type="application/ld+json"]').string)
    site = load_site(FIXTURE_DATA.parent)
    assert data["@type"] == "Person" and data["name"] == site.profile.name
    assert data["affiliation"]["name"] == site.profile.university
    assert data["sameAs"] == [link.url for link in site.profile.links]


def test_every_page_has_a_description_and_open_graph_tags(fixture_site):
    for html in fixture_site.site.rglob("index.html"):
        if "search" in html.parts:
            continue
        page = fixture_site.page(
            str(html.parent.relative_to(fixture_site.site)) + "/" if html.parent != fixture_site.site else ""
        )
        assert page.select_one('meta[name="description"]')["content"].strip(), html
        assert page.select_one('meta[property="og:title"]')["content"].strip(), html


def test_feeds_parse_and_are_linked_from_every_page(fixture_site, real_site):
    site = load_site(FIXTURE_DATA.parent)
    news = feedparser.parse((fixture_site.site / "news.xml").read_text())
    assert not news.bozo, news.bozo_exception
    assert len(news.entries) == len(site.news)
    pubs = feedparser.parse((fixture_site.site / "publications.xml").read_text())
    assert not pubs.bozo
    assert [e.title for e in pubs.entries] == [p.title for p in site.publications]
    head = real_site.page("teaching/")  # only a build that knows its address links its feeds
    assert {link["href"] for link in head.select('link[type="application/atom+xml"]')} == {
        "../news.xml",
        "../publications.xml",
    }


def test_look_alike_author_names_are_warned_about_and_strict_makes_them_fatal(fixture_project):
    pubs = fixture_project / "data/publications.yml"
    pubs.write_text(
        pubs.read_text().replace("authors: [Ada Quill, Bo Tern]", "authors: [Ada Quill, Bo Tern, Fay Outsiderr]")
    )
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "check"], cwd=fixture_project, capture_output=True, text=True
    )
    assert done.returncode == 0
    assert "'Fay Outsider' and 'Fay Outsiderr' look like the same person" in done.stdout
    strict = subprocess.run(
        [sys.executable, "-m", "labsite", "check", "--strict"], cwd=fixture_project, capture_output=True, text=True
    )
    assert strict.returncode == 1


def test_an_unmatched_author_resembling_a_member_is_warned_about(fixture_project):
    pubs = fixture_project / "data/publications.yml"
    pubs.write_text(pubs.read_text().replace("authors: [Ada Quill, Bo Tern]", "authors: [Ada Quill, Bob Tern]"))
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "check"], cwd=fixture_project, capture_output=True, text=True
    )
    assert "'Bob Tern' matches no member but shares a surname and initial with 'Bo Tern'" in done.stdout
    assert "aliases' in data/people/bo-tern.yml" in done.stdout
