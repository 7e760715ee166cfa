"""Every change to a reflection: save a draft, submit, share, requests and reminders, the leader's estimate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from actions.models import ActionItem, BarrierKind, Origin
from actions.services import create_item, local_today
from checkins.models import Meeting
from people.models import Assignment, District, StaffMember, TaskCategory
from reflections import groups, time
from reflections.models import (
    LeaderEstimate,
    LeaderEstimateRow,
    Reflection,
    ReflectionRequest,
    RequestRecipient,
    TimeAllocation,
    TimeUnit,
)

IDEAL = "Ideal"
CURRENT = "Current"


@dataclass
class Row:
    """One row of the time table as entered, in percent of the week."""

    category_id: int | None
    label: str = ""
    ideal: Decimal | None = None
    current: Decimal | None = None
    actions: str = ""

    @property
    def is_empty(self) -> bool:
        return self.ideal is None and self.current is None and not self.actions.strip() and not self.label.strip()


def total_fte(staff: StaffMember) -> Decimal:
    """The sum of a person's FTE over their schools (0 when unassigned)."""
    return Assignment.objects.filter(staff=staff).aggregate(total=Sum("fte"))["total"] or Decimal("0")


def staff_week(staff: StaffMember) -> Decimal | None:
    """Hours a week of ``staff`` (district hours per FTE × total FTE); None without FTE."""
    return time.week_hours(staff.district.hours_per_fte, total_fte(staff))


def main_school(staff: StaffMember):
    """The school where ``staff`` has the largest FTE (ties: by name), or None."""
    assignment = (
        Assignment.objects.filter(staff=staff).select_related("school").order_by("-fte", "school__name").first()
    )
    return assignment.school if assignment else None


def table_categories(district: District) -> list[TaskCategory]:
    """The rows every time table starts with: the district's active task types, in catalogue order."""
    return list(TaskCategory.objects.active().filter(district=district).order_by("position", "name"))


def start_reflection(
    author: StaffMember, *, request: ReflectionRequest | None = None, meeting: Meeting | None = None
) -> Reflection:
    """An unsaved reflection of ``author`` dated today, pre-filled with their role and main school.

    A reflection for a request is linked to it and to the request's meeting; one
    prepared for a check-in meeting (the email sent before each meeting) to that meeting.
    """
    return Reflection(
        district=author.district,
        author=author,
        role=author.role,
        school=main_school(author),
        date=local_today(author.district),
        request=request,
        meeting=request.meeting if request else meeting,
    )


@transaction.atomic
def save_draft(
    reflection: Reflection,
    *,
    support_needed: str,
    barriers: str,
    barrier_kinds: list[str],
    time_unit: str,
    rows: list[Row],
) -> Reflection:
    """Save what the author typed, even when the columns do not add up yet.

    Rows are in percent (the form converts hours first); empty rows are not
    stored. A submitted reflection cannot be changed (only its sharing).
    """
    if reflection.pk and reflection.status == Reflection.Status.SUBMITTED:
        raise ValidationError("This reflection was submitted; it can no longer be changed.")
    reflection.support_needed = support_needed
    reflection.barriers = barriers
    reflection.barrier_kinds = [k for k in barrier_kinds if k in BarrierKind.values]
    reflection.time_unit = time_unit
    reflection.weekly_hours = staff_week(reflection.author) if time_unit == TimeUnit.HOURS else None
    if time_unit == TimeUnit.HOURS and reflection.weekly_hours is None:
        raise ValidationError({"time_unit": "You have no FTE on record, so hours cannot be converted."})
    reflection.save()
    reflection.allocations.all().delete()
    TimeAllocation.objects.bulk_create(
        TimeAllocation(
            district_id=reflection.district_id,
            reflection=reflection,
            category_id=row.category_id,
            label="" if row.category_id else (row.label.strip() or "Other"),
            position=position,
            ideal_percent=row.ideal,
            current_percent=row.current,
            actions=row.actions.strip(),
        )
        for position, row in enumerate(rows)
        if not row.is_empty
    )
    return reflection


