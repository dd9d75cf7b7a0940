"""One person, one set of spellings: no file may claim the professor's name or another member's.

An alias decides whose papers a page lists and whose name is emphasised on every author list, so a
claim on someone else's name is refused by the check and by the build, on the line that makes it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import build, check

from labsite.check import load_checked
from labsite.errors import DataErrors
from labsite.names import name_key


def problems(project: Path) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_checked(project)
    return [str(e) for e in raised.value.errors]


def add_person(project: Path, file_id: str, text: str) -> Path:
    path = project / f"data/people/{file_id}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_alias_claiming_the_professor_is_refused_on_the_new_file(fixture_project):
    add_person(fixture_project, "new-student", "name: New Student\ndegree: PhD\naliases: [Ada Quill]\n")
    assert problems(fixture_project) == [
        "data/people/new-student.yml:3: field 'aliases[0]': 'Ada Quill' is already the professor's name in"
        " data/profile.yml (hint: the professor's spellings belong to data/profile.yml alone: remove it here)"
    ]


@pytest.mark.parametrize(
    "claim",
    [
        "ADA  QUILL",  # case and spacing
        "Ada Quill.",  # punctuation
        "Áda Qúill",  # accents
        "Ａｄａ Ｑｕｉｌｌ",  # fullwidth letters (NFKC)
        "Ada Quil\u200bl",  # an invisible character
        "Аda Quill",  # a Cyrillic А
    ],
)
def test_a_spelling_that_reads_as_the_professors_name_is_refused(fixture_project, claim):
    assert name_key(claim) == name_key("Ada Quill")
    add_person(fixture_project, "new-student", f"name: New Student\ndegree: PhD\naliases: ['{claim}']\n")
    assert problems(fixture_project) == [
        f"data/people/new-student.yml:3: field 'aliases[0]': {claim!r} is 'Ada Quill', the professor's name in"
        " data/profile.yml, written differently"
        " (hint: the professor's spellings belong to data/profile.yml alone: remove it here)"
    ]


def test_a_new_file_named_as_the_professor_is_refused_there_and_not_in_the_profile(fixture_project):
    add_person(fixture_project, "ada-quill", "degree: PhD\nname: Ada Quill\n")
    found = problems(fixture_project)
    assert found == [
        "data/people/ada-quill.yml:2: field 'name': 'Ada Quill' is already the professor's name in data/profile.yml"
        " (hint: the professor's spellings belong to data/profile.yml alone: remove it here)"
    ]


def test_an_alias_claiming_another_members_name_is_refused_on_the_alias(fixture_project):
    path = fixture_project / "data/people/eve-nox.yml"
    path.write_text(path.read_text() + "aliases: [Eve N., bo tern]\n")
    line = len(path.read_text().splitlines())
    assert problems(fixture_project) == [
        f"data/people/eve-nox.yml:{line}: field 'aliases[1]': 'bo tern' is 'Bo Tern', the name in"
        " data/people/bo-tern.yml, written differently"
        " (hint: remove it: every paper with that author would be counted as this person's)"
    ]


def test_two_people_with_one_name_after_normalisation_are_one_person_twice(fixture_project):
    add_person(fixture_project, "bo-tern-2", "name: 'Bó  TERN'\ndegree: MS\n")
    hint = "(hint: one person, one file: merge the two; two people: tell them apart, e.g. with a middle initial)"
    assert problems(fixture_project) == [
        f"data/people/bo-tern-2.yml:1: field 'name': 'Bó  TERN' is 'Bo Tern', the name in data/people/bo-tern.yml,"
        f" written differently {hint}",
        f"data/people/bo-tern.yml:2: field 'name': 'Bo Tern' is 'Bó  TERN', the name in data/people/bo-tern-2.yml,"
        f" written differently {hint}",
    ]


def test_two_members_sharing_an_alias_are_both_told(fixture_project):
    for person in ("bo-tern", "eve-nox"):
        path = fixture_project / f"data/people/{person}.yml"
        path.write_text(path.read_text() + "aliases: [B. E. Team]\n")
    found = problems(fixture_project)
    assert [p.split(":")[0] for p in found] == ["data/people/bo-tern.yml", "data/people/eve-nox.yml"]
    assert "'B. E. Team' is already an alias in data/people/eve-nox.yml" in found[0]
    assert "'B. E. Team' is already an alias in data/people/bo-tern.yml" in found[1]


def test_own_alias_equal_to_own_name_is_harmless(fixture_project):
    path = fixture_project / "data/people/bo-tern.yml"
    path.write_text(path.read_text() + "aliases: [BO TERN, Bo Tern]\n")
    assert "bo-tern" in load_checked(fixture_project).people


def test_a_claim_on_the_professor_stops_the_check_and_the_build_and_publishes_nothing(fixture_project):
    add_person(fixture_project, "new-student", "name: New Student\ndegree: PhD\naliases: [Ada Quill]\n")
    done = check(fixture_project)
    assert done.returncode == 1
    assert "data/people/new-student.yml:3: field 'aliases[0]': 'Ada Quill' is already" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    result = build(fixture_project)
    assert result.returncode == 1
    assert "data/people/new-student.yml:3: field 'aliases[0]'" in result.log
    assert "Traceback" not in result.log
    assert not (result.site / "index.html").exists()
    assert not (result.site / "people/new-student").exists()


# --- an alias may not be a declared outside co-author ---------------------------------------------
def declare_outside(project: Path, text: str) -> None:
    (project / "data/authors.yml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("alias", ["Gus Other", "GUS  other."])
def test_an_alias_naming_a_declared_outside_author_is_refused_on_the_alias(fixture_project, alias):
    declare_outside(fixture_project, "authors:\n  - name: Fay Outsider\n  - name: Gus Other\n    aliases: [G. Other]\n")
    add_person(fixture_project, "new-student", f"name: New Student\ndegree: PhD\naliases: ['{alias}']\n")
    written = "" if alias == "Gus Other" else " ('Gus Other')"
    assert problems(fixture_project) == [
        f"data/people/new-student.yml:3: field 'aliases[0]': {alias!r} is an outside co-author{written} in"
        " data/authors.yml, line 3 (hint: remove it: every paper of that outside author would be counted as"
        " this person's (if they are one person who joined the group, remove them from data/authors.yml))"
    ]


def test_a_professors_alias_equal_to_an_outside_authors_alias_is_refused(fixture_project):
    declare_outside(fixture_project, "authors:\n  - name: Gus Other\n    aliases: [G. Other]\n")
    profile = fixture_project / "data/profile.yml"
    text = profile.read_text(encoding="utf-8")
    assert "\naliases:" not in text
    profile.write_text(text + "aliases: [G. Other]\n", encoding="utf-8")
    line = len(profile.read_text(encoding="utf-8").splitlines())
    found = problems(fixture_project)
    assert found[0].startswith(
        f"data/profile.yml:{line}: field 'aliases[0]': 'G. Other' is an outside co-author in data/authors.yml, line 3"
    )


def test_a_member_named_as_a_declared_outside_author_is_told_to_remove_the_outside_entry(fixture_project):
    declare_outside(fixture_project, "authors:\n  - name: Gus Other\n")
    add_person(fixture_project, "gus-other", "name: Gus Other\ndegree: PhD\n")
    found = problems(fixture_project)
    assert len(found) == 1
    assert found[0].startswith("data/people/gus-other.yml:1: field 'name': 'Gus Other' is an outside co-author")
    assert "if this person joined the group, remove their entry from data/authors.yml" in found[0]


def test_an_alias_naming_an_outside_author_stops_the_check_with_its_line(fixture_project):
    add_person(fixture_project, "new-student", "name: New Student\ndegree: PhD\naliases: [Gus Other]\n")
    done = check(fixture_project)
    assert done.returncode == 1
    assert "data/people/new-student.yml:3: field 'aliases[0]': 'Gus Other' is an outside co-author" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


# --- names that display as another person's (Unicode confusables) -----------------------------------
# Confusable means equal skeletons as UTS #39 (Unicode Security Mechanisms), section 4 "Confusable
# Detection" defines them, computed by ICU's SpoofChecker from Unicode's confusables.txt.
HINT_ALIKE = (
    "(hint: write the name in the letters the person uses; two people: tell them apart so they read"
    " differently, e.g. with a middle initial (the other spelling is in data/{other}))"
)


@pytest.mark.parametrize(
    ("claim", "character"),
    [
        ("Bo Tem", "U+006D LATIN SMALL LETTER M"),  # 'm' reads as 'rn'
        ("B\u0585 Tern", "U+0585 ARMENIAN SMALL LETTER OH"),
        ("Bo \ua4d4ern", "U+A4D4 LISU LETTER TA"),
    ],
)
def test_a_member_name_displaying_as_another_members_is_refused_on_both_files(fixture_project, claim, character):
    """The skeleton algorithm is UTS #39 section 4's (ICU's SpoofChecker), not a table of ours."""
    assert name_key(claim) != name_key("Bo Tern")  # not the same name once normalised: this rule's case
    add_person(fixture_project, "new-student", f"name: {claim}\ndegree: PhD\n")
    found = problems(fixture_project)
    assert len(found) == 2
    assert found[0].startswith(
        f"data/people/bo-tern.yml:2: field 'name': 'Bo Tern' displays like {claim!r}, the name in"
        " data/people/new-student.yml, but is written with other characters"
    )
    assert found[0].endswith(HINT_ALIKE.format(other="people/new-student.yml"))
    assert found[1] == (
        f"data/people/new-student.yml:1: field 'name': {claim!r} displays like 'Bo Tern', the name in"
        f" data/people/bo-tern.yml, but is written with other characters ({character}) "
        + HINT_ALIKE.format(other="people/bo-tern.yml")
    )


