"""An author written almost like a member (a swap of two letters, ø for o) is a warning on that
author's line; `check --strict` and the strict build make it an error. The real data has none."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import ROOT, build, check

from labsite.check import load_checked
from labsite.check.rules.lookalikes import MAX_SHOWN
from labsite.derive.views import Site
from labsite.names import MAX_BUCKET, NEIGHBOURS, _groups, look_alike, near_duplicates, resembling

HINT = "someone else? list them in data/authors.yml"


def set_authors(project: Path, old: str, new: str) -> int:
    """Replace an author list in the fixture's publications; return the line it is on."""
    path = project / "data/publications.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new in line)


def add_member(project: Path, file_id: str, name: str) -> None:
    (project / f"data/people/{file_id}.yml").write_text(f"name: {name}\ndegree: PhD\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("member", "written"),
    [
        ("Marisol Oliveira", "Marisol Olievira"),  # two letters swapped
        ("Søren Ødegård", "Soren Odegard"),  # ø written o
        ("Đỗ Đức Anh", "Do Duc Anh"),  # đ written d
        ("Łukasz Wróbel", "Lukasz Wrobel"),  # ł written l
        ("Soren Odegard", "Søren Ødegård"),  # and the other way round
    ],
)
def test_an_author_one_swap_or_one_ascii_folding_from_a_member_is_a_warning_on_its_line(
    fixture_project, member, written
):
    add_member(fixture_project, "new-member", member)
    line = set_authors(fixture_project, "authors: [Ada Quill, Bo Tern]", f"authors: [Ada Quill, Bo Tern, {written}]")
    assert [str(w) for w in Site(load_checked(fixture_project)).warnings] == [
        f"data/publications.yml:{line}: field 'publications[3].authors[2]': {written!r} matches no member but looks"
        f" like {member!r} (hint: a typo? fix it; the same person? add it to 'aliases' in"
        f" data/people/new-member.yml; {HINT})"
    ]


def test_an_author_one_swap_from_the_professor_is_a_warning(fixture_project):
    line = set_authors(fixture_project, "authors: [Ada Quill, Bo Tern]", "authors: [Ada Qiull, Bo Tern]")
    warnings = Site(load_checked(fixture_project)).warnings
    assert [(w.file, w.line, w.field) for w in warnings] == [
        ("data/publications.yml", line, "publications[3].authors[0]")
    ]
    assert "'Ada Qiull' matches no member but looks like 'Ada Quill'" in warnings[0].message
    assert "add it to 'aliases' in data/profile.yml" in warnings[0].hint


def test_every_look_alike_warning_has_a_file_and_a_line(fixture_project):
    set_authors(fixture_project, "authors: [Ada Quill, Bo Tern]", "authors: [Ada Quill, Bob Tern, Fay Outsiderr]")
    warnings = Site(load_checked(fixture_project)).warnings
    # a near-miss of a member; two spellings of one outside author, each written once: both lines
    assert len(warnings) == 3
    for warning in warnings:
        assert warning.file == "data/publications.yml"
        assert warning.line > 1
        assert warning.field.startswith("publications[")


def test_a_declared_outside_author_is_not_warned_about(fixture_project):
    add_member(fixture_project, "new-member", "Marisol Oliveira")
    set_authors(fixture_project, "authors: [Ada Quill, Bo Tern]", "authors: [Ada Quill, Marisol Olievira]")
    (fixture_project / "data/authors.yml").write_text("authors:\n  - name: Marisol Olievira\n", encoding="utf-8")
    assert Site(load_checked(fixture_project)).warnings == []


def test_strict_check_and_strict_build_refuse_a_look_alike_and_plain_ones_report_it(fixture_project):
    add_member(fixture_project, "new-member", "Marisol Oliveira")
    line = set_authors(fixture_project, "authors: [Ada Quill, Bo Tern]", "authors: [Ada Quill, Marisol Olievira]")
    where = f"data/publications.yml:{line}: field 'publications[3].authors[1]'"

    plain = check(fixture_project)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert f"warning: {where}: 'Marisol Olievira' matches no member" in plain.stdout
    assert "CI runs `check --strict`, where these warnings fail: fix them before a pull request." in plain.stderr
    strict = check(fixture_project, "--strict")
    assert strict.returncode == 1
    assert where in strict.stdout and "Traceback" not in strict.stdout + strict.stderr

    annotated = check(fixture_project, "--strict", extra_env={"GITHUB_ACTIONS": "true"})
    assert f"::warning file=data/publications.yml,line={line}," in annotated.stdout

    result = build(fixture_project)
    assert result.returncode == 1
    assert where in result.log and "Traceback" not in result.log
    assert not (result.site / "index.html").exists()
    lenient = build(fixture_project, strict=False)
    assert lenient.returncode == 0 and where in lenient.log  # a preview or a plain build shows it and goes on


def test_the_real_data_gives_no_warning():
    assert Site(load_checked(ROOT)).warnings == []


