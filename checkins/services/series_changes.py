"""Changing a series after it was created: details, schedule from a date on, one occurrence, cancellation.

Every change of time, place or participants raises ``Series.sequence``; if
invitations were already sent, the participants get the update at once (same
UID, higher SEQUENCE — see the module docstring of ``checkins.services.series``).
Each function runs in one transaction: the emails are queued in the outbox in
the same transaction, so a change is never half-sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from checkins.models import Meeting, Participant, Series
from checkins.services import invitations
from checkins.services.series import _check_people, _check_schedule, get_or_create_meeting, stored_local

# Changing these is a change of time or place: calendars must be updated.
SCHEDULE_FIELDS = ("duration_minutes", "location", "video_link", "until")
DETAIL_FIELDS = ("title", "school", "invitation_text", "reflection_days_before")


def _raise_sequence(series: Series) -> None:
    Series.objects.filter(pk=series.pk).update(sequence=F("sequence") + 1)
    series.refresh_from_db(fields=["sequence"])


def _participants(series: Series) -> list[Participant]:
    return list(series.participants.select_related("staff"))


def _send_update(series: Series, *, new: Sequence[Participant] = ()) -> int:
    """Email the update to those already invited and the invitation to those just ``new``."""
    if series.invitations_sent_at is None or series.status != Series.Status.ACTIVE:
        return 0
    new_ids = {p.pk for p in new}
    invited = [p for p in _participants(series) if p.pk not in new_ids]
    return invitations.send_requests(series, invited, update=True) + invitations.send_requests(
        series, list(new), update=False
    )


@transaction.atomic
def edit_series(
    series: Series,
    *,
    by,
    participants: Sequence | None = None,
    start_local: dt.datetime | None = None,
    rrule: str | None = None,
    **fields,
) -> Series:
    """Change a series: details, place, duration, end date, participants, and the schedule from a date on.

    A new ``start_local``/``rrule`` changes the series from that (future) first
    meeting on: the UID stays, meetings already held stay in the app, untouched
    future ones follow the new rule (their rows, and moves or cancellations
    made under the old rule, are dropped). Any change of time, place or of who
    is invited raises SEQUENCE once and, once invitations were sent, emails
    the update; someone removed gets a METHOD:CANCEL, someone added the
    invitation. Raises ValidationError (keyed by field) and changes nothing
    when the new schedule or participants are not acceptable.
    """
    unknown = set(fields) - set(SCHEDULE_FIELDS) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"edit_series() cannot change {', '.join(sorted(unknown))}")
    errors: dict[str, list[str]] = {}
    reschedule = (start_local is not None and stored_local(start_local) != series.start_local) or (
        rrule is not None and rrule != series.rrule
    )
    if reschedule:
        rrule, errors = _check_schedule(
            series.district, start_local or series.start_local, rrule if rrule is not None else series.rrule
        )
        if "start_local" in errors:
            errors["start_local"] = [
                "To change the schedule, give the first meeting of the new schedule: a future date."
            ]
    removed: list[Participant] = []
    added: list = []
    if participants is not None:
        errors |= _check_people(series.district, participants)
        current = {p.staff_id: p for p in _participants(series)}
        wanted = {p.pk: p for p in participants}
        removed = [current[pk] for pk in current.keys() - wanted.keys()]
        added = [wanted[pk] for pk in wanted.keys() - current.keys()]
    if errors:
        raise ValidationError(errors)
    changed = reschedule or bool(removed or added)
    changed |= any(getattr(series, name) != value for name, value in fields.items() if name in SCHEDULE_FIELDS)
    for name, value in fields.items():
        setattr(series, name, value)
    if reschedule:
        series.meetings.filter(
            status__in=[Meeting.Status.SCHEDULED, Meeting.Status.CANCELLED],
            recurrence_id__gte=timezone.now(),
            started_at=None,
        ).delete()
        series.start_local = stored_local(start_local or series.start_local)
        series.rrule = rrule  # type: ignore[assignment]
    series.full_clean(exclude=["organizer", "district", "school", "uid"])
    series.save()
    if removed:
        Participant.objects.filter(pk__in=[p.pk for p in removed]).delete()
    new: list[Participant] = []
    if added:
        new = Participant.objects.bulk_create(
            Participant(district=series.district, series=series, staff=p) for p in added
        )
    if changed:
        _raise_sequence(series)
        if series.invitations_sent_at is not None and removed:
            invitations.send_cancellations(series, [p.staff for p in removed])
        _send_update(series, new=new)
    return series


def update_series(series: Series, *, by, participants: Sequence | None = None, **fields) -> Series:
    """Change details, place, duration, end date or participants (see :func:`edit_series`)."""
    return edit_series(series, by=by, participants=participants, **fields)


def reschedule_series(
    series: Series, *, start_local: dt.datetime, rrule: str, by, until: dt.date | None = None
) -> Series:
    """Change the series from a date on: a new first meeting (in the future) and rule (see :func:`edit_series`)."""
    return edit_series(series, by=by, start_local=start_local, rrule=rrule, until=until)


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

    The others stay put. The update carries a RECURRENCE-ID override for it.
    """
    meeting = _open_meeting(series, recurrence_id)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": ["The new time must be in the future."]})
    meeting.starts_at = starts_at
    meeting.ends_at = starts_at + dt.timedelta(minutes=series.duration_minutes)
    if location is not None:
        meeting.location = location
    _raise_sequence(series)
    meeting.sequence = series.sequence
    meeting.save(update_fields=["starts_at", "ends_at", "location", "sequence"])
    _send_update(series)
    return meeting


@transaction.atomic
def cancel_occurrence(series: Series, recurrence_id: dt.datetime, *, by) -> Meeting:
    """Cancel one occurrence: METHOD:CANCEL with its RECURRENCE-ID; later updates carry it as an EXDATE."""
    meeting = _open_meeting(series, recurrence_id)
    meeting.status = Meeting.Status.CANCELLED
    _raise_sequence(series)
    meeting.sequence = series.sequence
    meeting.save(update_fields=["status", "sequence"])
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
    _raise_sequence(series)
    if series.invitations_sent_at is not None:
        invitations.send_cancellations(series, [p.staff for p in _participants(series)])
    return series
