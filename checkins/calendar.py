"""Calendar files (RFC 5545) and scheduling messages (RFC 5546) for check-in series.

A series is one VEVENT: ``UID = series.uid``, DTSTART/DTEND with the district's
TZID (its VTIMEZONE is included), the RRULE, ``SEQUENCE = series.sequence``,
ORGANIZER and one ATTENDEE per participant. Cancelled occurrences are EXDATEs
of the master; moved ones (or ones in another place) are extra VEVENTs with the
same UID and a RECURRENCE-ID naming the start the rule gave them, and an RDATE
when the rule no longer gives that start (see ``_master``).

- :func:`request_calendar` — METHOD:REQUEST, the invitation and every update.
- :func:`cancel_calendar` — METHOD:CANCEL, for one occurrence (RECURRENCE-ID) or the whole series.
- :func:`feed_calendar` — a subscription feed (no METHOD) with several series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vRecur, vText

from checkins import recurrence
from checkins.models import Meeting, Series
from checkins.services.series import first_local, own_changes, rule_dates
from people.models import StaffMember

PRODID = "-//Top of License//Check-ins//EN"


def _address(staff: StaffMember, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{staff.email}")
    address.params["CN"] = vText(staff.name)
    if role:
        address.params["ROLE"] = vText(role)
        address.params["PARTSTAT"] = vText("NEEDS-ACTION")
        address.params["RSVP"] = vText("TRUE")
    return address


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def _description(series: Series) -> str:
    lines = [series.title]
    if series.video_link:
        lines.append(f"Video link: {series.video_link}")
    return "\n".join(lines)


def _base_event(series: Series, attendees: Sequence[StaffMember], stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", series.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", series.sequence)
    event.add("summary", series.title)
    event.add("description", _description(series))
    if series.location:
        event.add("location", series.location)
    if series.video_link:
        event.add("url", series.video_link)
    event.add("organizer", _address(series.organizer))
    for person in attendees:
        if person.email:
            event.add("attendee", _address(person, "REQ-PARTICIPANT"))
    return event


def _master(series: Series, meetings: Iterable[Meeting], attendees: Sequence[StaffMember], stamp) -> list[Event]:
    """The series' VEVENT with its RRULE, and one VEVENT per meeting with changes of its own.

    A cancelled meeting is an EXDATE; a moved one (or one in another place)
    an override with its RECURRENCE-ID. A moved meeting that the rule no
    longer gives (its series changed and the new schedule has no meeting near
    it) is added with an RDATE, then overridden, so calendars keep it too.
    """
    zone = series.district.zone
    start = first_local(series).replace(tzinfo=zone)
    event = _base_event(series, attendees, stamp)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=series.duration_minutes))
    rule = vRecur.from_ical(recurrence.with_months(series.rrule, series.school_months))
    if series.until:
        rule["UNTIL"] = recurrence.until_utc(series.until, first_local(series), zone)
    event.add("rrule", rule)
    event.add("status", "CONFIRMED")
    exceptions = [(m, own_changes(m, series)) for m in meetings]
    exceptions = [(m, kind) for m, kind in exceptions if kind]
    ids = [m.recurrence_id for m, _ in exceptions]
    on_rule = set(rule_dates(series, min(ids), max(ids))) if ids else set()
    overrides: list[Event] = []
    exdates: list[dt.datetime] = []
    rdates: list[dt.datetime] = []
    for meeting, kind in exceptions:
        if kind in ("cancelled", "skipped"):
            exdates.append(meeting.recurrence_id.astimezone(zone))
            continue
        if meeting.recurrence_id not in on_rule:
            if meeting.status != Meeting.Status.SCHEDULED:
                continue  # held before the series changed: the app keeps it, calendars need not
            rdates.append(meeting.recurrence_id.astimezone(zone))
        override = _base_event(series, attendees, stamp)
        override.add("recurrence-id", meeting.recurrence_id.astimezone(zone))
        override.add("dtstart", meeting.starts_at.astimezone(zone))
        override.add("dtend", meeting.ends_at.astimezone(zone))
        if meeting.location:
            override["location"] = vText(meeting.location)
        override.add("status", "CONFIRMED")
        overrides.append(override)
    if exdates:
        event.add("exdate", sorted(exdates))
    if rdates:
        event.add("rdate", sorted(rdates))
    return [event, *overrides]


def _finish(calendar: Calendar, first_year: int) -> bytes:
    calendar.add_missing_timezones(first_date=dt.date(first_year - 1, 1, 1), last_date=dt.date(first_year + 10, 1, 1))
    return calendar.to_ical()


def _attendees(series: Series) -> list[StaffMember]:
    return [p.staff for p in series.participants.all()]


def _meetings(series: Series) -> list[Meeting]:
    return list(series.meetings.all())


def request_calendar(series: Series, *, now: dt.datetime | None = None) -> bytes:
    """METHOD:REQUEST for the whole series: the invitation, and every update (same UID, current SEQUENCE)."""
    calendar = _calendar("REQUEST")
    for event in _master(series, _meetings(series), _attendees(series), now or timezone.now()):
        calendar.add_component(event)
    return _finish(calendar, series.start_local.year)


def cancel_calendar(
    series: Series,
    *,
    recurrence_id: dt.datetime | None = None,
    attendees: Sequence[StaffMember] | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """METHOD:CANCEL for one occurrence (``recurrence_id``, UTC) or, without it, the whole series."""
    calendar = _calendar("CANCEL")
    event = _base_event(series, _attendees(series) if attendees is None else attendees, now or timezone.now())
    zone = series.district.zone
    if recurrence_id is None:
        start = first_local(series).replace(tzinfo=zone)
        event.add("dtstart", start)
    else:
        event.add("recurrence-id", recurrence_id.astimezone(zone))
        event.add("dtstart", recurrence_id.astimezone(zone))
    event.add("status", "CANCELLED")
    calendar.add_component(event)
    return _finish(calendar, series.start_local.year)


def feed_calendar(all_series: Iterable[Series], name: str, *, now: dt.datetime | None = None) -> bytes:
    """A subscription feed (no METHOD) with every active series given; their meetings must be prefetched."""
    calendar = _calendar(None)
    calendar.add("x-wr-calname", name)
    stamp = now or timezone.now()
    first_year = stamp.year
    for series in all_series:
        if series.status != Series.Status.ACTIVE:
            continue
        first_year = min(first_year, series.start_local.year)
        for event in _master(series, _meetings(series), _attendees(series), stamp):
            calendar.add_component(event)
    return _finish(calendar, first_year)
