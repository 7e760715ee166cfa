"""Changing a series after it was created: details, schedule from a date on, one occurrence, cancellation.

Every change of time, place or participants raises ``Series.sequence``; if
invitations were already sent, the participants get the update at once (same
UID, higher SEQUENCE — see the module docstring of ``checkins.services.series``),
listing each meeting whose date, time or place changed, old → new.
Each function runs in one transaction: the emails are queued in the outbox in
the same transaction, so a change is never half-sent.

A meeting's own changes survive a change of the series: a cancelled meeting
stays cancelled and a moved one keeps its date, time and place (unless the
person resets it), carried to its counterpart in the new schedule
(``checkins.schedule.counterparts``). :func:`preview_series_change` says what
will happen to each before anything is saved.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from checkins import schedule
from checkins.models import Meeting, Participant, Series
from checkins.services import history, invitations, school_breaks
from checkins.services.clashes import clashes_of_series
from checkins.services.series import (
    _check_people,
    _check_schedule,
    first_local,
    get_or_create_meeting,
    stored_local,
)
from checkins.services.series_plan import Plan, plan_change
from core.stale import Seen, StaleEdit, fingerprint, shown
from people.models import StaffMember

# Changing these is a change of time or place: calendars must be updated.
SCHEDULE_FIELDS = ("duration_minutes", "location", "video_link", "until", "skip_breaks")
DETAIL_FIELDS = ("title", "school", "invitation_text", "reflection_days_before")
# Where a meeting's identity waits while others move, so no two meetings of a series share one.
PARKED = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


SEEN = {
    "title": "Title",
    "school": "School",
    "start_local": "First meeting",
    "rrule": "How often",
    "until": "Last meeting on or before",
    "duration_minutes": "Duration (minutes)",
    "location": "Place",
    "video_link": "Video link",
    "skip_breaks": "Skip school breaks",
    "reflection_days_before": "Days before each meeting to prepare",
    "invitation_text": "Invitation email",
}


def seen_of(series: Series) -> Seen:
    """A snapshot of the series as its edit page shows it, participants included (see ``core.stale``)."""
    values = {name: getattr(series, name) for name in SEEN}
    values["school"] = series.school.name if series.school_id else ""  # type: ignore[union-attr]
    values["start_local"] = invitations.local_text(
        first_local(series).replace(tzinfo=series.district.zone), series.district
    )
    values["participants"] = sorted(p.staff.name for p in _participants(series))
    labels = SEEN | {"participants": "Participants"}
    return Seen(
        {f"checkins.series:{series.pk}:{name}": (labels[name], fingerprint(v), shown(v)) for name, v in values.items()}
    )


def _raise_sequence(series: Series) -> None:
    Series.objects.filter(pk=series.pk).update(sequence=F("sequence") + 1)
    series.refresh_from_db(fields=["sequence"])


def _participants(series: Series) -> list[Participant]:
    return list(series.participants.select_related("staff"))


def _send_update(series: Series, *, new: Sequence[Participant] = (), changes: Sequence[schedule.Change] = ()) -> int:
    """Email the update (what changed) to those already invited and the invitation to those just ``new``."""
    if series.invitations_sent_at is None or series.status != Series.Status.ACTIVE:
        return 0
    new_ids = {p.pk for p in new}
    invited = [p for p in _participants(series) if p.pk not in new_ids]
    return invitations.send_requests(series, invited, update=True, changes=changes) + invitations.send_requests(
        series, list(new), update=False
    )


def _checked(
    series: Series,
    participants: Sequence[StaffMember] | None,
    start_local: dt.datetime | None,
    rrule: str | None,
    fields: dict,
    reset: Collection[dt.datetime],
) -> Plan:
    """Every check of a change first, then its plan; raises ValidationError (keyed by field)."""
    unknown = set(fields) - set(SCHEDULE_FIELDS) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"edit_series() cannot change {', '.join(sorted(unknown))}")
    errors: dict[str, list[str]] = {}
    new = copy.copy(series)
    for name, value in fields.items():
        setattr(new, name, value)
    reschedule = (start_local is not None and stored_local(start_local) != series.start_local) or (
        rrule is not None and rrule != series.rrule
    )
    calendar = None
    if reschedule or new.skip_breaks != series.skip_breaks:
        calendar = school_breaks.calendar_of(series.district)
        new.rrule, errors = _check_schedule(
            series.district,
            start_local or first_local(series),
            rrule if rrule is not None else series.rrule,
            allow_past=not reschedule,
            calendar=calendar if new.skip_breaks else None,
        )
        new.start_local = stored_local(start_local or first_local(series))
        new.school_months = school_breaks.school_months(calendar, new.skip_breaks)
        if errors.get("start_local") == ["The first meeting must be in the future."]:
            errors["start_local"] = [
                "To change the schedule, give the first meeting of the new schedule: a future date."
            ]
    removed: list[Participant] = []
    added: list[StaffMember] = []
    if participants is not None:
        errors |= _check_people(series.district, participants)
        current = {p.staff_id: p for p in _participants(series)}
        wanted = {p.pk: p for p in participants}
        removed = [current[pk] for pk in current.keys() - wanted.keys()]
        added = [wanted[pk] for pk in wanted.keys() - current.keys()]
    if errors:
        raise ValidationError(errors)
    new.full_clean(exclude=["organizer", "district", "school", "uid"])
    plan = plan_change(series, new, reset=reset, calendar=calendar)
    plan.removed, plan.added = removed, added
    return plan


def preview_series_change(
    series: Series,
    *,
    participants: Sequence[StaffMember] | None = None,
    start_local: dt.datetime | None = None,
    rrule: str | None = None,
    reset: Collection[dt.datetime] = (),
    **fields,
) -> Plan:
    """What :func:`edit_series` would do with the same arguments, without writing anything.

    With the clashes the change makes: when it touches the times, everyone's; when it only adds
    people, theirs.
    """
    plan = _checked(series, participants, start_local, rrule, fields, reset)
    new = plan.series
    retimed = plan.reschedule or bool(reset) or new.duration_minutes != series.duration_minutes
    people = [p.staff for p in _participants(series) if p not in plan.removed] + plan.added if retimed else plan.added
    if people:
        rows = [*plan.kept, *plan.created]
        plan.clashes = clashes_of_series(new, people, rows=rows, besides=series)
    return plan


@transaction.atomic
def edit_series(
    series: Series,
    *,
    by,
    participants: Sequence | None = None,
    start_local: dt.datetime | None = None,
    rrule: str | None = None,
    reset: Collection[dt.datetime] = (),
    seen: Seen | None = None,
    **fields,
) -> Series:
    """Change a series: details, place, duration, end date, participants, and the schedule from a date on.

    A new ``start_local``/``rrule`` changes the series from that (future) first
    meeting on: the UID stays, meetings already held stay in the app, and each
    future meeting with changes of its own keeps them on its counterpart in
    the new schedule (:func:`plan_change`); those in ``reset`` (identities,
    UTC) follow the series again. Any change of time, place or of who is
    invited raises SEQUENCE once and, once invitations were sent, emails the
    update saying what changed; someone removed gets a METHOD:CANCEL, someone
    added the invitation. Raises ValidationError (keyed by field) and changes
    nothing when the new schedule or participants are not acceptable, and
    ``core.stale.StaleEdit`` (what changed) when ``seen``, the snapshot the
    editor's page was made from, is no longer the series as stored.
    """
    locked = Series.objects.select_for_update(of=("self",)).select_related("district", "school").get(pk=series.pk)
    before = seen_of(locked)
    if seen is not None and (stale := seen.changes_to(before)):
        raise StaleEdit(stale)
    plan = _checked(series, participants, start_local, rrule, fields, reset)
    new = plan.series
    changed = plan.reschedule or bool(plan.removed or plan.added or reset)
    changed |= any(getattr(series, name) != getattr(new, name) for name in SCHEDULE_FIELDS)
    for name in (*SCHEDULE_FIELDS, *DETAIL_FIELDS, "start_local", "rrule", "school_months"):
        setattr(series, name, getattr(new, name))
    series.save()
    _apply(plan)
    if plan.removed:
        Participant.objects.filter(pk__in=[p.pk for p in plan.removed]).delete()
    added = Participant.objects.bulk_create(
        Participant(district=series.district, series=series, staff=p) for p in plan.added
    )
    what = [f"{c.label}: {c.old or '—'} → {c.new or '—'}" for c in before.changes_to(seen_of(series))]
    what += [f"the meeting of {invitations.local_text(m, series.district)} follows the series again" for m in reset]
    if what:
        history.record("Changed " + "; ".join(what) + ".", by=by, series=series)
    if changed:
        _raise_sequence(series)
        if series.invitations_sent_at is not None and plan.removed:
            invitations.send_cancellations(series, [p.staff for p in plan.removed])
        _send_update(series, new=added, changes=plan.changes)
    return series


def _apply(plan: Plan) -> None:
    """Write the meeting rows of a plan; identities that move wait aside first, so none collides."""
    Meeting.objects.filter(pk__in=[m.pk for m in plan.dropped]).delete()
    for number, pk in enumerate(plan.moving):
        Meeting.objects.filter(pk=pk).update(recurrence_id=PARKED + dt.timedelta(seconds=number))
    Meeting.objects.bulk_update(plan.kept, ["recurrence_id", "starts_at", "ends_at", "location", "status"])
    Meeting.objects.bulk_create(plan.created)


def _open_meeting(series: Series, recurrence_id: dt.datetime) -> Meeting:
    if series.status != Series.Status.ACTIVE:
        raise ValidationError("This series is cancelled.")
    try:
        meeting = get_or_create_meeting(series, recurrence_id)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError(f"This meeting is {meeting.get_status_display().lower()}; it can no longer be changed.")
    return meeting


@transaction.atomic
def move_occurrence(
    series: Series, recurrence_id: dt.datetime, *, starts_at: dt.datetime, location: str | None = None, by
) -> Meeting:
    """Move one occurrence to ``starts_at`` (UTC, in the future), optionally to another place.

    The others stay put. The update carries a RECURRENCE-ID override for it
    and says where the meeting was and where it is now.
    """
    meeting = _open_meeting(series, recurrence_id)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": ["The new time must be in the future."]})
    before = schedule.Slot(meeting.starts_at, meeting.location or series.location)
    meeting.starts_at = starts_at
    meeting.ends_at = starts_at + dt.timedelta(minutes=series.duration_minutes)
    if location is not None:
        meeting.location = "" if location == series.location else location
    _raise_sequence(series)
    meeting.sequence = series.sequence
    meeting.save(update_fields=["starts_at", "ends_at", "location", "sequence"])
    after = schedule.Slot(meeting.starts_at, meeting.location or series.location)
    text = invitations.changes_text([schedule.Change(before, after)], series.district).removeprefix("- ")
    history.record(f"Moved a meeting: {text}.", by=by, series=series, meeting=meeting)
    _send_update(series, changes=[schedule.Change(before, after)] if after != before else [])
    return meeting


@transaction.atomic
def cancel_occurrence(series: Series, recurrence_id: dt.datetime, *, by) -> Meeting:
    """Cancel one occurrence: METHOD:CANCEL with its RECURRENCE-ID; later updates carry it as an EXDATE."""
    meeting = _open_meeting(series, recurrence_id)
    meeting.status = Meeting.Status.CANCELLED
    _raise_sequence(series)
    meeting.sequence = series.sequence
    meeting.save(update_fields=["status", "sequence"])
    when = invitations.local_text(recurrence_id, series.district)
    history.record(f"Cancelled the meeting of {when}.", by=by, series=series, meeting=meeting)
    if series.invitations_sent_at is not None:
        invitations.send_cancellations(series, [p.staff for p in _participants(series)], recurrence_id=recurrence_id)
    return meeting


@transaction.atomic
def cancel_series(series: Series, *, by) -> Series:
    """Cancel the whole series: METHOD:CANCEL for its UID to everyone invited. Meetings held stay."""
    if series.status == Series.Status.CANCELLED:
        return series
    series.status = Series.Status.CANCELLED
    series.save(update_fields=["status"])
    history.record("Cancelled the series.", by=by, series=series)
    _raise_sequence(series)
    if series.invitations_sent_at is not None:
        invitations.send_cancellations(series, [p.staff for p in _participants(series)])
    return series
