"""Pages under docs/ reach nothing of the build, carry no script, and docs/ holds no active file but the site's own.

Each refusal is made on a copy of the project with the fixture lab's data: the check names the
file and line, `python -m labsite check` fails, and a build refuses the same page.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError, UndefinedError
from mkdocs.utils.meta import get_data
from sitebuild import REAL_ROOT, ROOT, build, check
from test_preview import preview, wait_for  # noqa: F401  (a fixture and its helper)

from labsite.read import assets, pages
from labsite.read.layout import DOCS_DIR, SITE_ASSETS
from labsite.render.blocks import Blocks

sys.path.insert(0, str(ROOT))
import macros  # the adapter, as MkDocs loads it

FRONT = "---\ntitle: Teaching\n---\n\n# Teaching\n\n"
"""A page head of six lines: what follows is on line 7 of the file, line 3 of what Jinja sees."""


def refused(project: Path, text: str, page: str = "teaching.md") -> str:
    """The check's output for the project with `docs/<page>` holding `text`; the check must fail."""
    (project / DOCS_DIR / page).write_text(text, encoding="utf-8")
    done = check(project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout


def said(output: str, where: str, message: str) -> bool:
    """Whether one line of the check's output is about `where` (file:line) and says `message`."""
    return any(line.startswith(f"{where}: ") and message in line for line in output.splitlines())


# --- the page language ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("{{ config }}", "expected a page macro in {{ … }} — got the variable 'config'"),
        ("{{ environment }}", "expected a page macro in {{ … }} — got the variable 'environment'"),
        ("{{ page.file.abs_src_path }}", "got attribute access ('.abs_src_path')"),
        ("{{ ''.__class__ }}", "got attribute access ('.__class__')"),
        ("{{ news_list()['x'] }}", "got item access ([…])"),
        ("{{ bio()|safe }}", "got the filter '|safe'"),
        ("{{ 'text' }}", "got the value 'text'"),
        ("{{ context() }}", "got a call of 'context', which is not one here"),
        ("{% set x = config %}", "got {% set %}"),
        ('{% include "index.md" %}', "got {% include %}"),
        ('{% import "index.md" as index %}', "got {% import %}"),
        ('{% extends "index.md" %}', "got {% extends %}"),
        ("{% macro m() %}x{% endmacro %}", "got {% macro %}"),
        ("{% for x in [1] %}x{% endfor %}", "got {% for %}"),
        ("{% if config %}x{% endif %}", "expected has(\"…\") in {% if %} — got the variable 'config'"),
        ("{% if has(config) %}x{% endif %}", "expected a section's name in quotes as argument of has()"),
        (
            "{{ news_list(limit=config) }}",
            "expected a fixed value (text in quotes, a number) as argument of news_list()",
        ),
        ("{{ news_list(**config) }}", "expected fixed arguments to news_list() — got *args or **kwargs"),
        ("{{ news_list( }}", "the page's Jinja does not parse"),
    ],
)
def test_jinja_beyond_the_page_language_is_refused_at_its_line(fixture_project, expression, message):
    out = refused(fixture_project, f"{FRONT}{expression}\n")
    assert said(out, "docs/teaching.md:7", message), out
    assert "(hint: " in out


@pytest.mark.parametrize("name", ["extra.markdown", "more/notes.mdown", "x.mkd", "y.mkdn"])
def test_every_file_mkdocs_builds_as_a_page_is_checked(fixture_project, name):
    from mkdocs.utils import is_markdown_file, markdown_extensions

    assert set(pages.MARKDOWN_SUFFIXES) == set(markdown_extensions)
    assert is_markdown_file(name)
    (fixture_project / DOCS_DIR / name).parent.mkdir(parents=True, exist_ok=True)
    out = refused(fixture_project, "# Notes\n\n{{ config }}\n", page=name)
    assert said(out, f"docs/{name}:3", "got the variable 'config'"), out


