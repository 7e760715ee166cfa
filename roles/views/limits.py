"""Limits from local agreements: at most N hours a week of a kind of work for a role.

Shift plans and the shift planner respect them (a plan that would break one is flagged).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from people.access import DistrictRequest, district_view, in_district, require_admin
from people.models import Access, Role
from roles.forms.limits import RoleLimitForm
from roles.forms.plans import BARGAINING_REMINDER
from roles.models import RoleLimit


@district_view(access=Access.LEADER)
def limits(request: DistrictRequest) -> HttpResponse:
    form = RoleLimitForm(request.POST or None, district=request.district)
    if request.method == "POST":
        require_admin(request.member)
        if form.is_valid():
            limit = form.save()
            messages.success(request, f"Added the limit: {limit}.")
            return redirect("roles:limits")
    rows = RoleLimit.objects.filter(district=request.district).select_related("role", "category")
    noted_roles = Role.objects.filter(district=request.district, retired=False).exclude(notes="")
    return render(
        request,
        "roles/limits/limits.html",
        {"form": form, "limits": rows, "noted_roles": noted_roles, "reminder": BARGAINING_REMINDER},
    )


@require_POST
@district_view(access=Access.ADMIN)
def limit_delete(request: DistrictRequest, pk: int) -> HttpResponse:
    limit = in_district(RoleLimit.objects.select_related("role", "category"), request.district, pk)
    text = str(limit)
    limit.delete()
    messages.success(request, f"Deleted the limit: {text}.")
    return redirect("roles:limits")
