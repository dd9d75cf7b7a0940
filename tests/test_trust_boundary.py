"""No value from data runs as a template, replaces a page or publishes script: the build's side of the
trust boundary, tried as a hostile pull request would, on copies of the fixture lab."""

from __future__ import annotations

import pytest
import yaml
from mkdocs.structure.files import File
from sitebuild import build, check

from labsite.read import addresses
from labsite.render.safety import active_content

JINJA = "{{ 'RAN' ~ 'EXPR' }} {% if true %}IF-RAN{% endif %} {{ config.site_dir }} {# hidden #} {%raw%}"
"""Template syntax of every kind: if any of it were rendered, 'RANEXPR', 'IF-RAN' without its tags,
the build's folder or a syntax error would show (an unclosed raw block fails any Jinja render)."""


def _edit_yaml(path, change):
    document = yaml.safe_load(path.read_text())
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def _hostile(project):
    data = project / "data"

    def person(doc):
        doc["name"] = "Bo {{ config.site_dir }} {%raw%}"
        doc["aliases"] = ["Bo Tern"]
        doc["bio"] = f"render_macros: true\ntitle: replaced --- {JINJA}"
        doc["now"] = f"title: x --- {JINJA}"

    def papers(doc):
        doc["publications"][0]["title"] = f'Widgets: "{JINJA}" ---'

    def projects(doc):
        doc["projects"][0]["name"] = f"Alpha {JINJA}"
        doc["projects"][0]["description"] = f"{JINJA}\n"

    _edit_yaml(data / "people/bo-tern.yml", person)
    _edit_yaml(data / "publications.yml", papers)
    _edit_yaml(data / "projects.yml", projects)
    return {"people/bo-tern/": "Bo {{ config.site_dir }} {%raw%}", "projects/alpha/": f"Alpha {JINJA}"}


def test_template_syntax_in_data_is_shown_as_text_and_never_run(fixture_project):
    titles = _hostile(fixture_project)
    result = build(fixture_project)
    assert result.returncode == 0, result.log
    for html in result.site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert str(fixture_project) not in text, f"{html}: the build's folder was published"
        assert "RANEXPR" not in text, f"{html}: an expression from data was evaluated"
        kept = text.count("%}IF-RAN{%") + text.count("}IF-RAN\\textbraceleft")  # as text, or as BibTeX writes it
        assert text.count("IF-RAN") == kept, f"{html}: a statement from data ran"
    for url, title in titles.items():
        page = result.page(url)
        assert page.title.string.startswith(title), (url, page.title.string)
        assert title in page.select_one("article").get_text()
        assert page.select_one('meta[name="description"]')["content"]


def test_every_page_keeps_the_title_and_description_its_data_gives(fixture_site):
    for html in (fixture_site.site / "people").rglob("index.html"):
        page = fixture_site.page(str(html.parent.relative_to(fixture_site.site)) + "/")
        heading = page.select_one("article h1").get_text(strip=True)
        assert page.title.string.split(" - ")[0] == heading
        assert page.select_one('meta[name="description"]')["content"].startswith(heading)


@pytest.mark.parametrize(
    ("file", "key", "listing"),
    [("publications.yml", "publications", "publications/"), ("projects.yml", "projects", "projects/")],
)
def test_an_id_that_names_a_list_page_is_refused_with_its_line(fixture_project, file, key, listing):
    path = fixture_project / "data" / file
    text = path.read_text()
    first_id = yaml.safe_load(text)[key][0]["id"]
    path.write_text(text.replace(f"id: {first_id}\n", "id: index\n", 1))
    line = text.splitlines().index(f"  - id: {first_id}") + 1
    done = check(fixture_project)
    assert done.returncode == 1
    assert f"data/{file}:{line}: field '{key}[0].id'" in done.stdout
    assert f"/{listing}index/" in done.stdout and "choose another id" in done.stdout
    result = build(fixture_project)
    assert result.returncode == 1 and f"{key}[0].id" in result.log
    assert not result.site.exists(), "a refused build wrote pages"


