"""The people picker's search (``people.picker``), as JSON for ``static/js/people-picker.js``."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse

from core.params import parse_id
from people import picker
from people.access import DistrictRequest, district_view


@district_view()
def people_search(request: DistrictRequest) -> HttpResponse:
    """?q=words: matching people and shortcuts; ?school=id or ?role=id: that group's people."""
    for kind in ("school", "role"):
        if kind in request.GET:
            pk = parse_id(request.GET.get(kind, ""))
            people = picker.group(request.district, kind, pk) if pk else []
            return JsonResponse({"people": [{"id": p.pk, "label": p.label} for p in people]})
    text = request.GET.get("q", "")[:100]
    return JsonResponse(
        {
            "people": [{"id": p.pk, "label": p.label} for p in picker.search(request.district, text)],
            "groups": [
                {"kind": s.kind, "id": s.pk, "label": s.label, "count": s.count}
                for s in picker.shortcuts(request.district, text)
            ],
        }
    )
