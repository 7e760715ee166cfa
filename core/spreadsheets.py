"""What every spreadsheet import and export shares: recognising and decoding
an uploaded file without trusting it, naming a problem by row and column, the
upload size limit, and the guard against formulas.

Formulas: a text cell that starts with ``=``, ``+``, ``-`` or ``@`` is run as a formula

by spreadsheet programs ("CSV injection"): a staff name typed as
``=HYPERLINK(…)`` must not become a live link in the admin's Excel. Exports
write such text with a leading apostrophe — the spreadsheet convention for
"this is text" — and imports drop that apostrophe again, so a file still
imports back unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

ZIP_MAGIC = b"PK\x03\x04"  # an XLSX workbook is a zip archive
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) format


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (sheet, row as the spreadsheet shows it, column) and why."""

    sheet: str
    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        parts = (self.sheet, self.row and f"row {self.row}", self.column and f"column {self.column}")
        prefix = ", ".join(part for part in parts if part)
        return f"{prefix}: {self.reason}" if prefix else self.reason


def file_kind(content: bytes, filename: str = "") -> tuple[str, str]:
    """Recognise an upload by its bytes, then its name: ``("xlsx" | "csv" | "", reason if unusable)``.

    >>> file_kind(b""), file_kind(b"PK\x03\x04..."), file_kind(b"a,b\n1,2\n", "x.csv")
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


def decode_text(content: bytes) -> str | None:
    """Decode as UTF-8 (with or without a byte order mark), else Windows-1252; ``None`` if neither fits."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


class SpreadsheetUploadForm(forms.Form):
    """An upload of one XLSX or CSV file, refused beyond ``settings.MAX_UPLOAD_BYTES``."""

    file = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}))
    too_large_advice = "Split it into smaller files."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the largest file accepted is "
                f"{filesizeformat(settings.MAX_UPLOAD_BYTES)}. {self.too_large_advice}"
            )
        return upload


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect_formula(value: Any) -> Any:
    """``"=1+2"`` → ``"'=1+2"``; anything else unchanged.

    >>> protect_formula("=1+2"), protect_formula("Adams Elementary"), protect_formula(0.5)
    ("'=1+2", 'Adams Elementary', 0.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unprotect_formula(value: str) -> str:
    """Undo ``protect_formula``: ``"'=1+2"`` → ``"=1+2"``; other text unchanged.

    >>> unprotect_formula("'=1+2"), unprotect_formula("'quoted'")
    ('=1+2', "'quoted'")
    """
    if value.startswith("'") and value[1:2] in FORMULA_STARTS and value[1:2]:
        return value[1:]
    return value
