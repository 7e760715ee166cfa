"""A workbook's sheet streamed into rows of values, every limit applied as the cells come (see ``xlsx``)."""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Generator, Iterator
from xml.parsers import expat

from openpyxl.utils.datetime import from_excel

from core.spreadsheets.problems import FileRefused
from core.spreadsheets.xlsx import (
    CHUNK,
    DAMAGED,
    SheetInfo,
    Workbook,
    column_letters,
    column_number,
    local_name,
    new_parser,
)


def sheet_rows(book: Workbook, sheet: SheetInfo) -> Iterator[tuple[int, list]]:
    """``(row number, values)`` of each row with a value, streamed; refused at the first limit passed.

    Values are ``str``, ``int``, ``float``, ``bool``, ``datetime`` or ``None`` (an empty cell).
    """
    yield from _SheetReader(book, sheet).rows()


class _SheetReader:
    """Streams one sheet's ``<row>`` and ``<c>`` elements into rows of values, applying every limit.

    The handlers run once per element of a sheet of up to millions: names are looked up once
    (``local``), column letters once (``columns``).
    """

    def __init__(self, book: Workbook, sheet: SheetInfo) -> None:
        self.book = book
        self.sheet = sheet
        self.limits = book.limits
        self.max_row_number = book.limits.max_row_number
        self.max_cells = book.limits.max_cells
        self.max_cell_chars = book.limits.max_cell_chars
        self.shared = book.shared_strings()
        self.local: dict[str, str] = {}
        self.columns: dict[str, int] = {}
        self.done: list[tuple[int, list]] = []
        self.row_number = 0
        self.row: dict[int, object] = {}
        self.column = 0
        self.cells = 0
        self.cell_type = "n"
        self.cell_style = ""
        self.text: list[str] = []
        self.length = 0
        self.capture = False
        self.inline = False
        self.phonetic = 0

    def rows(self) -> Iterator[tuple[int, list]]:
        parser = new_parser()
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        done = self.done
        chunks = self._chunks()
        try:
            for chunk in chunks:
                parser.Parse(chunk, not chunk)
                if done:
                    yield from done
                    done.clear()
        except expat.ExpatError as exc:
            raise FileRefused(DAMAGED, sheet=self.sheet.name) from exc
        finally:
            chunks.close()

    def _chunks(self) -> Generator[bytes, None, None]:
        try:
            with self.book.archive.open(self.sheet.path) as stream:
                while chunk := stream.read(CHUNK):
                    yield chunk
                yield b""
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise FileRefused(DAMAGED, sheet=self.sheet.name) from exc

    def refuse(self, reason: str) -> FileRefused:
        return FileRefused(reason, row=self.row_number or None, sheet=self.sheet.name)

    def name(self, raw: str) -> str:
        local = self.local.get(raw)
        if local is None:
            local = self.local[raw] = local_name(raw)
        return local

    def start(self, raw: str, attributes: dict[str, str]) -> None:
        local = self.local.get(raw) or self.name(raw)
        if local == "c":
            self.cells += 1
            if self.cells > self.max_cells:
                raise self.refuse(f"The sheet has more than {self.max_cells:,} cells. Split it into smaller files.")
            reference = attributes.get("r")
            if reference:
                letters = reference.rstrip("0123456789")
                column = self.columns.get(letters)
                if column is None:
                    column = self.columns[letters] = column_number(letters.lstrip("$")) if letters.isalpha() else 0
                self.column = column or self.column + 1
            else:
                self.column += 1
            self.cell_type = attributes.get("t", "n")
            self.cell_style = attributes.get("s", "")
            self.text = []
            self.length = 0
        elif local == "v" or (local == "t" and self.inline and not self.phonetic):
            self.capture = True
        elif local == "row":
            number = attributes.get("r")
            self.row_number = int(number) if number and number.isdigit() else self.row_number + 1
            if self.row_number > self.max_row_number:
                raise self.refuse(
                    f"The sheet has more than {self.limits.max_rows:,} rows. Split it into smaller files."
                )
            self.row = {}
            self.column = 0
        elif local == "is":
            self.inline = True
        elif local == "rPh":
            self.phonetic += 1

    def characters(self, data: str) -> None:
        if self.capture:
            self.text.append(data)
            self.length += len(data)
            if self.length > self.max_cell_chars:
                raise self.refuse(
                    f"Column {column_letters(self.column)} has more than {self.max_cell_chars:,} characters."
                )

    def end(self, raw: str) -> None:
        local = self.local.get(raw) or self.name(raw)
        if local == "c":
            if self.text:
                self.end_cell()
        elif local == "v" or local == "t":
            self.capture = False
        elif local == "row":
            if self.row:
                row = self.row
                self.done.append((self.row_number, [row.get(column) for column in range(1, max(row) + 1)]))
        elif local == "is":
            self.inline = False
        elif local == "rPh":
            self.phonetic -= 1

    def end_cell(self) -> None:
        value = self.value(self.text[0] if len(self.text) == 1 else "".join(self.text))
        if value is None or value == "":
            return
        if self.column > self.limits.max_columns:
            raise self.refuse(
                f"The sheet has a value in column {column_letters(self.column)}; "
                f"at most {self.limits.max_columns} columns are read. Delete the columns on the right."
            )
        self.row[self.column] = value

    def value(self, text: str) -> object:
        kind = self.cell_type
        if kind == "s":
            try:
                return self.shared[int(text)]
            except (ValueError, IndexError) as exc:
                raise self.refuse(DAMAGED) from exc
        if kind == "inlineStr" or kind == "str" or kind == "e":
            return text
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(text.strip().rstrip("Z"))
            except ValueError:
                return text
        try:
            number = float(text)
        except ValueError:
            return text
        if self.cell_style and self.cell_style.isdigit() and int(self.cell_style) in self.book.date_styles:
            try:
                return from_excel(number, self.book.epoch)
            except (OverflowError, ValueError):
                return number
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
