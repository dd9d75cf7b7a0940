"""Invisible characters stay out: fields refuse them by name, messages escape them, importers strip them.

Control characters (C0, C1), lone surrogates and non-characters are refused in every field; direction
controls, tabs and line separators in names, ids and one-line fields too. A double-quoted YAML value
can write any of them with an escape ("\\u202e", "\\x85"), so the model, not the YAML parser, is
where they are caught, with file, line and field.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import FIXTURE_DATA

from labsite import characters
from labsite.check import load_checked
from labsite.commands import report
from labsite.commands.merge import Merger
from labsite.commands.sources import Author, Work
from labsite.errors import DataError, DataErrors, DataWarning, one_line, shown

RLO = "\u202e"


@pytest.fixture
def lab(tmp_path: Path) -> Path:
    """A copy of the fixture lab's data, to break."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path


def labsite(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "labsite", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


def errors_of(root: Path) -> list[DataError]:
    with pytest.raises(DataErrors) as raised:
        load_checked(root)
    return raised.value.errors


# --- the models --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("escape", "field", "named"),
    [
        ("\\u202e", "name", "a direction control character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\\x85", "name", "a control character U+0085"),
        ("\\u2066", "now", "a direction control character U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("\\x1b", "now", "a control character U+001B"),
        ("\\t", "now", "a tab character U+0009"),
        ("\\u2028", "now", "a line separator character U+2028 (LINE SEPARATOR)"),
        ("\\ufdd0", "bio", "a Unicode non-character U+FDD0"),
        ("\\U0010FFFF", "bio", "a Unicode non-character U+10FFFF"),
        ("\\x85", "bio", "a control character U+0085"),
        ("\\r", "bio", "a control character U+000D"),
    ],
)
def test_a_character_written_as_a_yaml_escape_is_refused_by_name_with_its_line_and_field(lab, escape, field, named):
    lines = ["name: Bo Tern", "degree: PhD", "now: Somewhere", "bio: A bio."]
    at = next(n for n, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[at] = f'{field}: "Bo{escape}Tern"'
    (lab / "data/people/bo-tern.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    [error] = errors_of(lab)
    assert (error.file, error.line, error.field) == ("data/people/bo-tern.yml", at + 1, field)
    assert f"got {named} at character 3" in error.message
    assert "retype" in error.hint
    assert not characters.found(characters.NOT_IN_MESSAGES, str(error))


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_a_line_break_yaml_sees_but_an_editor_hides_is_refused_on_its_line(lab, char):
    (lab / "data/people/bo-tern.yml").write_text(f"# a comment\nname: Bo{char}Tern\ndegree: PhD\n", encoding="utf-8")
    [error] = errors_of(lab)
    assert error.line == 2 and f"U+{ord(char):04X}" in error.message and "line break" in error.message
    assert char not in str(error)


def test_markdown_keeps_tabs_newlines_and_direction_marks_for_right_to_left_prose(lab):
    bio = "\u05e9\u05dc\u05d5\u05dd\u200f (Hebrew) \u2067x\u2069\n\n\tindented"
    person = {"name": "Bo Tern", "degree": "PhD", "bio": bio}
    (lab / "data/people/bo-tern.yml").write_text(yaml.safe_dump(person, allow_unicode=True), encoding="utf-8")
    assert load_checked(lab).people["bo-tern"].bio == bio


def test_a_lone_surrogate_escape_is_a_yaml_error_on_its_line(lab):
    (lab / "data/people/bo-tern.yml").write_text('name: Bo Tern\ndegree: PhD\nnow: "x\\ud800y"\n', encoding="utf-8")
    [error] = errors_of(lab)
    assert error.line == 3 and "writes no character" in error.message


@pytest.mark.parametrize(
    "email",
    ["bo@example.org?cc=eve@example.org", "bo@example.org&bcc=eve@example.org", "bo%40x@example.org", "bo,eve@x.org"],
)
def test_an_email_with_mailto_parameters_is_refused_with_a_hint(lab, email):
    person = {"name": "Bo Tern", "degree": "PhD", "email": email}
    (lab / "data/people/bo-tern.yml").write_text(yaml.safe_dump(person), encoding="utf-8")
    [error] = errors_of(lab)
    assert error.field == "email" and "recipients" in error.hint


@pytest.mark.parametrize(
    "url", ["mailto:bo@example.org?cc=eve@example.org", "mailto:bo@example.org&bcc=x@y.org", "mailto:a@b.org,c@d.org"]
)
def test_a_mailto_link_with_parameters_is_refused(lab, url):
    person = {"name": "Bo Tern", "degree": "PhD", "links": [{"label": "Mail", "url": url}]}
    (lab / "data/people/bo-tern.yml").write_text(yaml.safe_dump(person), encoding="utf-8")
    [error] = errors_of(lab)
    assert error.field == "links[0].url"


# --- an end year still to come -------------------------------------------------------------------
def write_end(lab: Path, end: int) -> None:
    person = {"name": "Bo Tern", "degree": "PhD", "start": end - 5, "end": end}
    (lab / "data/people/bo-tern.yml").write_text(yaml.safe_dump(person, sort_keys=False), encoding="utf-8")


def test_an_end_year_after_the_current_year_is_a_warning_with_a_hint_that_strict_refuses(lab):
    next_year = dt.date.today().year + 1
    write_end(lab, next_year)
    [warning] = load_checked(lab).warnings
    assert isinstance(warning, DataWarning)
    assert (warning.file, warning.field, warning.line) == ("data/people/bo-tern.yml", "end", 4)
    assert str(next_year) in warning.message and "alumni" in warning.message
    assert "expected graduation belongs in no field" in warning.hint
    assert labsite(lab, "check", "--strict").returncode == 1
    assert labsite(lab, "check").returncode == 0


def test_the_current_year_is_the_builds_date_when_source_date_epoch_sets_it(lab):
    next_year = dt.date.today().year + 1
    write_end(lab, next_year)
    then = int(dt.datetime(next_year, 6, 1, tzinfo=dt.UTC).timestamp())
    assert labsite(lab, "check", "--strict", SOURCE_DATE_EPOCH=str(then)).returncode == 0


def test_the_strict_build_refuses_an_end_year_still_to_come_and_a_plain_build_shows_it(fixture_project):
    from sitebuild import build

    write_end(fixture_project, dt.date.today().year + 1)
    where = "data/people/bo-tern.yml:4: field 'end'"
    strict = build(fixture_project)
    assert strict.returncode == 1 and where in strict.log and "Traceback" not in strict.log
    lenient = build(fixture_project, strict=False)
    assert lenient.returncode == 0 and where in lenient.log


def test_an_end_year_of_this_year_is_no_warning(lab):
    write_end(lab, dt.date.today().year)
    assert not load_checked(lab).warnings


# --- messages ----------------------------------------------------------------------------------
@pytest.mark.parametrize("char", ["\n", "\r", "\x1b", "\x85", "\x9b", RLO, "\u2066", "\u061c", "\u2028", "\ufffe"])
def test_messages_escape_control_and_direction_characters(char):
    error = DataError(f"data/people/a{char}b.yml", 3, f"x{char}", f"got {char}", f"hint {char}")
    for text in (str(error), report.annotation(error), one_line(f"a{char}b"), shown(f"a{char}b")):
        assert char not in text, text
        assert char.encode("unicode_escape").decode() in text, text


def test_a_file_named_with_a_direction_control_is_shown_escaped_in_the_check_and_its_annotations(lab):
    people = lab / "data/people"
    (people / "bo-tern.yml").rename(people / f"bo-tern{RLO}lmy.yml")
    done = labsite(lab, "check", GITHUB_ACTIONS="true")
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert RLO not in output
    assert "data/people/bo-tern\\u202elmy.yml:" in done.stdout
    assert "::error file=data/people/bo-tern\\u202elmy.yml," in done.stdout


# --- importers ----------------------------------------------------------------------------------
BIB = """@inproceedings{hidden,
  title = {Zorbles\u202e Reversed{\x85} and {{ 7*7 }} \\{\\{ config \\}\\} \\{\\% raw \\%\\}},
  author = {Quill, Ada\u200f and M\x1bller, J\u00f6rg},
  booktitle = {Symposium on Nothing (SON)\u2066},
  year = {2025},
}
"""


def test_import_bib_strips_hidden_characters_says_so_and_keeps_jinja_as_text(tmp_path):
    from sitebuild import copy_project

    project = copy_project(tmp_path / "project", FIXTURE_DATA)
    bib = project / "hidden.bib"
    bib.write_text(BIB, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "labsite", "import-bib", str(bib)], cwd=project, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "imported without" in done.stdout and "U+202E" in done.stdout and "U+001B" in done.stdout
    assert not characters.found(characters.NOT_IN_MESSAGES, done.stdout.replace("\n", ""))
    records = yaml.safe_load((project / "data/publications.yml").read_text(encoding="utf-8"))["publications"]
    [added] = [r for r in records if r["title"].startswith("Zorbles")]
    # BibTeX's braces group (the importer drops them) and `%` starts a comment unless escaped: the
    # rest is text, written as it came, never evaluated.
    assert added["title"] == "Zorbles Reversed and 7*7 config % raw %"
    assert added["authors"] == ["Ada Quill", "Jörg Mller"]
    assert not characters.found(characters.NOT_IN_ONE_LINE, added["title"] + "".join(added["authors"]))
    load_checked(project)  # what was written checks


def test_the_merge_strips_hidden_characters_from_found_works_and_notes_them():
    data = load_checked(FIXTURE_DATA.parent)
    work = Work(
        title=f"Hidden{RLO} Title {{{{ config }}}}",
        authors=[Author(f"Ada{RLO} Quill"), Author("Eve\x85 Nox")],
        year=2025,
        source="Crossref",
        doi="10.5555/hidden",
        abstract="An abstract\u200f with a mark\x07.",
        kind="preprint",
    )
    plan = Merger(data, update=False).plan([work])
    [record] = plan.added
    assert record["title"] == "Hidden Title {{ config }}"
    assert record["authors"][0] == "Ada Quill" and record["authors"][1] == "Eve Nox"
    assert record["abstract"] == "An abstract\u200f with a mark."  # a direction mark is prose in Markdown
    [note] = [p for p in plan.problems if "removed" in p]
    assert "U+202E" in note and "U+0085" in note and "U+0007" in note
