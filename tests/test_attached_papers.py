"""A name or alias that attaches papers to a member is shown with those papers: the core computes,
per spelling, the papers it attaches (as the site lists them), and `labsite attached-papers BASE HEAD`,
which CI writes to a pull request's summary, lists what a change's new spellings attach."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import FIXTURE_DATA

from labsite.derive.attachments import attachments, newly_attached
from labsite.derive.views import PI, Site
from labsite.read.load import load


def lab(tmp_path: Path, name: str) -> Path:
    """A copy of the fixture lab's data in `tmp_path/name/data`; the project folder is returned."""
    shutil.copytree(FIXTURE_DATA, tmp_path / name / "data")
    return tmp_path / name


def add_alias(project: Path, person_id: str, alias: str) -> None:
    path = project / f"data/people/{person_id}.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"aliases: ['{alias}']\n", encoding="utf-8")


def papers_written_by(project: Path, author: str) -> tuple[str, ...]:
    papers = yaml.safe_load((project / "data/publications.yml").read_text(encoding="utf-8"))["publications"]
    return tuple(p["id"] for p in papers if author in p["authors"])


def test_the_papers_each_spelling_attaches_are_the_papers_the_site_lists_for_its_member(tmp_path):
    project = lab(tmp_path, "lab")
    add_alias(project, "eve-nox", "E. Nox")  # a second spelling, attaching nothing
    data = load(project)
    site = Site(data)
    found = attachments(data)
    assert found[0].file == "profile.yml"
    for person_id in [PI, *data.people]:
        file = "profile.yml" if person_id == PI else f"people/{person_id}.yml"
        attached = {p for a in found if a.file == file for p in a.papers}
        assert attached == {p.id for p in site.papers_of(person_id)}
    assert next(a for a in found if a.spelling == "E. Nox").papers == ()


def test_an_alias_added_in_a_change_is_shown_with_every_paper_it_attaches(tmp_path):
    base, head = lab(tmp_path, "base"), lab(tmp_path, "head")
    add_alias(head, "bo-tern", "Gus Other")  # an outside co-author's name: the check refuses it too
    expected = papers_written_by(head, "Gus Other")
    assert expected  # the fixture lab has a paper by Gus Other
    [change] = newly_attached(load(base), load(head))
    assert (change.file, change.field, change.spelling, change.new) == (
        "people/bo-tern.yml",
        "aliases[0]",
        "Gus Other",
        True,
    )
    assert change.papers == expected


def test_a_new_member_named_as_an_outside_author_of_the_author_lists_is_shown_with_those_papers(tmp_path):
    base, head = lab(tmp_path, "base"), lab(tmp_path, "head")
    (head / "data/people/fay-outsider.yml").write_text("name: Fay Outsider\ndegree: PhD\n", encoding="utf-8")
    [change] = newly_attached(load(base), load(head))
    assert (change.file, change.field, change.new) == ("people/fay-outsider.yml", "name", True)
    assert change.papers == papers_written_by(head, "Fay Outsider")


def test_an_unchanged_lab_or_a_new_paper_by_members_attaches_nothing_new(tmp_path):
    base, head = lab(tmp_path, "base"), lab(tmp_path, "head")
    assert newly_attached(load(base), load(head)) == []
    path = head / "data/publications.yml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["publications"].append({"id": "new-one", "title": "New", "authors": ["Bo Tern"], "venue": "FOO", "year": 2025})
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert newly_attached(load(base), load(head)) == []  # the site diff shows a new paper


def test_an_existing_paper_whose_author_now_matches_a_member_is_shown(tmp_path):
    base, head = lab(tmp_path, "base"), lab(tmp_path, "head")
    path = head / "data/publications.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Gus Other", "Bo Tern", 1), encoding="utf-8")
    [change] = newly_attached(load(base), load(head))
    assert (change.file, change.spelling, change.new) == ("people/bo-tern.yml", "Bo Tern", False)
    assert change.papers == papers_written_by(base, "Gus Other")


def run_command(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "labsite", "attached-papers", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_writes_each_new_alias_and_its_papers_to_the_summary(tmp_path):
    base, head = lab(tmp_path, "base"), lab(tmp_path, "head")
    add_alias(head, "bo-tern", "Gus Other")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier steps\n", encoding="utf-8")
    done = run_command(base, head, "--summary", summary)
    assert done.returncode == 0, done.stderr
    [paper] = papers_written_by(head, "Gus Other")
    title = next(
        p["title"]
        for p in yaml.safe_load((head / "data/publications.yml").read_text(encoding="utf-8"))["publications"]
        if p["id"] == paper
    )
    assert done.stdout.splitlines()[2:] == [
        "- `data/people/bo-tern.yml` (Bo Tern): new alias `Gus Other` (`aliases[0]`) attaches 1 paper",
        f"  - `{paper}`: “{title}” (2022)",
    ]
    assert summary.read_text(encoding="utf-8") == "earlier steps\n" + done.stdout


def test_the_command_says_so_when_nothing_is_attached_and_reads_an_unreadable_base_as_empty(tmp_path):
    base, head = lab(tmp_path, "base"), lab(tmp_path, "head")
    assert "No name or alias attaches a paper it did not attach before." in run_command(base, head).stdout
    (base / "data/profile.yml").write_text("name: [\n", encoding="utf-8")
    done = run_command(base, head)
    assert done.returncode == 0
    assert "The base's data could not be read: every spelling is counted as new." in done.stdout
    assert "`data/profile.yml` (" in done.stdout


def test_the_command_refuses_a_head_that_does_not_load_without_a_traceback(tmp_path):
    base, head = lab(tmp_path, "base"), lab(tmp_path, "head")
    (head / "data/profile.yml").write_text("name: [\n", encoding="utf-8")
    done = run_command(base, head)
    assert done.returncode == 1
    assert "does not pass the data check" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("alias", "shown"),
    [
        ("`x` <b>*y*</b>", "`` `x` <b>*y*</b> ``"),  # a longer fence than the backticks inside
        ("[a](javascript:alert(1))", "`[a](javascript:alert(1))`"),
    ],
)
def test_a_spelling_is_shown_as_code_never_as_markdown_or_html(tmp_path, alias, shown):
    base, head = lab(tmp_path, "base"), lab(tmp_path, "head")
    path = head / "data/publications.yml"
    quoted = "'" + alias.replace("'", "''") + "'"
    path.write_text(path.read_text(encoding="utf-8").replace("Gus Other", quoted, 1), encoding="utf-8")
    add_alias(head, "bo-tern", alias)
    done = run_command(base, head)
    assert done.returncode == 0, done.stderr
    line = next(n for n in done.stdout.splitlines() if "new alias" in n)
    assert line == f"- `data/people/bo-tern.yml` (Bo Tern): new alias {shown} (`aliases[0]`) attaches 1 paper"
