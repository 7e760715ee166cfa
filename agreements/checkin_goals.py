"""The check-in's "confirm progress on identified goals": the participants' goals in the meeting's first
section and in its minutes (registered with ``checkins.hooks`` from ``AgreementsConfig.ready``).

Each viewer sees only the goals of agreements they may see (the person, their school's leaders, admins),
and time goals' figures as :mod:`agreements.measure` allows them. Goals of draft agreements are not listed:
they are not agreed yet.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.template.loader import render_to_string

from agreements.access import may_change, visible_agreements
from agreements.models import Agreement, Goal, Progress
from agreements.progress import GoalRow, rows_for
from agreements.rules import year_of
from checkins.models import Meeting
from checkins.services.meetings import local_start, participants
from core.panels import Panel
from people.models import StaffMember

TITLE = "Progress on the participants' goals"


def meeting_goals(meeting: Meeting, viewer: StaffMember) -> list[GoalRow]:
    """The goals of the participants' agreements for the meeting's school year that ``viewer`` may see."""
    day = local_start(meeting).date()
    people = [p.pk for p in participants(meeting.series)]
    agreements = visible_agreements(viewer).filter(staff_id__in=people, year=year_of(day))
    goals = list(
        Goal.objects.filter(agreement__in=agreements.exclude(status=Agreement.Status.DRAFT))
        .select_related("agreement", "agreement__staff", "agreement__school")
        .prefetch_related("categories", Prefetch("progress", queryset=Progress.objects.order_by()))
        .order_by("agreement__staff__name", "agreement__school__name", "position")
    )
    return rows_for(goals, viewer_id=viewer.pk, today=day)


def goals_panel(meeting: Meeting, viewer: StaffMember) -> Panel | None:
    rows = meeting_goals(meeting, viewer)
    if not rows:
        return None
    for row in rows:
        row.here = [u for u in row.updates if u.meeting_id == meeting.pk]  # type: ignore[attr-defined]
        row.can_record = may_change(viewer, row.goal.agreement)  # type: ignore[attr-defined]
    context = {"rows": rows, "meeting": meeting}
    return Panel(
        title=TITLE,
        html=render_to_string("agreements/_checkin_goals.html", context),
        text=render_to_string("agreements/_checkin_goals.txt", context).strip(),
    )
