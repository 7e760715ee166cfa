"""Write spreadsheets that Excel and LibreOffice open as they are, and that import back unchanged.

- CSV: UTF-8 with a byte order mark first, so "Zoë O'Brien-Müller" opens as written in Excel (which
  otherwise reads CSV in the Windows code page); dates as 2022-05-19; numbers never in exponent form.
- XLSX: openpyxl's write-only workbook (rows streamed, never held); dates as date cells; text as text
  cells, never formulas.
- Both: text that looks like a formula stays text (``core.spreadsheets.formulas``).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO

from django.http import FileResponse, StreamingHttpResponse

from core.spreadsheets.formulas import looks_like_formula, protect_formula

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = codecs.BOM_UTF8.decode("utf-8")
#: How dates show in workbooks: the seed's tracker writes 5-19-2022.
DATE_FORMAT = "m-d-yyyy"


def csv_text(value: object) -> object:
    """A value as a CSV cell: dates in ISO form, decimals without exponent, formulas neutralised.

    >>> csv_text(dt.date(2022, 5, 19)), csv_text(Decimal("1.00")), csv_text("=1+2"), csv_text(None)
    ('2022-05-19', '1', "'=1+2", '')
    """
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return protect_formula(value)


class _Echo:
    """A file-like object whose ``write`` returns the line, for ``csv.writer`` in a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """The byte order mark, then each row as one CSV line."""
    yield BOM
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([csv_text(cell) for cell in row])


def csv_response(rows: Iterable[list], filename: str) -> StreamingHttpResponse:
    """A CSV download streamed line by line."""
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def write_csv(rows: Iterable[list], path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as stream:
        stream.writelines(csv_lines(rows))


def xlsx_value(sheet, value: object) -> object:
    """A value as a write-only workbook cell: dates formatted, text kept as text (never a formula)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, str) and looks_like_formula(value):
        # A text cell marked "text" (quotePrefix), holding the text itself; apostrophes already in
        # front of a formula sign get one more, which every import takes away again.
        cell = WriteOnlyCell(sheet, value=value[:1] + value if value.startswith("'") else value)
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def write_xlsx(sheets: Iterable[tuple[str, Iterable[list]]], stream: IO[bytes]) -> None:
    """Write ``(title, rows)`` sheets to ``stream`` as a workbook, row by row."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([xlsx_value(sheet, value) for value in row])
    workbook.save(stream)


def xlsx_response(sheets: Iterable[tuple[str, Iterable[list]]], filename: str) -> FileResponse:
    """A workbook download, written to a temporary file (deleted when the response closes it)."""
    stream = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — the response closes (and so deletes) it
    write_xlsx(sheets, stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
