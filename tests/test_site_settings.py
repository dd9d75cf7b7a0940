"""`data/site.yml` values reach HTML attributes and URLs: each is validated, and the title is escaped
exactly once wherever the theme prints it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sitebuild import build, check

from labsite.check import load_checked
from labsite.errors import DataErrors

TITLE = 'Quill & <Lab> "Q" A&amp;B'


def set_site(project: Path, **values: str) -> int:
    """Add `key: value` lines (JSON-quoted, so any text is a YAML string) to site.yml; the last line."""
    path = project / "data/site.yml"
    lines = [line for line in path.read_text().splitlines() if line.split(":")[0] not in values]
    lines += [f"{key}: {json.dumps(value)}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n")
    return len(lines)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("branch", "main dev", "a git branch name"),
        ("branch", 'main"onmouseover="x', "a git branch name"),
        ("branch", "feature..x", "a git branch name"),
        ("branch", "-x", "a git branch name"),
        ("branch", "topic/.hidden", "a git branch name"),
        ("branch", "x.lock", "a git branch name"),
        ("branch", "a#b", "a git branch name"),
        ("repository", "http://github.com/example/lab", "an address like https://"),
        ("repository", 'https://github.com/example/lab"><script>', "an address like https://"),
        ("repository", "javascript:alert(1)", "an address like https://"),
        ("repository", "https://github.com/example/lab?x=1", "an address like https://"),
        ("url", "https://lab.example.org/ x", "an address like https://"),
        ("url", "https://lab.example.org/'", "an address like https://"),
        ("url", "/relative/", "an address like https://"),
        ("url", "https://user@lab.example.org/", "an address like https://"),
        ("language", 'en" onload="x', "a language code"),
        ("language", "English", "a language code"),
    ],
)
def test_a_site_value_that_would_reach_an_attribute_or_url_unchecked_is_refused(
    fixture_project, field, value, expected
):
    line = set_site(fixture_project, **{field: value})
    with pytest.raises(DataErrors) as raised:
        load_checked(fixture_project)
    [error] = raised.value.errors
    assert (error.file, error.line, error.field) == ("data/site.yml", line, field)
    assert error.message.startswith(f"expected {expected}") and repr(value) in error.message
    assert error.hint  # and what to write instead


def test_ordinary_site_values_are_accepted(fixture_project):
    set_site(
        fixture_project,
        branch="release/v1.2_x+y",
        repository="https://github.com/example/lab",
        url="https://example.github.io/lab/",
        language="pt-BR",
    )
    settings = load_checked(fixture_project).settings
    assert (settings.branch, settings.url, settings.language) == (
        "release/v1.2_x+y",
        "https://example.github.io/lab/",
        "pt-BR",
    )


def test_a_bad_site_value_stops_the_check_and_the_build_with_its_line(fixture_project):
    line = set_site(fixture_project, branch='main" onmouseover="alert(1)')
    done = check(fixture_project)
    assert done.returncode == 1
    assert f"data/site.yml:{line}: field 'branch': expected a git branch name" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    result = build(fixture_project, extra_env={"GITHUB_REPOSITORY": "example/lab"})
    assert result.returncode == 1
    assert f"data/site.yml:{line}: field 'branch'" in result.log and "Traceback" not in result.log
    assert not (result.site / "index.html").exists()


def test_an_address_from_the_runner_is_checked_too(fixture_project):
    result = build(fixture_project, extra_env={"LABSITE_URL": 'https://x.example/"><script>'})
    assert result.returncode == 1
    assert "LABSITE_URL: expected an https:// address" in result.log and "Traceback" not in result.log
    assert not (result.site / "index.html").exists()


def test_the_site_title_and_description_are_escaped_exactly_once_everywhere_the_theme_prints_them(fixture_project):
    set_site(fixture_project, title=TITLE, description="Widgets & <gadgets> at A&amp;B.")
    result = build(fixture_project, extra_env={"GITHUB_REPOSITORY": "example/lab"})
    assert result.returncode == 0, result.log
    for url_path in ("", "people/bo-tern/", "publications/"):
        page = result.page(url_path)
        title = page.select_one("title").get_text()
        assert title == TITLE or title.endswith(f" - {TITLE}"), title
        logos = page.select("a.md-logo")
        assert len(logos) == 2  # header and navigation drawer
        for logo in logos:
            assert logo["title"] == TITLE and logo["aria-label"] == TITLE
        assert page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == TITLE
        assert page.select_one("label.md-nav__title").get_text(strip=True) == TITLE
        assert page.select_one('meta[property="og:site_name"]')["content"] == TITLE
    home = result.page("")
    assert home.select_one('meta[property="og:title"]')["content"] == TITLE
    assert home.select_one('meta[name="description"]')["content"] == "Widgets & <gadgets> at A&amp;B."
    raw = (result.site / "index.html").read_text()
    assert "&amp;amp;amp;" not in raw and "&lt;Lab&gt;" in raw and "<Lab>" not in raw


def test_the_languages_the_check_accepts_are_the_installed_themes_translations():
    """The check refuses what the build would: the core's list is the theme's, file for file."""
    from pathlib import Path

    import material

    from labsite.models.languages import THEME_LANGUAGES

    folder = Path(material.__file__).parent / "templates" / "partials" / "languages"
    assert {p.stem for p in folder.glob("*.html")} == THEME_LANGUAGES


def test_a_language_the_theme_does_not_translate_is_refused_by_the_check(fixture_project):
    from sitebuild import check

    site_file = fixture_project / "data/site.yml"
    site_file.write_text(site_file.read_text().replace("language: en", "language: xx"))
    done = check(fixture_project)
    assert done.returncode == 1
    assert "data/site.yml:" in done.stdout and "field 'language'" in done.stdout and "'xx'" in done.stdout
