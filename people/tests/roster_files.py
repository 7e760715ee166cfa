"""Build roster files for the roster tests: CSV and XLSX bytes from lists of rows."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

SCHOOLS_HEADER = ["School", "Level", "Enrollment"]
STAFF_HEADER = ["Name", "Email", "Role", "School", "FTE", "Access", "Can log in"]


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def good_workbook() -> bytes:
    """Two new schools and three people, one of them across two schools."""
    return xlsx_bytes(
        {
            "Schools": [
                SCHOOLS_HEADER,
                ["Cedar High", "High", 1200],
                ["Dogwood K-8", "K-8", 450],
            ],
            "Staff": [
                STAFF_HEADER,
                ["Sam Psych", "sam@lincoln.example.org", "School psychologist", "Cedar High", 0.5, "", ""],
                ["Sam Psych", "sam@lincoln.example.org", "School psychologist", "Adams Elementary", 0.5, "", ""],
                ["Nora Nurse", "nora@lincoln.example.org", "school nurse", "Dogwood K-8", 1, "staff", "yes"],
                ["Lee Liaison", "lee@lincoln.example.org", "Family engagement", None, None, None, None],
            ],
        }
    )
