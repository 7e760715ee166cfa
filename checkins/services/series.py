"""Check-in series: create, change, move or cancel occurrences, and list occurrences.

How changes reach calendars (RFC 5545/5546). A series is ONE calendar event:
``Series.uid`` never changes, and ``Series.sequence`` is raised on every change
of time, place or cancellation. After invitations went out, every change is
sent as ``METHOD:REQUEST`` with the same UID and the higher SEQUENCE, holding
the whole series (master VEVENT with its RRULE, an EXDATE per cancelled
occurrence and a RECURRENCE-ID override per moved one): calendar programs
*replace* what they hold for that UID, so no change ever adds a second event.
"Change the series from a date on" keeps the UID too: DTSTART and RRULE are
replaced from the new first meeting on (the calendar then shows the series
from that date; meetings already held stay in the app). Cancelling one
occurrence sends ``METHOD:CANCEL`` with its RECURRENCE-ID; cancelling the
series sends ``METHOD:CANCEL`` for the UID.

Times: ``Series.start_local`` holds the first meeting's wall-clock time in the
district's zone, stored as if it were UTC (see :func:`first_local`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from checkins import recurrence
from checkins.models import CalendarFeed, Meeting, Participant, Series, new_token
from checkins.services import history, school_breaks
from checkins.services.agenda import ensure_district_template
from checkins.services.email_preview import EmailPreview, preview_for
from people.models import District, School, StaffMember
from people.school_calendar import SchoolCalendar


@dataclass(frozen=True)
class Occurrence:
    """One meeting of a series: the rule's date, or the stored Meeting row that moved, cancelled or ran it."""

    recurrence_id: dt.datetime  # UTC, the start the rule gave it
    starts_at: dt.datetime  # UTC
    ends_at: dt.datetime  # UTC
    location: str
    status: str
    meeting: Meeting | None

    @property
    def is_moved(self) -> bool:
        return self.starts_at != self.recurrence_id

    @property
    def is_cancelled(self) -> bool:
        return self.status == Meeting.Status.CANCELLED


def first_local(series: Series) -> dt.datetime:
    """The first meeting's start as naive wall-clock time in the district's zone."""
    return series.start_local.replace(tzinfo=None)


def stored_local(local: dt.datetime) -> dt.datetime:
    """How a naive local wall-clock time is stored in ``Series.start_local`` (labelled UTC, not converted)."""
    return local.replace(tzinfo=None).replace(tzinfo=dt.UTC)