def test_an_alias_displaying_as_the_professors_name_is_refused_on_the_alias_only(fixture_project):
    add_person(fixture_project, "new-student", "name: New Student\ndegree: PhD\naliases: [Ada QuiII]\n")
    assert problems(fixture_project) == [
        "data/people/new-student.yml:3: field 'aliases[0]': 'Ada QuiII' displays like 'Ada Quill', the"
        " professor's name in data/profile.yml, but is written with other characters"
        " (U+0049 LATIN CAPITAL LETTER I) " + HINT_ALIKE.format(other="profile.yml")
    ]


def test_an_alias_displaying_as_a_declared_outside_author_is_refused_with_the_authors_line(fixture_project):
    declare_outside(fixture_project, "authors:\n  - name: Fay Outsider\n  - name: Gus Other\n")
    add_person(fixture_project, "new-student", "name: New Student\ndegree: PhD\naliases: [G\u057ds Other]\n")
    assert problems(fixture_project) == [
        "data/people/new-student.yml:3: field 'aliases[0]': 'G\u057ds Other' displays like 'Gus Other', an"
        " outside co-author in data/authors.yml, line 3, but is written with other characters"
        " (U+057D ARMENIAN SMALL LETTER SEH) " + HINT_ALIKE.format(other="authors.yml")
    ]


def test_spellings_that_merely_resemble_each_other_are_not_confusables(fixture_project):
    # one letter apart is the look-alike warning's business, not a confusable: they display differently
    add_person(fixture_project, "new-student", "name: Bo Terns\ndegree: PhD\naliases: [Ada Quil]\n")
    assert "new-student" in load_checked(fixture_project).people
