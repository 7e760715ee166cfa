"""The pages every spreadsheet import shares: the upload form and the import's own page.

An app's views stay thin: they find the upload through their access rules and hand it here with an
:class:`ImportPages` naming their URLs and words. The import's page shows, by the upload's state, a
progress bar (refreshed by htmx every second, or by reloading the page without JavaScript), the
problems, the preview with its Confirm button, or the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.imports.services import confirm_import
from core.imports.steps import preview_rows
from core.models import SpreadsheetUpload, UploadState
from core.spreadsheets import Problem


@dataclass(frozen=True)
class ImportPages:
    """The words and links of one import's pages."""

    title: str  # "Import a roster"
    upload_url: str  # URL name of the upload form, e.g. "people:roster_import"
    done_url: str  # URL name of the page to go on to once imported, e.g. "people:staff_list"
    done_label: str  # "See the staff list"
    subject: str = "Row"  # heading of the preview's "what" column: "School or person", "Action item"
    with_sheet: bool = False  # workbooks of several sheets: show each problem's sheet


def import_page(request: HttpRequest, upload: SpreadsheetUpload, pages: ImportPages) -> HttpResponse:
    """The import's page (GET), its progress for htmx's polling, and its confirmation (POST)."""
    if request.method == "POST":
        if upload.state == UploadState.APPLIED:
            messages.info(request, f"“{upload.filename}” has already been imported.")
        elif not confirm_import(upload) and upload.state != UploadState.APPLYING:
            messages.info(request, "This file cannot be imported as it is: see below.")
        return redirect(request.path)
    if getattr(request, "htmx", False):
        if upload.running:
            return render(request, "core/imports/page.html#progress", {"upload": upload})
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # the import has moved on: show its outcome
        return response
    report = upload.report or {}
    context = {
        "upload": upload,
        "pages": pages,
        "report": report,
        "changes": preview_rows(upload),
        "problems": [Problem.from_dict(problem) for problem in report.get("problems", [])],
        "upload_url": reverse(pages.upload_url),
        "done_url": reverse(pages.done_url),
    }
    return render(request, "core/imports/page.html", context)
