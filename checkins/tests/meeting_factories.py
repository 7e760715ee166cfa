"""Meetings for tests: rows of a series at any time, past or present, in any status."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from checkins.models import Meeting, Series
from checkins.services.agenda import ensure_district_template
from checkins.tests.factories import make_series
from conftest import Personas


def make_meeting(p: Personas, series: Series | None = None, *, days_ago: int = 0, status: str = "scheduled") -> Meeting:
    """A meeting ``days_ago`` days back of ``series`` (default: a new school A series the principal organizes,
    counselor A attends)."""
    series = series or make_series(p)
    ensure_district_template(p.district)  # as checkins.services.series.get_or_create_meeting does
    starts = timezone.now().replace(microsecond=0, second=0) - dt.timedelta(days=days_ago)
    return Meeting.objects.create(
        district=p.district,
        series=series,
        recurrence_id=starts,
        starts_at=starts,
        ends_at=starts + dt.timedelta(minutes=series.duration_minutes),
        status=status,
        started_at=timezone.now() if status != Meeting.Status.SCHEDULED else None,
    )
