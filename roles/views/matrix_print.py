"""The matrix on paper and as a spreadsheet: the blank role description template, the filled matrix, XLSX."""

from __future__ import annotations

import tempfile

from django.http import FileResponse, HttpResponse
from django.shortcuts import render

from people.access import DistrictRequest, district_view
from roles.services import matrix as services
from roles.services.matrix_export import QUESTION, TRAINING_NOTE, write_matrix_xlsx
from roles.views.matrix import school_from_request

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BLANK_ROWS = 5


@district_view()
def matrix_template(request: DistrictRequest) -> HttpResponse:
    """The seed's role description template to fill in by hand: the district's tasks and roles, boxes unticked."""
    grid = services.matrix_grid(request.district)
    context = {
        "grid": grid,
        "blank": True,
        "question": QUESTION,
        "note": TRAINING_NOTE,
        "blank_rows": range(BLANK_ROWS),
    }
    return render(request, "roles/matrix/print.html", context)


@district_view()
def matrix_print(request: DistrictRequest) -> HttpResponse:
    """The filled matrix (the district's, or one school's with ``?school=``) in the template's layout."""
    school = school_from_request(request)
    grid = services.matrix_grid(request.district, school)
    context = {"grid": grid, "blank": False, "school": school, "question": QUESTION, "note": TRAINING_NOTE}
    return render(request, "roles/matrix/print.html", context)


@district_view()
def matrix_export(request: DistrictRequest) -> FileResponse:
    school = school_from_request(request)
    grid = services.matrix_grid(request.district, school)
    stream = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 — the response closes (and so deletes) it
    write_matrix_xlsx(grid, stream)
    stream.seek(0)
    filename = f"capability-matrix-{school.pk if school else 'district'}.xlsx"
    return FileResponse(stream, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
