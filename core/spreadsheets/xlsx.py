"""Read an XLSX workbook without trusting it: checked before it is unzipped, streamed while it is read.

:func:`open_workbook` looks at the zip's directory first (number of parts, each part's unzipped size
and how much it grows, the total), then at the workbook's sheet list and each sheet's declared
dimensions; only then does ``xlsx_rows.sheet_rows`` stream a sheet's XML through expat, a few kilobytes
at a time, checking rows, columns, cells and cell lengths as they come. Any limit (``Limits``) stops
the reading at once with :class:`FileRefused`, so a workbook of one row of 5 million cells is refused
in milliseconds, never held in memory. Document type declarations are refused (no entity tricks).

openpyxl writes the exports; reading is done here because openpyxl parses a whole row before any
limit can be applied to it. Its number-format and date helpers are reused.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from core.spreadsheets.limits import Limits
from core.spreadsheets.problems import FileRefused

CHUNK = 64 * 1024
DAMAGED = "The workbook is damaged and could not be read. Open it and save it again as an .xlsx workbook."
NOT_A_WORKBOOK = "The file is not a readable XLSX workbook."
REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
#: Parts read whole (the sheet list, relationships, styles) are small in any real workbook.
SMALL_PART_BYTES = 8 * 1024 * 1024


def column_number(letters: str) -> int:
    """``"A"`` → 1, ``"AB"`` → 28.

    >>> column_number("A"), column_number("Z"), column_number("AB"), column_number("XFD")
    (1, 26, 28, 16384)
    """
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    """``1`` → ``"A"``, ``28`` → ``"AB"`` (how a spreadsheet names a column).

    >>> column_letters(1), column_letters(26), column_letters(28)
    ('A', 'Z', 'AB')
    """
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def local_name(name: str) -> str:
    """An element's name without its namespace (``"x:row"`` or ``"uri row"`` → ``"row"``)."""
    return name.rpartition(":")[2].rpartition(" ")[2]


def _refuse_doctype(*_args) -> None:
    raise FileRefused(DAMAGED)


def new_parser(namespaces: bool = False) -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ") if namespaces else expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.buffer_text = True
    return parser


@dataclass
class SheetInfo:
    name: str
    path: str
    declared_rows: int | None = None
    declared_columns: int | None = None


@dataclass
class Workbook:
    """An opened workbook: its sheets (name, part, declared size) and what reading its cells needs."""

    archive: zipfile.ZipFile
    limits: Limits
    sheets: list[SheetInfo]
    shared_strings_path: str | None = None
    date_styles: frozenset[int] = frozenset()
    epoch: dt.datetime = CALENDAR_WINDOWS_1900
    _shared: list[str] | None = field(default=None, repr=False)

    def shared_strings(self) -> list[str]:
        if self._shared is None:
            self._shared = _read_shared_strings(self) if self.shared_strings_path else []
        return self._shared

    def close(self) -> None:
        self.archive.close()


def open_workbook(content: bytes, limits: Limits) -> Workbook:
    """Check the zip and the workbook's structure; raises :class:`FileRefused` with the reason."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError) as exc:
        raise FileRefused(NOT_A_WORKBOOK) from exc
    _check_sizes(infos, limits)
    try:
        return _read_structure(archive, limits)
    except FileRefused:
        archive.close()
        raise
    except (KeyError, ValueError, IndexError, expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
        archive.close()
        raise FileRefused(DAMAGED) from exc
    except NotImplementedError as exc:  # a compression method zipfile does not know
        archive.close()
        raise FileRefused(DAMAGED) from exc


def _check_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse a zip whose parts would unzip to more than any real workbook (a "zip bomb")."""
    too_large = "The workbook is too large to import: "
    if len(infos) > limits.max_parts:
        raise FileRefused(f"{too_large}it has more than {limits.max_parts:,} parts.")
    total = 0
    for info in infos:
        total += info.file_size
        grows = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_floor_bytes and grows > limits.max_ratio:
            raise FileRefused(
                f"{too_large}its part “{info.filename[:80]}” unzips to {info.file_size:,} bytes, "
                f"{grows:,.0f} times its size in the file (at most {limits.max_ratio} times is accepted)."
            )
    if total > limits.max_unzipped_bytes:
        raise FileRefused(
            f"{too_large}it unzips to {total / 1024 / 1024:,.0f} MB "
            f"(at most {limits.max_unzipped_bytes / 1024 / 1024:,.0f} MB is accepted). Split it into smaller files."
        )


