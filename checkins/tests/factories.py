"""Check-in series for tests, built through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from checkins.models import Series
from checkins.services.series import create_series
from conftest import Personas


def outside_summer(day: dt.date) -> dt.date:
    """``day``, or the same weekday nine weeks on when it falls in July or August.

    Series skip the summer break by default and polls warn about it: tests that take their dates
    from today's date use this, so the suite gives the same answers whatever the season.
    """
    return day + dt.timedelta(weeks=9) if day.month in (7, 8) else day


def second_tuesday_ahead(months: int = 2) -> dt.datetime:
    """3:30 pm on the 2nd Tuesday of the month ``months`` after this one, never in July or August (naive)."""
    today = timezone.now().date()
    year, month = divmod(today.month - 1 + months, 12)
    month = 8 if month + 1 in (7, 8) else month  # September
    first = dt.date(today.year + year, month + 1, 1)
    tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7 + 7)
    return dt.datetime.combine(tuesday, dt.time(15, 30))


def make_series(p: Personas, **overrides) -> Series:
    """A monthly (2nd Tuesday, 3:30 pm) series at school A: the principal organizes, counselor A attends."""
    values: dict[str, Any] = {
        "title": "Adams mental health check-in",
        "organizer": p.principal,
        "participants": [p.principal, p.counselor_a],
        "start_local": second_tuesday_ahead(),
        "rrule": "FREQ=MONTHLY;BYDAY=2TU",
        "location": "Room 12",
        "school": p.school_a,
        "by": p.principal,
    }
    values.update(overrides)
    return create_series(p.district, **values)
