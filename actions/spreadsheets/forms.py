from typing import cast

from django import forms

from core.spreadsheets.forms import SpreadsheetUploadForm
from people.models import School


class TrackerUploadForm(SpreadsheetUploadForm):
    school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        required=False,
        empty_label="No school (district-wide)",
        help_text="The school of every item, unless the file has a School column naming one per row.",
    )

    def __init__(self, *args, schools, school_required: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "Tracker file"
        self.fields["file"].help_text = "An XLSX workbook or a CSV file with the tracker's columns (described below)."
        field = cast(forms.ModelChoiceField, self.fields["school"])
        field.queryset = schools
        if school_required:
            field.required = True
            field.empty_label = None
            field.help_text = "The school of every item; you can import into the schools you lead."
