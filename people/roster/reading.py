"""Read an uploaded roster file into sheets of text rows, without trusting it.

Whatever the bytes — garbage, a renamed Word document, a CSV with a byte
order mark or in Windows-1252 — the result is either sheets of rows or a list
of problems; this module never raises on bad input.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from core.spreadsheets import Problem, decode_text, file_kind, unprotect_formula

SCHOOLS = "Schools"
STAFF = "Staff"

# Column names as the file shows them; a header cell matches ignoring case and surrounding spaces.
SCHOOL_COLUMNS = ("School", "Level", "Enrollment")
STAFF_COLUMNS = ("Name", "Email", "Role", "School", "FTE")
STAFF_OPTIONAL_COLUMNS = ("Access", "Can log in")
REQUIRED_COLUMNS = {SCHOOLS: SCHOOL_COLUMNS, STAFF: STAFF_COLUMNS}
KNOWN_COLUMNS = {SCHOOLS: SCHOOL_COLUMNS, STAFF: STAFF_COLUMNS + STAFF_OPTIONAL_COLUMNS}

# A small workbook can unzip to a huge sheet: read no further than any real roster needs.
MAX_ROWS = 200_000
MAX_COLUMNS = 100


@dataclass
class Row:
    """A data row: its number in the file (the header is row 1) and its cells by column name."""

    number: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class Roster:
    """What was read: rows per sheet (``None`` when the sheet is absent) and file-level problems."""

    schools: list[Row] | None = None
    staff: list[Row] | None = None
    problems: list[Problem] = field(default_factory=list)


def read_roster(content: bytes, filename: str = "") -> Roster:
    """Read an XLSX workbook or a CSV file (recognised by its content, then by its name)."""
    kind, reason = file_kind(content, filename)
    if reason:
        return _failed(reason)
    return _read_xlsx(content) if kind == "xlsx" else _read_csv(content)


def _failed(reason: str) -> Roster:
    return Roster(problems=[Problem("", None, "", reason)])


# --- CSV ------------------------------------------------------------------------------------------


def _read_csv(content: bytes) -> Roster:
    text = decode_text(content)
    if text is None or "\x00" in text:
        return _failed("The file is neither an XLSX workbook nor a CSV text file.")
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return _failed(f"The file is not a readable CSV file ({exc}).")
    if not records or not any(cell.strip() for cell in records[0]):
        return _failed("The file is empty: the first row must name the columns.")
    header = [_header_name(cell) for cell in records[0]]
    kind = _recognise(header)
    if kind is None:
        return _failed(
            "The header row is not recognised: a schools file has the columns "
            f"{', '.join(SCHOOL_COLUMNS)}; a staff file has the columns {', '.join(STAFF_COLUMNS)}."
        )
    roster = Roster()
    rows = _rows(kind, header, records[1:], roster.problems)
    setattr(roster, kind.lower(), rows)
    return roster


def _recognise(header: list[str]) -> str | None:
    names = {h.lower() for h in header}
    if names & {"name", "email", "role", "fte"}:
        return STAFF
    if names & {"level", "enrollment"}:
        return SCHOOLS
    return None


# --- XLSX -----------------------------------------------------------------------------------------


def _read_xlsx(content: bytes) -> Roster:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — any failure here means the upload is not a workbook we can read
        return _failed("The file is not a readable XLSX workbook.")
    try:
        return _read_workbook(workbook)
    except Exception:  # noqa: BLE001 — a damaged sheet inside a valid zip
        return _failed("The workbook is damaged and could not be read.")
    finally:
        workbook.close()


def _read_workbook(workbook) -> Roster:
    sheets = {name.strip().lower(): workbook[name] for name in workbook.sheetnames}
    roster = Roster()
    if SCHOOLS.lower() not in sheets and STAFF.lower() not in sheets:
        return _failed(f"The workbook has neither a “{SCHOOLS}” sheet nor a “{STAFF}” sheet.")
    for kind in (SCHOOLS, STAFF):
        sheet = sheets.get(kind.lower())
        if sheet is None:
            continue
        records: list[list[str]] = []
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            if len(records) > MAX_ROWS:
                roster.problems.append(Problem(kind, None, "", f"The sheet has more than {MAX_ROWS:,} rows."))
                break
            records.append([_cell_text(value) for value in values])
        if not records or not any(records[0]):
            roster.problems.append(Problem(kind, None, "", "The sheet is empty: its first row must name the columns."))
            continue
        header = [_header_name(cell) for cell in records[0]]
        setattr(roster, kind.lower(), _rows(kind, header, records[1:], roster.problems))
    return roster


def _cell_text(value) -> str:
    """A cell as the text a person would type: 600.0 → "600", True → "yes", a date → ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


# --- Shared ---------------------------------------------------------------------------------------


def _header_name(cell: str) -> str:
    """The canonical column name of a header cell, or the cell itself (stripped) if unknown."""
    cleaned = " ".join(str(cell).split())
    for columns in KNOWN_COLUMNS.values():
        for column in columns:
            if cleaned.lower() == column.lower():
                return column
    return cleaned


def _rows(kind: str, header: list[str], records: list[list[str]], problems: list[Problem]) -> list[Row]:
    """Data rows keyed by known column names; a missing required column is a problem and yields no rows."""
    missing = [column for column in REQUIRED_COLUMNS[kind] if column not in header]
    for column in missing:
        problems.append(Problem(kind, 1, column, f"The required column “{column}” is missing."))
    if missing:
        return []
    known = KNOWN_COLUMNS[kind]
    positions = {}
    for index, name in enumerate(header):
        if name in known and name not in positions:  # extra or repeated columns are ignored
            positions[name] = index
    rows = []
    for number, record in enumerate(records, start=2):
        cells = {
            name: (unprotect_formula(record[i].strip()) if i < len(record) else "") for name, i in positions.items()
        }
        if any(cells.values()):
            rows.append(Row(number, cells))
    return rows
