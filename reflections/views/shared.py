"""Reflections shared with me: the submitted reflections others shared with a school leader or admin."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from core.pagination import paginate, query_without_page
from people.access import DistrictRequest, district_view
from people.models import Access, StaffMember
from reflections.access import visible_reflections
from reflections.models import Reflection


def shared_with(member: StaffMember) -> QuerySet[Reflection]:
    """The submitted reflections of others that ``member`` may read, the newest first."""
    return (
        visible_reflections(member)
        .exclude(author=member)
        .filter(status=Reflection.Status.SUBMITTED)
        .select_related("author__role", "school", "meeting__series", "request__series")
        .order_by("-submitted_at", "-pk")
    )


@district_view(access=Access.LEADER)
def shared_with_me(request: DistrictRequest) -> HttpResponse:
    """Who shared a reflection with me, when, and for which check-in."""
    reflections = shared_with(request.member)
    search = request.GET.get("q", "").strip()
    if search:
        reflections = reflections.filter(author__name__icontains=search)
    return render(
        request,
        "reflections/shared_with_me.html",
        {"page_obj": paginate(request, reflections), "querystring": query_without_page(request), "search": search},
    )
