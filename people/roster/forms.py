from django import forms

from core.spreadsheets.forms import SpreadsheetUploadForm


class RosterUploadForm(SpreadsheetUploadForm):
    too_large_advice = "Split it into a schools file and a staff file."
    deactivate_missing = forms.BooleanField(
        label="Deactivate the people who are not in the file",
        required=False,
        help_text=(
            "For a complete staff list: whoever is missing from it can no longer log in and gets no email; "
            "their history stays. The next page lists them before anything is saved."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "Roster file"
        self.fields["file"].help_text = "An XLSX workbook or a CSV file, in the layout described below."