def rule_dates(series: Series, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The rule's starts (UTC) between ``start`` and ``end``, ignoring stored meetings."""
    if series.status == Series.Status.CANCELLED:
        return []
    rule = recurrence.with_months(series.rrule, series.school_months)
    return recurrence.expand(first_local(series), rule, series.district.zone, start=start, end=end, until=series.until)


def occurrences(
    series: Series, start_utc: dt.datetime, end_utc: dt.datetime, *, meetings: Iterable[Meeting] | None = None
) -> list[Occurrence]:
    """The series' occurrences starting between ``start_utc`` and ``end_utc``, in time order.

    Stored Meeting rows win over the rule's dates: a moved meeting shows at its
    new time, a cancelled one with status "cancelled", a run one with its status.
    Meetings no longer on the rule (held before the series was changed) are kept.
    ``meetings`` may be given when already loaded; otherwise one query reads them.
    """
    dates = rule_dates(series, start_utc, end_utc)
    duration = dt.timedelta(minutes=series.duration_minutes)
    if meetings is None:
        window = Q(starts_at__range=(start_utc, end_utc))
        if dates:
            window |= Q(recurrence_id__in=dates)
        meetings = series.meetings.filter(window)
    by_id = {m.recurrence_id: m for m in meetings}
    result: list[Occurrence] = []
    for moment in dates:
        meeting = by_id.pop(moment, None)
        if meeting is None:
            result.append(Occurrence(moment, moment, moment + duration, series.location, "scheduled", None))
        elif start_utc <= meeting.starts_at <= end_utc:
            result.append(_from_meeting(series, meeting))
    for meeting in by_id.values():
        if start_utc <= meeting.starts_at <= end_utc and (
            meeting.status != Meeting.Status.SCHEDULED or meeting.recurrence_id != meeting.starts_at
        ):
            result.append(_from_meeting(series, meeting))
    return sorted(result, key=lambda o: o.starts_at)


def own_changes(meeting: Meeting, series: Series) -> str:
    """What a meeting has of its own: "skipped" (a school break), "cancelled", "moved", "place", or ""."""
    if meeting.skipped_for and meeting.status == Meeting.Status.CANCELLED:
        return "skipped"
    if meeting.status == Meeting.Status.CANCELLED:
        return "cancelled"
    if meeting.starts_at != meeting.recurrence_id:
        return "moved"
    return "place" if meeting.location and meeting.location != series.location else ""


def _from_meeting(series: Series, meeting: Meeting) -> Occurrence:
    location = meeting.location or series.location
    return Occurrence(meeting.recurrence_id, meeting.starts_at, meeting.ends_at, location, meeting.status, meeting)


def upcoming(series: Series, count: int = 12, *, now: dt.datetime | None = None) -> list[Occurrence]:
    """The next ``count`` occurrences from now (cancelled ones included, marked)."""
    now = now or timezone.now()
    dates = rule_dates(series, now, now + dt.timedelta(days=366 * 5))[:count] if count else []
    end = dates[-1] if len(dates) == count else now + dt.timedelta(days=366 * 5)
    return occurrences(series, now, end)[:count]


def is_rule_date(series: Series, recurrence_id: dt.datetime) -> bool:
    return recurrence_id in rule_dates(series, recurrence_id, recurrence_id)


def get_or_create_meeting(series: Series, recurrence_id: dt.datetime) -> Meeting:
    """The Meeting row of the occurrence the rule put at ``recurrence_id`` (UTC), created on first need.

    Raises ValueError when the rule has no occurrence at that moment and no row exists.
    """
    existing = series.meetings.filter(recurrence_id=recurrence_id).first()
    if existing is not None:
        return existing
    if not is_rule_date(series, recurrence_id):
        raise ValueError(f"{series} has no meeting at {recurrence_id.isoformat()}.")
    try:
        with transaction.atomic():
            ensure_district_template(series.district)  # the meeting page shows it; a visit writes nothing
            return Meeting.objects.create(
                district_id=series.district_id,
                series=series,
                recurrence_id=recurrence_id,
                starts_at=recurrence_id,
                ends_at=recurrence_id + dt.timedelta(minutes=series.duration_minutes),
                sequence=series.sequence,
            )
    except IntegrityError:  # created at the same moment by another request or the hourly job
        return series.meetings.get(recurrence_id=recurrence_id)


def _check_people(district: District, participants: Sequence[StaffMember]) -> dict[str, list[str]]:
    errors: list[str] = []
    seen: set[int] = set()
    duplicates = sorted({p.name for p in participants if p.pk in seen or seen.add(p.pk)})  # type: ignore[func-returns-value]
    if duplicates:
        errors.append(f"Listed more than once: {', '.join(duplicates)}.")
    if not participants:
        errors.append("Choose at least one participant.")
    outsiders = [p.name for p in participants if p.district_id != district.pk]
    if outsiders:
        errors.append(f"Not staff of this district: {', '.join(outsiders)}.")
    no_email = sorted({p.name for p in participants if not (p.email or "").strip()})
    if no_email:
        errors.append(f"No email address, so no invitation can reach them: {', '.join(no_email)}.")
    return {"participants": errors} if errors else {}


def _check_schedule(
    district: District,
    start_local: dt.datetime,
    rrule: str,
    *,
    allow_past: bool = False,
    calendar: SchoolCalendar | None = None,
) -> tuple[str, dict[str, list[str]]]:
    """The rule normalized, and the problems of a schedule by field; ``calendar`` when it skips breaks."""
    errors: dict[str, list[str]] = {}
    start_utc = start_local.replace(tzinfo=None).replace(tzinfo=district.zone).astimezone(dt.UTC)
    if start_utc <= timezone.now() and not allow_past:
        errors["start_local"] = ["The first meeting must be in the future."]
    elif (
        start_utc > timezone.now()
        and calendar
        and (problem := school_breaks.first_meeting_problem(calendar, start_local))
    ):
        errors["start_local"] = [problem]
    try:
        rrule = recurrence.validate_rule(rrule, start_local)
        months = school_breaks.school_months(calendar, True) if calendar is not None else ""
        recurrence.validate_rule(recurrence.with_months(rrule, months), start_local)
    except recurrence.RuleError as exc:
        errors["rrule"] = [str(exc) + (" (School breaks are skipped.)" if calendar is not None else "")]
    return rrule, errors


@transaction.atomic
def create_series(
    district: District,
    *,
    title: str,
    organizer: StaffMember,
    participants: Sequence[StaffMember],
    start_local: dt.datetime,
    rrule: str,
    duration_minutes: int = 60,
    location: str = "",
    video_link: str = "",
    school: School | None = None,
    invitation_text: str = "",
    until: dt.date | None = None,
    reflection_days_before: int = 7,
    skip_breaks: bool = True,
    by: StaffMember | None,
    allow_past: bool = False,
) -> Series:
    """Create a series starting at ``start_local`` (naive, district time) and repeating by ``rrule``.

    Raises ValidationError (keyed by field) for a rule that yields no dates, a
    first meeting in the past, a participant listed twice or without an email
    address; nothing is written then. Invitations are sent separately
    (:func:`send_invitations`). ``allow_past`` is for records of series that
    already ran (the demo); people creating a series never set it.
    """
    calendar = school_breaks.calendar_of(district)
    rrule, errors = _check_schedule(
        district, start_local, rrule, allow_past=allow_past, calendar=calendar if skip_breaks else None
    )
    errors |= _check_people(district, participants)
    if not title.strip():
        errors["title"] = ["Give the series a title."]
    if organizer.district_id != district.pk or (school is not None and school.district_id != district.pk):
        raise ValidationError("The organizer and the school must belong to this district.")
    if errors:
        raise ValidationError(errors)
    series = Series.objects.create(
        district=district,
        school=school,
        title=title.strip(),
        organizer=organizer,
        start_local=stored_local(start_local),
        rrule=rrule,
        until=until,
        duration_minutes=duration_minutes,
        location=location,
        video_link=video_link,
        invitation_text=invitation_text,
        reflection_days_before=reflection_days_before,
        skip_breaks=skip_breaks,
        school_months=school_breaks.school_months(calendar, skip_breaks),
        uid=f"series-{uuid.uuid4()}@topoflicense",
    )
    Participant.objects.bulk_create(Participant(district=district, series=series, staff=p) for p in participants)
    end = school_breaks.horizon(calendar, district.zone)
    if end is not None:
        dates = rule_dates(series, stored_utc(series), end)
        Meeting.objects.bulk_create(school_breaks.break_meetings(series, dates, calendar))
    history.record("Created the series.", by=by, series=series)
    return series


def stored_utc(series: Series) -> dt.datetime:
    """The series' first meeting as a UTC moment."""
    return first_local(series).replace(tzinfo=series.district.zone).astimezone(dt.UTC)


def send_invitations(series: Series, *, by: StaffMember | None) -> int:
    """Email every participant the invitation with the series' calendar file (METHOD:REQUEST).

    Sent again after a change, it is the update: same UID, current SEQUENCE.
    Returns the number of emails queued.
    """
    from checkins.services.invitations import send_requests

    with transaction.atomic():
        count = send_requests(
            series, series.participants.select_related("staff"), update=bool(series.invitations_sent_at)
        )
        update = series.invitations_sent_at is not None
        Series.objects.filter(pk=series.pk).update(invitations_sent_at=timezone.now())
        series.refresh_from_db(fields=["invitations_sent_at"])
        history.record(
            f"Sent the {'update' if update else 'invitations'} to {count} participant(s).", by=by, series=series
        )
    return count


def preview_invitations(series: Series, *, viewer: StaffMember) -> EmailPreview:
    """The invitation (or, once sent, the update) as ``send_invitations`` would send it now."""
    from checkins.services.invitations import request_email

    participants = {participant.staff: participant for participant in series.participants.select_related("staff")}
    update = series.invitations_sent_at is not None
    return preview_for(
        list(participants), viewer, lambda person: request_email(series, participants[person], update=update)
    )


def set_response(participant: Participant, response: str, *, note: str | None = None) -> Participant:
    """Record whether a participant will attend (yes / maybe / no), with an optional note for the organizer.

    The series page (logged in) and the personal link of the emails (no login) both come here.
    ``note=None`` keeps the note given before.
    """
    if response not in Participant.Response.values or not response:
        raise ValidationError({"response": ["Choose yes, maybe or no."]})
    participant.response = response
    participant.responded_at = timezone.now()
    fields = ["response", "responded_at"]
    if note is not None:
        participant.response_note = note.strip()
        fields.append("response_note")
    participant.save(update_fields=fields)
    return participant


def feed_for(staff: StaffMember) -> CalendarFeed:
    """The person's private calendar feed, created on first need."""
    feed, _ = CalendarFeed.objects.get_or_create(staff=staff, defaults={"district_id": staff.district_id})
    return feed


def rotate_feed(staff: StaffMember) -> CalendarFeed:
    """Give the person a new feed link; the old one stops working at once."""
    feed = feed_for(staff)
    feed.token = new_token()
    feed.save(update_fields=["token"])
    return feed