def column_problems(allocations: list[TimeAllocation]) -> dict[str, str]:
    """Errors for the columns that do not add up to 100% (an empty column is fine)."""
    problems = {}
    for key, name, values in (
        ("ideal", IDEAL, [a.ideal_percent for a in allocations]),
        ("current", CURRENT, [a.current_percent for a in allocations]),
    ):
        problem = time.column_problem(name, values)
        if problem:
            problems[key] = problem
    return problems


def column_totals(allocations: list[TimeAllocation]) -> dict[str, str]:
    """Each column's total as shown under the table ("100%", or "empty")."""
    return {
        "ideal": time.describe_total(time.column_total(a.ideal_percent for a in allocations)),
        "current": time.describe_total(time.column_total(a.current_percent for a in allocations)),
    }


@transaction.atomic
def submit(reflection: Reflection) -> Reflection:
    """Mark a saved draft submitted once each filled column adds up to 100% (± 0.5 points).

    Raises ValidationError keyed by column ("ideal", "current") with how much it
    is off; the draft is left as it was.
    """
    if reflection.status == Reflection.Status.SUBMITTED:
        return reflection
    problems = column_problems(list(reflection.allocations.all()))
    if problems:
        raise ValidationError(problems)
    reflection.status = Reflection.Status.SUBMITTED
    reflection.submitted_at = timezone.now()
    reflection.save(update_fields=["status", "submitted_at", "updated_at"])
    if reflection.request_id:
        RequestRecipient.objects.filter(request_id=reflection.request_id, staff_id=reflection.author_id).update(
            reflection=reflection
        )
    return reflection


def can_share_with_checkin(reflection: Reflection) -> bool:
    """Only a reflection asked for a check-in (a meeting or a series) can be shared with it."""
    if reflection.meeting_id:
        return True
    return reflection.request is not None and reflection.request.series_id is not None


def share(reflection: Reflection, *, checkin: bool, leader: bool, admins: bool) -> Reflection:
    """Change who may read the reflection (nobody ticked: only its author)."""
    if checkin and not can_share_with_checkin(reflection):
        raise ValidationError({"share_with_checkin": "This reflection was not asked for a check-in."})
    reflection.share_with_checkin = checkin
    reflection.share_with_leader = leader
    reflection.share_with_admins = admins
    reflection.save(update_fields=["share_with_checkin", "share_with_leader", "share_with_admins", "updated_at"])
    return reflection


def make_action_item(allocation: TimeAllocation, *, by: StaffMember) -> ActionItem:
    """Turn a row's "what actions could be taken" into an action item owned by the author."""
    reflection = allocation.reflection
    if not allocation.actions.strip():
        raise ValidationError("This row suggests no action.")
    row_name = allocation.category.name if allocation.category else allocation.label
    return create_item(
        reflection.district,
        description=allocation.actions.strip(),
        by=by,
        owner=reflection.author,
        school=reflection.school,
        origin=Origin.NONE,
        notes=f"From a reflection of {reflection.author.name} on {reflection.date:%-m-%-d-%Y} ({row_name}).",
    )


@transaction.atomic
def record_estimate(
    district: District,
    *,
    leader: StaffMember,
    staff: StaffMember,
    percents: dict[int, Decimal | None],
    on: dt.date | None = None,
) -> LeaderEstimate:
    """Record a leader's estimate of how ``staff`` spends their week (percent per task type, adding up to 100).

    ``percents`` maps task-type ids to percentages; empty ones count as 0.
    """
    values = {cid: p for cid, p in percents.items() if p is not None}
    errors = {f"category_{cid}": "Enter a number from 0 to 100." for cid, p in values.items() if not 0 <= p <= 100}
    if errors:
        raise ValidationError(errors)
    problem = time.column_problem("Your estimate", list(values.values()) or [Decimal("0")])
    if problem:
        raise ValidationError(problem)
    valid_ids = set(TaskCategory.objects.filter(district=district, pk__in=values).values_list("pk", flat=True))
    estimate = LeaderEstimate.objects.create(
        district=district, leader=leader, staff=staff, date=on or local_today(district)
    )
    LeaderEstimateRow.objects.bulk_create(
        LeaderEstimateRow(district=district, estimate=estimate, category_id=cid, current_percent=p)
        for cid, p in values.items()
        if cid in valid_ids
    )
    return estimate


