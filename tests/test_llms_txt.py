"""`llms.txt` at the site's root (llmstxt.org), read with the format's reference parser: what the
site is, its main pages, and every paper as one line linking its page."""

from __future__ import annotations

from llms_txt import parse_llms_file
from sitebuild import FIXTURE_DATA, copy_project

from labsite.render import llms
from labsite.render.docs_pages import main_pages
from labsite.site import load_site


def _read(build_result) -> dict:
    return parse_llms_file((build_result.site / "llms.txt").read_text(encoding="utf-8"))


def _built(build_result, url: str, base_url: str = "") -> bool:
    """Whether a link of llms.txt names a page of the built site."""
    path = url.removeprefix(base_url)
    assert "://" not in path, url
    return (build_result.site / path / "index.html").is_file()


def test_the_fixture_lab_s_llms_txt_names_the_site_its_pages_and_its_papers(fixture_site):
    parsed = _read(fixture_site)
    assert parsed.title == "Quill Lab"
    assert parsed.summary == "The Quill Lab at Example University studies imaginary systems."
    profile = load_site(fixture_site.project).profile
    assert parsed.info == f"{profile.name}: {profile.title}, {profile.department}, {profile.university}."
    pages = {link["title"]: link for link in parsed.sections["Pages"]}
    assert pages["Quill Lab"]["url"] == "./"  # the home page, relative to the root when no address is known
    assert pages["Publications"]["url"] == "publications/"
    assert pages["Publications"]["desc"]
    first = parsed.sections["Publications"][-1]  # oldest last, as on the Publications page
    assert first == {
        "title": "On Imaginary Systems",
        "url": "publications/fixture-five/",
        "desc": "Ada Quill. PhD dissertation, Example University, 2021.",
    }
    one = next(link for link in parsed.sections["Publications"] if link["url"] == "publications/fixture-one/")
    assert one["desc"] == "Bo Tern, Ada Quill, Fay Outsider. Conference on Foo (FOO), 2023."


def test_every_real_paper_is_one_line_linking_its_built_page(real_site):
    site = load_site(real_site.project)
    base = "https://lab.example.org/"
    parsed = _read(real_site)
    assert parsed.title == site.settings.title
    papers = parsed.sections["Publications"]
    assert [link["url"] for link in papers] == [f"{base}publications/{pub.id}/" for pub in site.publications]
    assert [link["title"] for link in papers] == [
        pub.title.replace("[", "(").replace("]", ")") for pub in site.publications
    ]
    for section in parsed.sections.values():
        for link in section:
            assert link["url"] == base or _built(real_site, link["url"], base), link


def test_a_title_with_brackets_stays_one_readable_link(tmp_path):
    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    pubs = project / "data/publications.yml"
    planted = """
  - id: odd
    title: "[Re] A Study of Brackets"
    authors: [Ada Quill]
    venue: FOO
    year: 2020
"""
    pubs.write_text(pubs.read_text(encoding="utf-8") + planted, encoding="utf-8")
    text = llms.llms_txt(load_site(project), "https://lab.example.org/")
    odd = next(link for link in parse_llms_file(text).sections["Publications"] if link["url"].endswith("/odd/"))
    assert odd["title"] == "(Re) A Study of Brackets"
    assert odd["desc"] == "Ada Quill. Conference on Foo (FOO), 2020."


def test_a_page_left_out_for_lack_of_data_is_not_listed(tmp_path):
    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    (project / "data/teaching.yml").write_text("courses: []\n", encoding="utf-8")
    titles = [page.title for page in main_pages(project, load_site(project))]
    assert "Teaching" not in titles and "Publications" in titles
