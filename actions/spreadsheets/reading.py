"""Read an uploaded tracker (CSV or XLSX) into rows of cells, without trusting it.

The header row may sit below a title; rows that are blank, repeat the headings
(the paper tracker repeats them on every page) or hold the paper sheet's
instructions are skipped. Row numbers are those the spreadsheet shows. Whatever
the bytes, the result is rows or problems: this module never raises on bad input.
The byte sniffing and text decoding are shared with the roster import (``core.spreadsheets``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from actions.spreadsheets.columns import SEED_COLUMNS, column_name, is_explanation_row, is_header_row
from core.spreadsheets import Problem, decode_text, file_kind, unprotect_formula

HEADER_SEARCH_ROWS = 20
MAX_ROWS = 200_000


@dataclass
class Row:
    """A data row: its number as the spreadsheet shows it and its cells by column name.

    A cell is stripped text, or a date when the spreadsheet stored a date.
    """

    number: int
    cells: dict[str, object]

    def text(self, column: str) -> str:
        value = self.cells.get(column)
        return "" if value is None else str(value)


@dataclass
class Sheet:
    rows: list[Row] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def problem(row: int | None, column: str, reason: str) -> Problem:
    return Problem("", row, column, reason)


def read_tracker(content: bytes, filename: str = "") -> Sheet:
    """Read an XLSX workbook (its first sheet with the tracker's headings) or a CSV file."""
    kind, reason = file_kind(content, filename)
    if reason:
        return _failed(reason)
    return _read_xlsx(content) if kind == "xlsx" else _read_csv(content)


def _failed(reason: str) -> Sheet:
    return Sheet(problems=[problem(None, "", reason)])


def _read_csv(content: bytes) -> Sheet:
    text = decode_text(content)
    if text is None or "\x00" in text:
        return _failed("The file is not a spreadsheet: upload an XLSX workbook or a CSV file.")
    try:
        return _read_records(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return _failed(f"The file is not a readable CSV file ({exc}).")


def _read_xlsx(content: bytes) -> Sheet:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any failure here means the upload is not a workbook we can read
        return _failed("The file is not a readable XLSX workbook.")
    try:
        first = None
        for worksheet in workbook.worksheets:
            sheet = _read_records(worksheet.iter_rows(values_only=True))
            if sheet.columns:
                return sheet
            first = first or sheet
        return first or _failed("The workbook has no sheets.")
    except Exception:  # noqa: BLE001 — a damaged sheet inside a valid zip
        return _failed("The workbook is damaged and could not be read.")
    finally:
        workbook.close()


def _cell(value: object) -> object:
    """A cell as the app reads it: text stripped, dates kept as dates, 3.0 → "3"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unprotect_formula(str(value).strip())


def _read_records(records: Iterable[Iterable[object]]) -> Sheet:
    """Find the header row among the first rows, then read every row below it."""
    iterator = iter(records)
    header: list[str | None] = []
    header_number = 0
    for number, record in enumerate(iterator, start=1):
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
        sheet.problems.append(problem(header_number, column, f"The column “{column}” is missing."))
    if missing:
        return sheet
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if name is not None and name not in positions:  # unknown and repeated columns are ignored
            positions[name] = index
    sheet.columns = list(positions)
    for number, record in enumerate(iterator, start=header_number + 1):
        values = list(record)
        cells = {name: _cell(values[i]) if i < len(values) else "" for name, i in positions.items()}
        if not any(cells.values()) or is_header_row(cells) or is_explanation_row(cells):
            continue
        if len(sheet.rows) >= MAX_ROWS:
            sheet.problems.append(problem(number, "", f"The file has more than {MAX_ROWS:,} rows; split it."))
            sheet.rows = []
            break
        sheet.rows.append(Row(number, cells))
    return sheet
