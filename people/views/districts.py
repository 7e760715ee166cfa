"""The operator's district management: every district of the deployment, and a new one."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.pagination import paginate, query_without_page
from people.access import DistrictRequest, superuser_view
from people.forms.districts import NewDistrictForm
from people.models import District, School, StaffMember
from people.services import create_district_with_admin


@superuser_view
def district_list(request: DistrictRequest) -> HttpResponse:
    """Every district of the deployment, with how many schools and staff each has."""
    query = request.GET.get("q", "").strip()
    districts = District.objects.annotate(
        school_count=_count_in_district(School), staff_count=_count_in_district(StaffMember)
    ).order_by("name")
    if query:
        districts = districts.filter(Q(name__icontains=query) | Q(slug__icontains=query))
    page_obj = paginate(request, districts)
    return render(
        request,
        "people/districts/district_list.html",
        {"page_obj": page_obj, "query": query, "querystring": query_without_page(request)},
    )


def _count_in_district(model) -> Coalesce:
    """Rows of ``model`` per district, as a subquery (no join that multiplies rows)."""
    counts = model.objects.filter(district=OuterRef("pk")).order_by().values("district").annotate(n=Count("pk"))
    return Coalesce(Subquery(counts.values("n"), output_field=IntegerField()), Value(0))


@superuser_view
def district_new(request: DistrictRequest) -> HttpResponse:
    form = NewDistrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        district, admin = create_district_with_admin(**form.cleaned_data)
        messages.success(
            request, f"{district.name} is ready. We emailed {admin.email} a link to choose a password and log in."
        )
        return redirect("people:districts")
    return render(request, "people/districts/district_form.html", {"form": form})
