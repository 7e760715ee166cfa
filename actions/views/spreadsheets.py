"""The tracker as a spreadsheet: export (CSV, XLSX) and import (upload → the worker checks → preview → confirm).

The export has the items the user can see, narrowed by the list page's filters when given.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from actions.access import visible_items
from actions.forms import ItemFilterForm
from actions.models import TrackerUpload
from actions.services import local_today
from actions.spreadsheets import store_upload
from actions.spreadsheets.apply import allowed_schools
from actions.spreadsheets.export import SHEET_TITLE, item_layout, item_rows
from actions.spreadsheets.forms import TrackerUploadForm
from actions.spreadsheets.parsing import ALLOWED_STATUSES
from core.imports.views import ImportPages, import_page
from core.spreadsheets.writing import csv_response, xlsx_response
from people.access import district_view
from people.models import Access, School

PAGES = ImportPages(
    title="Import action items",
    upload_url="actions:tracker_import",
    done_url="actions:item_list",
    done_label="See the action items",
    subject="Action item",
)


@district_view()
@require_http_methods(["GET"])
def tracker_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format.")
    today = local_today(request.district)
    # The rows and their order are the list page's: its filters and its sort.
    items = ItemFilterForm(request.GET, district=request.district).listed(visible_items(request.member), today)
    filename = f"action-items-{today.isoformat()}.{fmt}"
    if fmt == "xlsx":
        return xlsx_response([(SHEET_TITLE, item_rows(items), item_layout(items))], filename)
    return csv_response(item_rows(items), filename)


@district_view(access=Access.LEADER)
@require_http_methods(["GET", "POST"])
def tracker_import(request):
    allowed = allowed_schools(request.member)
    schools = School.objects.filter(district=request.district)
    if allowed is not None:
        schools = schools.filter(pk__in=allowed)
    posted = request.method == "POST"
    form = TrackerUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        schools=schools,
        school_required=allowed is not None,
    )
    if posted and form.is_valid():
        upload, school = form.cleaned_data["file"], form.cleaned_data["school"]
        stored = store_upload(
            request.district, school=school, filename=upload.name, content=form.content, by=request.member
        )
        return redirect("actions:tracker_import_preview", token=stored.token)
    return render(request, "actions/spreadsheets/upload.html", {"form": form, "statuses": ALLOWED_STATUSES})


@district_view(access=Access.LEADER)
@require_http_methods(["GET", "POST"])
def tracker_import_preview(request, token):
    upload = get_object_or_404(TrackerUpload, district=request.district, token=token)
    return import_page(request, upload, PAGES)
