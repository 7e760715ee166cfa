from typing import cast

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from people.models import School


class TrackerUploadForm(forms.Form):
    file = forms.FileField(
        label="Tracker file",
        help_text="An XLSX workbook or a CSV file with the tracker's columns (described below).",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )
    school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        required=False,
        empty_label="No school (district-wide)",
        help_text="The school of every item, unless the file has a School column naming one per row.",
    )

    def __init__(self, *args, schools, school_required: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["school"])
        field.queryset = schools
        if school_required:
            field.required = True
            field.empty_label = None
            field.help_text = "The school of every item; you can import into the schools you lead."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the largest file accepted is "
                f"{filesizeformat(settings.MAX_UPLOAD_BYTES)}. Split it into smaller files."
            )
        return upload
