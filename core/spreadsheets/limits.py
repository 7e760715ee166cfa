"""How much of a spreadsheet the imports read: checked before parsing and again while reading.

A 555 KB workbook can unzip to a sheet of millions of cells, and a 10 MB CSV can hold a million rows:
every limit here is checked as early as it can be — the zip's sizes before anything is unzipped,
a sheet's declared dimensions before its cells, and rows, columns, cells and cell lengths while the
file streams by — so that a file too large for any real roster or tracker is refused within a second
or two, holding no more than a few rows in memory. ``MAX_UPLOAD_BYTES`` (settings) bounds the file
itself.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    #: Data rows of a sheet (the largest US district has about 200,000 staff-school rows at most).
    max_rows: int = 200_000
    #: Columns holding a value; empty formatted cells further right are ignored.
    max_columns: int = 100
    #: Cells of a sheet, empty ones included.
    max_cells: int = 2_500_000
    #: Characters in one cell: Excel's own limit.
    max_cell_chars: int = 32_767
    #: Everything inside an XLSX workbook, unzipped.
    max_unzipped_bytes: int = 256 * 1024 * 1024
    #: How much a part of a workbook may grow when unzipped (real workbooks: 5 to 30 times).
    max_ratio: int = 100
    #: Parts smaller than this may grow more (tiny XML parts compress very well).
    ratio_floor_bytes: int = 1024 * 1024
    #: Distinct texts of a workbook (its shared strings).
    max_shared_strings: int = 600_000
    #: Parts of the zip, and sheets of the workbook.
    max_parts: int = 10_000
    max_sheets: int = 100
    #: Characters of one CSV row, quoted line breaks included.
    max_row_chars: int = 1024 * 1024
    #: Rows above the header a sheet may have (a title, the paper sheet's instructions).
    title_rows: int = 20

    @property
    def max_row_number(self) -> int:
        """The last row number a sheet may use: its data rows, a header and a few title rows."""
        return self.max_rows + 1 + self.title_rows


DEFAULT_LIMITS = Limits()
