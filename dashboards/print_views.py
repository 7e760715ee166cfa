"""The seed's reflection form on paper: blank, or filled with a reflection the viewer may read."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from people.access import DistrictRequest, district_view
from reflections import reads
from reflections.access import reflection_for

# The seed's column headings for the time table, word for word.
COLUMNS = (
    "Type of task (add or modify as needed)",
    "For your role, what do you feel is the ideal allocation of time across different task types?",
    "How are you currently being asked to allocate your time on a day-to-day basis?",
    "What actions could be taken to move toward your ideal time allocation?",
)


@district_view()
@require_http_methods(["GET"])
def reflection_form_blank(request: DistrictRequest):
    rows = request.district.task_categories.active().order_by("position", "name").values_list("name", flat=True)
    return render(request, "reflections/print/form.html", {"columns": COLUMNS, "blank_rows": list(rows)})


@district_view()
@require_http_methods(["GET"])
def reflection_form_print(request: DistrictRequest, pk: int):
    reflection = reflection_for(request.member, pk)
    reads.record_read(reflection, reader=request.member, surface=reads.Surface.PRINT)
    rows = reflection.allocations.select_related("category").order_by("position", "pk")
    return render(request, "reflections/print/form.html", {"columns": COLUMNS, "reflection": reflection, "rows": rows})
