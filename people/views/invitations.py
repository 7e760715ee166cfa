"""Inviting staff to log in: one person (or again), or everyone of a filtered staff list without a login."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from people import invitations, queries
from people.access import DistrictRequest, district_view, in_district
from people.models import Access, StaffMember

LIST_FILTERS = ("q", "role", "school", "access")


@require_POST
@district_view(access=Access.ADMIN)
def staff_invite(request: DistrictRequest, pk: int) -> HttpResponse:
    """Invite one person to choose a password, or send their invitation again."""
    staff = in_district(StaffMember.objects.select_related("district", "user"), request.district, pk)
    again = invitations.login_status(staff) == invitations.INVITED
    try:
        invitations.invite(staff)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"We emailed {staff.email} {'a new' if again else 'an'} invitation to choose a password."
        )
    return redirect("people:staff_detail", pk=staff.pk)


@require_POST
@district_view(access=Access.ADMIN)
def staff_invite_many(request: DistrictRequest) -> HttpResponse:
    """Invite everyone of the staff list (as filtered: a school, a role…) who never had a login."""
    filters = {name: request.POST.get(name, "").strip() for name in LIST_FILTERS}
    listed = queries.staff_for_list(request.district, **{"search" if k == "q" else k: v for k, v in filters.items()})
    ids = list(invitations.never_invited(listed).values_list("pk", flat=True))
    if ids:
        invitations.invite_everyone_task.enqueue(ids, request.district.pk)
        messages.success(
            request,
            f"Inviting {len(ids)} {'person' if len(ids) == 1 else 'people'}: each gets an email with a link to "
            "choose a password in the next minutes.",
        )
    else:
        messages.info(request, "Everyone on this list already has a login (or has no email address).")
    query = urlencode({k: v for k, v in filters.items() if v})
    return redirect(reverse("people:staff_list") + (f"?{query}" if query else ""))
