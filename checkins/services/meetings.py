"""Running a check-in: who may see and run a meeting, its transitions, and what it records.

A meeting goes scheduled → in progress → closed, only through ``start_meeting``
and ``checkins.services.minutes.close_meeting``. The open action items it reviews are computed when
asked (``review_items``), never copied, so none is missed or listed twice.
Barriers and new action items point back at the meeting through
``origin="checkin"`` and ``origin_ref=meeting.pk``.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from actions import services as actions_services
from actions.models import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ActionItem,
    ActionItemChange,
    ActionItemQuerySet,
    Barrier,
    Origin,
)
from checkins.agenda import switch_section
from checkins.models import AgendaSection, Attendance, Meeting, Participant, Series
from checkins.series_access import can_run
from checkins.services import history
from people.models import StaffMember

BARRIER_ORIGIN = "checkin"


class TransitionError(ValidationError):
    """A meeting cannot make this move from its current status."""


# --- What the meeting shows ---


def participants(series: Series) -> list[StaffMember]:
    """The series' participants by name, with the organizer among them."""
    people = list(StaffMember.objects.filter(checkin_participations__series=series).order_by("name", "pk"))
    if series.organizer_id not in {p.pk for p in people}:
        people.insert(0, series.organizer)
    return people


REVIEW_FIELDS = ("district_id", "description", "status", "owner_id", "owner_name", "due_on", "version", "owner__name")


def review_items(meeting: Meeting) -> ActionItemQuerySet:
    """The action items the meeting reviews, each once, in three queries (participants, candidates, items).

    Open items of the district that a participant is responsible for or that
    came out of a meeting of this series (items of this very meeting appear
    under its plans instead). Once the meeting has started, items closed since
    its start stay listed, so the minutes show what was completed in the room.
    """
    series_meetings = Meeting.objects.filter(series_id=meeting.series_id).exclude(pk=meeting.pk).values("pk")
    people = [*Participant.objects.filter(series_id=meeting.series_id).values_list("staff_id", flat=True)]
    # Candidates by two index lookups (owner; origin and meeting) joined by UNION, then the items by
    # primary key: an OR over the district's items would read every open item of the district.
    of_people = ActionItem.objects.filter(owner_id__in=[*people, meeting.series.organizer_id])
    if meeting.started_at is None:
        of_people = of_people.filter(status__in=OPEN_STATUSES)  # the (owner, status) index
    of_series = ActionItem.objects.filter(origin=Origin.CHECKIN, origin_ref__in=series_meetings)
    candidates = (
        of_people.order_by().values_list("pk", flat=True).union(of_series.order_by().values_list("pk", flat=True))
    )
    concerns_series = Q(pk__in=list(candidates))
    still_here = Q(status__in=OPEN_STATUSES)
    if meeting.started_at is not None:
        status_changes = ActionItemChange.objects.filter(
            item_id=OuterRef("pk"), field="status", changed_at__gte=meeting.started_at
        )
        if meeting.closed_at is not None:
            status_changes = status_changes.filter(changed_at__lte=meeting.closed_at)
        still_here |= Q(Q(status__in=CLOSED_STATUSES), Exists(status_changes))
    return (
        ActionItem.objects.filter(concerns_series & still_here)
        # The tenant guard, written so that SQLite does not read the district's items through its index.
        .alias(item_district=F("district_id") + 0)
        .filter(item_district=meeting.district_id)
        .exclude(origin=Origin.CHECKIN, origin_ref=meeting.pk)
        .select_related("owner")
        .only(*REVIEW_FIELDS)
        .order_by("due_on", "pk")
    )


def carried_over(meeting: Meeting) -> tuple[list[ActionItem], list[ActionItem]]:
    """Section 1: the items of this series' earlier meetings, then apart the participants' other open items.

    One query (:func:`review_items`); each item is in one list only.
    """
    series_meetings = Meeting.objects.filter(series_id=meeting.series_id).values("pk")
    of_series = ExpressionWrapper(Q(origin=Origin.CHECKIN, origin_ref__in=series_meetings), BooleanField())
    items = list(review_items(meeting).annotate(of_series=of_series))
    return [i for i in items if i.of_series], [i for i in items if not i.of_series]  # type: ignore[attr-defined]


def meeting_barriers(meeting: Meeting):
    return Barrier.objects.filter(
        district_id=meeting.district_id, origin=BARRIER_ORIGIN, origin_ref=meeting.pk
    ).select_related("raised_by")


def new_items(meeting: Meeting):
    return ActionItem.objects.filter(
        district_id=meeting.district_id, origin=Origin.CHECKIN, origin_ref=meeting.pk
    ).select_related("owner", "barrier")


def attendance(meeting: Meeting) -> dict[int, bool]:
    """Staff id → present, for those whose attendance was recorded."""
    return dict(Attendance.objects.filter(meeting=meeting).values_list("staff_id", "present"))


def local_start(meeting: Meeting) -> dt.datetime:
    return timezone.localtime(meeting.starts_at, meeting.series.district.zone)


# --- Transitions ---


def can_start_today(meeting: Meeting) -> bool:
    """A meeting starts on its day (in the district's time zone) or later, never before."""
    return local_start(meeting).date() <= actions_services.local_today(meeting.series.district)