def test_a_member_file_named_index_is_refused(fixture_project):
    people = fixture_project / "data/people"
    (people / "bo-tern.yml").rename(people / "index.yml")
    for path in fixture_project.joinpath("data").rglob("*.yml"):
        path.write_text(path.read_text().replace("bo-tern", "index"))
    done = check(fixture_project)
    assert done.returncode == 1
    assert "data/people/index.yml:" in done.stdout and "/people/index/" in done.stdout
    assert "rename the file" in done.stdout


def test_a_page_under_docs_at_a_generated_address_is_refused(fixture_project):
    (fixture_project / "docs/people").mkdir(exist_ok=True)
    (fixture_project / "docs/people/bo-tern.md").write_text("# Not Bo\n")
    done = check(fixture_project)
    assert done.returncode == 1
    assert "data/people/bo-tern.yml" in done.stdout and "docs/people/bo-tern.md" in done.stdout


def test_an_address_that_differs_only_in_case_is_a_clash(fixture_project):
    (fixture_project / "docs/Publications").mkdir()
    (fixture_project / "docs/Publications/fixture-one.md").write_text("# Shadow\n")
    done = check(fixture_project)
    assert done.returncode == 1 and "docs/Publications/fixture-one.md" in done.stdout


def test_script_from_a_template_override_fails_the_build(fixture_project):
    """The last look at the HTML: an item template the lab overrides (overrides/labsite/) is not data
    and not a page, so no source check sees it; the build still refuses to publish its script."""
    partial = fixture_project / "overrides/labsite/partials"
    partial.mkdir(parents=True)
    package = fixture_project / "labsite/templates/partials/person-card.html"
    (partial / "person-card.html").write_text(package.read_text() + '<img src="x" onerror="alert(1)">\n')
    result = build(fixture_project)
    assert result.returncode == 1
    assert "active content: an event handler onerror= on <img>" in result.log


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<a href=" jav&#x09;ascript:alert(1)">x</a>',
        '<svg><foreignObject><div onclick="x()"></div></foreignObject></svg>',
        '<img src=x onerror="alert(1)">',
        '<form action="javascript:alert(1)"><button>x</button></form>',
        '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<base href="https://evil.example/">',
    ],
)
def test_active_content_in_html_is_found(html):
    assert active_content(html)


def test_our_own_markup_is_not_active_content(real_site):
    for html in real_site.site.rglob("*.html"):
        article = real_site.page(str(html.relative_to(real_site.site))).select_one("article")
        if article is not None:
            assert active_content(str(article)) == [], html


@pytest.mark.parametrize(
    "source",
    ["index.md", "README.md", "a/index.md", "a/README.md", "a/b.md", "people/index.md", "x.bib", "a/b/c.md", "a.html"],
)
@pytest.mark.parametrize("directory_urls", [True, False])
def test_addresses_are_computed_as_mkdocs_computes_them(tmp_path, source, directory_urls):
    engine = File(source, src_dir=str(tmp_path), dest_dir=str(tmp_path / "site"), use_directory_urls=directory_urls)
    assert addresses.destination(source, directory_urls) == engine.dest_uri


def test_a_page_under_docs_where_the_build_writes_a_file_stops_the_build(fixture_project):
    """A file the core makes (here a derived photo's address, which the address check does not list)
    never silently replaces a maintainer's file, or the other way round: the plugin refuses both."""
    person = fixture_project / "data/people/eve-nox.yml"
    photo = fixture_project / "docs/images/eve.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    from PIL import Image

    Image.new("RGB", (64, 64), "red").save(photo, "JPEG")
    person.write_text(person.read_text() + "photo: images/eve.jpg\n")
    Image.new("RGB", (8, 8), "blue").save(fixture_project / "docs/images/eve-jpg-256.webp", "WEBP")
    result = build(fixture_project)
    assert result.returncode == 1
    assert "images/eve-jpg-256.webp: a file the site makes would replace another" in result.log
