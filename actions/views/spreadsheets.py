"""The tracker as a spreadsheet: export (CSV, XLSX) and import (upload → preview → confirm).

The export has the items the user can see, narrowed by the list page's filters when given.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from actions.access import visible_items
from actions.forms import ItemFilterForm
from actions.models import TrackerUpload
from actions.services import local_today
from actions.spreadsheets import UNCHANGED, apply_upload, build_plan, read_tracker, store_upload, upload_plan
from actions.spreadsheets.apply import allowed_schools
from actions.spreadsheets.export import SHEET_TITLE, item_rows
from actions.spreadsheets.forms import TrackerUploadForm
from actions.spreadsheets.parsing import ALLOWED_STATUSES
from core.spreadsheets.writing import csv_response, xlsx_response
from core.uploads import confirm_step
from people.access import district_view
from people.models import Access, School

PREVIEW_LIMIT = 500


@district_view()
@require_http_methods(["GET"])
def tracker_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format.")
    today = local_today(request.district)
    items = ItemFilterForm(request.GET, district=request.district).apply(visible_items(request.member), today)
    filename = f"action-items-{today.isoformat()}.{fmt}"
    if fmt == "xlsx":
        return xlsx_response([(SHEET_TITLE, item_rows(items))], filename)
    return csv_response(item_rows(items), filename)


@district_view(access=Access.LEADER)
@require_http_methods(["GET", "POST"])
def tracker_import(request):
    allowed = allowed_schools(request.member)
    schools = School.objects.filter(district=request.district)
    if allowed is not None:
        schools = schools.filter(pk__in=allowed)
    form = TrackerUploadForm(
        request.POST or None, request.FILES or None, schools=schools, school_required=allowed is not None
    )
    problems = []
    if request.method == "POST" and form.is_valid():
        upload, school = form.cleaned_data["file"], form.cleaned_data["school"]
        content = form.content
        sheet = read_tracker(content, upload.name)
        plan = build_plan(request.district, sheet, school=school, allowed_school_ids=allowed)
        if plan.ok:
            stored = store_upload(
                request.district, school=school, filename=upload.name, content=content, by=request.member
            )
            return redirect("actions:tracker_import_preview", token=stored.token)
        problems = plan.problems
    context = {"form": form, "problems": problems, "statuses": ALLOWED_STATUSES}
    return render(request, "actions/spreadsheets/upload.html", context)


@district_view(access=Access.LEADER)
@require_http_methods(["GET", "POST"])
def tracker_import_preview(request, token):
    upload = get_object_or_404(TrackerUpload, district=request.district, token=token)
    response, plan = confirm_step(
        request,
        upload,
        plan_of=upload_plan,
        apply=apply_upload,
        done_url=reverse("actions:item_list"),
        imported="Tracker imported.",
    )
    if response is not None:
        return response
    shown = [change for change in plan.changes if change.kind != UNCHANGED]
    context = {
        "upload": upload,
        "plan": plan,
        "changes": shown[:PREVIEW_LIMIT],
        "hidden_changes": max(len(shown) - PREVIEW_LIMIT, 0),
    }
    return render(request, "actions/spreadsheets/preview.html", context)
