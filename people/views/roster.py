"""Roster import (upload → the worker checks → preview → confirm → the worker imports) and export, for admins."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from core.imports.views import ImportPages, import_page
from core.spreadsheets.writing import csv_response, xlsx_response
from people.access import district_view
from people.models import Access, RosterUpload, SchoolLevel
from people.roster import store_upload
from people.roster.export import SHEETS, rows_for, workbook_sheets
from people.roster.forms import RosterUploadForm

PAGES = ImportPages(
    title="Import a roster",
    upload_url="people:roster_import",
    done_url="people:staff_list",
    done_label="See the staff list, where you can invite everyone who has no login",
    subject="School or person",
    with_sheet=True,
)


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def roster_upload(request):
    posted = request.method == "POST"
    form = RosterUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        stored = store_upload(
            request.district,
            filename=upload.name,
            content=form.content,
            by=request.member,
            deactivate_missing=form.cleaned_data["deactivate_missing"],
        )
        return redirect("people:roster_preview", token=stored.token)
    return render(request, "people/roster/upload.html", {"form": form, "levels": SchoolLevel.labels})


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def roster_preview(request, token):
    upload = get_object_or_404(RosterUpload, district=request.district, token=token)
    return import_page(request, upload, PAGES)


@district_view(access=Access.ADMIN)
@require_http_methods(["GET"])
def roster_export(request, fmt):
    slug = request.district.slug
    if fmt == "xlsx":
        return xlsx_response(workbook_sheets(request.district), f"{slug}-roster.xlsx")
    sheet = request.GET.get("sheet", "staff")
    if fmt != "csv" or sheet not in SHEETS:
        raise Http404("Unknown export format.")
    return csv_response(rows_for(request.district, sheet), f"{slug}-{sheet}.csv")
