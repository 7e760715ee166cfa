"""Write spreadsheets that Excel and LibreOffice open as they are, and that import back unchanged.

- CSV: UTF-8 with a byte order mark first, so "Zoë O'Brien-Müller" opens as written in Excel (which
  otherwise reads CSV in the Windows code page); dates as 2022-05-19; numbers never in exponent form.
- XLSX: openpyxl's write-only workbook (rows streamed, never held); dates as date cells; text as text
  cells, never formulas; with a ``SheetLayout``, a frozen header row with filters, column widths
  and drop-downs of allowed values (the tracker's Progress column).
- Both: text that looks like a formula stays text (``core.spreadsheets.formulas``).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class SheetLayout:
    """How a sheet is laid out for people who keep working in it (a tracker kept in Excel).

    ``widths``: each column's width in characters (first column first); ``choices``: a column's
    drop-down of allowed values, by column number (1 = A), offered on every row below the header.
    The header row is frozen and carries filters.
    """

    widths: tuple[float, ...] = ()
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)


def fitting_width(header: str, longest: int, *, at_most: int = 60) -> float:
    """A column width that fits its header and its longest value, up to ``at_most`` characters.

    >>> fitting_width("Progress tracker", 26), fitting_width("Action item", 400), fitting_width("Due", 0)
    (28, 60, 5)
    """
    return min(max(len(header), longest) + 2, at_most)


SheetSpec = tuple[str, Iterable[list]] | tuple[str, Iterable[list], SheetLayout]


def write_xlsx(sheets: Iterable[SheetSpec], stream: IO[bytes]) -> None:
    """Write ``(title, rows)`` or ``(title, rows, layout)`` sheets to ``stream`` as a workbook, row by row."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook(write_only=True)
    for title, rows, *rest in sheets:
        sheet = workbook.create_sheet(title)
        layout: SheetLayout | None = rest[0] if rest else None
        if layout is not None:
            # A write-only sheet writes its panes and column widths with the first row: set them first.
            sheet.freeze_panes = "A2"
            for number, width in enumerate(layout.widths, start=1):
                sheet.column_dimensions[get_column_letter(number)].width = width
        count = columns = 0
        for row in rows:
            sheet.append([xlsx_value(sheet, value) for value in row])
            count, columns = count + 1, max(columns, len(row))
        if layout is not None and columns:
            sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(count, 2)}"
            for number, allowed in layout.choices.items():
                letter = get_column_letter(number)
                listed = ",".join(allowed)
                validation = DataValidation(
                    type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True
                )
                validation.error = f"Choose one of: {', '.join(allowed)}."
                validation.errorTitle = "Not one of the choices"
                validation.add(f"{letter}2:{letter}{max(count, 2) + 1000}")
                sheet.data_validations.append(validation)  # write-only sheets lack add_data_validation
    workbook.save(stream)


def xlsx_response(sheets: Iterable[SheetSpec], filename: str) -> FileResponse:
    """A workbook download, written to a temporary file (deleted when the response closes it)."""
    stream = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — the response closes (and so deletes) it
    write_xlsx(sheets, stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
