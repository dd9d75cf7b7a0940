"""A build never publishes a page with an error in it, and data is read once per build."""

from __future__ import annotations

import pytest
from sitebuild import REAL_ROOT, ROOT, build

from labsite import site as site_module
from labsite.site import load_site


def _published_errors(site) -> list[str]:
    return [str(p) for p in site.rglob("*.html") if "Macro Rendering Error" in p.read_text()] if site.exists() else []


@pytest.mark.parametrize("strict", [True, False])
def test_a_broken_macro_in_a_page_fails_the_build(fixture_project, strict):
    page = fixture_project / "docs/news.md"
    page.write_text(page.read_text() + "\n{{ news_list(limit='x') }}\n")
    result = build(fixture_project, strict=strict)
    assert result.returncode == 1
    # failed for the macro's own error, named with its page, and published nothing of it
    assert "news.md" in result.log and "slice indices must be integers" in result.log
    assert _published_errors(result.site) == []


def test_a_misspelt_macro_name_fails_the_build(fixture_project):
    page = fixture_project / "docs/teaching.md"
    page.write_text(page.read_text() + "\n{{ course_lst() }}\n")
    result = build(fixture_project, strict=False)
    assert result.returncode == 1
    # the data check refuses a name that is not a page macro, with the page's line, before any page is built
    line = page.read_text().splitlines().index("{{ course_lst() }}") + 1
    assert f"docs/teaching.md:{line}: expected a page macro" in result.log and "course_lst" in result.log
    assert _published_errors(result.site) == []


def test_no_page_of_a_good_build_contains_a_macro_error(real_site):
    for html in real_site.site.rglob("*.html"):
        text = html.read_text()
        assert "Macro Rendering Error" not in text and "Traceback" not in text, html


def test_data_is_loaded_once_and_reused_until_a_file_changes(fixture_project):
    before = site_module.loads
    first = load_site(fixture_project)
    assert load_site(fixture_project) is first
    assert site_module.loads == before + 1
    person = fixture_project / "data/people/bo-tern.yml"
    person.write_text(person.read_text() + "interests: [Testing]\n")
    assert load_site(fixture_project) is not first
    assert site_module.loads == before + 2


def test_one_build_reads_the_data_once(fixture_project):
    probe = fixture_project / "count_loads.py"
    probe.write_text(
        "import sys, mkdocs.__main__ as m\n"
        "from labsite import site\n"
        "sys.argv = ['mkdocs', 'build', '--strict', '-d', 'site']\n"
        "try:\n    m.cli()\nexcept SystemExit:\n    pass\n"
        "print('LOADS', site.loads)\n"
    )
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, str(probe)],
        cwd=fixture_project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(fixture_project), "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert "LOADS 1" in done.stdout, done.stdout + done.stderr


def test_the_project_code_holds_no_fact_about_the_group():
    """Names from data/ never appear in code or templates: they belong in data/ or docs/."""
    site = load_site(REAL_ROOT)
    names = [site.profile.name, site.profile.university, *(p.name for p in site.data.people.values())]
    names += [c.title for c in site.data.courses] + [p.name for p in site.projects if len(p.name) > 4]
    code = [
        *ROOT.joinpath("labsite").rglob("*.py"),
        *(p for p in ROOT.joinpath("labsite", "templates").rglob("*.*")),  # HTML, Atom, Typst
        *ROOT.joinpath("docs", "javascripts").rglob("*.js"),
        *ROOT.joinpath("docs", "stylesheets").rglob("*.css"),
        ROOT / "macros.py",
        *ROOT.joinpath("hooks").rglob("*.py"),
        *ROOT.joinpath("labsite_mkdocs").rglob("*.py"),
        ROOT / "mkdocs.yml",
        *ROOT.joinpath("overrides").rglob("*.html"),
        *ROOT.joinpath("docs").rglob("*.md"),
    ]
    for path in code:
        text = path.read_text()
        for name in names:
            assert name not in text, f"{name!r} in {path.relative_to(ROOT)}"
