"""Limits from local agreements: at most N hours a week of a kind of work for a role.

Shift plans and the shift planner respect them (a plan that would break one is flagged). Admins add,
change and delete them; a change or a deletion made on an old copy of the page is refused with what
changed (``roles.services.limits``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core.stale import OUT_OF_DATE, StaleEdit, after_stale_edit
from people.access import DistrictRequest, district_view, in_district, require_admin
from people.models import Access, Role
from roles.forms.limits import DeleteLimitForm, RoleLimitForm
from roles.forms.plans import BARGAINING_REMINDER
from roles.models import RoleLimit
from roles.services import limits as services


@district_view(access=Access.LEADER)
def limits(request: DistrictRequest) -> HttpResponse:
    form = RoleLimitForm(request.POST or None, district=request.district)
    if request.method == "POST":
        require_admin(request.member)
        if form.is_valid():
            try:
                limit = services.save_limit(form.save(commit=False))
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Added the limit: {limit}.")
                return redirect("roles:limits")
    rows = list(RoleLimit.objects.filter(district=request.district).select_related("role", "category"))
    for row in rows:
        row.seen = services.limit_seen(row).sign()  # type: ignore[attr-defined]
    noted_roles = Role.objects.filter(district=request.district, retired=False).exclude(notes="")
    return render(
        request,
        "roles/limits/limits.html",
        {"form": form, "limits": rows, "noted_roles": noted_roles, "reminder": BARGAINING_REMINDER},
    )


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def limit_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    limit = in_district(RoleLimit.objects.select_related("role", "category"), request.district, pk)
    form = RoleLimitForm(request.POST or None, instance=limit, district=request.district)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            limit = services.save_limit(form.save(commit=False), seen=form.seen)
        except StaleEdit as error:
            stale = error
            after_stale_edit(error, form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved the limit: {limit}.")
            return redirect("roles:limits")
    return render(request, "roles/limits/form.html", {"form": form, "limit": limit, "stale": stale})


@require_POST
@district_view(access=Access.ADMIN)
def limit_delete(request: DistrictRequest, pk: int) -> HttpResponse:
    limit = in_district(RoleLimit.objects.select_related("role", "category"), request.district, pk)
    text = str(limit)
    form = DeleteLimitForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Not deleted: {OUT_OF_DATE}")
        return redirect("roles:limits")
    try:
        services.delete_limit(limit, seen=form.cleaned_data["seen"])
    except StaleEdit as error:
        messages.error(request, f"Not deleted. {error}")
    else:
        messages.success(request, f"Deleted the limit: {text}.")
    return redirect("roles:limits")
