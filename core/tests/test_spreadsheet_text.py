"""Text as Excel and LibreOffice write it: encodings, byte order marks, separators, formula-like text."""

from __future__ import annotations

import codecs
import io

import pytest
from openpyxl import load_workbook

from core.spreadsheets import clean_cell, open_spreadsheet, protect_formula, unprotect_formula
from core.spreadsheets.text import detect_encoding
from core.spreadsheets.writing import csv_lines, write_xlsx

NAME = "Zoë O'Brien-Müller"
ROWS = [["Name", "Email"], [NAME, "zoe@lincoln.example.org"]]


def rows_of(content: bytes, filename: str = "staff.csv") -> list[list]:
    spreadsheet = open_spreadsheet(content, filename)
    return [[clean_cell(cell) for cell in cells] for sheet in spreadsheet.sheets for _, cells in sheet.rows()]


@pytest.mark.parametrize(
    ("encoding", "separator", "read_as"),
    [
        ("utf-8", ",", "a CSV file in UTF-8"),
        ("utf-8-sig", ",", "a CSV file in UTF-8"),
        ("utf-16", "\t", "a CSV file in UTF-16"),  # Excel's "Unicode text"
        ("utf-16-le", ",", "a CSV file in UTF-16"),
        ("cp1252", ",", "a CSV file in Windows-1252"),
        ("cp1252", ";", "a CSV file in Windows-1252"),  # Excel in a locale with decimal commas
    ],
)
def test_names_read_the_same_in_every_encoding_excel_and_libreoffice_write(encoding, separator, read_as):
    content = "\r\n".join(separator.join(row) for row in ROWS).encode(encoding)

    assert rows_of(content) == ROWS
    assert open_spreadsheet(content, "staff.csv").read_as == read_as


def test_the_encodings_are_told_apart_by_their_bytes():
    assert detect_encoding(NAME.encode("utf-8")) == "utf-8"
    assert detect_encoding(codecs.BOM_UTF8 + NAME.encode()) == "utf-8-sig"
    assert detect_encoding(NAME.encode("cp1252")) == "cp1252"
    assert detect_encoding(b"\x81\x8d\x8f\x90\x9d") is None  # no text encoding gives these bytes


def test_csv_exports_start_with_a_byte_order_mark_so_excel_reads_utf8():
    content = "".join(csv_lines(ROWS)).encode()

    assert content.startswith(codecs.BOM_UTF8)
    assert rows_of(content) == ROWS


FORMULA_LIKE = ["=1+2", "+1 555 0100", "-5 students", "@home", "'=quoted", "''+two", "O'Brien", "'plain", "-"]


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_goes_through_a_csv_export_and_back_unchanged(text):
    content = "".join(csv_lines([["Name"], [text]])).encode()

    assert rows_of(content) == [["Name"], [text.strip()]]
    assert not content.decode("utf-8-sig").splitlines()[1].lstrip('"').startswith(("=", "+", "-", "@"))


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_formula_like_text_is_a_text_cell_in_a_workbook_and_reads_back_unchanged(text):
    stream = io.BytesIO()
    write_xlsx([("Staff", [["Name"], [text]])], stream)

    cell = load_workbook(io.BytesIO(stream.getvalue()))["Staff"]["A2"]
    assert cell.data_type == "s"  # never a formula
    assert rows_of(stream.getvalue(), "staff.xlsx") == [["Name"], [text]]


def test_protecting_then_unprotecting_gives_the_text_back_even_with_apostrophes_in_front():
    for text in [*FORMULA_LIKE, "", "'", "''", "'''=x"]:
        assert unprotect_formula(str(protect_formula(text))) == text
