"""School breaks in a series: the months it meets in, and the meetings it skips on closures.

A series that skips breaks (the default) meets only in the district's school months: its rule is
limited with BYMONTH (``Series.school_months``), so every calendar program skips the summer too.
Its meetings on the district's closures, or outside a school year the district has set, are kept
as cancelled meetings marked with the break (``Meeting.skipped_for``), EXDATEs in calendars. The
district's calendar is read once per series change (``people.school_calendar.calendar_of``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from checkins.models import Meeting, Series
from people.school_calendar import SchoolCalendar, calendar_of

ALL_MONTHS = list(range(1, 13))


def school_months(calendar: SchoolCalendar, skip: bool) -> str:
    """The BYMONTH value of a series that skips breaks ("" when it meets in every month)."""
    months = calendar.school_months() if skip else ALL_MONTHS
    return "" if months == ALL_MONTHS else ",".join(str(month) for month in months)


def first_meeting_problem(calendar: SchoolCalendar, start_local: dt.datetime) -> str:
    """Why the first meeting of a series that skips breaks cannot be on its date, or ""."""
    reason = calendar.break_on(start_local.date())
    if not reason:
        return ""
    return f"The first meeting falls in {reason}. Choose a school day, or let the series meet during school breaks."


def break_meetings(series: Series, dates: Iterable[dt.datetime], calendar: SchoolCalendar) -> list[Meeting]:
    """Unsaved cancelled meetings for those of ``dates`` (UTC) in a break the district's calendar knows of."""
    end = horizon(calendar, series.district.zone)
    if not series.skip_breaks or end is None:
        return []
    zone, duration = series.district.zone, dt.timedelta(minutes=series.duration_minutes)
    rows = []
    for moment in dates:
        reason = calendar.break_on(moment.astimezone(zone).date()) if moment <= end else ""
        if reason:
            rows.append(
                Meeting(
                    district_id=series.district_id,
                    series=series,
                    recurrence_id=moment,
                    starts_at=moment,
                    ends_at=moment + duration,
                    status=Meeting.Status.CANCELLED,
                    skipped_for=reason,
                )
            )
    return rows


def horizon(calendar: SchoolCalendar, zone) -> dt.datetime | None:
    """How far the district's calendar speaks, as UTC: to the end of the month of its last known day.

    After the last school year's last day the rest of that month is known to be without school;
    later, the next school year's dates are not known yet (the summer months are skipped by rule).
    """
    if calendar.known_until is None:
        return None
    last = calendar.known_until
    month_end = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.datetime.combine(month_end, dt.time.max).replace(tzinfo=zone).astimezone(dt.UTC)


__all__ = ["break_meetings", "calendar_of", "first_meeting_problem", "horizon", "school_months"]
