"""Read a roster file's sheets into rows of text by column name (the reading itself is ``core.spreadsheets``).

An XLSX workbook has a sheet "Schools" and a sheet "Staff"; a workbook of one sheet (a roster CSV
saved as XLSX by Excel or LibreOffice, whatever its sheet's name) and a CSV file are recognised by
their header row, as schools or staff. Whatever the bytes, the result is rows or problems: nothing
here raises on bad input.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from core.imports.progress import Progress
from core.spreadsheets import FileRefused, Problem, Problems, Sheet, Spreadsheet, cell_text, open_spreadsheet
from core.spreadsheets.limits import Limits

SCHOOLS = "Schools"
STAFF = "Staff"

# Column names as the file shows them; a header cell matches ignoring case and surrounding spaces.
SCHOOL_COLUMNS = ("School", "Level", "Enrollment")
STAFF_COLUMNS = ("Name", "Email", "Role", "School", "FTE")
STAFF_OPTIONAL_COLUMNS = ("Access", "Can log in")
REQUIRED_COLUMNS = {SCHOOLS: SCHOOL_COLUMNS, STAFF: STAFF_COLUMNS}
KNOWN_COLUMNS = {SCHOOLS: SCHOOL_COLUMNS, STAFF: STAFF_COLUMNS + STAFF_OPTIONAL_COLUMNS}

LIMITS = Limits(max_rows=200_000, max_columns=100)
MAX_ROWS = LIMITS.max_rows


class Row:
    """A data row: its number in the file (the header is row 1) and its cells by column name."""

    __slots__ = ("cells", "number", "positions")

    def __init__(self, number: int, cells: tuple[str, ...], positions: dict[str, int]) -> None:
        self.number = number
        self.cells = cells
        self.positions = positions  # column name → index in ``cells``, shared by the sheet's rows

    def __getitem__(self, column: str) -> str:
        index = self.positions.get(column)
        return self.cells[index] if index is not None else ""


@dataclass
class Roster:
    """What was read: rows per sheet (``None`` when the sheet is absent) and file-level problems."""

    schools: list[Row] | None = None
    staff: list[Row] | None = None
    problems: Problems = field(default_factory=Problems)
    read_as: str = ""


def read_roster(content: bytes, filename: str = "", progress: Progress | None = None) -> Roster:
    """Read an XLSX workbook or a CSV file (recognised by its content, then by its name)."""
    try:
        spreadsheet = open_spreadsheet(content, filename, LIMITS)
    except FileRefused as refused:
        return Roster(problems=Problems([refused.problem()]))
    return read_roster_sheets(spreadsheet, progress or Progress())


def read_roster_sheets(spreadsheet: Spreadsheet, progress: Progress) -> Roster:
    """The rows of an opened spreadsheet: its Schools and Staff sheets, or its one sheet recognised by its header."""
    roster = Roster(read_as=spreadsheet.read_as)
    named = {kind: spreadsheet.sheet(kind) for kind in (SCHOOLS, STAFF)}
    if spreadsheet.kind == "xlsx" and any(named.values()):
        for kind, sheet in named.items():
            if sheet is not None:
                _read_sheet(roster, sheet, kind, progress, spreadsheet.kind)
    elif len(spreadsheet.sheets) == 1:
        _read_sheet(roster, spreadsheet.sheets[0], None, progress, spreadsheet.kind)
    elif not spreadsheet.sheets:
        roster.problems.add(Problem("", None, "", "The workbook has no sheets."))
    else:
        reason = f"The workbook has neither a “{SCHOOLS}” sheet nor a “{STAFF}” sheet."
        roster.problems.add(Problem("", None, "", reason))
    return roster


def _read_sheet(roster: Roster, sheet: Sheet, kind: str | None, progress: Progress, spreadsheet_kind: str) -> None:
    """Read one sheet into ``roster``; ``kind`` ``None`` means "recognise it by its header row"."""
    label = kind or ""
    rows = sheet.rows()
    try:
        header_row = next(rows, None)
        if header_row is None or header_row[0] != 1 or not any(cell_text(cell) for cell in header_row[1]):
            reason = "The sheet is empty: its first row must name the columns."
            roster.problems.add(Problem(label, None, "", reason if kind else reason.replace("sheet", "file")))
            return
        header = [_header_name(cell) for cell in header_row[1]]
        if kind is None:
            kind = _recognise(header)
            if kind is None:
                columns = ", ".join(STAFF_COLUMNS)
                reason = f"The header row is not recognised: a staff file has the columns {columns}."
                if spreadsheet_kind == "xlsx":
                    reason = f"The workbook has neither a “{SCHOOLS}” sheet nor a “{STAFF}” sheet. {reason}"
                roster.problems.add(Problem(sheet.name, 1, "", reason))
                return
            label = kind
        read = _rows(label, kind, header, rows, roster.problems, progress, sheet.declared_rows)
    except FileRefused as refused:
        roster.problems.add(Problem(label or refused.sheet, refused.row, "", refused.reason))
        return
    setattr(roster, kind.lower(), read)


def _recognise(header: list[str]) -> str | None:
    names = {h.lower() for h in header}
    if names & {"name", "email", "role", "fte"}:
        return STAFF
    if names & {"level", "enrollment"}:
        return SCHOOLS
    return None


def _header_name(cell: object) -> str:
    """The canonical column name of a header cell, or the cell itself (stripped) if unknown."""
    cleaned = " ".join(cell_text(cell).split())
    for columns in KNOWN_COLUMNS.values():
        for column in columns:
            if cleaned.lower() == column.lower():
                return column
    return cleaned


def _rows(
    label: str,
    kind: str,
    header: list[str],
    records: Iterator[tuple[int, list]],
    problems: Problems,
    progress: Progress,
    total: int | None,
) -> list[Row]:
    """Data rows keyed by known column names; a missing required column is a problem and yields no rows."""
    missing = [column for column in REQUIRED_COLUMNS[kind] if column not in header]
    for column in missing:
        problems.add(Problem(label, 1, column, f"The required column “{column}” is missing."))
    if missing:
        return []
    known = KNOWN_COLUMNS[kind]
    indexes: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in known and name not in indexes:  # extra or repeated columns are ignored
            indexes[name] = index
    positions = {name: position for position, name in enumerate(indexes)}
    wanted = list(indexes.values())
    progress.step(f"Reading the {kind.lower()} rows", total)
    rows: list[Row] = []
    for number, record in records:
        width = len(record)
        cells = tuple(cell_text(record[i]) if i < width else "" for i in wanted)
        if any(cells):
            if len(rows) >= MAX_ROWS:
                problems.add(Problem(label, number, "", f"The sheet has more than {MAX_ROWS:,} rows."))
                return []
            rows.append(Row(number, cells, positions))
        if number % 1000 == 0:
            progress.advance(number)
    return rows
