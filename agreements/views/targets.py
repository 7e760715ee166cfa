"""The district's target shares per role (district admins)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from agreements import services
from agreements.forms import TargetForm
from agreements.rules import direct_and_indirect
from agreements.targets import role_target, save_role_target
from agreements.views.agreements import _add
from people.access import DistrictRequest, district_view, in_district
from people.models import Access, Role


@district_view(access=Access.ADMIN)
def targets(request: DistrictRequest) -> HttpResponse:
    categories = services.task_types(request.district)
    kinds = {c.pk: c.service_kind for c in categories}
    rows = []
    for role in Role.objects.filter(district=request.district, is_mental_health=True).active().order_by("position"):
        shares, is_set = role_target(role, categories)
        rows.append((role, is_set, direct_and_indirect(shares, kinds)))
    return render(request, "agreements/targets.html", {"rows": rows})


@district_view(access=Access.ADMIN)
def target_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    role = in_district(Role.objects.filter(is_mental_health=True), request.district, pk)
    categories = services.task_types(request.district)
    shares, _ = role_target(role, categories)
    form = TargetForm(request.POST or None, shares=shares, categories=categories)
    if request.method == "POST" and form.is_valid():
        try:
            save_role_target(role, form.shares())
        except ValidationError as error:
            _add(form, error)
        else:
            messages.success(request, f"Target saved: new {role.name} agreements start from it.")
            return redirect("agreements:targets")
    return render(request, "agreements/target_edit.html", {"role": role, "form": form})
