"""The matrix imported back from its workbook (upload → the worker checks → preview → confirm), for district admins."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from core.imports.views import ImportPages, import_page
from core.spreadsheets.forms import SpreadsheetUploadForm
from people.access import DistrictRequest, district_view
from people.models import Access, School
from roles.models import MatrixUpload
from roles.services.matrix_import import LIMITS, store_matrix_upload

PAGES = ImportPages(
    title="Import the matrix",
    upload_url="roles:matrix_import",
    done_url="roles:matrix",
    done_label="See the matrix",
    subject="Task × role",
)


class MatrixUploadForm(SpreadsheetUploadForm):
    limits = LIMITS
    school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        required=False,
        label="Matrix of",
        empty_label="The whole district",
        help_text="The matrix the file holds: the district's, or one school's (its own answers where they differ).",
    )

    def __init__(self, *args, district, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = "Matrix workbook"
        self.fields["file"].help_text = "The workbook “Download (Excel)” gives on the matrix page, edited."
        self.fields["school"].queryset = School.objects.filter(district=district)  # type: ignore[attr-defined]


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def matrix_import(request: DistrictRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = MatrixUploadForm(
        request.POST if posted else None, request.FILES if posted else None, district=request.district
    )
    if posted and form.is_valid():
        upload = store_matrix_upload(
            request.district,
            school=form.cleaned_data["school"],
            filename=form.cleaned_data["file"].name,
            content=form.content,
            by=request.member,
        )
        return redirect("roles:matrix_import_page", token=upload.token)
    return render(request, "roles/matrix/import.html", {"form": form})


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def matrix_import_page(request: DistrictRequest, token) -> HttpResponse:
    upload = get_object_or_404(MatrixUpload, district=request.district, token=token)
    return import_page(request, upload, PAGES)
