"""`labsite site-diff`: a pull request's job summary says what it changes on the built site."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import FIXTURE_DATA, ROOT, build, copy_project

from labsite.commands.sitediff import summary


def _person(data: Path, person_id: str, text: str) -> None:
    (data / "people" / f"{person_id}.yml").write_text(text, encoding="utf-8")


def _news(data: Path, first_text: str) -> None:
    (data / "news.yml").write_text(
        f'news:\n  - date: "2024-03"\n    text: {first_text}\n  - date: "2024-01"\n    text: A quiet month.\n',
        encoding="utf-8",
    )


def _add_paper(data: Path) -> None:
    path = data / "publications.yml"
    papers = yaml.safe_load(path.read_text(encoding="utf-8"))
    new = {"id": "fixture-new", "title": "A New Paper on Widgets", "authors": ["Zed New"], "type": "preprint"}
    papers["publications"].append({**new, "year": 2026})
    path.write_text(yaml.safe_dump(papers, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture lab with two more members and its own news (base), and the same lab after a pull
    request (head) that adds a member and a paper, rewrites a news item and a bio, and removes a member."""
    work = tmp_path_factory.mktemp("sitediff")
    base_data = work / "base-data"
    shutil.copytree(FIXTURE_DATA, base_data)
    _person(base_data, "ivy-gone", "name: Ivy Gone\ndegree: MS\nstart: 2024\n")
    _person(base_data, "uma-stays", "name: Uma Stays\ndegree: PhD\nstart: 2024\nbio: Works on widgets.\n")
    _news(base_data, "Old text about the lab.")

    head_data = work / "head-data"
    shutil.copytree(base_data, head_data)
    (head_data / "people" / "ivy-gone.yml").unlink()
    _person(head_data, "zed-new", "name: Zed New\ndegree: MS\nstart: 2025\n")
    _person(head_data, "uma-stays", "name: Uma Stays\ndegree: PhD\nstart: 2024\nbio: Works on gadgets.\n")
    _news(head_data, "New text about the lab.")
    _add_paper(head_data)

    sites = []
    for name, data in (("base", base_data), ("head", head_data)):
        built = build(copy_project(work / name, data))
        assert built.returncode == 0, built.log
        sites.append(built.site)
    return sites[0], sites[1]


def test_summary_names_each_added_removed_and_changed_page(two_builds):
    lines = summary(*two_builds).splitlines()
    assert lines[0] == "### What changes on the site"
    assert lines[2].startswith("2 pages added, 1 removed, ")
    assert "- `people/zed-new/`: new page, “Zed New”" in lines
    assert "- `publications/fixture-new/`: new page, “A New Paper on Widgets”" in lines
    assert "- `people/ivy-gone/`: page removed" in lines
    assert "- `group/`: 1 card added; 1 card removed" in lines
    assert "- `publications/`: 1 paper added, 2026" in lines


def test_a_changed_item_is_counted_and_shown_before_and_after(two_builds):
    lines = summary(*two_builds).splitlines()
    at = lines.index("- `news/`: 1 news item changed")
    assert lines[at + 1 : at + 5] == [
        "  ```diff",
        "  - 2024-03 Old text about the lab.",
        "  + 2024-03 New text about the lab.",
        "  ```",
    ]


def test_a_page_without_items_shows_its_changed_lines(two_builds):
    lines = summary(*two_builds).splitlines()
    at = lines.index("- `people/uma-stays/`: text changed")
    assert lines[at + 1 : at + 5] == ["  ```diff", "  - Works on widgets.", "  + Works on gadgets.", "  ```"]


def test_pages_that_say_the_same_are_not_listed(two_builds):
    text = summary(*two_builds)
    assert "`teaching/`" not in text
    assert "`people/bo-tern/`" not in text  # a co-author's page: the new paper is not theirs
    assert "`publications.bib` changed" in text.splitlines()[-1]  # files other than pages, in one line


def test_the_same_site_twice_has_nothing_to_say(two_builds):
    base, _ = two_builds
    lines = summary(base, base).splitlines()
    assert lines[2].startswith("No page says anything different (")
    assert len(lines) == 3


def test_command_prints_the_summary_and_appends_it_to_the_job_summary(two_builds, tmp_path):
    job_summary = tmp_path / "summary.md"
    job_summary.write_text("### Data check\n\nok\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "site-diff", *map(str, two_builds), "--summary", str(job_summary)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == summary(*two_builds)
    assert job_summary.read_text(encoding="utf-8") == "### Data check\n\nok\n" + done.stdout


def _site(root: Path, pages: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for url, article in pages.items():
        path = root / url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        article = f'<article class="md-content__inner md-typeset">{article}</article>'
        path.write_text(f"<html><body><nav>menu</nav>{article}</body></html>", encoding="utf-8")
    return root


def test_page_text_cannot_break_out_of_its_diff_block(tmp_path):
    """A pull request writes the text; a code fence in it must not end the block and forge summary lines."""
    base = _site(tmp_path / "base", {"about": "<h1>About</h1><p>Plain.</p>"})
    head = _site(tmp_path / "head", {"about": "<h1>About</h1><p>```</p><p>- `x/`: page removed</p>"})
    lines = summary(base, head).splitlines()
    at = lines.index("- `about/`: text changed")
    assert lines[at + 1] == "  ````diff"
    assert lines[at + 1 :][-1] == "  ````"
    assert "- `x/`: page removed" not in lines


def test_a_new_page_title_is_shown_as_text_not_markdown(tmp_path):
    base = _site(tmp_path / "base", {})
    head = _site(tmp_path / "head", {"x": "<h1>[Click](https://example.org) *now* &lt;b&gt;</h1>"})
    assert summary(base, head).splitlines()[4] == r"- `x/`: new page, “\[Click\](https://example.org) \*now\* \<b\>”"


def test_navigation_outside_the_article_is_not_a_change(tmp_path):
    base = _site(tmp_path / "base", {"": "<h1>Home</h1><p>Hello.</p>"})
    head = _site(tmp_path / "head", {"": "<h1>Home</h1><p>Hello.</p>"})
    (head / "index.html").write_text(
        (head / "index.html").read_text().replace("menu", "another menu"),
        encoding="utf-8",
    )
    assert summary(base, head).splitlines()[2].startswith("No page says anything different (1 page compared")
