"""The real-site tests hold for data they have never seen: the lab's ordinary edits keep CI green.

A copy of the project gets the edits a lab makes in a week, written into the YAML text the way a
person would (positions come from PyYAML's composer, so comments and layout stay as they were); then
the modules that test the real site run in a fresh pytest against that copy (LABSITE_TEST_ROOT).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import REAL_ROOT, ROOT, copy_project

from labsite.site import load_site

pytestmark = pytest.mark.slow

REAL_SITE_MODULES = [
    "tests/test_real_site.py",
    "tests/test_bibtex.py",
    "tests/test_schemas.py",
    "tests/test_fixture_lab.py",
    "tests/test_linked_data.py",
    "tests/test_feeds.py",
    "tests/test_jsonld.py",
    "tests/test_site_url.py",
    "tests/test_descriptions_and_scholar.py",
    "tests/test_citation_keys.py",
    "tests/test_tex_clients.py",
    "tests/test_html_validity.py",
    "tests/test_build_safety.py",
]
"""Every module that reads the real data/ or the real build (they all go through sitebuild.REAL_ROOT)."""

TODAY = dt.date.today()


# --- YAML-aware text edits ----------------------------------------------------------------------
def node_at(text: str, *path: str | int) -> yaml.Node:
    """The node of `text` at a path of mapping keys and sequence indexes."""
    node = yaml.compose(text)
    for step in path:
        node = node.value[step] if isinstance(step, int) else next(v for k, v in node.value if k.value == step)
    return node


def replace_value(text: str, node: yaml.Node, new: str) -> str:
    return text[: node.start_mark.index] + new + text[node.end_mark.index :]


def insert_lines(text: str, line: int, new: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    return "".join(lines[:line] + [n + "\n" for n in new] + lines[line:])


def item_lines(seq: yaml.SequenceNode, index: int) -> tuple[int, int]:
    """First and past-the-last line of a block sequence's item (its '- ' line onwards)."""
    items = seq.value
    end = items[index + 1].start_mark.line if index + 1 < len(items) else seq.end_mark.line
    if index + 1 == len(items) and seq.end_mark.column:
        end += 1
    return items[index].start_mark.line, end


def prepend_item(text: str, key: str, fields: dict[str, object]) -> str:
    """A new first item of the top-level list `key`, indented like the first existing one."""
    items = node_at(text, key).value
    first = items[0]
    indent = " " * (first.start_mark.column - 2)
    spaced = len(items) > 1 and not text.splitlines()[items[1].start_mark.line - 1].strip()
    lines = [
        f"{indent}{'- ' if n == 0 else '  '}{k}: {json.dumps(v, ensure_ascii=False)}"
        for n, (k, v) in enumerate(fields.items())
    ]
    return insert_lines(text, first.start_mark.line, [*lines, ""] if spaced else lines)


def add_keys_after(text: str, after: str, fields: dict[str, object]) -> str:
    """Top-level keys inserted after the line of key `after` (at the end if it is absent)."""
    keys = [k.value for k, _ in yaml.compose(text).value]
    line = node_at(text, after).end_mark.line + 1 if after in keys else len(text.splitlines())
    return insert_lines(text, line, [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()])


