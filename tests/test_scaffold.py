"""`python -m labsite new-member` makes a file that passes the check and shows up on the site."""

from __future__ import annotations

import subprocess
import sys

from sitebuild import build

from labsite.scaffold import person_id


def new_member(project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "labsite", "new-member", *args],
        cwd=project,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )


def test_ids_are_plain_ascii_from_the_name():
    assert person_id("José María Núñez") == "jose-maria-nunez"
    assert person_id("Ying Yee (Rae) Wong") == "ying-yee-wong"


def test_new_member_file_passes_the_check_and_appears_on_the_group_and_person_pages(fixture_project):
    done = new_member(
        fixture_project, "--name", "Jane Doe", "--degree", "PhD", "--start", "2025", "--co-advisor", "Cy Press"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Created data/people/jane-doe.yml" in done.stdout
    text = (fixture_project / "data/people/jane-doe.yml").read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/person.schema.json"
    assert text.splitlines()[1:] == ["name: Jane Doe", "degree: PhD", "start: 2025", "co_advisors: [Cy Press]"]
    result = build(fixture_project)
    assert result.returncode == 0, result.log
    assert result.content("group/").select_one("li#jane-doe") is not None
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


def test_new_member_without_answers_and_no_terminal_fails_clearly(fixture_project):
    done = new_member(fixture_project, "--degree", "PhD")
    assert done.returncode != 0
    assert "name" in (done.stdout + done.stderr).lower()
    assert not list((fixture_project / "data/people").glob("*-.yml"))
