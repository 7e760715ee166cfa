"""The open action items of people who left the district, for district admins to give to someone else."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from actions import services
from actions.forms import ReassignForm
from actions.models import OPEN_STATUSES
from people.access import DistrictRequest, district_view
from people.models import Access, District, StaffMember


def leavers_with_open_items(district: District) -> QuerySet[StaffMember]:
    """Deactivated staff of ``district`` who still own open items, with ``open_items`` counted (one query)."""
    return (
        StaffMember.objects.filter(district=district)
        .deactivated()
        .annotate(open_items=Count("owned_action_items", filter=Q(owned_action_items__status__in=OPEN_STATUSES)))
        .filter(open_items__gt=0)
        .order_by("name", "pk")
    )


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def left_items(request: DistrictRequest) -> HttpResponse:
    leavers = leavers_with_open_items(request.district)
    form = ReassignForm(request.POST or None, district=request.district, leavers=leavers)
    if request.method == "POST" and form.is_valid():
        leaver, to = form.cleaned_data["staff"], form.cleaned_data["to"]
        try:
            moved = services.reassign_open_items(leaver, to=to, by=request.member)
        except ValidationError as error:
            form.add_error("to", error.message_dict.get("to", error.messages))
        else:
            items = f"{moved} open item{'s' if moved != 1 else ''}"
            messages.success(request, f"{items} of {leaver.name} went to {to.name}.")
            return redirect("actions:left_items")
    return render(request, "actions/left_items.html", {"leavers": list(leavers), "form": form})
