from core.spreadsheets.forms import SpreadsheetUploadForm


class RosterUploadForm(SpreadsheetUploadForm):
    too_large_advice = "Split it into a schools file and a staff file."

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "Roster file"
        self.fields["file"].help_text = "An XLSX workbook or a CSV file, in the layout described below."
