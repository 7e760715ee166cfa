"""The import_roster and export_roster commands."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from people.models import School, StaffMember
from people.tests.roster_files import STAFF_HEADER, csv_bytes, good_workbook


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(good_workbook())
    return path


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_import_roster_imports_a_file_and_prints_the_plan(personas, workbook):
    output = run("import_roster", str(workbook), "--district", "lincoln")

    assert "Schools: 2 new, 0 changed, 0 unchanged. Staff: 3 new, 0 changed, 0 unchanged." in output
    assert "new: Sam Psych <sam@lincoln.example.org>" in output
    assert StaffMember.objects.filter(email="sam@lincoln.example.org").exists()


def test_a_dry_run_shows_the_plan_and_saves_nothing(personas, workbook):
    output = run("import_roster", str(workbook), "--district", "lincoln", "--dry-run")

    assert "Dry run: nothing was saved." in output
    assert not School.objects.filter(name="Cedar High").exists()


def test_import_roster_fails_and_lists_every_problem(personas, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(
        csv_bytes(
            [
                STAFF_HEADER[:5],
                ["", "a@lincoln.example.org", "Teacher", "", ""],
                ["B", "b@lincoln.example.org", "Wizard", "", ""],
            ]
        )
    )
    errors = StringIO()

    with pytest.raises(CommandError, match="2 problems found; nothing was imported"):
        call_command("import_roster", str(path), "--district", "lincoln", stdout=StringIO(), stderr=errors)

    assert "Staff, row 2, column Name: A name is required." in errors.getvalue()
    assert "Staff, row 3, column Role: “Wizard” is not one of the district's roles." in errors.getvalue()
    assert not StaffMember.objects.filter(email="b@lincoln.example.org").exists()


def test_import_roster_fails_on_an_unknown_district_or_a_missing_file(personas, workbook, tmp_path):
    with pytest.raises(CommandError, match="No district"):
        run("import_roster", str(workbook), "--district", "atlantis")
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_roster", str(tmp_path / "missing.csv"), "--district", "lincoln")


def test_export_roster_writes_csv_to_standard_output(personas):
    output = run("export_roster", "--district", "lincoln", "--format", "csv", "--sheet", "schools")

    assert output.splitlines() == [
        "\ufeffSchool,Level,Enrollment",
        "Adams Elementary,Elementary,600",
        "Brook Middle,Middle,900",
    ]


def test_export_roster_needs_a_sheet_for_csv_and_a_file_for_xlsx(personas):
    with pytest.raises(CommandError, match="--sheet"):
        run("export_roster", "--district", "lincoln", "--format", "csv")
    with pytest.raises(CommandError, match="-o PATH"):
        run("export_roster", "--district", "lincoln", "--format", "xlsx")


def test_an_exported_workbook_imports_back_with_no_changes(personas, tmp_path):
    path = tmp_path / "export.xlsx"
    run("export_roster", "--district", "lincoln", "--format", "xlsx", "-o", str(path))

    output = run("import_roster", str(path), "--district", "lincoln", "--dry-run")

    assert "Schools: 0 new, 0 changed, 2 unchanged. Staff: 0 new, 0 changed, 5 unchanged." in output