def _read_small(archive: zipfile.ZipFile, path: str) -> bytes:
    info = archive.getinfo(path)
    if info.file_size > SMALL_PART_BYTES:
        raise FileRefused(f"The workbook is too large to import: its part “{path[:80]}” is unusually large.")
    return archive.read(path)


def _parse_small(archive: zipfile.ZipFile, path: str) -> list[tuple[str, dict[str, str]]]:
    """Every element of a small part as (local name, attributes with local names)."""
    elements: list[tuple[str, dict[str, str]]] = []
    parser = new_parser(namespaces=True)

    def start(name: str, attributes: dict[str, str]) -> None:
        elements.append((local_name(name), {local_name(key): value for key, value in attributes.items()}))

    parser.StartElementHandler = start
    parser.Parse(_read_small(archive, path), True)
    return elements


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """The relationships of ``part``: id → (type's last word, target path inside the zip)."""
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_path not in archive.NameToInfo:
        return {}
    found = {}
    for element, attributes in _parse_small(archive, rels_path):
        if element != "Relationship" or attributes.get("TargetMode") == "External":
            continue
        target = attributes.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[attributes.get("Id", "")] = (attributes.get("Type", "").rsplit("/", 1)[-1], path)
    return found


def _read_structure(archive: zipfile.ZipFile, limits: Limits) -> Workbook:
    root = dict(_relationships(archive, "").values())
    workbook_path = root.get("officeDocument", "xl/workbook.xml")
    if workbook_path not in archive.NameToInfo:
        raise FileRefused(NOT_A_WORKBOOK)
    relationships = _relationships(archive, workbook_path)
    sheets: list[SheetInfo] = []
    epoch = CALENDAR_WINDOWS_1900
    for element, attributes in _parse_small(archive, workbook_path):
        if element == "workbookPr" and attributes.get("date1904") in ("1", "true"):
            epoch = CALENDAR_MAC_1904
        if element != "sheet":
            continue
        kind, path = relationships.get(attributes.get("id", ""), ("", ""))
        if kind == "worksheet" and path in archive.NameToInfo:
            sheets.append(SheetInfo(attributes.get("name", f"Sheet{len(sheets) + 1}"), path))
        if len(sheets) > limits.max_sheets:
            raise FileRefused(f"The workbook has more than {limits.max_sheets} sheets.")
    by_kind = dict(relationships.values())
    shared = by_kind.get("sharedStrings")
    styles = by_kind.get("styles")
    book = Workbook(
        archive=archive,
        limits=limits,
        sheets=sheets,
        shared_strings_path=shared if shared in archive.NameToInfo else None,
        date_styles=_date_styles(archive, styles) if styles in archive.NameToInfo else frozenset(),
        epoch=epoch,
    )
    for sheet in sheets:
        _check_dimension(book, sheet)
    return book


def _date_styles(archive: zipfile.ZipFile, path: str) -> frozenset[int]:
    """The cell styles (``s`` attribute) whose number format shows a date or time."""
    formats = dict(BUILTIN_FORMATS)
    style_formats: list[int] = []
    in_cell_xfs = False
    for element, attributes in _parse_small(archive, path):
        if element == "numFmt":
            formats[int(attributes.get("numFmtId", "0"))] = attributes.get("formatCode", "")
        elif element == "cellXfs":
            in_cell_xfs = True
        elif element in ("cellStyleXfs", "cellStyles", "dxfs"):
            in_cell_xfs = False
        elif element == "xf" and in_cell_xfs:
            style_formats.append(int(attributes.get("numFmtId", "0")))
    return frozenset(
        index for index, format_id in enumerate(style_formats) if is_date_format(formats.get(format_id, "General"))
    )


