"""Spreadsheets shared by every import and export (roster, tracker, matrix, dashboards).

- ``reading``: an upload opened as sheets of streamed rows, checked against ``limits`` first
  (``xlsx`` for workbooks, ``text`` for CSV and its encoding);
- ``writing``: CSV (with a UTF-8 byte order mark) and XLSX downloads;
- ``formulas``: text that looks like a formula stays text both ways;
- ``problems``: what is wrong with a file, by sheet, row and column.

The upload → check → preview → confirm → apply steps the imports share are in ``core.imports``.
"""

from core.spreadsheets.forms import SpreadsheetUploadForm
from core.spreadsheets.formulas import protect_formula, unprotect_formula
from core.spreadsheets.limits import DEFAULT_LIMITS, Limits
from core.spreadsheets.problems import FileRefused, Problem, Problems
from core.spreadsheets.reading import Sheet, Spreadsheet, cell_text, clean_cell, file_kind, open_spreadsheet

__all__ = [
    "DEFAULT_LIMITS",
    "FileRefused",
    "Limits",
    "Problem",
    "Problems",
    "Sheet",
    "Spreadsheet",
    "SpreadsheetUploadForm",
    "cell_text",
    "clean_cell",
    "file_kind",
    "open_spreadsheet",
    "protect_formula",
    "unprotect_formula",
]
