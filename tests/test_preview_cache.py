"""`mkdocs serve` reuses what did not change (hooks/preview.py, the labsite plugin's `Kept`, the data
files' parses): after every kind of edit the served site is, file for file, the site a fresh
`mkdocs build` makes of the same data."""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sitebuild import ROOT
from test_preview import free_port

LIVERELOAD = re.compile(
    rb"<script>\nvar livereload = function\(epoch, requestId\) \{.*?livereload\(\d+, \d+\);\n</script>", re.S
)


def _env(tmp: Path | None = None) -> dict[str, str]:
    # no .pyc written into the watched labsite/ by the fresh builds: it would start a rebuild mid-comparison
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    for leaked in ("GITHUB_REPOSITORY", "GITHUB_ACTIONS", "LABSITE_URL"):
        env.pop(leaked, None)
    if tmp is not None:
        env["TMPDIR"] = str(tmp)  # `mkdocs serve` builds into a folder made here: the test can read it
    return env


class Preview:
    """A running `mkdocs serve`, its log, and the folder it serves."""

    def __init__(self, project: Path, tmp: Path) -> None:
        self.project, self.port = project, free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        tmp.mkdir()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=project,
            env=_env(tmp),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            encoding="utf-8",
            errors="replace",
        )
        self.log: list[str] = []
        self.last_line = time.monotonic()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_builds(0)
        self.site = next(tmp.glob("mkdocs_*"))

    def _read(self) -> None:
        for line in self.process.stdout:
            self.log.append(line)
            self.last_line = time.monotonic()

    def builds(self) -> int:
        """Rebuilds done since the first build ("Documentation built in" can be dropped as a duplicate)."""
        return sum("Reloading browsers" in line for line in self.log)

    def wait_for_builds(self, count: int, timeout: float = 120) -> None:
        """Until `count` rebuilds are done and the log has been quiet for a second (none pending)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            serving = any("Serving on" in line for line in self.log)
            started = sum("Building documentation" in line for line in self.log) - 1
            quiet = time.monotonic() - self.last_line > 1.0
            if serving and self.builds() >= count and started == self.builds() and quiet:
                return
            time.sleep(0.1)
        raise AssertionError(
            "mkdocs serve did not rebuild:\n" + "".join(self.log[-40:]) + f"\n(exit code {self.process.poll()})"
        )

    def get(self, path: str) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.read()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def fresh_build(project: Path, dest: Path, site_url: str) -> subprocess.CompletedProcess:
    """`mkdocs build` of the same project and data, at the preview's address (as serve sets it)."""
    config = project / "mkdocs-fresh.yml"  # not watched by the preview
    config.write_text(f"INHERIT: mkdocs.yml\nsite_url: {site_url}\n")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(dest)],
        cwd=project,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_served_as_built(preview: Preview, fresh: Path, gone: set[str]) -> None:
    built = files_of(fresh)
    served_folder = files_of(preview.site)
    assert sorted(served_folder) == sorted(built), "the preview's folder holds other files than a fresh build"
    for path, content in built.items():
        assert served_folder[path] == content, f"{path}: the preview wrote other bytes than a fresh build"
        served = preview.get(path)
        if path.endswith(".html"):
            served, injected = LIVERELOAD.subn(b"", served)
            assert injected == 1, f"{path}: expected the live-reload script once"
        assert served == content, f"{path}: served other bytes than a fresh build"
    for path in gone - set(built):
        with pytest.raises(urllib.error.HTTPError) as missing:
            preview.get(path)
        assert missing.value.code == 404, f"{path} is still served after its page went away"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path.name} no longer holds {old!r}: update the test"
    path.write_text(text.replace(old, new, 1))


def _own_person_card(project: Path) -> None:
    own = project / "overrides/labsite/partials/person-card.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    package = (project / "labsite/templates/partials/person-card.html").read_text()
    assert '<li class="lab-person"' in package, "person-card.html changed: update the test"
    own.write_text(package.replace('<li class="lab-person"', '<li class="lab-person lab-own"', 1))


