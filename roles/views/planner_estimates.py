"""The shift planner's entered estimates of one school: the grid, and clearing it.

Who: a district admin for any school of the district, a school leader for the schools they lead (as
on the planner's inputs page); another district's school is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.stale import StaleEdit
from people.access import DistrictRequest, can_lead_school, district_view, in_district
from people.models import Access, School
from planner.explain import plural
from roles.forms.estimates import EstimatesForm
from roles.models import PlannerEstimate
from roles.planning.estimates import clear_estimates, estimate_grid, save_estimates


def _school(request: DistrictRequest, pk: int) -> School:
    school = in_district(School.objects.all(), request.district, pk)
    if not can_lead_school(request.member, school):
        raise PermissionDenied("You can enter estimates only for the schools you lead.")
    return school


@district_view(access=Access.LEADER)
def planner_estimates(request: DistrictRequest, pk: int) -> HttpResponse:
    """The school's grid of hours a week per role and task; saving stores the changed columns, all or nothing."""
    school = _school(request, pk)
    grid = estimate_grid(request.district, school)
    form = EstimatesForm(request.POST if request.method == "POST" else None, grid=grid)
    stale = None
    if request.method == "POST" and form.is_valid():
        changed = form.changed_columns()
        try:
            if changed:
                save_estimates(school, changed, by=request.member, seen=form.cleaned_data["seen"])
        except StaleEdit as error:
            stale, grid = error, estimate_grid(request.district, school)
            form = form.after_stale_edit(error, grid)
        else:
            if not changed:
                messages.info(request, "Nothing changed, so nothing was saved.")
            else:
                labels = [c.label for c in grid.columns if c.role.pk in changed]
                messages.success(request, f"Estimates saved for {', '.join(plural(label) for label in labels)}.")
            return redirect("roles:planner_estimates", pk=school.pk)
    context = {"school": school, "grid": grid, "form": form, "stale": stale}
    return render(request, "roles/planner/estimates.html", context | {"has_saved": any(c.saved for c in grid.columns)})


@district_view(access=Access.LEADER)
def planner_estimates_clear(request: DistrictRequest, pk: int) -> HttpResponse:
    """Ask first, then remove every estimate entered for the school."""
    school = _school(request, pk)
    if request.method == "POST":
        roles = clear_estimates(school)
        messages.success(request, f"Estimates cleared for {roles} role{'s' * (roles != 1)} at {school.name}.")
        return redirect("roles:planner_estimates", pk=school.pk)
    estimated = (
        PlannerEstimate.objects.filter(school=school)
        .values_list("role__name", flat=True)
        .distinct()
        .order_by("role__name")
    )
    return render(request, "roles/planner/estimates_clear.html", {"school": school, "roles": list(estimated)})