def test_the_page_language_itself_passes(fixture_project):
    page = (
        f"{FRONT}"
        '{% if has("news") and not has("awards") or has("teaching") %}\n'
        '{{ news_list(limit=3) }} {{ prospective_note(title="Join us") }}\n'
        "{% elif has('members') %}{{ people_list() }}{% else %}none{% endif %}\n"
        "{# a note #}{% raw %}{{ config }} is shown as text{% endraw %}\n"
        '<div class="lab-note" markdown>[News](news.md), [mail](mailto:a@example.org), <a href="https://example.org">x</a></div>\n'
    )
    (fixture_project / DOCS_DIR / "teaching.md").write_text(page, encoding="utf-8")
    done = check(fixture_project)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_names_pages_may_call_are_the_blocks_the_renderer_makes():
    assert (*pages.MACROS, pages.TEST) == Blocks.API
    assert all(callable(getattr(Blocks, name, None)) for name in Blocks.API)


def test_the_real_pages_and_assets_pass():
    for root in {ROOT, REAL_ROOT}:
        assert pages.problems(root) == []
        assert assets.problems(root) == []


@pytest.mark.parametrize(
    "source",
    [
        "---\ntitle: x\n---\n\n\nbody {{ a }}\n",
        "---\n- not a mapping\n---\nbody\n",
        "---\ntitle: [unclosed\n---\nbody\n",
        "Title: x\nMore: y\n    continued\n\nbody\n",
        "Not: meta\nbut text\n",
        "body only\n",
        "\n\nbody after blank lines\n",
    ],
)
def test_front_matter_is_split_as_mkdocs_splits_it(source):
    body, offset, _ = pages.split_front_matter(source)
    assert body == get_data(source)[0]
    assert source.endswith(body) or "\r" in source
    assert offset == source[: len(source) - len(body)].count("\n")


def test_front_matter_that_mkdocs_would_drop_silently_is_refused(fixture_project):
    out = refused(fixture_project, "---\ntitle: [Teaching\nshows: [teaching]\n---\n\n# Teaching\n")
    assert "docs/teaching.md:3: the front matter is not valid YAML" in out


def test_jinja_in_the_front_matter_title_is_refused(fixture_project):
    out = refused(fixture_project, '---\ntitle: "{{ config }}"\n---\n\n# Teaching\n')
    assert "docs/teaching.md:2: expected no Jinja in the front matter" in out


# --- HTML and links in pages ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<script>alert(1)</script>", "expected no <script> in a page: it runs script"),
        ('<img src="a.png" onerror="alert(1)">', "<img onerror=…>: expected no event handler"),
        ('<p ONCLICK="alert(1)">x</p>', "<p onclick=…>: expected no event handler"),
        ('<a href="javascript:alert(1)">x</a>', "<a href=…>: expected no javascript: address"),
        ('<a href=" &#106;ava&#x09;script:alert(1)">x</a>', "<a href=…>: expected no javascript: address"),
        (
            '<a href="data:text/html,x">x</a>',
            "<a href=…>: expected a page, an http(s) or a mailto address — got a data:",
        ),
        ('<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>', "expected no javascript: address"),
        ('<iframe src="https://example.org"></iframe>', "expected no <iframe> in a page"),
        ('<object data="x.swf"></object>', "expected no <object> in a page"),
        ('<embed src="x.swf">', "expected no <embed> in a page"),
        ('<form action="https://example.org"><input></form>', "expected no <form> in a page"),
        ('<meta http-equiv="refresh" content="0;url=https://example.org">', "expected no <meta> in a page"),
        ("<!--><script>alert(1)</script>-->", "expected no <script> in a page"),
        ("<math><style><img src=x onerror=alert(1)></style></math>", "<img onerror=…>: expected no event handler"),
        ('<svg><animate attributeName="href" values="#a;javascript:alert(1)"/></svg>', "expected no javascript:"),
        ("<scr{{ bio() }}ipt>alert(1)</script>", "expected no Jinja inside the HTML tag"),
        ("<{{ bio() }}script>alert(1)</script>", "expected no Jinja right after '<'"),
        ("[x](javascript:alert(1))", "expected a link to a page, an http(s) or a mailto address — got a javascript:"),
        ("![x](data:text/html,hi)", "got a data: address"),
        ("[x](javascript\\:alert(1))", "got a javascript: address"),
        ("[x][1]\n\n[1]: javascript:alert(1)", "got a javascript: address"),
        ("[x](java{{ bio() }}script:alert(1))", "expected no Jinja in a link's address"),
        ('Text\n{: onclick="alert(1)" }', "{ onclick=… }: expected no event handler"),
    ],
)
def test_active_html_and_script_links_in_a_page_are_refused_at_their_line(fixture_project, html, message):
    out = refused(fixture_project, f"{FRONT}{html}\n")
    line = {"[x][1]": 9, "Text\n": 8}.get(html[:6] if html.startswith("[x][1]") else html[:5], 7)
    assert said(out, f"docs/teaching.md:{line}", message), out


