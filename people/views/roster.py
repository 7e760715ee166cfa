"""Roster import (upload → preview → confirm) and export, for district admins."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.spreadsheets.writing import csv_response, xlsx_response
from core.uploads import confirm_step
from people.access import district_view
from people.models import Access, RosterUpload, SchoolLevel
from people.roster import build_plan, read_roster, store_upload
from people.roster.apply import apply_upload, upload_plan
from people.roster.export import SHEETS, rows_for, workbook_sheets
from people.roster.forms import RosterUploadForm

PREVIEW_LIMIT = 500


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def roster_upload(request):
    posted = request.method == "POST"
    form = RosterUploadForm(request.POST if posted else None, request.FILES if posted else None)
    problems = []
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        content = form.content
        plan = build_plan(request.district, read_roster(content, upload.name), by=request.member)
        if plan.ok:
            stored = store_upload(request.district, filename=upload.name, content=content, by=request.member)
            return redirect("people:roster_preview", token=stored.token)
        problems = plan.problems
    context = {"form": form, "problems": problems, "levels": SchoolLevel.labels}
    return render(request, "people/roster/upload.html", context)


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def roster_preview(request, token):
    upload = get_object_or_404(RosterUpload, district=request.district, token=token)
    response, plan = confirm_step(
        request,
        upload,
        plan_of=upload_plan,
        apply=apply_upload,
        done_url=reverse("people:staff_list"),
        imported="Roster imported.",
    )
    if response is not None:
        return response
    changes = plan.changes
    context = {
        "upload": upload,
        "plan": plan,
        "changes": changes[:PREVIEW_LIMIT],
        "hidden_changes": max(len(changes) - PREVIEW_LIMIT, 0),
    }
    return render(request, "people/roster/preview.html", context)


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
