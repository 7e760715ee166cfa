"""import_tracker and export_tracker on the command line: exit codes, dry runs, round trips."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from actions.models import ActionItem
from actions.spreadsheets.columns import ALL_COLUMNS

HEADER = "Item creation date,Action item,Progress tracker,Who is responsible?,When will it be done?"
SEED_ROW = (
    "5-19-2022,Take the social workers off lunch duty so they can meet with students during lunch hours,"
    "In progress,John Smith,6-15-2022"
)


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(dt.datetime(2026, 11, 28, 15, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def tracker(tmp_path):
    def write(*lines, name="tracker.csv"):
        path = tmp_path / name
        path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
        return str(path)

    return write


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_tracker_imports_into_the_named_school(personas, tracker):
    out, _ = run("import_tracker", tracker(SEED_ROW), "--district", "lincoln", "--school", " adams elementary ")
    assert "Action items: 1 new, 0 changed, 0 unchanged." in out
    assert "Tracker imported." in out
    item = ActionItem.objects.get()
    assert (item.school, item.owner_name, item.created_by) == (personas.school_a, "John Smith", None)


def test_a_dry_run_prints_the_plan_and_writes_nothing(personas, tracker):
    out, _ = run("import_tracker", tracker(SEED_ROW), "--district", "lincoln", "--dry-run")
    assert "row 2, new: Take the social workers off lunch duty" in out
    assert "Dry run: nothing was saved." in out
    assert not ActionItem.objects.exists()


def test_importing_twice_on_the_command_line_creates_nothing_new(personas, tracker):
    path = tracker(SEED_ROW)
    run("import_tracker", path, "--district", "lincoln")
    out, _ = run("import_tracker", path, "--district", "lincoln")
    assert "0 new, 0 changed, 1 unchanged" in out
    assert ActionItem.objects.count() == 1


def test_problems_exit_non_zero_naming_each_row_and_column(personas, tracker):
    path = tracker("5-19-2022,,In progress,,", "5-19-2022,Fine,Stuck,,next Tuesday")
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 problems found; nothing was imported"):
        call_command("import_tracker", path, "--district", "lincoln", stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0] == "row 2, column Action item: The action item is empty: describe the action."
    assert lines[1].startswith("row 3, column When will it be done?: 'next Tuesday' is not a date")
    assert lines[2].startswith("row 3, column Progress tracker: 'Stuck' is not a status")
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--district", "nowhere"], "No district"),
        (["--district", "lincoln", "--school", "Riverside High"], "No school named"),
    ],
)
def test_an_unknown_district_or_school_exits_non_zero(personas, tracker, args, message):
    with pytest.raises(CommandError, match=message):
        run("import_tracker", tracker(SEED_ROW), *args)


def test_an_unreadable_path_exits_non_zero(personas, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_tracker", str(tmp_path / "missing.csv"), "--district", "lincoln")


def test_export_tracker_writes_csv_to_standard_output(personas, tracker):
    run("import_tracker", tracker(SEED_ROW), "--district", "lincoln", "--school", "Adams Elementary")
    out, _ = run("export_tracker", "--district", "lincoln", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "\ufeff" + ",".join(ALL_COLUMNS)
    assert lines[1].startswith("2022-05-19,Take the social workers off lunch duty")
    assert ",In progress,John Smith,2022-06-15,,Adams Elementary,,,A spreadsheet import" in lines[1]


def test_export_then_import_changes_nothing(personas, tracker, tmp_path):
    run("import_tracker", tracker(SEED_ROW, "6-1-2022,Second,done,casey@lincoln.example.org,"), "--district", "lincoln")
    path = str(tmp_path / "out.xlsx")
    run("export_tracker", "--district", "lincoln", "--format", "xlsx", "-o", path)
    header = next(load_workbook(path).active.iter_rows(values_only=True))
    assert list(header) == list(ALL_COLUMNS)
    out, _ = run("import_tracker", path, "--district", "lincoln")
    assert "0 new, 0 changed, 2 unchanged" in out


def test_an_xlsx_export_needs_an_output_file(personas):
    with pytest.raises(CommandError, match="-o PATH"):
        run("export_tracker", "--district", "lincoln", "--format", "xlsx")


def test_export_of_an_unknown_district_exits_non_zero(personas):
    with pytest.raises(CommandError, match="No district"):
        run("export_tracker", "--district", "nowhere")
