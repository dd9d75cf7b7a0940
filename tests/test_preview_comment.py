"""What a student sees on their pull request: one comment linking the live preview (or saying why
there is none), the data check's result and the site diff; and the preview says what it is."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from sitebuild import FIXTURE_DATA, build, copy_project

from labsite.commands.cli import main
from labsite.commands.review.previewcomment import MARKER, comment

DIFF = "### What changes on the site\n\n- changed: `people/bo-tern/` (Bo Tern)\n"
HEAD = "0123456789abcdef0123456789abcdef01234567"


def test_the_comment_a_student_sees_links_the_preview_with_the_check_and_the_diff():
    text = comment(7, "https://lab.github.io/site-previews/pr-7/", True, HEAD, DIFF)
    assert text == (
        f"{MARKER}\n"
        "### Preview of this pull request (#7)\n"
        "\n"
        "**[Open the preview](https://lab.github.io/site-previews/pr-7/)** (built from commit `0123456789ab`;"
        " not the live site).\n"
        "\n"
        "Data check: passed.\n"
        "\n"
        "### What changes on the site\n"
        "\n"
        "- changed: `people/bo-tern/` (Bo Tern)\n"
        "\n"
        "_Updated on every push; the preview is removed when the pull request closes._\n"
    )


def test_a_failed_check_or_a_change_outside_data_gets_no_link_and_says_why():
    failed = comment(7, "https://x.example/pr-7/", False, HEAD)
    assert "No live preview: the data check failed." in failed and "https://x.example" not in failed
    assert "Data check: failed." in failed
    held = comment(7, None, True, HEAD, held="it changes 1 file(s) outside data/ and docs/images/people/ (code).")
    assert "No live preview: it changes 1 file(s) outside data/" in held
    assert "`preview-allowed` label" in held


def test_the_command_prints_the_comment_with_its_marker_first(tmp_path):
    diff = tmp_path / "diff.md"
    diff.write_text(DIFF)
    args = ["preview-comment", "--pr", "7", "--head", HEAD, "--check", "passed", "--diff", str(diff)]
    result = CliRunner().invoke(main, [*args, "--url", "https://lab.github.io/p/pr-7/"])
    assert result.exit_code == 0, result.output
    assert result.output == comment(7, "https://lab.github.io/p/pr-7/", True, HEAD, DIFF)
    assert result.output.splitlines()[0] == MARKER


@pytest.fixture(scope="module")
def preview_build(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("preview") / "project", FIXTURE_DATA)
    (project / "mkdocs.preview.yml").write_text("INHERIT: mkdocs.yml\nextra:\n  preview_of: 42\n")
    site = project / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.preview.yml", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return site


def test_every_preview_page_is_noindex_and_says_it_is_a_preview(preview_build):
    pages = sorted(preview_build.rglob("index.html"))
    assert len(pages) > 5
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex, nofollow", page
        banner = soup.select_one(".md-banner")
        assert banner.get_text(" ", strip=True) == "Preview of pull request #42, not the live site", page


def test_the_live_site_has_neither(tmp_path):
    result = build(copy_project(tmp_path / "project", FIXTURE_DATA))
    assert result.returncode == 0, result.log
    home = result.page("")
    assert home.select_one('meta[name="robots"]') is None and home.select_one(".md-banner") is None
