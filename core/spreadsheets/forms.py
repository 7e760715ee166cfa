"""The upload field every import shares: size-limited, and the file checked before it is kept."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from core.spreadsheets.limits import DEFAULT_LIMITS, Limits
from core.spreadsheets.problems import FileRefused
from core.spreadsheets.reading import Spreadsheet, open_spreadsheet


class SpreadsheetUploadForm(forms.Form):
    """An upload of one XLSX or CSV file, refused beyond ``settings.MAX_UPLOAD_BYTES``.

    The file is opened (``open_spreadsheet``) while the form is cleaned, so that an empty, damaged or
    oversize file — a zip bomb among them — is refused beside the field, in milliseconds, before
    anything is stored. ``content`` and ``spreadsheet`` hold what was read.
    """

    file = forms.FileField(widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt,text/csv"}))
    too_large_advice = "Split it into smaller files."
    limits: Limits = DEFAULT_LIMITS

    content: bytes = b""
    spreadsheet: Spreadsheet | None = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the largest file accepted is "
                f"{filesizeformat(settings.MAX_UPLOAD_BYTES)}. {self.too_large_advice}"
            )
        self.content = upload.read()
        try:
            self.spreadsheet = open_spreadsheet(self.content, upload.name, self.limits)
        except FileRefused as refused:
            raise forms.ValidationError(refused.reason) from refused
        return upload