@pytest.mark.slow
def test_served_site_is_a_fresh_build_after_every_kind_of_edit(fixture_project, tmp_path):
    project, data = fixture_project, fixture_project / "data"
    edits = [
        (
            "a person's file",
            lambda: _edit(data / "people/bo-tern.yml", "start: 2022", "start: 2022\ninterests: [Caching]"),
        ),
        (
            "a person's name (in titles)",
            lambda: _edit(data / "people/bo-tern.yml", "name: Bo Tern", "name: Bo Ternary"),
        ),
        (
            "a paper in publications.yml",
            lambda: _edit(data / "publications.yml", "Gadgets at Scale", "Gadgets at Any Scale"),
        ),
        ("a venue", lambda: _edit(data / "venues.yml", "Conference on Foo", "Conference on Fooing")),
        (
            "a news item",
            lambda: _edit(data / "news.yml", "Welcome to our new postdoc", "Welcome to our newest postdoc"),
        ),
        ("site.yml (on every page)", lambda: _edit(data / "site.yml", "title: Quill Lab", "title: Quill Group")),
        ("a new person file", lambda: (data / "people/nia-newton.yml").write_text("name: Nia Newton\ndegree: MS\n")),
        ("a deleted person file", lambda: (data / "people/eve-nox.yml").unlink()),
        (
            "a page under docs/",
            lambda: (project / "docs/news.md").write_text((project / "docs/news.md").read_text() + "\nA new line.\n"),
        ),
        (
            "a theme template",
            lambda: _edit(project / "overrides/main.html", 'content="summary"', 'content="summary_large_image"'),
        ),
        (
            "an item template (a paper's entry, kept between pages)",
            lambda: _edit(
                project / "labsite/templates/partials/publication.html",
                '<div class="lab-pub-authors">',
                '<div class="lab-pub-authors lab-edited">',
            ),
        ),
        ("the lab's own version of an item template (overrides/labsite/)", lambda: _own_person_card(project)),
    ]
    preview = Preview(project, tmp_path / "serve")
    try:
        gone: set[str] = set()
        fresh = tmp_path / "fresh-0"
        assert fresh_build(project, fresh, preview.url).returncode == 0
        assert_served_as_built(preview, fresh, gone)
        for number, (what, edit) in enumerate(edits, start=1):
            gone |= set(files_of(fresh))
            builds = preview.builds()
            edit()
            preview.wait_for_builds(builds + 1)
            fresh = tmp_path / f"fresh-{number}"
            done = fresh_build(project, fresh, preview.url)
            assert done.returncode == 0, f"after {what}:\n{done.stdout}{done.stderr}"
            assert_served_as_built(preview, fresh, gone)
        assert any("pages reused" in line for line in preview.log), "the preview never reused a page"

        # a data error is shown on the preview's pages as usual, and once fixed the site is a fresh build again
        person = data / "people/bo-tern.yml"
        good = person.read_text()
        builds = preview.builds()
        person.write_text(good.replace("degree: PhD", "degree: Phd"))
        preview.wait_for_builds(builds + 1)
        banner = preview.get("group/").decode()
        assert "The data has problems" in banner and "expected one of PhD, MS, BS, Postdoc" in banner
        assert fresh_build(project, tmp_path / "fresh-error", preview.url).returncode != 0
        builds = preview.builds()
        person.write_text(good)
        preview.wait_for_builds(builds + 1)
        fresh = tmp_path / "fresh-fixed"
        assert fresh_build(project, fresh, preview.url).returncode == 0
        assert_served_as_built(preview, fresh, gone)
    finally:
        preview.stop()


