"""Reflections shared with me: the submitted reflections others shared with a school leader or admin."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from core.pagination import paginate, query_without_page
from people.access import DistrictRequest, district_view
from people.models import Access
from reflections.access import shared_with


@district_view(access=Access.LEADER)
def shared_with_me(request: DistrictRequest) -> HttpResponse:
    """Who shared a reflection with me, when, and for which check-in."""
    reflections = shared_with(request.member).select_related(
        "author__role", "school", "meeting__series", "request__series"
    )
    search = request.GET.get("q", "").strip()
    if search:
        reflections = reflections.filter(author__name__icontains=search)
    return render(
        request,
        "reflections/shared_with_me.html",
        {"page_obj": paginate(request, reflections), "querystring": query_without_page(request), "search": search},
    )
