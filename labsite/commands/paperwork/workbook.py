"""The COA rows written as NSF's Excel template lays them out, and as CSV.

Layout after NSF's COA template as its FAQ of 30 January 2023 describes it (Tables 1–5, columns A–E,
no postdoctoral rows): one sheet, 'NSF COA Template'; each table a caption, the template's header
row (its first cell the table's number) and one row per person, the code (`G:`, `T:`, `A:`) in
column A. Tables 2 and 5 (personal relationships, editorial boards) hold nothing data knows and are
left with their headers for the professor to fill in.

The same rows give the same bytes: the workbook's dates are the form's day, and every entry of
the .xlsx (a zip) carries one fixed time, so a rerun changes no file unless a row changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

SHEET = "NSF COA Template"
OPTIONAL = "Optional  (email, Department)"  # two spaces, as in NSF's template
CAPTIONS = {
    1: [
        "Table 1: List your last name, first name, middle initial, and organizational affiliation "
        "in the last 12 months."
    ],
    2: [
        "Table 2: List names as last name, first name, middle initial, for whom a personal, family, or business "
        "relationship would otherwise preclude their service as a reviewer.",
        'Select "R:" for column A to designate relationships that would otherwise preclude their service '
        "as a reviewer.",
    ],
    3: [
        "Table 3: List names as last name, first name, middle initial, and provide organizational affiliations, "
        "if known, for the following:",
        "G: The individual's Ph.D. advisors; and",
        "T: All of the individual's Ph.D. thesis advisees.",
    ],
    4: [
        "Table 4: List names as last name, first name, middle initial, and provide organizational affiliations, "
        "if known, for the following:",
        "A: Co-authors on any book, article, report, abstract or paper with collaboration in the last 48 months "
        "(publication date may be later); and",
        "C: Collaborators on projects, such as funded awards, graduate research or others in the last 48 months.",
    ],
    5: [
        "Table 5: List editorial board, editor-in chief and co-editors with whom the individual interacts. "
        "An editor-in-chief must list the entire editorial board.",
        "B: Editorial Board: List name(s) of editor-in-chief and journal in the past 24 months; and",
        "E: Other co-Editors of journal or collections with whom the individual has directly interacted in the "
        "last 24 months.",
    ],
}
HEADERS = {
    1: ["1", "Your Name:", "Your Organizational Affiliation(s), last 12 mo", "Last Active Date", ""],
    2: ["2", "Name:", "Type of Relationship", OPTIONAL, "Last Active"],
    3: ["3", "Advisor/Advisee Name:", "Organizational Affiliation", OPTIONAL, ""],
    4: ["4", "Name:", "Organizational Affiliation", OPTIONAL, "Last Active"],
    5: ["5", "Name:", "Journal/Collection", OPTIONAL, "Last Active"],
}
CSV_HEADER = ["table", "code", "name", "organizational_affiliation", "optional_email_department", "last_active"]
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
WIDTHS = {"A": 6, "B": 34, "C": 44, "D": 30, "E": 14}


@dataclass(frozen=True)
class Row:
    """One line of a table, in the template's columns."""

    table: int
    code: str
    """`G:`, `T:` (Table 3) or `A:` (Table 4)."""
    name: str
    """Last name, first names (the last word of a name is taken as the family name, as the site sorts)."""
    organization: str
    optional: str
    """The template's 'Optional (email, Department)' column: the e-mail data holds, if any."""
    last_active: str
    """Table 4 only: MM/YYYY of the last paper together (YYYY when its month is not known)."""
    fill_in: str = field(default="", compare=False)
    """The data file where this person's organisation belongs (not part of the form)."""


def xlsx(rows: list[Row], day: dt.date) -> bytes:
    """The form as .xlsx bytes, the same for the same rows and day."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    for column, width in WIDTHS.items():
        sheet.column_dimensions[column].width = width
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for table in range(1, 6):
        for caption in CAPTIONS[table]:
            sheet.append([caption])
            sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=False)
        sheet.append(HEADERS[table])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for values in [_cells(r) for r in rows if r.table == table]:
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                cell.alignment = wrap
        sheet.append([])
    moment = dt.datetime(day.year, day.month, day.day)
    book.properties.creator = "labsite coa"
    book.properties.created = book.properties.modified = moment
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return buffer.getvalue()


def csv_text(rows: list[Row]) -> str:
    """Tables 1, 3 and 4 as one CSV, a row per person, the table's number first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([row.table, *_cells(row)])
    return out.getvalue()


def _cells(row: Row) -> list[str]:
    return [row.code, row.name, row.organization, row.optional, row.last_active]


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose every entry carries one fixed time (openpyxl's own entries carry the clock's)."""

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=ZIP_TIME)
            zinfo_or_arcname.compress_type = self.compression
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """openpyxl writes each sheet from a temporary file: its bytes go in with the fixed time."""
        with open(filename, "rb") as source:
            self.writestr(arcname or os.path.basename(filename), source.read(), compress_type, compresslevel)
