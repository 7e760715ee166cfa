"""An agreement's goals: add, change, remove, and record progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from actions.access import visible_items
from actions.services import local_today
from agreements import goals as services
from agreements.access import agreement_for, may_change
from agreements.content import parts_of, reload
from agreements.forms import DeleteGoalForm, GoalForm, ProgressForm
from agreements.models import MAX_GOALS, Agreement, Goal
from agreements.views.agreements import _add, renewed
from checkins.series_access import meeting_for
from core.params import parse_id
from core.stale import StaleEdit
from people.access import DistrictRequest, district_view


def _agreement(request: DistrictRequest, pk: int) -> Agreement:
    agreement = agreement_for(request.member, pk)
    if not may_change(request.member, agreement):
        raise PermissionDenied("Only the staff member, the school's leaders and district admins change an agreement.")
    return reload(agreement)


def _goal(agreement: Agreement, goal_pk: int) -> Goal:
    for goal in agreement.goals.all():
        if str(goal.pk) == str(goal_pk):
            goal.agreement = agreement
            return goal
    raise Http404("Not found.")


def _items(request: DistrictRequest, agreement: Agreement):
    """Action items the editor can see that belong with the agreement: the staff member's and the school's."""
    return (
        visible_items(request.member)
        .filter(owner_id__in=[agreement.staff_id, agreement.leader_id or 0])
        .exclude(status="abandoned")
        .order_by("-created_on", "-pk")[:50]
    )


def _edit(request: DistrictRequest, agreement: Agreement, goal: Goal | None) -> HttpResponse:
    items = list(_items(request, agreement))
    chosen = list(goal.action_items.all()) if goal else []
    queryset = visible_items(request.member).filter(pk__in=[i.pk for i in items + chosen])
    form = GoalForm(request.POST or None, agreement=agreement, goal=goal, parts=parts_of(agreement), items=queryset)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            services.save_goal(
                agreement,
                goal,
                by=request.member,
                seen=form.cleaned_data["seen"],
                data=form.data_fields(),
                categories=form.cleaned_data["categories"],
                action_items=form.cleaned_data["action_items"],
            )
        except StaleEdit as error:
            stale = error
            form = GoalForm(renewed(request, agreement), agreement=agreement, goal=goal, parts=[], items=queryset)
        except ValidationError as error:
            _add(form, error)
        else:
            messages.success(request, "Goal saved.")
            return redirect("agreements:detail", agreement.pk)
    full = goal is None and len(agreement.goals.all()) >= MAX_GOALS
    return render(
        request,
        "agreements/goal_form.html",
        {"agreement": agreement, "goal": goal, "form": form, "stale": stale, "full": full},
    )


@district_view()
def goal_new(request: DistrictRequest, pk: int) -> HttpResponse:
    return _edit(request, _agreement(request, pk), None)


@district_view()
def goal_edit(request: DistrictRequest, pk: int, goal_pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    return _edit(request, agreement, _goal(agreement, goal_pk))


@require_POST
@district_view()
def goal_delete(request: DistrictRequest, pk: int, goal_pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    goal = _goal(agreement, goal_pk)
    form = DeleteGoalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "This page is out of date. Open it again and redo your changes.")
        return redirect("agreements:detail", agreement.pk)
    try:
        services.delete_goal(goal, by=request.member, seen=form.cleaned_data["seen"])
    except StaleEdit as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Goal {goal.position} removed.")
    return redirect("agreements:detail", agreement.pk)


@district_view()
def progress_new(request: DistrictRequest, pk: int, goal_pk: int) -> HttpResponse:
    agreement = _agreement(request, pk)
    goal = _goal(agreement, goal_pk)
    meeting_id = parse_id(request.GET.get("meeting"))
    meeting = meeting_for(request.member, meeting_id) if meeting_id is not None else None
    form = ProgressForm(request.POST or None, initial={"recorded_on": local_today(request.district)})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_progress(
                goal,
                by=request.member,
                on=form.cleaned_data["recorded_on"],
                value=form.cleaned_data["value"],
                note=form.cleaned_data["note"],
                meeting=meeting,
            )
        except ValidationError as error:
            _add(form, error)
        else:
            messages.success(request, "Progress recorded.")
            if meeting is not None:
                return redirect(reverse("checkins:meeting_detail", args=[meeting.pk]) + "#review")
            return redirect("agreements:detail", agreement.pk)
    context = {"agreement": agreement, "goal": goal, "form": form, "meeting": meeting}
    return render(request, "agreements/progress_form.html", context)
