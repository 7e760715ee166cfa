"""Requests to reflect: ask a group, follow who has responded, remind those who have not (once)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from actions.services import local_today
from core.pagination import paginate, query_without_page
from people.access import DistrictRequest, district_view, in_district
from people.models import Access, Role, School
from reflections import groups, services
from reflections.access import estimable_staff, led_school_ids_strict, visible_reflections, visible_requests
from reflections.forms import RequestForm


@district_view(access=Access.LEADER)
def request_list(request: DistrictRequest) -> HttpResponse:
    requests = (
        visible_requests(request.member)
        .select_related("requested_by", "series", "school", "role")
        .annotate(
            asked=Count("recipients", distinct=True),
            responded=Count("recipients", filter=Q(recipients__reflection__isnull=False), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "reflections/requests/request_list.html",
        {"page_obj": paginate(request, requests), "querystring": query_without_page(request)},
    )


def _choices(request: DistrictRequest) -> dict:
    """The groups a member may ask: any for an admin; their schools and series for a school leader."""
    from checkins.models import Series

    member = request.member
    series = Series.objects.filter(district=request.district, status=Series.Status.ACTIVE)
    schools = School.objects.filter(district=request.district)
    if member.has_access(Access.ADMIN):
        roles = Role.objects.active().filter(district=request.district)
    else:
        led = led_school_ids_strict(member)
        series = series.filter(Q(organizer=member) | Q(school_id__in=led))
        schools = schools.filter(pk__in=led)
        roles = None
    return {"series": series.order_by("title"), "schools": schools.order_by("name"), "roles": roles}


@district_view(access=Access.LEADER)
def request_new(request: DistrictRequest) -> HttpResponse:
    today = local_today(request.district)
    form = RequestForm(request.POST if request.method == "POST" else None, today=today, **_choices(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.create_request(
                request.district,
                by=request.member,
                group=data["group"],
                due_on=data["due_on"],
                message=data["message"],
                series=data.get("series"),
                school=data.get("school"),
                role=data.get("role"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = made.recipients.count()
            skipped = len(groups.left_out(made))
            messages.success(
                request,
                f"Asked {count} {'person' if count == 1 else 'people'} to reflect; each got an email."
                + (f" {skipped} of the group could not be asked: see below who and why." if skipped else ""),
            )
            return redirect("reflections:request_detail", pk=made.pk)
    return render(request, "reflections/requests/request_form.html", {"form": form})


@district_view(access=Access.LEADER)
def request_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    ask = in_district(
        visible_requests(request.member).select_related(
            "district", "requested_by", "series", "school", "role", "meeting"
        ),
        request.district,
        pk,
    )
    recipients = list(ask.recipients.select_related("staff", "staff__role").order_by("staff__name"))
    responded = sum(1 for r in recipients if r.reflection_id)
    readable = set(
        visible_reflections(request.member)
        .filter(pk__in=ask.recipients.values("reflection_id"))
        .values_list("pk", flat=True)
    )
    estimable = set(
        estimable_staff(request.member).filter(pk__in=ask.recipients.values("staff_id")).values_list("pk", flat=True)
    )
    return render(
        request,
        "reflections/requests/request_detail.html",
        {
            "ask": ask,
            "recipients": recipients,
            "responded": responded,
            "waiting": len(recipients) - responded,
            "estimable": estimable,
            "readable": readable,
            "left_out": groups.left_out(ask),
        },
    )


@district_view(access=Access.LEADER)
@require_POST
def request_remind(request: DistrictRequest, pk: int) -> HttpResponse:
    ask = in_district(visible_requests(request.member), request.district, pk)
    try:
        count = services.send_reminder(ask)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Reminded {count} {'person' if count == 1 else 'people'}.")
    return redirect("reflections:request_detail", pk=ask.pk)