# --- the look-alike search finds what comparing every pair finds ------------------------------------
_letters = st.sampled_from([*"aabeilnors", "ø", "é", "đ", "а", "'", "-"])  # а: Cyrillic
_words = st.text(_letters, min_size=1, max_size=5)
_names = st.lists(_words, min_size=1, max_size=3).map(" ".join)


def _every_pair(names: list[str], members: list[str] | None = None) -> list[tuple[str, str]]:
    """The plain definition: every pair sharing a group, compared with `look_alike`."""
    pairs = set()
    for a in set(names):
        for b in set(names) if members is None else set(members):
            shared = {*_groups(a)} & {*_groups(b)}
            if shared and (members is not None or a < b) and look_alike(a, b):
                pairs.add((a, b))
    return sorted(pairs)


@settings(max_examples=300, deadline=None)
@given(st.lists(_names, max_size=30))
def test_near_duplicates_are_the_look_alike_pairs_of_every_group(names: list[str]) -> None:
    assert near_duplicates(names) == _every_pair(names)


@settings(max_examples=300, deadline=None)
@given(st.lists(_names, max_size=20), st.lists(_names, max_size=10))
def test_resembling_pairs_are_the_look_alike_pairs_of_every_group(names: list[str], members: list[str]) -> None:
    assert resembling(names, members) == _every_pair(names, members)


# --- bounded: one warning per spelling, however many spellings look alike -----------------------------
def add_papers(project: Path, author_lists: list[list[str]]) -> None:
    """Append papers with these author lists to the fixture's publications."""
    path = project / "data/publications.yml"
    papers = "".join(
        f"\n  - id: extra-{n}\n    title: Extra paper {n}\n    authors: [{', '.join(authors)}]\n    venue: FOO\n"
        "    year: 2020\n"
        for n, authors in enumerate(author_lists)
    )
    path.write_text(path.read_text(encoding="utf-8") + papers, encoding="utf-8")


def test_hundreds_of_authors_one_letter_apart_give_one_warning_per_spelling_not_per_pair(fixture_project):
    # every pair of these looks alike (one last letter apart): 79,800 pairs, more than a bucket compares
    alike = [f"Jordan Bakerfield{chr(0x4E00 + i)}" for i in range(400)]
    assert len(alike) > MAX_BUCKET
    add_papers(fixture_project, [alike[k : k + 20] for k in range(0, len(alike), 20)])
    warnings = Site(load_checked(fixture_project)).warnings
    assert len(warnings) <= len(alike)
    assert len({w.field for w in warnings}) == len(warnings)  # no spelling is warned about twice
    warned = {w.message.split("'")[1] for w in warnings}
    assert warned == set(alike)  # each one still told what it looks like
    for warning in warnings:
        assert "look like the same person" in warning.message
        assert warning.message.count("Jordan Bakerfield") == 1 + MAX_SHOWN  # the others are counted, not listed
        assert " more look like the same person" in warning.message


def test_a_spelling_written_in_several_papers_is_one_warning_naming_its_other_places(fixture_project):
    add_papers(fixture_project, [["Ada Quill", "Fay Outsiderr"], ["Fay Outsiderr"], ["Fay Outsider"]])
    warnings = [w for w in Site(load_checked(fixture_project)).warnings if "Outsiderr" in w.message]
    # 'Fay Outsider' is written twice (fixture-one and extra-2), 'Fay Outsiderr' twice: both are pointed at
    assert [w.message.split("'")[1] for w in warnings] == ["Fay Outsider", "Fay Outsiderr"]
    lines = (fixture_project / "data/publications.yml").read_text(encoding="utf-8").splitlines()
    extra_1 = next(n for n, line in enumerate(lines, 1) if line == "  - id: extra-1")
    second = warnings[1]
    assert second.field == "publications[7].authors[1]"
    assert second.message.endswith(f"; also written in extra-1 (line {extra_1})")


def test_an_oversized_bucket_is_compared_by_neighbours_and_still_pairs_every_name():
    alike = [f"Jordan Bakerfield{chr(0x4E00 + i)}" for i in range(MAX_BUCKET * 16)]
    pairs = near_duplicates(alike)
    # each name meets its neighbours in the bucket of 'jordan bakerfield' (and the few names whose last
    # letters transliterate alike): a number of pairs that grows with the names, not their square
    assert len(pairs) <= 2 * NEIGHBOURS * len(alike) < len(alike) * (len(alike) - 1) // 2
    assert {n for pair in pairs for n in pair} == set(alike)
    assert all(look_alike(a, b) for a, b in pairs)


def test_two_spellings_authors_yml_gives_one_outside_author_are_not_warned_about(fixture_project):
    add_papers(fixture_project, [["Ada Quill", "Fay Outsiderr"]])
    assert any("Outsiderr" in w.message for w in Site(load_checked(fixture_project)).warnings)
    (fixture_project / "data/authors.yml").write_text(
        "authors:\n  - name: Gus Other\n  - name: Fay Outsider\n    aliases: [Fay Outsiderr]\n", encoding="utf-8"
    )
    assert Site(load_checked(fixture_project)).warnings == []
