"""Open an uploaded spreadsheet (XLSX or CSV) as sheets of rows, within the limits, never trusting it.

:func:`open_spreadsheet` recognises the file by its bytes (then its name), checks what can be checked
without reading the cells (the zip's sizes, the sheets' declared dimensions, the text's encoding) and
returns a :class:`Spreadsheet` whose sheets stream their rows. Every refusal is a :class:`FileRefused`
whose message is shown to the person who uploaded the file. The upload forms call it to refuse a bad
file at once; the imports call it again to read the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from core.spreadsheets.formulas import unprotect_formula
from core.spreadsheets.limits import DEFAULT_LIMITS, Limits
from core.spreadsheets.problems import FileRefused
from core.spreadsheets.text import ENCODING_NAMES, NOT_TEXT, csv_rows, detect_encoding
from core.spreadsheets.xlsx import open_workbook
from core.spreadsheets.xlsx_rows import sheet_rows

BOM = "\ufeff"
ZIP_MAGIC = b"PK\x03\x04"  # an XLSX workbook is a zip archive
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) format


def file_kind(content: bytes, filename: str = "") -> tuple[str, str]:
    """Recognise an upload by its bytes, then its name: ``("xlsx" | "csv" | "", reason if unusable)``.

    >>> file_kind(b""), file_kind(b"PK\\x03\\x04..."), file_kind(b"a,b\\n1,2\\n", "x.csv")
    (('', 'The file is empty.'), ('xlsx', ''), ('csv', ''))
    """
    if not content or not content.strip():
        return "", "The file is empty."
    if content.startswith(ZIP_MAGIC):
        return "xlsx", ""
    if content.startswith(OLE_MAGIC):
        return "", "This is an old-style Excel (.xls) or Word file. Save it as an .xlsx workbook or a CSV file."
    if filename.lower().endswith((".xlsx", ".xlsm")):
        return "", "The file is not a readable XLSX workbook."
    return "csv", ""


def clean_cell(value: object) -> object:
    """A cell as an import reads it: text stripped and without the formula guard's apostrophe; dates as dates.

    A byte order mark kept as text (LibreOffice does so converting a CSV file to a workbook) goes too.

    >>> clean_cell("  '=1+2 "), clean_cell(None), clean_cell(3), clean_cell("\ufeffName")
    ('=1+2', '', 3, 'Name')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return unprotect_formula(value.strip().strip(BOM).strip())
    return value


def cell_text(value: object) -> str:
    """A cell as the text a person would type: 600.0 → "600", True → "yes", a date → ISO.

    >>> cell_text(600.0), cell_text(0.5), cell_text(True), cell_text(dt.datetime(2026, 5, 19)), cell_text(" =x ")
    ('600', '0.5', 'yes', '2026-05-19', '=x')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(clean_cell(value))


@dataclass
class Sheet:
    """One sheet of a spreadsheet (a CSV file is one sheet without a name)."""

    name: str
    declared_rows: int | None
    _rows: Callable[[], Iterator[tuple[int, list]]]

    def rows(self) -> Iterator[tuple[int, list]]:
        """``(row number as the spreadsheet shows it, cell values)`` of each row that has a value."""
        return self._rows()


@dataclass
class Spreadsheet:
    kind: str  # "xlsx" or "csv"
    sheets: list[Sheet]
    encoding: str = ""  # for CSV: the encoding it was read in, as the preview names it
    size: int = 0

    def sheet(self, name: str) -> Sheet | None:
        """The sheet named ``name`` (ignoring case and surrounding spaces)."""
        wanted = name.strip().lower()
        return next((sheet for sheet in self.sheets if sheet.name.strip().lower() == wanted), None)

    @property
    def read_as(self) -> str:
        """E.g. "a CSV file in Windows-1252" or "an XLSX workbook": how the preview says the file was read."""
        if self.kind == "xlsx":
            return "an XLSX workbook"
        return f"a CSV file in {ENCODING_NAMES.get(self.encoding, self.encoding)}"


def open_spreadsheet(content: bytes, filename: str = "", limits: Limits = DEFAULT_LIMITS) -> Spreadsheet:
    """Recognise and check an upload; raises :class:`FileRefused` saying why it cannot be read."""
    kind, reason = file_kind(content, filename)
    if reason:
        raise FileRefused(reason)
    if kind == "xlsx":
        book = open_workbook(content, limits)
        sheets = [Sheet(info.name, info.declared_rows, _xlsx_rows(book, info)) for info in book.sheets]
        return Spreadsheet("xlsx", sheets, size=len(content))
    encoding = detect_encoding(content)
    if encoding is None or (b"\x00" in content and not encoding.startswith("utf-16")):
        raise FileRefused(NOT_TEXT)
    lines = content.count(b"\n") + 1
    if lines > 2 * limits.max_row_number:  # cells with line breaks make more lines than rows, not twice as many
        raise FileRefused(
            f"The file has {lines:,} lines; at most {limits.max_rows:,} rows are accepted. Split it into smaller files."
        )
    return Spreadsheet(
        "csv",
        [Sheet("", lines, lambda: csv_rows(content, encoding, limits))],
        encoding=encoding,
        size=len(content),
    )


def _xlsx_rows(book, info) -> Callable[[], Iterator[tuple[int, list]]]:
    return lambda: sheet_rows(book, info)
