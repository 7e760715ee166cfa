"""Availability polls for tests, built through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from checkins.models import Poll
from checkins.services.polls import create_poll
from checkins.tests.factories import outside_summer
from conftest import Personas
from people.models import District


def local_time(
    district: District, days: int, hour: int = 15, minute: int = 30, *, deadline: bool = False
) -> dt.datetime:
    """``days`` from today at ``hour:minute`` in the district's time zone (aware).

    A meeting time is moved out of the summer break (``outside_summer``); a ``deadline`` is not,
    so it stays before the times.
    """
    today = timezone.now().astimezone(district.zone).date() + dt.timedelta(days=days)
    day = today if deadline else outside_summer(today)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=district.zone)


def make_poll(p: Personas, *, invitees=None, times: int = 3, deadline_days: int = 7, **overrides) -> Poll:
    """A poll at school A organized by the principal: three times 10, 11 and 12 days ahead at 3:30 pm."""
    values: dict[str, Any] = {
        "title": "Adams mental health check-in",
        "organizer": p.principal,
        "invitees": invitees if invitees is not None else [p.counselor_a, p.counselor_b, p.no_login],
        "starts": [local_time(p.district, 10 + n) for n in range(times)],
        "deadline": local_time(p.district, deadline_days, 17, 0, deadline=True),
        "school": p.school_a,
        "notify": False,
    }
    values.update(overrides)
    return create_poll(p.district, **values)
