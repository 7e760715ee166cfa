"""The school calendar: the district's school years and closures (district admins)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from people import calendar_services as services
from people.access import DistrictRequest, district_view, in_district
from people.forms.school_calendar import ClosureForm, SchoolYearForm, show_service_errors
from people.models import Access, Closure, SchoolYear


@district_view(access=Access.ADMIN)
def school_calendar(request: DistrictRequest) -> HttpResponse:
    year_form = SchoolYearForm(request.POST if "add_year" in request.POST else None, prefix="year")
    closure_form = ClosureForm(request.POST if "add_closure" in request.POST else None, prefix="closure")
    for form, add, done in (
        (year_form, services.add_school_year, "School year added."),
        (closure_form, services.add_closure, "Closure added."),
    ):
        if form.is_bound and form.is_valid():
            try:
                add(request.district, **form.cleaned_data)
            except ValidationError as error:
                show_service_errors(form, error)
            else:
                messages.success(request, done)
                return redirect("people:school_calendar")
    context = {
        "years": SchoolYear.objects.filter(district=request.district),
        "closures": Closure.objects.filter(district=request.district),
        "year_form": year_form,
        "closure_form": closure_form,
    }
    return render(request, "people/district/school_calendar.html", context)


@require_POST
@district_view(access=Access.ADMIN)
def school_year_delete(request: DistrictRequest, pk: int) -> HttpResponse:
    services.remove_school_year(in_district(SchoolYear.objects.all(), request.district, pk))
    messages.success(request, "School year removed.")
    return redirect("people:school_calendar")


@require_POST
@district_view(access=Access.ADMIN)
def closure_delete(request: DistrictRequest, pk: int) -> HttpResponse:
    services.remove_closure(in_district(Closure.objects.all(), request.district, pk))
    messages.success(request, "Closure removed.")
    return redirect("people:school_calendar")
