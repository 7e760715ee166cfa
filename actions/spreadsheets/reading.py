"""Read an uploaded tracker (CSV or XLSX) into rows of cells (the reading itself is ``core.spreadsheets``).

The header row may sit below a title; rows that are blank, repeat the headings (the paper tracker
repeats them on every page) or hold the paper sheet's instructions are skipped. Row numbers are those
the spreadsheet shows. Whatever the bytes, the result is rows or problems: nothing here raises on bad
input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from actions.spreadsheets.columns import SEED_COLUMNS, column_name, is_explanation_row, is_header_row
from core.imports.progress import Progress
from core.spreadsheets import FileRefused, Problem, Problems, Spreadsheet, clean_cell, open_spreadsheet
from core.spreadsheets.limits import Limits

HEADER_SEARCH_ROWS = 20
LIMITS = Limits(max_rows=200_000, max_columns=100, title_rows=HEADER_SEARCH_ROWS)
MAX_ROWS = LIMITS.max_rows


class Row:
    """A data row: its number as the spreadsheet shows it and its cells by column name.

    A cell is stripped text, or a date when the spreadsheet stored a date.
    """

    __slots__ = ("number", "positions", "values")

    def __init__(self, number: int, values: tuple, positions: dict[str, int]) -> None:
        self.number = number
        self.values = values
        self.positions = positions  # column name → index in ``values``, shared by the sheet's rows

    @property
    def cells(self) -> dict[str, object]:
        return dict(zip(self.positions, self.values, strict=True))

    def get(self, column: str) -> object:
        index = self.positions.get(column)
        return self.values[index] if index is not None else None

    def text(self, column: str) -> str:
        value = self.get(column)
        return "" if value is None else str(value)


@dataclass
class Sheet:
    rows: list[Row] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)
    read_as: str = ""


def problem(row: int | None, column: str, reason: str) -> Problem:
    return Problem("", row, column, reason)


def read_tracker(content: bytes, filename: str = "", progress: Progress | None = None) -> Sheet:
    """Read an XLSX workbook (its first sheet with the tracker's headings) or a CSV file."""
    try:
        spreadsheet = open_spreadsheet(content, filename, LIMITS)
    except FileRefused as refused:
        return _failed(refused.reason)
    return read_tracker_sheets(spreadsheet, progress or Progress())


def read_tracker_sheets(spreadsheet: Spreadsheet, progress: Progress) -> Sheet:
    """The first sheet of ``spreadsheet`` with the tracker's headings (or the first sheet's problems)."""
    first = None
    for source in spreadsheet.sheets:
        try:
            sheet = _read_records(source.rows(), progress, source.declared_rows)
        except FileRefused as refused:  # too large: no other sheet is read
            sheet = Sheet(problems=Problems([problem(refused.row, "", refused.reason)]))
            sheet.read_as = spreadsheet.read_as
            return sheet
        sheet.read_as = spreadsheet.read_as
        if sheet.columns:
            return sheet
        first = first or sheet
    return first or _failed("The workbook has no sheets.")


def _failed(reason: str) -> Sheet:
    return Sheet(problems=Problems([problem(None, "", reason)]))


def _read_records(records: Iterator[tuple[int, list]], progress: Progress, total: int | None) -> Sheet:
    """Find the header row among the first rows, then read every row below it."""
    header: list[str | None] = []
    header_number = 0
    for number, record in records:
        header = [column_name(cell) for cell in record]
        if sum(name is not None for name in header) >= 2:
            header_number = number
            break
        if number >= HEADER_SEARCH_ROWS:
            break
    if not header_number:
        return _failed(
            f"No header row found: the first row of the tracker must name its columns ({', '.join(SEED_COLUMNS)})."
        )
    sheet = Sheet()
    missing = [column for column in SEED_COLUMNS if column not in header]
    for column in missing:
        sheet.problems.add(problem(header_number, column, f"The column “{column}” is missing."))
    if missing:
        return sheet
    indexes: dict[str, int] = {}
    for index, name in enumerate(header):
        if name is not None and name not in indexes:  # unknown and repeated columns are ignored
            indexes[name] = index
    sheet.columns = list(indexes)
    positions = {name: position for position, name in enumerate(indexes)}
    wanted = list(indexes.values())
    progress.step("Reading the rows", total)
    for number, record in records:
        width = len(record)
        row = Row(number, tuple(clean_cell(record[i]) if i < width else "" for i in wanted), positions)
        if number % 1000 == 0:
            progress.advance(number)
        if not any(row.values) or is_header_row(row) or is_explanation_row(row):
            continue
        if len(sheet.rows) >= MAX_ROWS:
            sheet.problems.add(problem(number, "", f"The file has more than {MAX_ROWS:,} rows; split it."))
            sheet.rows = []
            break
        sheet.rows.append(row)
    return sheet