def _check_dimension(book: Workbook, sheet: SheetInfo) -> None:
    """Read a sheet's declared dimension (``<dimension ref="A1:G120001">``) and refuse one past the limits.

    The declaration sits at the top of the sheet's XML, so only its first kilobytes are unzipped.
    """
    parser = new_parser()
    found: dict[str, str] = {}

    class Seen(Exception):
        pass

    def start(name: str, attributes: dict[str, str]) -> None:
        local = local_name(name)
        if local == "dimension":
            found["ref"] = attributes.get("ref", "")
            raise Seen
        if local == "sheetData":
            raise Seen

    parser.StartElementHandler = start
    with book.archive.open(sheet.path) as stream:
        try:
            for _ in range(16):
                chunk = stream.read(CHUNK)
                parser.Parse(chunk, not chunk)
                if not chunk:
                    break
        except Seen:
            pass
    last = found.get("ref", "").split(":")[-1]
    match = REFERENCE.match(last)
    if not match:
        return
    sheet.declared_columns, sheet.declared_rows = column_number(match[1]), int(match[2])
    limits = book.limits
    if sheet.declared_rows > limits.max_row_number:
        raise FileRefused(
            f"The sheet “{sheet.name}” declares {sheet.declared_rows:,} rows; "
            f"at most {limits.max_rows:,} are accepted. Split it into smaller files.",
            sheet=sheet.name,
        )
    if sheet.declared_rows * sheet.declared_columns > limits.max_cells:
        raise FileRefused(
            f"The sheet “{sheet.name}” declares {sheet.declared_rows:,} rows of {sheet.declared_columns:,} columns; "
            f"at most {limits.max_cells:,} cells are accepted. Delete the unused columns or split the file.",
            sheet=sheet.name,
        )


def _read_shared_strings(book: Workbook) -> list[str]:
    """The workbook's shared texts, streamed, refused past ``max_shared_strings`` or ``max_cell_chars``."""
    limits = book.limits
    strings: list[str] = []
    parts: list[str] = []
    state = {"in_text": False, "phonetic": 0, "length": 0}
    parser = new_parser()

    def start(name: str, _attributes: dict[str, str]) -> None:
        local = local_name(name)
        if local == "si":
            parts.clear()
            state["length"] = 0
        elif local == "t" and not state["phonetic"]:
            state["in_text"] = True
        elif local == "rPh":
            state["phonetic"] += 1

    def end(name: str) -> None:
        local = local_name(name)
        if local == "t":
            state["in_text"] = False
        elif local == "rPh":
            state["phonetic"] -= 1
        elif local == "si":
            strings.append("".join(parts))
            if len(strings) > limits.max_shared_strings:
                raise FileRefused(f"The workbook has more than {limits.max_shared_strings:,} different texts.")

    def text(data: str) -> None:
        if state["in_text"]:
            parts.append(data)
            state["length"] += len(data)
            if state["length"] > limits.max_cell_chars:
                raise FileRefused(f"A text of the workbook is longer than {limits.max_cell_chars:,} characters.")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    assert book.shared_strings_path is not None
    _feed(book.archive, book.shared_strings_path, parser, lambda: None)
    return strings


def _feed(archive: zipfile.ZipFile, path: str, parser: expat.XMLParserType, after_chunk: Callable[[], object]) -> None:
    try:
        with archive.open(path) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
                after_chunk()
            parser.Parse(b"", True)
            after_chunk()
    except (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise FileRefused(DAMAGED) from exc
