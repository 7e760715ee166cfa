"""Export action items in the seed's layout: its five columns in its order, then the app's extras.

Rows are produced lazily (``iterator`` in chunks with the owner and school
joined), so 250,000 items stream without being held in memory: CSV line by
line, XLSX through openpyxl's write-only workbook into a temporary file.
The file imports back unchanged (``import_tracker``).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterator
from typing import IO

from django.db.models import QuerySet

from actions.models import ActionItem, Origin, Status
from actions.spreadsheets.columns import ALL_COLUMNS
from core.spreadsheets import protect_formula

CHUNK = 2000
FIELDS = (
    "id",
    "created_on",
    "description",
    "status",
    "owner_name",
    "due_on",
    "completed_on",
    "origin",
    "notes",
    "owner__name",
    "school__name",
)


def item_rows(items: QuerySet[ActionItem]) -> Iterator[list]:
    """The header, then one row per item (dates as dates; the writer decides how to show them)."""
    yield list(ALL_COLUMNS)
    status_labels = dict(Status.choices)
    origin_labels = dict(Origin.choices)
    queryset = items.select_related("owner", "school").only(*FIELDS).order_by("created_on", "pk")
    for item in queryset.iterator(chunk_size=CHUNK):
        yield [
            item.created_on,
            item.description,
            status_labels.get(item.status, item.status),
            item.owner.name if item.owner else item.owner_name,
            item.due_on,
            item.school.name if item.school else "",
            item.notes,
            item.completed_on,
            origin_labels.get(item.origin, item.origin),
        ]


class _Echo:
    """A file-like object whose ``write`` returns the line, for ``csv.writer`` in a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterator[list]) -> Iterator[str]:
    """Each row as one CSV line; dates as 2022-05-19, which every spreadsheet reads as a date."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([_text(cell) for cell in row])


def _text(cell: object) -> object:
    if cell is None:
        return ""
    return cell.isoformat() if isinstance(cell, dt.date) else protect_formula(cell)


def write_xlsx(rows: Iterator[list], stream: IO[bytes]) -> None:
    """Write a one-sheet workbook ("Action items") to ``stream``; dates are date cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Action items")

    def cell(value: object) -> object:
        if isinstance(value, dt.date):
            date = WriteOnlyCell(sheet, value=value)
            date.number_format = "m-d-yyyy"  # the seed's way of writing dates: 5-19-2022
            return date
        if isinstance(value, str) and value.startswith("="):
            text = WriteOnlyCell(sheet, value=value)
            text.data_type = "s"  # text typed by a person, never a formula
            return text
        return value

    for row in rows:
        sheet.append([cell(value) for value in row])
    workbook.save(stream)


def xlsx_file(rows: Iterator[list]) -> IO[bytes]:
    """The workbook in a temporary file (deleted when closed), rewound for reading."""
    stream = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — the response closes (and so deletes) it
    write_xlsx(rows, stream)
    stream.seek(0)
    return stream
