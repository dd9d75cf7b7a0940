"""Another lab's data: what is empty is hidden (no bare heading, no empty tab, no dead link), and
`language` in site.yml sets the page language. Built from copies of the fixture lab."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from sitebuild import FIXTURE_DATA, Build, build, copy_project

OPTIONAL_FILES = ("topics.yml", "projects.yml", "teaching.yml", "news.yml", "awards.yml", "authors.yml")
OPTIONAL_PROFILE = ("aliases", "email", "links", "photo", "interests", "prospective")
OPTIONAL_PROFILE += ("selected_publications", "selected_projects", "education", "experience")
MAIN_TABS = {"news.md": "news/", "publications/index.md": "publications/", "projects/index.md": "projects/"}
MAIN_TABS |= {"teaching.md": "teaching/", "group.md": "group/", "cv.md": "cv/"}


def rewrite(path: Path, change) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")


def bare_lab(project: Path, papers: bool) -> None:
    """Only the required files, and in them only the required fields: a lab on its first day."""
    data = project / "data"
    for name in OPTIONAL_FILES:
        (data / name).unlink()
    for person in (data / "people").glob("*.yml"):
        person.unlink()
    rewrite(data / "profile.yml", lambda p: [p.pop(key, None) for key in OPTIONAL_PROFILE])

    def strip(pubs: dict) -> None:
        for pub in pubs["publications"]:
            pub.pop("topics", None), pub.pop("projects", None)
        if not papers:
            pubs["publications"] = []

    rewrite(data / "publications.yml", strip)


def headings_without_content(build_: Build, url: str) -> list[str]:
    """Headings followed by nothing, or straight by a heading of the same or a higher level."""
    article = build_.content(url)
    bare = []
    headings = article.find_all(["h1", "h2", "h3", "h4"])
    for heading in headings:
        after = heading.find_next_sibling()
        if after is None or (after.name in ("h1", "h2", "h3", "h4") and after.name <= heading.name):
            bare.append(heading.get_text(strip=True))
    return bare


def dead_links(build_: Build) -> list[tuple[str, str]]:
    """Site-relative links (a, link, img, script) that point at no file of the built site."""
    dead = []
    for html in build_.site.rglob("*.html"):
        page = build_.page(str(html.relative_to(build_.site)))
        for tag, attr in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
            for element in page.find_all(tag, **{attr: True}):
                target = urlsplit(element[attr])
                if target.scheme or target.netloc or not target.path:
                    continue
                base = build_.site if target.path.startswith("/") else html.parent  # 404.html links from the root
                resolved = (base / unquote(target.path).lstrip("/")).resolve()
                if resolved.is_dir():
                    resolved = resolved / "index.html"
                if not resolved.exists():
                    dead.append((str(html.relative_to(build_.site)), element[attr]))
    return dead


def tabs(build_: Build) -> list[str]:
    return [a.get_text(strip=True) for a in build_.page("").select(".md-tabs__link")]


@pytest.fixture(scope="module", params=[True, False], ids=["papers only", "nothing at all"])
def bare_site(request, tmp_path_factory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("bare"), FIXTURE_DATA)
    bare_lab(project, papers=request.param)
    result = build(project, extra_env={"LABSITE_URL": "https://lab.example.org/"})  # as deployed: with a sitemap
    assert result.returncode == 0, result.log
    return result


def test_a_lab_with_only_required_data_builds_strictly_without_warnings(bare_site):
    assert "WARNING" not in bare_site.log, bare_site.log


def test_pages_of_empty_sections_are_not_built_and_have_no_tab(bare_site):
    has_papers = bool(list(bare_site.site.glob("publications/*/index.html")))
    assert tabs(bare_site) == ["Home", "Publications"] if has_papers else ["Home"]
    for source, url in MAIN_TABS.items():
        built = (bare_site.site / url / "index.html").exists()
        assert built == (has_papers and url == "publications/"), source
        assert (f"/{url}</loc>" in (bare_site.site / "sitemap.xml").read_text()) == built, source


def test_no_page_has_a_heading_without_content(bare_site):
    pages = [p.parent.relative_to(bare_site.site) for p in bare_site.site.rglob("index.html")]
    for page in pages:
        url = f"{page}/" if str(page) != "." else ""
        if url != "search/":
            assert headings_without_content(bare_site, url) == [], url


def test_no_link_points_at_a_page_that_was_left_out(bare_site):
    assert dead_links(bare_site) == []


def test_the_full_fixture_lab_keeps_every_tab_heading_and_link(fixture_site):
    assert tabs(fixture_site) == ["Home", "News", "Publications", "Projects", "Teaching", "Group", "CV"]
    home = [h.get_text(strip=True).rstrip("¶") for h in fixture_site.content("").select("h2")]
    assert home == ["Research interests", "Prospective students", "News", "Selected publications", "Selected projects"]
    cv = [h.get_text(strip=True).rstrip("¶") for h in fixture_site.content("cv/").select("h2")]
    assert cv == ["Awards", "Education", "Experience"]
    assert headings_without_content(fixture_site, "cv/") == []
    assert dead_links(fixture_site) == []


def test_a_group_of_alumni_only_has_no_current_members_heading(fixture_project):
    for person in (fixture_project / "data/people").glob("*.yml"):
        rewrite(person, lambda p: p.setdefault("end", 2024))
    result = build(fixture_project)
    assert result.returncode == 0, result.log
    group = [h.get_text(strip=True).rstrip("¶") for h in result.content("group/").select("h2")]
    assert group == ["Alumni"]
    assert len(result.content("group/").select("ul.lab-people")) == 1


def test_a_page_naming_an_unknown_section_fails_the_build_with_its_name(fixture_project):
    page = fixture_project / "docs/news.md"
    page.write_text(page.read_text().replace("shows: [news]", "shows: [newz]"))
    result = build(fixture_project)
    assert result.returncode != 0
    line = page.read_text().splitlines().index("shows: [newz]") + 1
    assert f"docs/news.md:{line}: field 'shows': unknown section 'newz'" in result.log
    assert "Traceback" not in result.log


# --- language -----------------------------------------------------------------------------------
def with_language(project: Path, language: str) -> Build:
    rewrite(project / "data/site.yml", lambda s: s.update(language=language))
    return build(project)


def test_language_sets_the_html_lang_and_the_themes_interface_strings(fixture_project):
    result = with_language(fixture_project, "de")
    assert result.returncode == 0, result.log
    page = result.page("news/")
    assert page.html["lang"] == "de"
    assert page.select_one("input.md-search__input")["placeholder"] == "Suche"
    assert page.select_one("a.md-skip").get_text(strip=True) == "Zum Inhalt"
    assert page.body.get("dir") == "ltr"


def test_a_right_to_left_language_sets_the_direction_of_the_page(fixture_project):
    result = with_language(fixture_project, "ar")
    assert result.returncode == 0, result.log
    page = result.page("")
    assert page.html["lang"] == "ar"
    assert page.body["dir"] == "rtl"


def test_a_language_the_theme_does_not_know_is_refused_with_the_field(fixture_project):
    result = with_language(fixture_project, "xx")
    assert result.returncode != 0
    assert "data/site.yml:" in result.log and "field 'language'" in result.log and "'xx'" in result.log
    assert "Traceback" not in result.log
