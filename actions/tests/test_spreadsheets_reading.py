"""Reading tracker files and the cells people type: no database needed."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from actions.models import Status
from actions.spreadsheets.columns import ACTION, CREATED, DUE, SEED_COLUMNS, STATUS
from actions.spreadsheets.parsing import CellError, parse_date, parse_status
from actions.spreadsheets.reading import read_tracker

HEADER = "Item creation date,Action item,Progress tracker,Who is responsible?,When will it be done?\n"
EXPLANATION = (
    "Insert the date the action item was created,Write a brief description of the action to be completed,"
    "\"In pencil, write the action's status (not started, in progress, blocked or behind schedule, abandoned, "
    'completed)",Write down the name of the person responsible for completing this action,'
    "Write down the deadline for completing this action\n"
)
SEED_ROW = (
    "5-19-2022,Take the social workers off lunch duty so they can meet with students during lunch hours,"
    "In progress,John Smith,6-15-2022\n"
)


@pytest.mark.parametrize(
    "text",
    ["5-19-2022", "5/19/2022", "05/19/22", "2022-05-19", " 5-19-2022 ", "2022-05-19 00:00:00", "05.19.2022"],
)
def test_every_way_people_write_a_date_is_read(text):
    assert parse_date(text) == dt.date(2022, 5, 19)


def test_spreadsheet_date_cells_are_read_as_dates():
    assert parse_date(dt.datetime(2022, 5, 19, 0, 0)) == dt.date(2022, 5, 19)
    assert parse_date(dt.date(2022, 5, 19)) == dt.date(2022, 5, 19)


def test_a_blank_date_is_no_date():
    assert parse_date("") is None
    assert parse_date(None) is None


@pytest.mark.parametrize("text", ["next Tuesday", "13-40-2022", "2022-02-30", "5-19"])
def test_an_unreadable_date_says_how_to_write_one(text):
    with pytest.raises(CellError, match=r"is not a date.*5-19-2022"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Not started", Status.NOT_STARTED),
        ("", Status.NOT_STARTED),
        ("  IN PROGRESS ", Status.IN_PROGRESS),
        ("in-progress", Status.IN_PROGRESS),
        ("Blocked or behind schedule", Status.BLOCKED),
        ("blocked", Status.BLOCKED),
        ("Behind  schedule", Status.BLOCKED),
        ("abandoned", Status.ABANDONED),
        ("Completed", Status.COMPLETED),
        ("done", Status.COMPLETED),
        ("Complete.", Status.COMPLETED),
    ],
)
def test_the_seed_statuses_are_read_in_any_spelling(text, status):
    assert parse_status(text) == status


def test_an_unknown_status_lists_the_five_allowed_words():
    with pytest.raises(CellError) as error:
        parse_status("stuck-ish")
    assert "not started, in progress, blocked or behind schedule, abandoned, completed" in str(error.value)


def test_the_paper_sheets_explanatory_row_and_blank_rows_are_skipped():
    sheet = read_tracker((HEADER + EXPLANATION + ",,,,\n" + SEED_ROW + "\n").encode(), "tracker.csv")
    assert not sheet.problems
    assert [row.number for row in sheet.rows] == [4]
    assert sheet.rows[0].cells[DUE] == "6-15-2022"


def test_repeated_headings_of_a_second_paper_page_are_skipped():
    sheet = read_tracker((HEADER + SEED_ROW + HEADER + EXPLANATION).encode(), "tracker.csv")
    assert [row.number for row in sheet.rows] == [2]


def test_headers_match_in_any_case_and_extra_columns_are_ignored():
    content = " ITEM creation date ,action item,PROGRESS TRACKER,who is responsible,When will it be done?,Colour\n"
    sheet = read_tracker((content + "5-19-2022,Do it,done,,,red\n").encode(), "t.csv")
    assert not sheet.problems
    assert sheet.rows[0].cells[STATUS] == "done"
    assert "Colour" not in sheet.rows[0].cells


def test_a_missing_seed_column_is_named():
    sheet = read_tracker(b"Item creation date,Action item,Who is responsible?\n5-19-2022,x,y\n", "t.csv")
    assert [(p.row, p.column) for p in sheet.problems] == [(1, "Progress tracker"), (1, "When will it be done?")]


def test_a_title_above_the_headings_is_allowed():
    sheet = read_tracker(("Check-in action item tracker\n\n" + HEADER + SEED_ROW).encode(), "t.csv")
    assert [row.number for row in sheet.rows] == [4]


def test_an_xlsx_workbook_keeps_its_date_cells():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(SEED_COLUMNS))
    sheet.append([dt.datetime(2022, 5, 19), "Take the social workers off lunch duty", "In progress", "John Smith"])
    stream = io.BytesIO()
    workbook.save(stream)
    read = read_tracker(stream.getvalue(), "tracker.xlsx")
    assert not read.problems
    assert read.rows[0].cells[CREATED] == dt.datetime(2022, 5, 19)
    assert read.rows[0].cells[ACTION] == "Take the social workers off lunch duty"


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "t.csv", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.png", "not a spreadsheet"),
        (b"PK\x03\x04 not really a zip", "t.xlsx", "not a readable XLSX"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old.xls", "old-style Excel"),
        (b"just some words\nand more words\n", "notes.txt", "No header row"),
    ],
)
def test_a_file_that_is_not_a_tracker_gets_a_clear_message(content, filename, message):
    sheet = read_tracker(content, filename)
    assert not sheet.rows
    assert message in sheet.problems[0].reason
