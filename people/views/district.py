"""District settings: name, time zone, privacy threshold, hours per FTE and the recommended ratios."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.stale import StaleEdit, after_stale_edit, seen_in
from people import services
from people.access import DistrictRequest, district_view
from people.forms.district import DistrictSettingsForm, RoleRatioFormSet
from people.models import Access, District, Role


@district_view(access=Access.ADMIN)
def settings_view(request: DistrictRequest) -> HttpResponse:
    district = District.objects.get(pk=request.district.pk)
    roles = Role.objects.filter(district=district).active()
    form = DistrictSettingsForm(request.POST or None, instance=district)
    ratios = RoleRatioFormSet(request.POST or None, queryset=roles, prefix="ratios")
    stale = None
    if request.method == "POST" and form.is_valid() and ratios.is_valid():
        try:
            services.save_district_settings(
                form.save(commit=False), roles=ratios.save(commit=False), seen=seen_in(form, ratios)
            )
        except StaleEdit as error:
            stale = error
            after_stale_edit(error, form, ratios)
        else:
            messages.success(request, "District settings saved.")
            return redirect("people:district_settings")
    return render(request, "people/district/settings.html", {"form": form, "ratios": ratios, "stale": stale})