def next_meeting(series):
    """The series' next meeting (created on first need), or None when it has no upcoming one."""
    try:
        from checkins.services.series import get_or_create_meeting, upcoming
    except ImportError:  # pragma: no cover — check-ins not installed
        return None
    for occurrence in upcoming(series, 3):
        if occurrence.is_cancelled:
            continue
        if occurrence.meeting is not None:
            return occurrence.meeting
        try:
            return get_or_create_meeting(series, occurrence.recurrence_id)
        except ValueError:
            return None
    return None


@transaction.atomic
def create_request(
    district: District,
    *,
    by: StaffMember,
    group: str,
    due_on: dt.date,
    message: str = "",
    series=None,
    school=None,
    role=None,
) -> ReflectionRequest:
    """Ask a group to reflect by ``due_on``: one recipient row and one email with a link each.

    A series' request is linked to its next meeting. A group with nobody in it
    is refused (ValidationError), and nothing is saved.
    """
    people = [p for p in groups.group_members(district, group, series=series, school=school, role=role) if p != by]
    if not people:
        raise ValidationError("Nobody in this group can be asked: it has no staff with a login and an email.")
    request = ReflectionRequest.objects.create(
        district=district,
        requested_by=by,
        group=group,
        series=series if group == ReflectionRequest.Group.SERIES else None,
        meeting=next_meeting(series) if group == ReflectionRequest.Group.SERIES else None,
        school=school if group == ReflectionRequest.Group.SCHOOL else None,
        role=role if group == ReflectionRequest.Group.ROLE else None,
        message=message.strip(),
        due_on=due_on,
    )
    now = timezone.now()
    RequestRecipient.objects.bulk_create(
        RequestRecipient(district=district, request=request, staff=person, emailed_at=now) for person in people
    )
    for person in people:
        _email_request(request, person, reminder=False)
    return request


def _email_request(request: ReflectionRequest, person: StaffMember, *, reminder: bool) -> None:
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse

    url = settings.SITE_URL + reverse("reflections:reflection_new") + f"?request={request.pk}"
    context = {"request": request, "person": person, "url": url, "reminder": reminder}
    subject = "Reminder: your reflection is due" if reminder else "Please fill in a short reflection"
    send_mail(
        subject=f"{subject} by {request.due_on:%b %-d}",
        message=render_to_string("reflections/email/request.txt", context),
        from_email=None,
        recipient_list=[person.email],
    )


def non_responders(request: ReflectionRequest) -> list[StaffMember]:
    """Recipients who have not submitted a reflection for the request yet."""
    return [
        r.staff
        for r in request.recipients.select_related("staff").filter(reflection__isnull=True).order_by("staff__name")
    ]


@transaction.atomic
def send_reminder(request: ReflectionRequest) -> int:
    """Email everyone who has not answered — once per request. Returns how many were reminded.

    The reminder is claimed with a conditional UPDATE, so the button and the
    hourly job never both send it.
    """
    claimed = ReflectionRequest.objects.filter(pk=request.pk, reminder_sent_at__isnull=True).update(
        reminder_sent_at=timezone.now()
    )
    if not claimed:
        raise ValidationError("The reminder for this request was already sent.")
    request.refresh_from_db(fields=["reminder_sent_at"])
    people = non_responders(request)
    for person in people:
        _email_request(request, person, reminder=True)
    return len(people)


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """The hourly job: remind non-responders of requests due tomorrow (district time), once.

    Returns how many requests were reminded; running it twice sends nothing more.
    """
    now = now or timezone.now()
    sent = 0
    pending = ReflectionRequest.objects.filter(
        reminder_sent_at__isnull=True, due_on__gte=now.date() - dt.timedelta(days=1)
    )
    for request in pending.select_related("district"):
        tomorrow = timezone.localtime(now, request.district.zone).date() + dt.timedelta(days=1)
        if request.due_on != tomorrow:
            continue
        try:
            send_reminder(request)
        except ValidationError:
            continue
        sent += 1
    return sent
