"""`labsite coa`: NSF's collaborators form (Tables 3 and 4) from the fixture lab, its .xlsx and .csv."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from services import RECORDED, Route, Services, serve

from labsite.commands.cli import main
from labsite.commands.paperwork import coa
from labsite.commands.paperwork.workbook import HEADERS, SHEET
from labsite.models.publications import Publication

AS_OF = "2026-12-04"  # 48 months back is 12/2022: fixture-three (11/2022) and fixture-four (06/2022) fall outside
RECORDING = "openalex-10.7717-peerj.4375.json"
OPENALEX_PAPER = """
  - id: state-of-oa
    title: "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles"
    doi: 10.7717/peerj.4375
    authors: [Heather Piwowar, Ada Quill, Jason Priem]
    venue: JBAR
    year: 2025
    month: 2
"""
ALUMNUS = """name: Ivo Grad
degree: PhD
start: 2015
end: 2021
affiliation: Faraway University
"""
THESIS = """
  - id: ivo-thesis
    title: A Thesis on Nothing
    authors: [Ivo Grad]
    type: thesis
    institution: Example University
    year: 2021
"""


def run(project, *args: str):
    result = CliRunner().invoke(main, ["coa", "--root", str(project), "--as-of", AS_OF, *args])
    return result


def rows_of(output: str) -> list[list[str]]:
    """The printed rows (`--dry-run`): table | code | name | organisation | optional | last active."""
    return [line.split(" | ") for line in output.splitlines() if line[:2] in ("1 ", "3 ", "4 ")]


def table(output: str, number: str) -> dict[str, list[str]]:
    return {row[2]: row for row in rows_of(output) if row[0] == number}


def test_table4_has_one_row_per_co_author_however_their_name_is_spelt(fixture_project):
    done = run(fixture_project, "--dry-run", "--offline")
    assert done.exit_code == 0, done.output
    people = table(done.output, "4")
    names = [row[2] for row in rows_of(done.output) if row[0] == "4"]
    assert len(names) == len(set(names))
    assert "Lux, Dee" in people  # printed 'Delia Lux', an alias in her file
    assert "王小明" in people and "Wang, Xiaoming" not in people  # printed both ways, one member
    assert "حسن, ليلى" in people
    assert "Quill, Ada" not in people  # the professor is not her own co-author
    assert people["Tern, Bo"][5] == "03/2024"  # his last paper with her, not his first


def test_papers_before_the_window_are_left_out_and_months_widens_it(fixture_project):
    narrow = table(run(fixture_project, "--dry-run", "--offline").output, "4")
    assert "Other, Gus" not in narrow and "Nox, Eve" not in narrow  # fixture-three is from 11/2022
    wide = table(run(fixture_project, "--dry-run", "--offline", "--months", "60").output, "4")
    assert wide["Other, Gus"][5] == "11/2022"
    assert wide["Nox, Eve"][5] == "11/2022"
    assert set(narrow) < set(wide)


def test_organisations_come_from_data_and_the_unknown_are_listed_where_to_fill_them(fixture_project):
    done = run(fixture_project, "--dry-run", "--offline")
    people = table(done.output, "4")
    assert people["Outsider, Fay"][3] == "Elsewhere Institute"  # affiliation: in authors.yml
    assert people["Tern, Bo"][3] == "Example University"  # a current member: the professor's university
    assert people["Abernethy, Amara"][3] == ""
    unknown = done.output.split("without an organisation", 1)[1]
    assert "Table 4 A: Abernethy, Amara — in data/authors.yml" in unknown
    assert "Table 4 A: Zephyrine — in data/people/zephyrine.yml" in unknown  # an alumna without affiliation
    assert "Outsider, Fay" not in unknown and "Tern, Bo" not in unknown
    assert len(unknown.strip().splitlines()) - 1 == sum(1 for row in rows_of(done.output) if not row[3])


def test_table3_names_the_phd_advisors_and_every_phd_advisee(fixture_project):
    (fixture_project / "data/people/ivo-grad.yml").write_text(ALUMNUS, encoding="utf-8")
    pubs = fixture_project / "data/publications.yml"
    pubs.write_text(pubs.read_text() + THESIS, encoding="utf-8")
    done = run(fixture_project, "--dry-run", "--offline")
    assert done.exit_code == 0, done.output
    rows = [row for row in rows_of(done.output) if row[0] == "3"]
    assert ["3", "G:", "Sage, Una", "Nowhere University", "", ""] in rows  # advisors: of the Ph.D. entry
    advisees = {row[2]: row[3] for row in rows if row[1] == "T:"}
    assert advisees == {
        "Tern, Bo": "Example University",
        "Long, Đặng Văn": "Example University",
        "Grad, Ivo": "Faraway University",  # graduated: their own affiliation
    }


def test_where_data_is_silent_openalex_names_the_institutions_on_the_paper(fixture_project, monkeypatch):
    pubs = fixture_project / "data/publications.yml"
    pubs.write_text(pubs.read_text() + OPENALEX_PAPER, encoding="utf-8")
    services = Services(routes={"/openalex/works/doi:10.7717/peerj.4375": Route(RECORDING)})
    server = serve(services)
    try:
        for key, value in services.env().items():
            monkeypatch.setenv(key, value)
        done = run(fixture_project, "--dry-run")
    finally:
        server.shutdown()
    assert done.exit_code == 0, done.output
    recorded = {
        a["raw_author_name"]: "; ".join(i["display_name"] for i in a["institutions"])
        for a in json.loads((RECORDED / RECORDING).read_text())["authorships"]
    }
    people = table(done.output, "4")
    assert people["Piwowar, Heather"][3] == recorded["Heather Piwowar"]
    assert people["Priem, Jason"][3] == recorded["Jason Priem"]
    assert people["Outsider, Fay"][3] == "Elsewhere Institute"  # data first
    asked = [path for path, _ in services.hits]
    assert asked.count("/openalex/works/doi:10.7717/peerj.4375?mailto=ada@example.org") == 1
    assert all(agent.startswith("labsite/") and "mailto:ada@example.org" in agent for _, agent in services.hits)


def test_a_failing_openalex_stops_the_run_and_writes_nothing(fixture_project, monkeypatch):
    pubs = fixture_project / "data/publications.yml"
    pubs.write_text(pubs.read_text() + OPENALEX_PAPER, encoding="utf-8")
    services = Services(routes={"/openalex/": Route(status=500)})
    server = serve(services)
    try:
        for key, value in services.env().items():
            monkeypatch.setenv(key, value)
        done = run(fixture_project, "--output", str(fixture_project / "coa.xlsx"))
    finally:
        server.shutdown()
    assert done.exit_code == 1
    assert "OpenAlex answered 500" in done.output and "No form was written" in done.output
    assert "Traceback" not in done.output
    assert not (fixture_project / "coa.xlsx").exists() and not (fixture_project / "coa.csv").exists()


def test_the_xlsx_is_laid_out_like_nsfs_template_and_holds_the_csvs_rows(fixture_project):
    out = fixture_project / "out" / "coa.xlsx"
    out.parent.mkdir()
    done = run(fixture_project, "--offline", "--output", str(out))
    assert done.exit_code == 0, done.output
    sheet = openpyxl.load_workbook(out)[SHEET]
    lines = [[c if c is not None else "" for c in row][:5] for row in sheet.iter_rows(values_only=True)]
    lines = [row + [""] * (5 - len(row)) for row in lines]
    found = list(csv.reader(io.StringIO((out.with_suffix(".csv")).read_text(encoding="utf-8"))))
    assert found[0][0] == "table"
    for number in ("1", "3", "4"):
        header = lines.index(HEADERS[int(number)])
        caption = lines[header - 1 if number == "1" else header - 3][0]
        assert caption.startswith(f"Table {number}:")
        mine = [row[1:] for row in found[1:] if row[0] == number]
        assert lines[header + 1 : header + 1 + len(mine)] == mine
        assert lines[header + 1 + len(mine)] == [""] * 5  # the table ends there
    assert [row[1:3] for row in found if row[0] == "1"] == [["", "Quill, Ada"]]
    for number in ("2", "5"):  # nothing in data for them: header only, for the professor to fill
        header = lines.index(HEADERS[int(number)])
        assert all(row == [""] * 5 for row in lines[header + 1 : header + 2])


def test_the_same_data_gives_the_same_bytes(fixture_project):
    first, second = fixture_project / "a.xlsx", fixture_project / "b.xlsx"
    assert run(fixture_project, "--offline", "--output", str(first)).exit_code == 0
    assert run(fixture_project, "--offline", "--output", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:  # no clock inside: the zip's times and the workbook's dates are fixed
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert openpyxl.load_workbook(first).properties.modified == dt.datetime(2026, 12, 4)
    assert first.with_suffix(".csv").read_text() == second.with_suffix(".csv").read_text()


def test_bad_data_writes_no_form(fixture_project):
    people = fixture_project / "data/people/bo-tern.yml"
    people.write_text(people.read_text().replace("degree: PhD", "degree: Phd"))
    done = run(fixture_project, "--offline", "--output", str(fixture_project / "coa.xlsx"))
    assert done.exit_code == 1
    assert "data/people/bo-tern.yml:3: field 'degree'" in done.output
    assert "No form was written" in done.output
    assert not (fixture_project / "coa.xlsx").exists()


@pytest.mark.parametrize(
    ("year", "month", "inside"),
    [(2022, 12, True), (2022, 11, False), (2022, None, True), (2021, None, False), (2026, 12, True), (2027, 1, False)],
)
def test_the_window_counts_a_paper_without_a_month_as_of_its_years_end(year, month, inside):
    pub = Publication(id="p", title="T", authors=["A"], type="preprint", year=year, month=month)
    day = dt.date(2026, 12, 4)
    assert coa.in_window(pub, coa.months_before(day, 48), day) is inside


def test_the_fixture_lab_is_unchanged_by_a_run(fixture_project):
    before = {p.name: p.read_bytes() for p in (fixture_project / "data").rglob("*.yml")}
    run(fixture_project, "--offline", "--output", str(fixture_project / "coa.xlsx"))
    assert {p.name: p.read_bytes() for p in (fixture_project / "data").rglob("*.yml")} == before
