"""Read a CSV file without trusting it: its encoding detected, its rows streamed within the limits.

Excel and LibreOffice save CSV as UTF-8 (with or without a byte order mark), as UTF-16 ("Unicode
text", often with tabs) or in the Windows code page (Windows-1252). :func:`detect_encoding` tells
them apart by their bytes, and the import's preview says how the file was read, with the names as
read, so a wrong guess is seen before anything is saved. :func:`csv_rows` streams the rows, refusing
a file at the first limit passed (rows, columns, characters in a cell or a row).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from core.spreadsheets.limits import Limits
from core.spreadsheets.problems import FileRefused

#: The encodings recognised, and the name the preview gives each.
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16",
    "cp1252": "Windows-1252",
}
NOT_TEXT = "The file is not a spreadsheet: upload an XLSX workbook or a CSV file."
SEPARATORS = (",", ";", "\t")
_VALIDATE_CHUNK = 1024 * 1024


def _decodes(content: bytes, encoding: str) -> bool:
    """Whether the whole of ``content`` decodes, checked a megabyte at a time (no copy of the text kept)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(content), _VALIDATE_CHUNK):
            decoder.decode(content[start : start + _VALIDATE_CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(content: bytes) -> str | None:
    """The encoding of a text file: a byte order mark, else UTF-16's zero bytes, else UTF-8, else Windows-1252.

    >>> detect_encoding("Zoë".encode("utf-8-sig")), detect_encoding("Zoë".encode("utf-16"))
    ('utf-8-sig', 'utf-16')
    >>> detect_encoding("Zoë,Müller".encode("utf-8")), detect_encoding("Zoë,Müller".encode("cp1252"))
    ('utf-8', 'cp1252')
    >>> detect_encoding("Name,Email".encode("utf-16-le"))
    'utf-16-le'
    """
    if content.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = content[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if len(sample) >= 4 and odd >= len(sample) // 4 and even == 0:
        return "utf-16-le"
    if len(sample) >= 4 and even >= len(sample) // 4 and odd == 0:
        return "utf-16-be"
    for encoding in ("utf-8", "cp1252"):
        if _decodes(content, encoding):
            return encoding
    return None


class _BoundedLines:
    """The text's lines for ``csv.reader``, refusing a row (its lines since the last row) past ``limit`` characters."""

    def __init__(self, stream: io.TextIOBase, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.pending = 0

    def __iter__(self) -> _BoundedLines:
        return self

    def __next__(self) -> str:
        line = self.stream.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.pending += len(line)
        if self.pending > self.limit or "\x00" in line:
            reason = NOT_TEXT if "\x00" in line else f"The row is longer than {self.limit:,} characters."
            raise FileRefused(reason)
        return line


def _separator(first_line: str) -> str:
    """The separator of the header line: the most frequent of comma, semicolon and tab (comma if none).

    >>> _separator("Name;Email;Role"), _separator("Name\\tEmail"), _separator("Name")
    (';', '\\t', ',')
    """
    counts = {separator: first_line.count(separator) for separator in SEPARATORS}
    best = max(SEPARATORS, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def csv_rows(content: bytes, encoding: str, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells)`` of each CSV row with a value, streamed; :class:`FileRefused` at the first limit.

    Cells are text, not stripped; trailing empty cells are dropped.
    """
    stream = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
    number = 0
    try:
        first = stream.readline(limits.max_row_chars + 1)
        stream.seek(0)
        lines = _BoundedLines(stream, limits.max_row_chars)
        reader = csv.reader(lines, delimiter=_separator(first), strict=False)
        for number, record in enumerate(reader, start=1):  # noqa: B007 — the number is needed after the loop
            lines.pending = 0
            if number > limits.max_row_number:
                reason = f"The file has more than {limits.max_rows:,} rows. Split it into smaller files."
                raise FileRefused(reason, row=number)
            while record and not record[-1].strip():
                record.pop()
            if not record:
                continue
            if len(record) > limits.max_columns:
                raise FileRefused(
                    f"The row has {len(record):,} columns; at most {limits.max_columns} are read.", row=number
                )
            for cell in record:
                if len(cell) > limits.max_cell_chars:
                    raise FileRefused(f"A cell has more than {limits.max_cell_chars:,} characters.", row=number)
            yield number, record
    except FileRefused as refused:
        if refused.row is None and refused.reason != NOT_TEXT:
            refused.row = number + 1
        raise
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise FileRefused(f"A cell has more than {limits.max_cell_chars:,} characters.") from exc
        raise FileRefused(f"The file is not a readable CSV file ({exc}).") from exc
    except UnicodeDecodeError as exc:
        raise FileRefused(NOT_TEXT) from exc
