"""What a change of a series does to its meetings, worked out before anything is written.

A meeting's own changes survive a change of the series: a cancelled meeting stays cancelled and
a moved one keeps its date, time and place (unless the person resets it), carried to its
counterpart in the new schedule (``checkins.schedule.counterparts``). :func:`plan_change` says
what happens to each meeting and what changes for the participants; ``series_changes`` writes it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from checkins import schedule
from checkins.models import Meeting, Participant, Series
from checkins.services import invitations, school_breaks
from checkins.services.clashes import Clash
from checkins.services.series import occurrences, own_changes, rule_dates
from people.models import StaffMember
from people.school_calendar import SchoolCalendar

AHEAD = dt.timedelta(days=366)


@dataclass
class Fate:
    """A meeting with changes of its own, and what the change of the series does to it."""

    meeting: Meeting
    kind: str  # "cancelled", "moved" or "place"
    outcome: str  # in words, for the edit page


@dataclass
class Plan:
    """What a change of the series does, computed before anything is written."""

    series: Series  # an unsaved copy with the new values
    reschedule: bool
    kept: list[Meeting] = field(default_factory=list)  # meeting rows after the change (unsaved copies)
    moving: list[int] = field(default_factory=list)  # ids of the rows whose identity changes
    dropped: list[Meeting] = field(default_factory=list)
    created: list[Meeting] = field(default_factory=list)  # meetings skipped for a school break, to store
    fates: list[Fate] = field(default_factory=list)
    changes: list[schedule.Change] = field(default_factory=list)
    removed: list[Participant] = field(default_factory=list)
    added: list[StaffMember] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        """A new schedule that meetings with changes of their own must follow, or a clash: show them first."""
        return (self.reschedule and bool(self.fates)) or bool(self.clashes)


# What the edit page shows and a stale edit compares (core.stale): field → label.
def _changeable(series: Series, now: dt.datetime) -> tuple[list[Meeting], list[Meeting]]:
    """The series' meeting rows from now on, and among them those not yet started (a change may move them)."""
    rows = list(series.meetings.filter(Q(starts_at__gte=now) | Q(recurrence_id__gte=now)))
    return rows, [m for m in rows if m.started_at is None and m.status != Meeting.Status.IN_PROGRESS]


def _outcome(meeting: Meeting, kind: str, after: Meeting | None, series: Series, reset: bool) -> str:
    """What happens to a meeting with changes of its own, in words."""
    district = series.district
    if after is None:
        return "no longer on the new schedule: the new schedule has no meeting near it"
    if reset:
        return f"follows the series again: {invitations.slot_text(after.starts_at, series.location, district)}"
    if kind == "cancelled":
        return "stays cancelled"
    where = after.location or series.location
    extra = (
        ""
        if after.recurrence_id in rule_dates(series, after.recurrence_id, after.recurrence_id)
        else (", as an extra meeting: the new schedule has no meeting near it")
    )
    return f"keeps its own date, time and place ({invitations.slot_text(after.starts_at, where, district)}){extra}"


def plan_change(
    series: Series, new: Series, *, reset: Collection[dt.datetime] = (), calendar: SchoolCalendar | None = None
) -> Plan:
    """Match the meetings of ``series`` with those of ``new`` (its changed copy) and say what changes.

    Meetings from now on are matched with their counterparts; a cancelled one
    stays cancelled, a moved one keeps its date, time and place, unless its
    identity (``recurrence_id``) is in ``reset``: then it follows the series.
    A meeting with nothing of its own but a row (the hourly job made it) just
    follows; one whose counterpart is missing goes, except a moved one, which
    stays as an extra meeting. With the district's ``calendar`` (a new
    schedule, or school breaks turned on or off), the meetings skipped for a
    school break are worked out again for the new schedule.
    """
    now = timezone.now()
    rows, changeable = _changeable(series, now)
    skipped = [m for m in changeable if own_changes(m, series) == "skipped"]
    changeable = [m for m in changeable if m not in skipped]
    horizon = max([now + AHEAD, *(max(m.starts_at, m.recurrence_id) + dt.timedelta(days=1) for m in rows)])
    old_dates = rule_dates(series, now, horizon)
    new_dates = set(rule_dates(new, now, horizon))
    pairs = schedule.counterparts(old_dates, sorted(new_dates))
    plan = Plan(series=new, reschedule=(series.start_local, series.rrule) != (new.start_local, new.rrule))
    same: dict[dt.datetime, dt.datetime] = {}
    taken: set[dt.datetime] = set()
    duration = dt.timedelta(minutes=new.duration_minutes)
    # Meetings already at a date of the new schedule first, so none loses its date to a neighbour.
    for meeting in sorted(changeable, key=lambda m: (m.recurrence_id not in new_dates, m.recurrence_id)):
        kind = own_changes(meeting, series)
        undo = meeting.recurrence_id in reset
        moved = meeting.starts_at != meeting.recurrence_id and not undo
        target = meeting.recurrence_id if meeting.recurrence_id in new_dates else pairs.get(meeting.recurrence_id)
        if target in taken:
            target = None
        if target is None and not (moved and meeting.status == Meeting.Status.SCHEDULED):
            plan.dropped.append(meeting)
            if kind:
                plan.fates.append(Fate(meeting, kind, _outcome(meeting, kind, None, new, undo)))
            continue
        after = copy.copy(meeting)
        after.recurrence_id = target or meeting.recurrence_id
        after.starts_at = meeting.starts_at if moved else after.recurrence_id
        after.ends_at = after.starts_at + duration
        after.location = "" if undo or meeting.location == new.location else meeting.location
        if undo:
            after.status = Meeting.Status.SCHEDULED
        taken.add(after.recurrence_id)
        if after.recurrence_id != meeting.recurrence_id:
            plan.moving.append(meeting.pk)
        same[meeting.recurrence_id] = after.recurrence_id
        plan.kept.append(after)
        if kind:
            plan.fates.append(Fate(meeting, kind, _outcome(meeting, kind, after, new, undo)))
    plan.fates.sort(key=lambda fate: fate.meeting.recurrence_id)
    if calendar is not None:
        plan.dropped += skipped
        end = school_breaks.horizon(calendar, series.district.zone)
        free = [d for d in sorted(new_dates) if d not in taken and end is not None and d <= end]
        plan.created = school_breaks.break_meetings(new, free, calendar)
    untouched = [m for m in rows if m not in changeable and m not in plan.dropped]
    plan.changes = schedule.differences(
        _slots(occurrences(series, now, horizon, meetings=rows)),
        _slots(occurrences(new, now, horizon, meetings=[*untouched, *plan.kept, *plan.created])),
        pairs | same,
    )
    return plan


def _slots(found) -> dict[dt.datetime, schedule.Slot]:
    return {o.recurrence_id: schedule.Slot(o.starts_at, o.location) for o in found if not o.is_cancelled}


def meetings_with_own_changes(series: Series) -> list[Fate]:
    """The meetings from now on that are cancelled, moved or elsewhere, and what a change of the series does.

    Without a new schedule: a cancelled meeting stays cancelled, a moved one keeps its own date, time and place.
    """
    return plan_change(series, copy.copy(series)).fates
