"""Test data for time sampling, made through the services."""

from __future__ import annotations

import datetime as dt

import time_machine

from people.models import StaffMember
from sampling import services
from sampling.models import Study
from tests import factories

# A Monday-to-Friday fortnight in the Lincoln County personas' district (America/Chicago).
FIRST_DAY = dt.date(2027, 3, 1)
LAST_DAY = dt.date(2027, 3, 12)
BEFORE = dt.datetime(2027, 2, 20, 12, 0, tzinfo=dt.UTC)


def counselor_hours(p) -> None:
    services.save_role_hours(
        p.district, factories.role(p.district, "school-counselor"), dt.time(7, 30), dt.time(15, 30)
    )


def more_counselors(p, count: int, school=None) -> list[StaffMember]:
    return [
        factories.make_staff(p.district, f"Counselor {i:02d}", schools={school or p.school_a: 1}, can_log_in=False)
        for i in range(count)
    ]


def make_study(p, **extra) -> Study:
    schools = extra.pop("schools", [])
    values = {"name": "Spring sampling", "first_day": FIRST_DAY, "last_day": LAST_DAY, "margin": 10}
    values.update(extra)
    study = Study(**values)
    return services.create_study(
        study, roles=[factories.role(p.district, "school-counselor")], schools=schools, by=p.admin
    )


def drawn_study(p, seed: int = 7, **extra) -> Study:
    counselor_hours(p)
    study = make_study(p, **extra)
    with time_machine.travel(BEFORE, tick=False):
        services.draw(study, by=p.admin, seed=seed)
    study.refresh_from_db()
    return study