def start_meeting(meeting: Meeting, *, by: StaffMember | None) -> Meeting:
    """Scheduled → in progress, from the meeting's day on. The only place a meeting starts.

    Before its day the meeting can be prepared (agenda, barriers, plans) but not started.
    """
    if not can_start_today(meeting):
        start = local_start(meeting)
        raise TransitionError(
            f"This meeting is on {start:%A, %B} {start.day}; it can be started on that day. "
            "Until then you can prepare its agenda, barriers and plans."
        )
    now = timezone.now()
    moved = Meeting.objects.filter(pk=meeting.pk, status=Meeting.Status.SCHEDULED).update(
        status=Meeting.Status.IN_PROGRESS, started_at=now
    )
    if not moved:
        meeting.refresh_from_db()
        raise TransitionError(f"This meeting is {meeting.get_status_display().lower()}; only a scheduled one starts.")
    meeting.status, meeting.started_at = Meeting.Status.IN_PROGRESS, now
    history.record("Started the meeting.", by=by, meeting=meeting)
    return meeting


def _require_in_progress(meeting: Meeting, doing: str) -> None:
    if meeting.status != Meeting.Status.IN_PROGRESS:
        raise TransitionError(f"Start the meeting before {doing}.")


def switch_to_section(meeting: Meeting, section: AgendaSection | None) -> Meeting:
    """Stop the running section's clock and start ``section``'s (``None``: stop only)."""
    _require_in_progress(meeting, "timing its sections")
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        current.section_seconds = switch_section(
            current.section_seconds, section.pk if section else None, timezone.now()
        )
        current.save(update_fields=["section_seconds"])
    meeting.section_seconds = current.section_seconds
    return meeting


# --- What the meeting records ---


def record_barrier(
    meeting: Meeting,
    *,
    kind: str,
    description: str,
    raised_by: StaffMember | None,
    by: StaffMember | None,
    on: dt.date | None = None,
) -> Barrier:
    """A barrier raised in this meeting, dated the day it is recorded in the district (``on``: the demo's past day)."""
    if meeting.status == Meeting.Status.CLOSED:
        raise TransitionError("This meeting is closed; its barriers can no longer change.")
    if not description.strip():
        raise ValidationError({"description": "Describe the barrier."})
    if raised_by is not None and raised_by.district_id != meeting.district_id:
        raise ValidationError({"raised_by": "Choose someone from this district."})
    history.record(f"Recorded a barrier: {description.strip()[:200]}", by=by, meeting=meeting)
    return Barrier.objects.create(
        district_id=meeting.district_id,
        school_id=meeting.series.school_id,
        kind=kind,
        description=description.strip(),
        raised_by=raised_by,
        raised_on=on or actions_services.local_today(meeting.series.district),
        origin=BARRIER_ORIGIN,
        origin_ref=meeting.pk,
    )


def add_plan_item(
    meeting: Meeting,
    *,
    description: str,
    by: StaffMember | None,
    owner: StaffMember | None = None,
    owner_name: str = "",
    due_on: dt.date | None = None,
    barrier: Barrier | None = None,
    notify: bool = True,
    on: dt.date | None = None,
) -> ActionItem:
    """Turn a plan into an action item of this meeting (through the tracker's ``create_item``).

    The seed asks who will be responsible and by what date: both are required.
    The item is dated the day it is made in the district's time zone (``on``:
    the demo's past day), never the meeting's day ahead; its owner is emailed
    unless ``notify`` is off (the demo).
    """
    if meeting.status == Meeting.Status.CLOSED:
        raise TransitionError("This meeting is closed; add further items in the tracker.")
    missing = {}
    if owner is None and not owner_name.strip():
        missing["owner"] = "Choose who is responsible, or type their name."
    if due_on is None:
        missing["due_on"] = "Say by what date it will be done."
    if missing:
        raise ValidationError(missing)
    if barrier is not None and not (barrier.origin == BARRIER_ORIGIN and barrier.origin_ref == meeting.pk):
        raise ValidationError({"barrier": "Choose a barrier raised in this meeting."})
    return actions_services.create_item(
        meeting.series.district,
        description=description,
        by=by,
        owner=owner,
        owner_name=owner_name,
        due_on=due_on,
        school=meeting.series.school,
        origin=Origin.CHECKIN,
        origin_ref=meeting.pk,
        barrier=barrier,
        created_on=on,
        notify=notify,
    )


def review_item(meeting: Meeting, item_pk: int | str) -> ActionItem:
    """One item the meeting reviews; 404 for any other item."""
    try:
        return review_items(meeting).get(pk=item_pk)
    except (ActionItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc


def may_update_item(member: StaffMember, meeting: Meeting, item: ActionItem) -> bool:
    """Those who run the meeting update any reviewed item; a participant updates their own."""
    return meeting.status != Meeting.Status.CLOSED and (can_run(member, meeting.series) or item.owner_id == member.pk)


def change_item_status(
    item: ActionItem, *, to: str, by: StaffMember | None, expected_version: int | None
) -> ActionItem:
    """Change a reviewed item's progress through the tracker (its history records who and when)."""
    return actions_services.change_status(item, to=to, by=by, expected_version=expected_version)


@transaction.atomic
def record_attendance(meeting: Meeting, *, present: set[int], by: StaffMember | None) -> None:
    """Mark each participant present (in ``present``) or absent."""
    people = participants(meeting.series)
    for person in people:
        Attendance.objects.update_or_create(
            meeting=meeting,
            staff=person,
            defaults={"district_id": meeting.district_id, "present": person.pk in present},
        )
    here = sum(person.pk in present for person in people)
    history.record(f"Recorded attendance: {here} of {len(people)} present.", by=by, meeting=meeting)
