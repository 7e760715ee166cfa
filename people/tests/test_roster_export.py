"""Roster export: the import layout, importable back unchanged, in a bounded number of queries."""

from __future__ import annotations

import codecs
import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from people.roster import apply_plan, build_plan, read_roster
from people.tests.roster_files import good_workbook
from tests import factories


def export(client, fmt: str, sheet: str | None = None):
    url = reverse("people:roster_export", args=[fmt]) + (f"?sheet={sheet}" if sheet else "")
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_staff_csv_has_one_row_per_person_per_school(personas, as_admin):
    apply_plan(build_plan(personas.district, read_roster(good_workbook(), "r.xlsx")))

    content = export(as_admin, "csv", "staff")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))

    assert content.startswith(codecs.BOM_UTF8)  # so that Excel reads the file as UTF-8

    assert rows[0] == ["Name", "Email", "Role", "School", "FTE", "Access", "Can log in"]
    assert ["Dana Director", "director@lincoln.example.org", "Administrator", "", "", "District admin", "yes"] in rows
    assert [
        "Sam Psych",
        "sam@lincoln.example.org",
        "School psychologist",
        "Adams Elementary",
        "0.5",
        "Staff",
        "no",
    ] in rows
    assert ["Sam Psych", "sam@lincoln.example.org", "School psychologist", "Cedar High", "0.5", "Staff", "no"] in rows
    assert all(row[1] != "admin@riverside.example.org" for row in rows)


def test_the_workbook_has_both_sheets(personas, as_admin):
    workbook = load_workbook(io.BytesIO(export(as_admin, "xlsx")), read_only=True)

    assert workbook.sheetnames == ["Schools", "Staff"]
    schools = list(workbook["Schools"].iter_rows(values_only=True))
    assert schools == [
        ("School", "Level", "Enrollment"),
        ("Adams Elementary", "Elementary", 600),
        ("Brook Middle", "Middle", 900),
    ]


def test_export_then_import_gives_no_changes(personas, as_admin):
    apply_plan(build_plan(personas.district, read_roster(good_workbook(), "r.xlsx")))

    for content, name in (
        (export(as_admin, "xlsx"), "r.xlsx"),
        (export(as_admin, "csv", "schools"), "schools.csv"),
        (export(as_admin, "csv", "staff"), "staff.csv"),
    ):
        plan = build_plan(personas.district, read_roster(content, name))
        assert plan.ok, [str(p) for p in plan.problems]
        assert plan.changes == [], name


def test_an_unknown_format_or_sheet_is_not_found(personas, as_admin):
    assert as_admin.get(reverse("people:roster_export", args=["pdf"])).status_code == 404
    assert as_admin.get(reverse("people:roster_export", args=["csv"]) + "?sheet=roles").status_code == 404


def test_export_takes_a_bounded_number_of_queries(personas, as_admin):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            export(as_admin, "csv", "staff")
            export(as_admin, "xlsx")
        return len(captured)

    before = count_queries()
    for _ in range(30):
        factories.make_staff(personas.district, schools={personas.school_a: "0.5", personas.school_b: "0.5"})
    assert count_queries() == before


def test_text_that_looks_like_a_formula_is_exported_as_text_and_imports_back(personas):
    import io

    from openpyxl import load_workbook

    from core.spreadsheets.writing import write_xlsx
    from people.roster import build_plan, read_roster
    from people.roster.export import workbook_sheets

    personas.school_a.name = '=HYPERLINK("http://evil.example")'
    personas.school_a.save()
    stream = io.BytesIO()
    write_xlsx(workbook_sheets(personas.district), stream)
    sheet = load_workbook(io.BytesIO(stream.getvalue()))["Schools"]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    cell = next(row[0] for row in sheet.iter_rows(min_row=2) if "HYPERLINK" in str(row[0].value))
    assert cell.data_type == "s", names
    plan = build_plan(personas.district, read_roster(stream.getvalue(), "roster.xlsx"))
    assert plan.ok and not plan.changes