# --- active files under docs/ ---------------------------------------------------------------------
@pytest.mark.parametrize("name", ["extra.html", "images/drawing.svg", "javascripts/more.js", "feed.xml", "a.XHTML"])
def test_an_active_file_that_is_not_a_site_asset_is_refused(fixture_project, name):
    path = fixture_project / DOCS_DIR / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    done = check(fixture_project)
    assert done.returncode == 1
    suffix = Path(name).suffix.lower()
    assert f"docs/{name}: expected no {suffix} file under docs/ other than the site's own" in done.stdout
    assert "SITE_ASSETS" in done.stdout


def test_a_style_sheet_is_not_an_active_file(fixture_project):
    (fixture_project / DOCS_DIR / "stylesheets" / "more.css").write_text("p { color: red }\n", encoding="utf-8")
    assert check(fixture_project).returncode == 0


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 8 8">'
    "\n{}\n</svg>\n"
)


@pytest.mark.parametrize(
    ("inside", "message"),
    [
        ("<script>alert(1)</script>", "docs/images/favicon.svg:2: expected no <script> in an SVG"),
        (
            '<rect width="8" height="8" onload="alert(1)"/>',
            "docs/images/favicon.svg:2: <rect onload=…>: expected no event",
        ),
        (
            '<a xlink:href="javascript:alert(1)"><rect/></a>',
            "docs/images/favicon.svg:2: <a xlink:href=…>: expected no javascript:",
        ),
        ('<a href="javascript:alert(1)"><rect/></a>', "docs/images/favicon.svg:2: <a href=…>: expected no javascript:"),
        ("<foreignObject><p>x</p></foreignObject>", "docs/images/favicon.svg:2: expected no <foreignobject> in an SVG"),
        (
            '<use href="https://example.org/a.svg#x"/>',
            "docs/images/favicon.svg:2: <use href=…>: expected a reference inside the file",
        ),
        (
            '<image href="https://example.org/track.png"/>',
            "docs/images/favicon.svg:2: <image href=…>: expected no outside address",
        ),
    ],
)
def test_active_content_in_a_published_svg_is_refused_at_its_line(fixture_project, inside, message):
    svg = next(a for a in SITE_ASSETS if a.endswith(".svg"))
    (fixture_project / DOCS_DIR / svg).write_text(SVG.format(inside), encoding="utf-8")
    done = check(fixture_project)
    assert done.returncode == 1
    assert message in done.stdout, done.stdout


def test_an_svg_with_entities_is_refused_without_expanding_them(fixture_project):
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
        "<svg>&b;</svg>\n"
    )
    (fixture_project / DOCS_DIR / "images" / "favicon.svg").write_text(laughs, encoding="utf-8")
    done = check(fixture_project)
    assert done.returncode == 1
    assert "docs/images/favicon.svg: expected an SVG image (XML without a DTD or entities)" in done.stdout


def test_site_assets_exist_where_the_configuration_names_them():
    for asset in SITE_ASSETS:
        assert (ROOT / DOCS_DIR / asset).is_file()
        assert asset in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# --- the build and the preview ---------------------------------------------------------------------
def _config_leaks(project: Path, site: Path) -> list[str]:
    """Files under site/ that hold something of the build's configuration or machine."""
    secrets = (str(project), "config_file_path", "mkdocs_version", "python_version", sys.version.split()[0])
    return [
        str(path)
        for path in site.rglob("*")
        if path.is_file() and any(s in path.read_text(encoding="utf-8", errors="ignore") for s in secrets)
    ]


def test_a_strict_build_refuses_a_page_that_prints_the_configuration(fixture_project):
    (fixture_project / DOCS_DIR / "teaching.md").write_text(f"{FRONT}{{{{ config }}}}\n", encoding="utf-8")
    result = build(fixture_project)
    assert result.returncode != 0
    assert "docs/teaching.md:7: expected a page macro in {{ … }} — got the variable 'config'" in result.log
    assert "Traceback" not in result.log
    assert not result.site.exists() or not _config_leaks(fixture_project, result.site)


