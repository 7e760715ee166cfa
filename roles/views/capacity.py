"""Capacity-constrained staff, the priority tasks of constrained roles, and the tasks that could be shifted."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.fields import SingleLineFields
from core.pagination import paginate, query_without_page
from core.params import parse_ids
from core.stale import StaleEdit
from people.access import DistrictRequest, district_view, in_district, require_admin
from people.models import Access, Role, Task
from roles.forms.plans import BARGAINING_REMINDER
from roles.forms.priorities import ConfirmationForms, PriorityTasksForm
from roles.models import ConstrainedRole
from roles.services import priorities


class SchoolRowFilter(SingleLineFields, forms.Form):
    q = forms.CharField(label="Search schools", required=False, max_length=200)
    # An integer rather than a choice: the roles are known only once the ranking is read (an unknown id shows no row).
    role = forms.IntegerField(label="Role", required=False, widget=forms.Select)


@district_view(access=Access.LEADER)
def capacity(request: DistrictRequest) -> HttpResponse:
    """Leaders read the ranking; an admin's POST confirms which roles are capacity-constrained."""
    filters = SchoolRowFilter(request.GET or None)
    wanted = filters.cleaned_data if filters.is_valid() else {}
    page = priorities.capacity_ranking(
        request.district,
        priorities.non_priority_shares(request.district),
        role_id=wanted.get("role"),
        school_search=wanted.get("q") or "",
    )
    member_ids = [pk for row in page.district_rows for pk in row.ratio.role.role_ids]
    roles = {r.pk: r for r in Role.objects.filter(district=request.district, pk__in=member_ids)}
    confirm = ConfirmationForms(
        request.POST if request.method == "POST" else None,
        roles=[roles[pk] for pk in member_ids],
        constrained=page.constrained,
    )
    stale = None
    if request.method == "POST":
        require_admin(request.member)
        if confirm.is_valid():
            try:
                priorities.confirm_constrained_roles(
                    request.district, confirm.choices(), by=request.member, seen=confirm.seen
                )
            except StaleEdit as error:
                stale = error
                confirm.after_stale_edit(error)
            else:
                messages.success(request, "Capacity-constrained roles saved.")
                return redirect("roles:capacity")
    # One row per role or pool; a pool's roles are confirmed one by one (each has its own priority tasks).
    confirm_rows = [
        (row, [(roles[pk], confirm.by_role[pk]) for pk in row.ratio.role.role_ids]) for row in page.district_rows
    ]

    role_choices = [(row.ratio.role.id, row.ratio.role.label) for row in page.district_rows]
    filters.fields["role"].widget.choices = [("", "All roles"), *role_choices]  # type: ignore[attr-defined]
    return render(
        request,
        "roles/capacity/capacity.html",
        {
            "confirm_rows": confirm_rows,
            "snapshot": confirm.snapshot,
            "stale": stale,
            "pools": [row.ratio.role for row in page.district_rows if row.ratio.role.is_pool],
            "constrained": page.constrained,
            "filters": filters,
            "page_obj": paginate(request, page.school_rows),
            "querystring": query_without_page(request),
            "can_confirm": request.member.has_access(Access.ADMIN),
        },
    )


@district_view(access=Access.ADMIN)
def priority_tasks(request: DistrictRequest, pk: int) -> HttpResponse:
    """Mark a constrained role's priority tasks; "Use the suggestion" ticks the tasks only credentialed roles can do."""
    constrained = in_district(ConstrainedRole.objects.select_related("role"), request.district, pk)
    role = constrained.role
    tasks = list(
        Task.objects.active().filter(district=request.district, category__retired=False).select_related("category")
    )
    suggestion = priorities.suggested_priority_tasks(request.district, role)
    stale = None
    if request.method == "POST" and "suggest" in request.POST:
        # The suggestion changes the ticks, not the snapshot of what the page showed.
        initial = {"tasks": sorted(suggestion), "seen": request.POST.get("seen")}
        form = PriorityTasksForm(initial=initial, role=role, tasks=tasks)
        messages.info(request, "The suggestion is ticked below: review it, then save.")
    elif request.method == "POST":
        form = PriorityTasksForm(request.POST, role=role, tasks=tasks)
        if form.is_valid():
            try:
                priorities.set_priority_tasks(role, form.cleaned_data["tasks"], seen=form.cleaned_data["seen"])
            except StaleEdit as error:
                stale, form = error, form.after_stale_edit(error)
            else:
                messages.success(request, f"Priority tasks of {role.name} saved.")
                return redirect("roles:tasks_to_shift")
    else:
        form = PriorityTasksForm(initial={"tasks": sorted(priorities.priority_task_ids(role))}, role=role, tasks=tasks)
    chosen = set(parse_ids(form["tasks"].value() or []))
    categories: dict = {}
    for task in tasks:
        categories.setdefault(task.category, []).append(
            {"task": task, "checked": task.pk in chosen, "suggested": task.pk in suggestion}
        )
    return render(
        request,
        "roles/capacity/priorities.html",
        {
            "role": role,
            "constrained": constrained,
            "form": form,
            "categories": categories,
            "suggestion": suggestion,
            "stale": stale,
        },
    )


@district_view(access=Access.LEADER)
def tasks_to_shift(request: DistrictRequest) -> HttpResponse:
    groups = priorities.tasks_to_shift(request.district)
    return render(
        request,
        "roles/capacity/tasks_to_shift.html",
        {
            "groups": groups,
            "reminder": BARGAINING_REMINDER,
            "can_plan": request.member.has_access(Access.ADMIN),
            "plan_new_url": reverse("roles:plan_new"),
        },
    )
