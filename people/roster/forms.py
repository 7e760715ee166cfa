from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="Roster file",
        help_text="An XLSX workbook or a CSV file, in the layout described below.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the largest file accepted is "
                f"{filesizeformat(settings.MAX_UPLOAD_BYTES)}. Split it into a schools file and a staff file."
            )
        return upload
