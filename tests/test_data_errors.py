"""Bad data gets a clear error naming file, line and field — every problem at once, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import build, check

from labsite.check import load_checked
from labsite.errors import DataErrors


def problems(project: Path) -> list[str]:
    with pytest.raises(DataErrors) as raised:
        load_checked(project)
    return [str(e) for e in raised.value.errors]


def edit(project: Path, relpath: str, old: str, new: str) -> None:
    path = project / relpath
    text = path.read_text()
    assert old in text, f"{old!r} not in {relpath}"
    path.write_text(text.replace(old, new, 1))


def line_of(project: Path, relpath: str, needle: str) -> int:
    lines = (project / relpath).read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_misspelt_degree_is_refused_with_file_line_and_choices(fixture_project):
    edit(fixture_project, "data/people/bo-tern.yml", "degree: PhD", "degree: Phd")
    line = line_of(fixture_project, "data/people/bo-tern.yml", "degree:")
    assert problems(fixture_project) == [
        f"data/people/bo-tern.yml:{line}: field 'degree': expected one of PhD, MS, BS, Postdoc — got 'Phd'"
        " (hint: values are case-sensitive)"
    ]


def test_unknown_field_is_refused_with_a_suggestion(fixture_project):
    edit(fixture_project, "data/publications.yml", "    title:", "    titel:")
    line = line_of(fixture_project, "data/publications.yml", "titel:")
    found = problems(fixture_project)
    assert (
        f"data/publications.yml:{line}: field 'publications[0].titel': unknown field (hint: did you mean 'title'?)"
        in found
    )
    assert any("field 'publications[0].title': required field is missing" in p for p in found)


def test_duplicate_key_is_refused_with_its_line(fixture_project):
    path = fixture_project / "data/people/bo-tern.yml"
    path.write_text(path.read_text() + "degree: MS\n")
    first = line_of(fixture_project, "data/people/bo-tern.yml", "degree: PhD")
    last = len(path.read_text().splitlines())
    assert problems(fixture_project) == [
        f"data/people/bo-tern.yml:{last}: field 'degree': duplicate key (first given on line {first})"
        " (hint: YAML keeps only one of them: remove or merge the other)"
    ]


def test_unsafe_link_scheme_is_refused(fixture_project):
    edit(fixture_project, "data/profile.yml", '"https://example.org/ada"', '"javascript:alert(1)"')
    line = line_of(fixture_project, "data/profile.yml", "javascript:")
    assert problems(fixture_project) == [
        f"data/profile.yml:{line}: field 'links[0].url': expected a link starting with https://, http://, mailto:"
        " or a site path like /people/ — got 'javascript:alert(1)'"
    ]


def test_markdown_link_with_unsafe_scheme_is_refused(fixture_project):
    path = fixture_project / "data/news.yml"
    path.write_text(path.read_text() + '  - date: "2020"\n    text: "[click](javascript:alert(1))"\n')
    line = len(path.read_text().splitlines())
    assert problems(fixture_project) == [
        f"data/news.yml:{line}: field 'news[3].text': expected links starting with https://, http://, mailto: or /"
        " — got 'javascript:alert(1)'"
    ]


def test_unknown_venue_reference_is_refused_with_a_suggestion(fixture_project):
    edit(fixture_project, "data/publications.yml", "venue: FOO", "venue: FOOO")
    line = line_of(fixture_project, "data/publications.yml", "venue: FOOO")
    assert problems(fixture_project) == [
        f"data/publications.yml:{line}: field 'publications[0].venue': expected a venue id from data/venues.yml"
        " — got 'FOOO' (hint: did you mean 'FOO'?)"
    ]


def test_missing_photo_file_is_refused(fixture_project):
    path = fixture_project / "data/people/eve-nox.yml"
    path.write_text(path.read_text() + "photo: images/people/eve-nox.jpg\n")
    line = len(path.read_text().splitlines())
    assert problems(fixture_project) == [
        f"data/people/eve-nox.yml:{line}: field 'photo': expected a file at docs/images/people/eve-nox.jpg"
        " — it does not exist (hint: add the image or remove 'photo')"
    ]


def test_bad_date_and_wrong_type_are_refused(fixture_project):
    edit(fixture_project, "data/news.yml", '"2023-05"', '"2023-13"')
    edit(fixture_project, "data/publications.yml", "year: 2023", 'year: "2023"')
    found = problems(fixture_project)
    assert any(
        "field 'news[0].date': expected a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. \"2024-05\" — got '2023-13'" in p
        for p in found
    ), found
    assert any(
        "field 'publications[0].year': expected a whole number — got '2023' (hint: write the number without quotes)"
        in p
        for p in found
    ), found


def test_duplicate_publication_id_is_refused(fixture_project):
    text = (fixture_project / "data/publications.yml").read_text()
    first_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("- id:"))
    second_line = [n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith("- id:")][1]
    lines = text.splitlines()
    lines[second_line - 1] = lines[second_line - 1].split("- id:")[0] + f"- id: {first_id}"
    (fixture_project / "data/publications.yml").write_text("\n".join(lines) + "\n")
    assert problems(fixture_project) == [
        f"data/publications.yml:{second_line}: field 'publications[1].id': duplicate id {first_id!r} (also item 1)"
        " (hint: ids must be unique)"
    ]


def test_yaml_syntax_error_names_the_line(fixture_project):
    path = fixture_project / "data/people/bo-tern.yml"
    path.write_text(path.read_text() + "now: Engineer: at Nowhere\n")
    line = len(path.read_text().splitlines())
    assert problems(fixture_project) == [
        f"data/people/bo-tern.yml:{line}: YAML syntax error: mapping values are not allowed in this context"
        " (hint: a value containing ': ' must be quoted)"
    ]


def test_every_problem_in_every_file_is_reported_at_once(fixture_project):
    edit(fixture_project, "data/people/bo-tern.yml", "degree: PhD", "degree: Phd")
    edit(fixture_project, "data/people/eve-nox.yml", "degree: MS", "degree: Masters")
    edit(fixture_project, "data/publications.yml", "    title:", "    titel:")
    found = problems(fixture_project)
    files = {p.split(":", 1)[0] for p in found}
    assert files == {"data/people/bo-tern.yml", "data/people/eve-nox.yml", "data/publications.yml"}


def test_broken_data_fails_the_build_with_the_message_and_no_traceback(fixture_project):
    edit(fixture_project, "data/people/bo-tern.yml", "degree: PhD", "degree: Phd")
    for strict in (True, False):
        result = build(fixture_project, strict=strict)
        assert result.returncode == 1
        assert "data/people/bo-tern.yml:" in result.log
        assert "field 'degree': expected one of PhD, MS, BS, Postdoc — got 'Phd'" in result.log
        assert "Traceback" not in result.log
        assert not (result.site / "index.html").exists()


def test_check_command_exits_non_zero_and_prints_every_problem(fixture_project):
    edit(fixture_project, "data/people/bo-tern.yml", "degree: PhD", "degree: Phd")
    edit(fixture_project, "data/people/eve-nox.yml", "degree: MS", "degree: Masters")
    result = check(fixture_project)
    assert result.returncode == 1
    assert result.stdout.count("field 'degree'") == 2
    assert "Traceback" not in result.stdout + result.stderr


def test_check_command_passes_on_valid_data(fixture_project):
    result = check(fixture_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "data/ is valid" in result.stderr


def test_in_github_actions_every_problem_is_also_an_inline_annotation(fixture_project, tmp_path):
    edit(fixture_project, "data/people/bo-tern.yml", "degree: PhD", "degree: Phd")
    line = line_of(fixture_project, "data/people/bo-tern.yml", "degree:")
    summary = tmp_path / "summary.md"
    result = check(fixture_project, extra_env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    assert (
        f"::error file=data/people/bo-tern.yml,line={line},title=Invalid field 'degree'::"
        "field 'degree': expected one of PhD, MS, BS, Postdoc — got 'Phd' (hint: values are case-sensitive)"
    ) in result.stdout.splitlines()
    assert f"| data/people/bo-tern.yml | {line} | degree |" in summary.read_text()


def test_locally_problems_print_as_plain_lines_without_annotations(fixture_project):
    edit(fixture_project, "data/people/bo-tern.yml", "degree: PhD", "degree: Phd")
    result = check(fixture_project)
    assert "::error" not in result.stdout
    assert result.stdout.startswith("data/people/bo-tern.yml:")


def test_every_command_fails_through_the_one_error_type():
    """No command prints and exits on its own: a failure is a `Refused` (or, on bad data, `DataProblems`),
    which click shows without a traceback and ends with exit 1."""
    import ast
    from pathlib import Path

    commands = Path(__file__).resolve().parent.parent / "labsite" / "commands"
    for path in commands.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "exit":
                raise AssertionError(f"{path.name}:{node.lineno}: sys.exit in a command; raise Refused instead")
