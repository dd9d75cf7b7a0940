"""`python -m labsite new-member` makes a file that passes the check and shows up on the site."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from sitebuild import FIXTURE_DATA, build, check

from labsite.commands import scaffold
from labsite.commands.cli import main
from labsite.commands.scaffold import person_id

HEADER = "# yaml-language-server: $schema=../../schemas/person.schema.json"


def new_member(project, *args: str) -> subprocess.CompletedProcess:
    """The command as a student runs it, but without a terminal (stdin closed), as in CI."""
    return subprocess.run(
        [sys.executable, "-m", "labsite", "new-member", *args],
        cwd=project,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_ids_are_the_name_transliterated_to_plain_ascii():
    assert person_id("Jane Doe") == "jane-doe"
    assert person_id("José María Núñez") == "jose-maria-nunez"
    assert person_id("Zoë  O'Brien-Łukasz") == "zoe-o-brien-lukasz"
    assert person_id("Mei Lin (May) Chan") == "mei-lin-chan"
    assert person_id("Søren Ødegård") == "soren-odegard"
    assert person_id("Đặng Văn Long") == "dang-van-long"
    assert person_id("Nguyễn Thị Minh Khai") == "nguyen-thi-minh-khai"
    assert person_id("Иван Петров") == "ivan-petrov"
    assert person_id("张三") == "zhang-san"  # one word per syllable, as the name is read
    assert person_id("김민준") == "gim-min-jun"


def test_symbols_are_not_spelt_out_and_a_name_of_symbols_gives_no_id():
    assert person_id("😀 Jo") == "jo"  # not 'grinning-jo'
    assert person_id("☃") == ""
    assert person_id("---") == ""


def test_new_member_file_passes_the_check_and_appears_on_the_group_and_person_pages(fixture_project):
    done = new_member(
        fixture_project, "--name", "Jane Doe", "--degree", "PhD", "--start", "2025", "--co-advisor", "Cy Press"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().endswith(
        "Created data/people/jane-doe.yml — preview with `make serve`, page at /people/jane-doe/"
    )
    lines = (fixture_project / "data/people/jane-doe.yml").read_text().splitlines()
    assert lines == [HEADER, "name: Jane Doe", "degree: PhD", "start: 2025", "co_advisors: [Cy Press]"]
    assert check(fixture_project).returncode == 0

    result = build(fixture_project)
    assert result.returncode == 0, result.log
    assert result.content("group/").select_one("li#person-jane-doe") is not None
    assert (result.site / "people/jane-doe/index.html").exists()


def test_a_file_with_only_plain_fields_is_written_one_key_per_line(fixture_project):
    done = new_member(fixture_project, "--name", "Jane Doe", "--degree", "PhD", "--start", "2025")
    assert done.returncode == 0, done.stderr
    lines = (fixture_project / "data/people/jane-doe.yml").read_text().splitlines()
    assert lines[1:] == ["name: Jane Doe", "degree: PhD", "start: 2025"]


def test_new_member_refuses_to_overwrite_an_existing_file(fixture_project):
    before = (fixture_project / "data/people/bo-tern.yml").read_text()
    done = new_member(fixture_project, "--name", "Bo Tern", "--degree", "MS")
    assert done.returncode == 1
    assert "data/people/bo-tern.yml already exists" in done.stderr
    assert (fixture_project / "data/people/bo-tern.yml").read_text() == before


def test_without_a_terminal_a_missing_option_is_a_usage_error(fixture_project):
    done = new_member(fixture_project, "--degree", "PhD")
    assert done.returncode == 2
    assert "missing --name (no terminal to ask on)" in done.stderr
    assert "Usage:" in done.stderr
    assert sorted(p.name for p in (fixture_project / "data/people").iterdir()) == sorted(
        p.name for p in (FIXTURE_DATA / "people").iterdir()
    )


def test_at_a_terminal_missing_answers_are_asked_for(fixture_project, monkeypatch):
    monkeypatch.setattr(scaffold, "_interactive", lambda: True)
    answers = "Zoë Quinn\nphd\nlast year\n2024\nCy Press, Al Bee\n\n"
    done = CliRunner().invoke(main, ["new-member", "--root", str(fixture_project)], input=answers)
    assert done.exit_code == 0, done.output
    assert "Error: enter a year like 2025, or nothing" in done.output
    lines = (fixture_project / "data/people/zoe-quinn.yml").read_text().splitlines()
    assert lines == [HEADER, "name: Zoë Quinn", "degree: PhD", "start: 2024", "co_advisors: [Cy Press, Al Bee]"]


def test_a_value_the_check_refuses_leaves_no_file_behind(fixture_project):
    done = new_member(fixture_project, "--name", "Jane Doe", "--degree", "MS", "--email", "jane at example")
    assert done.returncode == 1
    assert "data/people/jane-doe.yml:4: field 'email': expected an e-mail address like name@example.org" in done.stdout
    assert "data/people/jane-doe.yml was not created" in done.stderr
    assert not (fixture_project / "data/people/jane-doe.yml").exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Søren Ødegård", "soren-odegard"), ("Đỗ Đức Anh", "do-duc-anh"), ("张三", "zhang-san")],
)
def test_a_name_beyond_ascii_gets_a_transliterated_id_and_is_told_about_id(fixture_project, name, expected):
    done = new_member(fixture_project, "--name", name, "--degree", "MS")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"name: {name}" in (fixture_project / f"data/people/{expected}.yml").read_text(encoding="utf-8")
    assert f"The id {expected!r} is the name transliterated" in done.stdout and "--id" in done.stdout
    assert done.stdout.strip().endswith(f"page at /people/{expected}/")


def test_an_explicit_id_wins_over_the_transliteration(fixture_project):
    done = new_member(fixture_project, "--name", "张三", "--degree", "MS", "--id", "san-zhang")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "name: 张三" in (fixture_project / "data/people/san-zhang.yml").read_text(encoding="utf-8")
    assert not (fixture_project / "data/people/zhang-san.yml").exists()
    assert "transliterated" not in done.stdout

    result = build(fixture_project)
    assert result.returncode == 0, result.log
    assert result.content("people/san-zhang/").find(string=lambda s: "张三" in s) is not None


def test_a_name_that_spells_no_id_asks_for_one_and_writes_nothing(fixture_project):
    before = sorted(p.name for p in (fixture_project / "data/people").iterdir())
    done = new_member(fixture_project, "--name", "☃ ☃", "--degree", "MS")
    assert done.returncode == 2
    assert "no id can be made from the name '☃ ☃'" in done.stderr and "pass one with --id" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in (fixture_project / "data/people").iterdir()) == before


def test_an_id_that_is_not_a_file_name_is_refused(fixture_project):
    done = new_member(fixture_project, "--name", "Jo", "--degree", "MS", "--id", "Jo Doe")
    assert done.returncode == 2
    assert "'Jo Doe' cannot be an id: pass --id with lowercase letters, digits and single hyphens" in done.stderr


def test_a_new_member_claiming_the_professors_name_leaves_no_file(fixture_project):
    done = new_member(fixture_project, "--name", "Ada Quill", "--degree", "MS", "--id", "ada")
    assert done.returncode == 1
    assert "data/people/ada.yml:2: field 'name': 'Ada Quill' is already the professor's name" in done.stdout
    assert not (fixture_project / "data/people/ada.yml").exists()
