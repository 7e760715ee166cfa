"""Check-in series for tests, built through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from checkins.models import Series
from checkins.services.series import create_series
from conftest import Personas


def second_tuesday_ahead(months: int = 2) -> dt.datetime:
    """3:30 pm on the 2nd Tuesday of the month ``months`` after this one (naive, district time)."""
    today = timezone.now().date()
    year, month = divmod(today.month - 1 + months, 12)
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
