"""The staff directory: everyone in the district may look; only district admins change it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from core.pagination import paginate, query_without_page
from core.stale import StaleEdit, after_stale_edit
from people import hooks, invitations, queries, services
from people.access import DistrictRequest, district_view, in_district
from people.forms.staff import StaffForm, assignment_formset
from people.models import Access, Role, School, StaffMember


@district_view()
def staff_list(request: DistrictRequest) -> HttpResponse:
    filters = {name: request.GET.get(name, "").strip() for name in ("q", "role", "school", "access", "login")}
    staff = queries.staff_for_list(
        request.district,
        search=filters["q"],
        role=filters["role"],
        school=filters["school"],
        access=filters["access"],
        login=filters["login"],
    )
    page_obj = paginate(request, staff)
    for person in page_obj:
        person.login_status = invitations.login_status(person)
    return render(
        request,
        "people/staff/list.html",
        {
            "page_obj": page_obj,
            "status_labels": invitations.STATUS_LABELS,
            "querystring": query_without_page(request),
            "filters": filters,
            "filtered": any(filters.values()),
            "roles": Role.objects.filter(district=request.district).only("pk", "name"),
            "schools": School.objects.filter(district=request.district).values_list("pk", "name"),
            "access_levels": Access.choices,
        },
    )


@district_view()
def staff_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    staff = in_district(StaffMember.objects.select_related("role", "user"), request.district, pk)
    assignments, led_schools = queries.staff_detail(staff)
    status = invitations.login_status(staff)
    return render(
        request,
        "people/staff/detail.html",
        {
            "staff": staff,
            "assignments": assignments,
            "led_schools": led_schools,
            "login_status": status,
            "login_label": invitations.STATUS_LABELS[status],
            "panels": hooks.STAFF_PAGE.panels(staff, request.member),
        },
    )


@district_view(access=Access.ADMIN)
def staff_new(request: DistrictRequest) -> HttpResponse:
    return _staff_form(request, StaffMember(district=request.district))


@district_view(access=Access.ADMIN)
def staff_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    return _staff_form(request, in_district(StaffMember.objects.all(), request.district, pk))


def _staff_form(request: DistrictRequest, staff: StaffMember) -> HttpResponse:
    """The new and edit pages share one form: person, assignments (FTE) and led schools."""
    is_new = staff.pk is None
    heading = "Add a staff member" if is_new else f"Edit {staff.name}"
    data = request.POST if request.method == "POST" else None
    form = StaffForm(data, instance=staff, district=request.district, editor=request.member)
    assignments = assignment_formset(data, district=request.district, staff=None if is_new else staff)
    stale = None
    if data is not None:
        if form.is_valid() and assignments.is_valid():
            try:
                invited = services.save_staff_member(
                    form.save(commit=False),
                    assignments=assignments.assignments(),
                    led_schools=form.cleaned_data["led_schools"],
                    by=request.member,
                    invite=True,
                    seen=form.seen,
                )
            except StaleEdit as error:
                stale = error
                after_stale_edit(error, form, assignments)
            else:
                saved = "Added" if is_new else "Saved"
                note = f" We emailed {staff.email} an invitation to choose a password." if invited else ""
                messages.success(request, f"{saved} {staff.name}.{note}")
                return redirect("people:staff_detail", pk=staff.pk)
        else:
            messages.error(request, "Please correct the errors below.")
    context = {"form": form, "assignments": assignments, "staff": None if is_new else staff, "heading": heading}
    return render(request, "people/staff/form.html", {**context, "stale": stale})