def test_a_build_cleans_its_folder_and_reuses_nothing(fixture_project):
    """`mkdocs build` never takes the preview's path: a stale file goes, no page is reused."""
    site = fixture_project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)]
    first = subprocess.run(command, cwd=fixture_project, env=_env(), capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    (site / "people" / "left-over").mkdir()
    (site / "people" / "left-over" / "index.html").write_text("stale")
    second = subprocess.run(command, cwd=fixture_project, env=_env(), capture_output=True, text=True)
    assert second.returncode == 0, second.stdout + second.stderr
    assert not (site / "people" / "left-over").exists()
    assert "reused" not in second.stdout + second.stderr
    assert "preview cache" not in second.stdout + second.stderr


def _load_hook(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / "preview.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_cache_is_off_for_builds_and_for_unverified_versions(caplog):
    import mkdocs.commands.build as mkdocs_build
    from mkdocs.structure.pages import Page

    untouched = (Page.render, mkdocs_build._build_page)
    hook = _load_hook("preview_under_test_build")
    hook.on_startup(command="build", dirty=False)
    assert not hook._CACHE.enabled and (Page.render, mkdocs_build._build_page) == untouched
    hook.on_startup(command="serve", dirty=True)
    assert not hook._CACHE.enabled and (Page.render, mkdocs_build._build_page) == untouched

    hook = _load_hook("preview_under_test_versions")
    hook.VERIFIED = {"mkdocs": "0.0."}
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.preview"):
        hook.on_startup(command="serve", dirty=False)
    assert not hook._CACHE.enabled and (Page.render, mkdocs_build._build_page) == untouched
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "WARNING",
            f"preview cache off: mkdocs {hook._version('mkdocs')} is not the verified 0.0.x; "
            "every page is rebuilt on each change",
        )
    ]


def test_the_installed_mkdocs_is_the_one_the_preview_cache_was_verified_with():
    """An upgrade of MkDocs or Material, or a changed signature of a wrapped function, fails here: the
    preview cache would otherwise turn itself off and leave only a slower `mkdocs serve` to notice."""
    hook = _load_hook("preview_under_test_mismatches")
    assert hook.mismatches() == []
    hook.SIGNATURES = {**hook.SIGNATURES, "render": ["self", "config"]}
    assert hook.mismatches() == ["MkDocs' render is not the one this hook was verified with"]


def test_an_edit_to_one_data_file_parses_that_file_alone(fixture_project):
    from labsite.read.load import ParsedFiles, load

    parsed = ParsedFiles()
    first = load(fixture_project, parsed=parsed)
    everything = parsed.reads
    assert everything == len(first.documents) > 1
    assert load(fixture_project, parsed=parsed).people == first.people and parsed.reads == everything

    person = fixture_project / "data/people/bo-tern.yml"
    person.write_text(person.read_text().replace("name: Bo Tern", "name: Bo Ternary"))
    edited = load(fixture_project, parsed=parsed)
    assert parsed.reads == everything + 1
    assert edited.people["bo-tern"].name == "Bo Ternary"
    assert edited.publications is first.publications  # the untouched file's records, as they were

    (fixture_project / "data/people/eve-nox.yml").unlink()
    assert "eve-nox" not in load(fixture_project, parsed=parsed).people
    assert all(path.exists() for path in parsed.entries)


def test_a_bad_edit_is_reported_and_its_fix_read_again(fixture_project):
    from labsite.errors import DataErrors
    from labsite.site import load_site

    person = fixture_project / "data/people/bo-tern.yml"
    good = person.read_text()
    assert load_site(fixture_project).data.people["bo-tern"].degree == "PhD"
    person.write_text(good.replace("degree: PhD", "degree: Phd"))
    with pytest.raises(DataErrors, match="expected one of PhD, MS, BS, Postdoc"):
        load_site(fixture_project)
    person.write_text(good.replace("degree: PhD", "degree: MS"))
    assert load_site(fixture_project).data.people["bo-tern"].degree == "MS"


def test_a_page_whose_html_changed_is_scanned_again():
    """The preview reuses a page's scan for active content only for the very same HTML."""
    from labsite_mkdocs.plugin import Kept

    kept = Kept()
    assert kept.active_content("people/x.md", "<p>Hello</p>") == []
    kept.rebuilt()
    assert kept.active_content("people/x.md", "<p>Hello</p>") == []
    found = kept.active_content("people/x.md", '<p>Hello<img src="x" onerror="alert(1)"></p>')
    assert found == ["an event handler onerror= on <img> (line 1)"]
