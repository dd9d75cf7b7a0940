"""The site is a function of the repository: `labsite generate` writes it as plain files, and an engine
that runs none of our code (MkDocs with no plugins, ProperDocs) builds from them the site that MkDocs
builds through the `labsite` plugin, page for page."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import FIXTURE_DATA, REAL_ROOT, build, copy_project

from labsite.commands.generate import with_front_matter
from labsite.read.addresses import CARD_DIR, CORE_FILES, person_files
from labsite.render import outputs
from labsite.render.photos import published as published_photos
from labsite.site import start

SITE_URL = "https://lab.example.org/"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _generate(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "labsite", "generate", str(out), "--site-url", SITE_URL],
        cwd=project,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k not in ("GITHUB_REPOSITORY", "LABSITE_URL")},
    )


def _engine_build(engine: str, generated: Path) -> Path:
    """A build of `generate`'s output by an engine's own command line, with no plugin of ours."""
    site = generated / "built"
    done = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-d", str(site)],
        cwd=generated,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return site


def _files(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        found[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return found


def _compare(ours: Path, theirs: Path) -> None:
    mine, other = _files(ours), _files(theirs)
    assert sorted(mine) == sorted(other), set(mine) ^ set(other)
    for name, content in mine.items():
        assert GENERATOR.sub(b"", content) == GENERATOR.sub(b"", other[name]), f"{name} differs"


@pytest.fixture(scope="module")
def fixture_pair(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("gen-fixture") / "project", FIXTURE_DATA)
    plugin_build = build(project, extra_env={"LABSITE_URL": SITE_URL})
    assert plugin_build.returncode == 0, plugin_build.log
    out = project.parent / "generated"
    done = _generate(project, out)
    assert done.returncode == 0, done.stderr
    return plugin_build.site, out


def test_mkdocs_with_no_plugin_builds_the_same_site_from_generate(fixture_pair):
    ours, generated = fixture_pair
    config = yaml.safe_load((generated / "mkdocs.yml").read_text())
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert names == ["search"] and "hooks" not in config
    _compare(ours, _engine_build("mkdocs", generated))


def test_properdocs_builds_the_same_site_from_generate_but_for_the_generator_tag(fixture_pair):
    ours, generated = fixture_pair
    theirs = _engine_build("properdocs", generated)
    assert b"ProperDocs" in (theirs / "index.html").read_bytes()
    _compare(ours, theirs)


@pytest.mark.slow
def test_properdocs_builds_the_real_site_from_generate(real_site, tmp_path):
    out = tmp_path / "generated"
    done = _generate(real_site.project, out)
    assert done.returncode == 0, done.stderr
    _compare(real_site.site, _engine_build("properdocs", out))


def test_no_page_that_generate_writes_holds_template_syntax_of_ours(fixture_pair):
    """Every macro of the pages under docs/ is expanded: no engine needs a macros plugin (or could run
    one on a generated page, whose text from data stays text)."""
    _, generated = fixture_pair
    for page in (generated / "docs").rglob("*.md"):
        text = page.read_text()
        assert not re.search(r"{{\s*\w+\(|{%\s*(if|endif)\b", text), page


def test_generate_lists_every_problem_of_bad_data_and_writes_nothing(fixture_project, tmp_path):
    person = fixture_project / "data/people/bo-tern.yml"
    person.write_text(person.read_text().replace("degree: PhD", "degree: Phd"))
    out = tmp_path / "generated"
    done = _generate(fixture_project, out)
    assert done.returncode == 1
    assert "data/people/bo-tern.yml:" in done.stdout and "field 'degree'" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert not out.exists()


def test_generate_never_empties_the_project_itself(fixture_project):
    done = _generate(fixture_project, fixture_project)
    assert done.returncode == 1 and "holds the project" in done.stderr
    assert (fixture_project / "data/site.yml").is_file()


@pytest.mark.parametrize("title", ["a: b", "--- x ---", "# not a comment", "'quoted'", '"{{ x }}"', "ملف – ✓"])
def test_front_matter_reads_back_as_written(title):
    source = with_front_matter({"title": title, "description": "d"}, "body\n", "x.md")
    front = source.split("---\n")[1]
    assert yaml.safe_load(front) == {"title": title, "description": "d"}
    assert source.endswith("\nbody\n")


def test_the_core_writes_exactly_the_files_the_address_check_reserves():
    site = start(REAL_ROOT).site
    written = {f.path for f in outputs.files(site, outputs.Address(SITE_URL))}
    exports = {path for person_id in site.data.people if site.papers_of(person_id) for path in person_files(person_id)}
    assert exports  # the real group's members have papers
    derived = {path for path, _ in published_photos(site)}
    assert {path for path in written if not path.startswith(f"{CARD_DIR}/")} == set(CORE_FILES) | exports | derived
