"""The district admin's pulse: where check-ins have stopped, where items are overdue, polls and
reflection requests under way, constrained roles and planner runs to review. Each group links to
the page that lists all of it, and runs a fixed number of queries (a district of 1,800 schools
included)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from actions.models import ActionItem
from actions.services import local_today
from checkins.models import Meeting, Poll
from home.needs import LIMIT, Entry, Group
from home.needs.mine import day_text, when_text
from people.models import School, StaffMember
from reflections.models import ReflectionRequest
from roles.models import ConstrainedRole
from roles.planning.models import PlannerRun

QUIET = dt.timedelta(days=60)
"""A school with no check-in held for this long is listed."""

RECENT_RUNS = dt.timedelta(days=30)


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a whole percentage: percent(2, 3) == "67%"; "—" when ``whole`` is 0."""
    return f"{round(100 * part / whole)}%" if whole else "—"


def schools_without_checkins(member: StaffMember, now: dt.datetime | None = None) -> Group:
    """Schools with no check-in held (started or closed) in the last 60 days, by name (2 queries)."""
    now = now or timezone.now()
    held = Meeting.objects.filter(
        series__school=OuterRef("pk"),
        starts_at__gte=now - QUIET,
        starts_at__lte=now,
        status__in=[Meeting.Status.IN_PROGRESS, Meeting.Status.CLOSED],
    )
    quiet = School.objects.filter(district_id=member.district_id).exclude(Exists(held))
    rows = list(quiet.order_by("name", "pk")[:LIMIT])
    return Group(
        key="quiet_schools",
        title="Schools with no check-in in the last 60 days",
        count=quiet.count(),
        entries=[
            Entry(text=school.name, url=reverse("people:school_detail", kwargs={"pk": school.pk})) for school in rows
        ],
        see_all=reverse("checkins:series_list") + "?scope=district",
        empty="Every school held a check-in in the last 60 days.",
    )


def overdue_by_school(member: StaffMember) -> Group:
    """Schools with overdue action items, the most overdue items first (2 queries)."""
    today = local_today(member.district)
    overdue = ActionItem.objects.filter(district_id=member.district_id).overdue(today)
    by_school = (
        overdue.filter(school__isnull=False)
        .values("school_id", "school__name")
        .annotate(late=Count("pk"))
        .order_by("-late", "school__name")
    )
    rows = list(by_school[:LIMIT])
    total = overdue.aggregate(items=Count("pk"), schools=Count("school", distinct=True))
    item_list = reverse("actions:item_list")
    return Group(
        key="overdue_schools",
        title=f"Overdue items by school ({total['items']} overdue in all)",
        count=total["schools"],
        entries=[
            Entry(
                text=row["school__name"],
                url=f"{item_list}?school={row['school_id']}&overdue=on",
                detail=f"{row['late']} overdue",
                urgent=True,
            )
            for row in rows
        ],
        see_all=f"{item_list}?overdue=on",
        empty="No school has an overdue action item.",
    )


def open_polls(member: StaffMember, now: dt.datetime | None = None) -> Group:
    """Open polls with their response rates, the nearest deadline first (2 queries)."""
    now = now or timezone.now()
    polls = Poll.objects.filter(district_id=member.district_id, status=Poll.Status.OPEN, deadline__gt=now)
    rows = list(
        polls.annotate(
            invited=Count("invitees"), answered=Count("invitees", filter=Q(invitees__answered_at__isnull=False))
        ).order_by("deadline", "pk")[:LIMIT]
    )
    return Group(
        key="polls_open",
        title="Open polls",
        count=polls.count(),
        entries=[
            Entry(
                text=poll.title,
                url=reverse("checkins:poll_detail", kwargs={"pk": poll.pk}),
                detail=f"{percent(poll.answered, poll.invited)} answered ({poll.answered} of {poll.invited}), "
                f"closes {when_text(poll.deadline, member.district.zone)}",
            )
            for poll in rows
        ],
        see_all=reverse("checkins:poll_list"),
        empty="No poll is open.",
        empty_link=(reverse("checkins:poll_new"), "Find a time for a check-in"),
    )


def reflection_responses(member: StaffMember) -> Group:
    """The district's reflection requests due in the last 30 days or later, with their response rates (2 queries)."""
    today = local_today(member.district)
    running = ReflectionRequest.objects.filter(
        district_id=member.district_id, due_on__gte=today - dt.timedelta(days=30)
    )
    rows = list(
        running.select_related("requested_by")
        .annotate(
            asked=Count("recipients"), answered=Count("recipients", filter=Q(recipients__reflection__isnull=False))
        )
        .order_by("due_on", "pk")[:LIMIT]
    )
    return Group(
        key="reflection_rates",
        title="Reflection requests",
        count=running.count(),
        entries=[
            Entry(
                text=f"Asked by {r.requested_by.name if r.requested_by else 'someone who left'}, "
                f"due {day_text(r.due_on)}",
                url=reverse("reflections:request_detail", kwargs={"pk": r.pk}),
                detail=f"{percent(r.answered, r.asked)} responded ({r.answered} of {r.asked})",
            )
            for r in rows
        ],
        see_all=reverse("reflections:request_list"),
        empty="No reflection request in the last 30 days.",
        empty_link=(reverse("reflections:request_new"), "Ask a group to reflect"),
    )


def constrained_roles(member: StaffMember) -> Group:
    """The roles confirmed as capacity-constrained (2 queries)."""
    roles = ConstrainedRole.objects.filter(district_id=member.district_id)
    rows = list(roles.select_related("role").order_by("role__position", "role__name")[:LIMIT])
    return Group(
        key="constrained",
        title="Capacity-constrained roles",
        count=roles.count(),
        entries=[
            Entry(
                text=row.role.name,
                url=reverse("roles:priority_tasks", kwargs={"pk": row.pk}),
                detail=f"{row.needed_priority_hours.normalize():f} more priority hours needed a week"
                if row.needed_priority_hours
                else "",
            )
            for row in rows
        ],
        see_all=reverse("roles:capacity"),
        empty="No role is marked capacity-constrained yet: say which staff are most stretched.",
        empty_link=(reverse("roles:capacity"), "Capacity and priorities"),
    )


def planner_runs(member: StaffMember, now: dt.datetime | None = None) -> Group:
    """The planner's finished runs of the last 30 days, the newest first (2 queries)."""
    now = now or timezone.now()
    runs = PlannerRun.objects.filter(
        district_id=member.district_id, status=PlannerRun.Status.DONE, created_at__gte=now - RECENT_RUNS
    )
    rows = list(runs.select_related("school").order_by("-created_at", "-pk")[:LIMIT])
    return Group(
        key="runs",
        title="Planner runs to review",
        count=runs.count(),
        entries=[
            Entry(
                text=f"Run of {when_text(run.created_at, member.district.zone)}",
                url=reverse("roles:planner_run", kwargs={"pk": run.pk}),
                detail=run.school.name if run.school else "The whole district",
            )
            for run in rows
        ],
        see_all=reverse("roles:planner_runs"),
        empty="No planner run in the last 30 days.",
        empty_link=(reverse("roles:planner"), "Plan shifts"),
    )


def district_pulse(member: StaffMember) -> list[Group]:
    """The district admin's groups, in the page's order."""
    return [
        schools_without_checkins(member),
        overdue_by_school(member),
        open_polls(member),
        reflection_responses(member),
        constrained_roles(member),
        planner_runs(member),
    ]
