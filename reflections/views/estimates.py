"""The leader's view beside the staff member's: record an estimate, compare it with the staff member's reflection."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from people.access import DistrictRequest, district_view
from people.models import Access
from reflections import reads, services, time
from reflections.access import estimable_staff_member, visible_reflections
from reflections.forms import EstimateForm
from reflections.models import LeaderEstimate, Reflection

DEFAULT_THRESHOLD = Decimal("10")


@district_view(access=Access.LEADER)
def estimate_new(request: DistrictRequest, staff_pk: int) -> HttpResponse:
    staff = estimable_staff_member(request.member, staff_pk)
    categories = services.table_categories(request.district)
    latest = _latest_estimate(request, staff)
    form = EstimateForm(
        request.POST if request.method == "POST" else None,
        categories=categories,
        staff=staff,
        initial_rows=latest.rows.all() if latest else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_estimate(request.district, leader=request.member, staff=staff, percents=form.percents())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for key, errors in error.message_dict.items():
                    form.add_error(key if key in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, f"Your estimate of {staff.name}'s week is saved.")
            return redirect("reflections:comparison", staff_pk=staff.pk)
    return render(request, "reflections/estimates/estimate_form.html", {"staff": staff, "form": form})


@district_view(access=Access.LEADER)
def comparison(request: DistrictRequest, staff_pk: int) -> HttpResponse:
    staff = estimable_staff_member(request.member, staff_pk)
    threshold = _threshold(request.GET.get("points"))
    estimate = _latest_estimate(request, staff)
    latest = (
        Reflection.objects.filter(author=staff, status=Reflection.Status.SUBMITTED).order_by("-date", "-pk").first()
    )
    shared = latest is not None and visible_reflections(request.member).filter(pk=latest.pk).exists()
    rows = []
    if shared and estimate is not None:
        assert latest is not None
        reads.record_read(latest, reader=request.member, surface=reads.Surface.COMPARISON)
        rows = time.compare(_rows(request, latest, estimate), threshold)
    return render(
        request,
        "reflections/estimates/comparison.html",
        {
            "staff": staff,
            "estimate": estimate,
            "reflection": latest if shared else None,
            "has_reflection": latest is not None,
            "rows": rows,
            "threshold": threshold,
            "differing": sum(1 for r in rows if r.differs),
        },
    )


def _latest_estimate(request: DistrictRequest, staff) -> LeaderEstimate | None:
    """The viewer's own latest estimate of ``staff``."""
    return LeaderEstimate.objects.filter(district=request.district, leader=request.member, staff=staff).first()


def _rows(request: DistrictRequest, reflection: Reflection, estimate: LeaderEstimate) -> list:
    """(task type, ideal, staff's current, leader's estimate) for each active task type, then the staff's own rows."""
    allocations = list(reflection.allocations.select_related("category"))
    by_category = {a.category_id: a for a in allocations if a.category_id}
    estimated = {row.category_id: row.current_percent for row in estimate.rows.all()}
    rows: list[tuple[str, Decimal | None, Decimal | None, Decimal | None]] = []
    for category in services.table_categories(request.district):
        mine = by_category.pop(category.pk, None)
        rows.append(
            (
                category.name,
                mine.ideal_percent if mine else None,
                mine.current_percent if mine else None,
                estimated.get(category.pk, Decimal("0")),
            )
        )
    for allocation in allocations:
        if not allocation.category_id or allocation.category_id in by_category:
            name = allocation.category.name if allocation.category else allocation.label
            rows.append((name, allocation.ideal_percent, allocation.current_percent, None))
    return rows


def _threshold(value: str | None) -> Decimal:
    try:
        points = Decimal(value or DEFAULT_THRESHOLD)
    except (InvalidOperation, ValueError):
        return DEFAULT_THRESHOLD
    return points if 0 <= points <= 100 else DEFAULT_THRESHOLD
