"""Schools: everyone in the district may look; only district admins change them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.pagination import paginate, query_without_page
from core.stale import StaleEdit, after_stale_edit
from people import queries, services
from people.access import DistrictRequest, district_view, in_district
from people.forms.schools import SchoolForm
from people.models import Access, School, SchoolLevel


@district_view()
def school_list(request: DistrictRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    sort = request.GET.get("sort", "name")
    schools = queries.schools_for_list(request.district, search=search, level=level, sort=sort)
    return render(
        request,
        "people/schools/list.html",
        {
            "page_obj": paginate(request, schools),
            "querystring": query_without_page(request),
            "search": search,
            "level": level,
            "sort": sort,
            "levels": SchoolLevel.choices,
            "sorts": [
                ("name", "Name, A to Z"),
                ("-name", "Name, Z to A"),
                ("-enrollment", "Enrollment, largest first"),
                ("enrollment", "Enrollment, smallest first"),
            ],
            "filtered": bool(search or level),
        },
    )


@district_view()
def school_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    school = in_district(School.objects.all(), request.district, pk)
    return render(
        request,
        "people/schools/detail.html",
        {
            "school": school,
            "assignments": queries.school_assignments(school),
            "leaders": queries.school_leaders(school),
        },
    )


@district_view(access=Access.ADMIN)
def school_new(request: DistrictRequest) -> HttpResponse:
    form = SchoolForm(request.POST or None, district=request.district)
    if request.method == "POST" and form.is_valid():
        school = services.save_school(form.save(commit=False))
        messages.success(request, f"Added {school.name}.")
        return redirect("people:school_detail", pk=school.pk)
    return render(request, "people/schools/form.html", {"form": form, "school": None})


@district_view(access=Access.ADMIN)
def school_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    school = in_district(School.objects.all(), request.district, pk)
    form = SchoolForm(request.POST or None, instance=school, district=request.district)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_school(form.save(commit=False), seen=form.seen)
        except StaleEdit as error:
            stale = error
            after_stale_edit(error, form)
        else:
            messages.success(request, f"Saved {school.name}.")
            return redirect("people:school_detail", pk=school.pk)
    return render(request, "people/schools/form.html", {"form": form, "school": school, "stale": stale})


@district_view(access=Access.ADMIN)
def school_delete(request: DistrictRequest, pk: int) -> HttpResponse:
    school = in_district(School.objects.all(), request.district, pk)
    if request.method == "POST":
        removed = services.delete_school(school)
        messages.success(request, f"Deleted {school.name} and its {removed} staff assignment(s).")
        return redirect("people:school_list")
    return render(
        request,
        "people/schools/confirm_delete.html",
        {
            "school": school,
            "assignment_count": school.assignments.count(),
            "leader_count": school.leaderships.count(),
        },
    )