# --- the week's edits ---------------------------------------------------------------------------
def edit_like_a_lab(project: Path) -> dict[str, str]:
    """Apply the seven ordinary edits to `project/data`; return what each one changed, to check."""
    data = project / "data"
    site = load_site(project)
    members = sorted(site.data.people.items())
    done: dict[str, str] = {}

    # 1. a new paper by two members and an outside author, at the top of the file
    pubs = data / "publications.yml"
    newest = site.publications[0]
    paper = {
        "id": "ordinary-edit-new-paper",
        "title": "A Paper Added in an Ordinary Week",
        "authors": [members[0][1].name, members[-1][1].name, "Quentin Outsider-Smith"],
        "venue": newest.venue,
        "type": None if newest.venue else "preprint",
        "year": TODAY.year,
        "month": TODAY.month,
    }
    pubs.write_text(prepend_item(pubs.read_text(), "publications", {k: v for k, v in paper.items() if v is not None}))
    done["new paper"] = paper["id"]

    # 2. a news item added at the top, the oldest one removed
    news = data / "news.yml"
    text = news.read_text()
    oldest = min(range(len(site.data.news)), key=lambda n: (site.data.news[n].date, -n))
    start, end = item_lines(node_at(text, "news"), oldest)
    text = "".join(text.splitlines(keepends=True)[:start] + text.splitlines(keepends=True)[end:])
    news.write_text(prepend_item(text, "news", {"date": TODAY.strftime("%Y-%m"), "text": "A *new* item this week."}))
    done["removed news"] = site.data.news[oldest].text

    # 3. a current student graduates: end year and where they are now
    student = next(pid for pid, p in members if p.end is None and p.degree != "Postdoc")
    path = data / "people" / f"{student}.yml"
    path.write_text(add_keys_after(path.read_text(), "start", {"end": TODAY.year, "now": "Engineer at Somewhere"}))
    done["graduate"] = student

    # 4. a new member, added with the scaffold as CONTRIBUTING says
    before = {p.name for p in (data / "people").glob("*.yml")}
    answers = ["--name", "Nia Newcomer", "--degree", "MS", "--start", str(TODAY.year)]
    created = subprocess.run(
        [sys.executable, "-m", "labsite", "new-member", *answers],
        cwd=project,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    (added,) = {p.name for p in (data / "people").glob("*.yml")} - before
    done["new member"] = added.removesuffix(".yml")

    # 5. a sentence of the professor's bio rewritten
    profile = data / "profile.yml"
    text = profile.read_text()
    bio = node_at(text, "bio")
    sentence = site.profile.bio.splitlines()[0].split(". ")[0]
    span = text[bio.start_mark.index : bio.end_mark.index]
    assert sentence in span
    new_sentence = "This sentence of the biography was rewritten this week"
    profile.write_text(replace_value(text, bio, span.replace(sentence, new_sentence, 1)))
    done["bio"] = new_sentence

    # 6. an old paper's title corrected
    text = pubs.read_text()
    oldest_paper = site.publications[-1]
    index = [p.id for p in load_site(project).data.publications].index(oldest_paper.id)
    corrected = oldest_paper.title.rstrip(".") + " (Corrected Title)"
    pubs.write_text(replace_value(text, node_at(text, "publications", index, "title"), json.dumps(corrected)))
    done["title"] = corrected
    return done


def test_ordinary_edits_change_the_data_as_a_person_would(tmp_path):
    project = copy_project(tmp_path / "edited", root=REAL_ROOT)
    before = load_site(project)
    done = edit_like_a_lab(project)
    after = load_site(project)
    assert after.publications[0].id == done["new paper"]
    assert len(after.data.publications) == len(before.data.publications) + 1
    assert len(after.data.news) == len(before.data.news)
    assert done["removed news"] not in [n.text for n in after.data.news]
    assert after.data.people[done["graduate"]].end == TODAY.year
    assert done["new member"] in after.data.people and done["new member"] not in before.data.people
    assert after.profile.bio.startswith(done["bio"])
    assert done["title"] in [p.title for p in after.data.publications]
    # only the edited lines changed: every comment of the original files is still there
    for path in (REAL_ROOT / "data").rglob("*.yml"):
        for line in path.read_text().splitlines():
            if line.lstrip().startswith("#"):
                assert line in (project / "data" / path.relative_to(REAL_ROOT / "data")).read_text()


def test_real_site_tests_pass_on_a_copy_after_a_week_of_ordinary_edits(tmp_path):
    project = copy_project(tmp_path / "edited", root=REAL_ROOT)
    edit_like_a_lab(project)
    env = {**os.environ, "LABSITE_TEST_ROOT": str(project), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "not browser and not lighthouse", *REAL_SITE_MODULES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-5000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout, done.stdout[-2000:]