def _without_page_check(project: Path) -> None:
    """The copy's check no longer reads pages: what the sandbox alone does is seen."""
    module = project / "labsite" / "read" / "pages.py"
    text = module.read_text(encoding="utf-8")
    module.write_text(
        text.replace(
            "    found: list[DataError] = []\n    for path in markdown_pages",
            "    return []\n    found: list[DataError] = []\n    for path in markdown_pages",
            1,
        ),
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "expression", ["{{ config }}", "{{ environment }}", "{{ ''.__class__.__mro__ }}", "{{ context() }}"]
)
def test_with_the_check_bypassed_the_sandbox_gives_a_page_nothing_of_the_build(fixture_project, expression):
    _without_page_check(fixture_project)
    (fixture_project / DOCS_DIR / "teaching.md").write_text(f"{FRONT}{expression}\n", encoding="utf-8")
    assert check(fixture_project).returncode == 0  # bypassed indeed
    result = build(fixture_project, strict=False)
    assert result.returncode != 0
    assert "teaching.md: a macro failed; the page would publish the error" in result.log
    assert "docs/teaching.md, line 7: " in result.log
    assert "Traceback" not in result.log
    assert not _config_leaks(fixture_project, result.site)


class _Env:
    """What `on_pre_page_macros` is given: the plugin's environment and its macros."""

    def __init__(self):
        from jinja2 import Environment

        self._env = Environment(undefined=StrictUndefined)
        self.macros = {name: (lambda *a, **k: "block") for name in Blocks.API} | {"context": lambda: "all variables"}

    @property
    def env(self):
        return self._env


def test_the_sandbox_renders_the_page_api_and_nothing_else():
    env = _Env()
    macros.on_pre_page_macros(env)
    render = env.env.from_string
    assert render('{% if has("news") %}{{ news_list(limit=3) }}{% endif %}').render(config={"a": 1}) == "block"
    with pytest.raises(UndefinedError):
        render("{{ config }}").render(config={"site_dir": "/secret"})
    with pytest.raises(UndefinedError):
        render("{{ context() }}").render()
    with pytest.raises(SecurityError):
        render("{{ news_list.__globals__ }}").render()
    with pytest.raises(SecurityError):
        render("{{ ''.__class__ }}").render()
    with pytest.raises(TypeError):  # no loader: a page includes nothing
        render('{% include "index.md" %}').render()


def test_a_macro_error_is_one_line_with_its_file_and_line_and_no_traceback():
    source = f"{FRONT}text\n{{{{ nothing_here() }}}}\n"
    page = SimpleNamespace(file=SimpleNamespace(src_uri="teaching.md", content_string=source))
    markdown = get_data(source)[0]
    env = _Env()
    macros.on_pre_page_macros(env)
    try:
        env.env.from_string(markdown).render()
    except UndefinedError as error:
        shown = macros.format_error(error, markdown=markdown, page=page)
    assert shown.startswith("# _Macro Rendering Error_")
    assert "docs/teaching.md, line 8: UndefinedError: 'nothing_here' is undefined" in shown
    assert "Traceback" not in shown and 'File "' not in shown


def test_a_preview_shows_a_failed_page_as_its_file_and_line_not_a_traceback(preview):  # noqa: F811
    project, url = preview
    wait_for(url, lambda body: "</html>" in body)
    # a page the check accepts but that fails while rendering (a section's name misspelt)
    (project / DOCS_DIR / "teaching.md").write_text(f'{FRONT}{{% if has("newz") %}}x{{% endif %}}\n', encoding="utf-8")
    body = wait_for(url + "teaching/", lambda body: "Macro Rendering Error" in body)
    article = BeautifulSoup(body, "lxml").select_one("article").get_text(" ")
    assert "docs/teaching.md, line 7: KeyError:" in article
    assert "Traceback" not in body and 'File "' not in body


def test_the_site_assets_named_in_the_core_are_the_ones_mkdocs_yml_loads():
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    loaded = {entry["path"] if isinstance(entry, dict) else entry for entry in config["extra_javascript"]}
    assert {a for a in SITE_ASSETS if a.endswith(".js")} == loaded
    assert config["theme"]["favicon"] in SITE_ASSETS
