"""BibTeX keys stay readable whatever script the first author's name is written in."""

from __future__ import annotations

import pytest
from sitebuild import FIXTURE_DATA, build, copy_project

from labsite.models.publications import Publication
from labsite.render import bibtex

PLANTED = """
  - id: chinese-first-author
    title: 深度学习的系统
    authors: [王小明, Ada Quill]
    venue: FOO
    year: 2024

  - id: arabic-first-author
    title: "Graphs: A Survey"
    authors: [محمد علي, Ada Quill]
    venue: FOO
    year: 2019

  - id: nordic-first-author
    title: Sparse Kernels
    authors: [Søren Ødegård, Ada Quill]
    venue: FOO
    year: 2020
"""


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(tmp_path_factory.mktemp("keys") / "project", FIXTURE_DATA)
    pubs = project / "data/publications.yml"
    pubs.write_text(pubs.read_text(encoding="utf-8") + PLANTED, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.log
    return result


@pytest.mark.parametrize(
    ("paper", "key"),
    [
        # Chinese is written family name first: the whole name is kept rather than the given name.
        ("chinese-first-author", "wangxiaoming2024shenduxuexidexitong"),
        ("arabic-first-author", "ly2019graphs"),
        ("nordic-first-author", "odegard2020sparse"),
    ],
)
def test_a_first_author_in_any_script_gives_a_transliterated_key(planted, paper, key):
    shown = planted.content(f"publications/{paper}/").select_one("#bibtex-entry pre code").get_text()
    assert shown.startswith(f"@inproceedings{{{key},")
    assert f"{{{key},\n" in (planted.site / "publications.bib").read_text(encoding="utf-8")


def test_a_name_that_leaves_no_letters_falls_back_to_the_paper_id():
    pub = Publication.model_validate(
        {"id": "no-letters", "title": "Something", "authors": ["—"], "venue": "FOO", "year": 2024}
    )
    assert bibtex.keys([pub]) == {"no-letters": "no-letters"}
