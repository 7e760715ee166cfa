"""Reflections for tests, made through the services like a user would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal

import time_machine

from checkins.models import Meeting
from people.models import StaffMember
from reflections import services
from reflections.models import Reflection, ReflectionRequest
from reflections.periods import quarter_of
from reflections.services import Row


def seed_rows(author: StaffMember, ideal=(40, 20, 10, 10, 10, 5, 5, 0), current=(20, 10, 20, 10, 5, 10, 25, 0)):
    """A row per task type of the author's district with the given percentages (each adds up to 100)."""
    categories = services.table_categories(author.district)
    return [
        Row(category_id=c.pk, ideal=Decimal(i), current=Decimal(k), actions=f"Move toward ideal for {c.name}")
        for c, i, k in zip(categories, ideal, current, strict=False)
    ]


def make_reflection(
    author: StaffMember,
    *,
    submitted: bool = True,
    leader: bool = False,
    admins: bool = False,
    checkin: bool = False,
    rows: list[Row] | None = None,
    request: ReflectionRequest | None = None,
    meeting: Meeting | None = None,
    support: str = "A room for small groups",
) -> Reflection:
    reflection = services.start_reflection(author, request=request, meeting=meeting)
    services.save_draft(
        reflection,
        support_needed=support,
        barriers="Lunch duty every day",
        barrier_kinds=["duties"],
        time_unit="percent",
        rows=seed_rows(author) if rows is None else rows,
    )
    if submitted:
        services.submit(reflection)
    return services.share(reflection, checkin=checkin, leader=leader, admins=admins)


@contextmanager
def after_the_quarter(today: dt.date | None = None) -> Iterator[dt.date]:
    """Travel to the first day of the next quarter (noon UTC), when this quarter's group figures are
    published; yields that day."""
    day = quarter_of(today or dt.date.today()).next().start
    with time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC), tick=False):
        yield day
