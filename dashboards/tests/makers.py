"""Submitted reflections with a given date and time table, written directly (the form is tested in reflections).

A reflection made here is submitted at noon of its date in the district's time zone, so it counts in
that date's quarter (``reflections.periods``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from people.models import StaffMember
from reflections.models import Reflection, TimeAllocation
from tests import factories

# Ideal and current percentages for the seed's eight task types, in catalogue order.
STORY = ((15, 10), (30, 16), (15, 10), (12, 8), (10, 7), (8, 14), (5, 30), (5, 5))


def reflect(
    author: StaffMember,
    date: dt.date,
    table=STORY,
    *,
    school=None,
    barrier_kinds=("duties",),
    status=Reflection.Status.SUBMITTED,
) -> Reflection:
    school = school or author.assignments.order_by("-fte").values_list("school", flat=True).first()
    reflection = Reflection.objects.create(
        district=author.district,
        author=author,
        role=author.role,
        school_id=school.pk if hasattr(school, "pk") else school,
        date=date,
        barrier_kinds=list(barrier_kinds),
        status=status,
        submitted_at=(
            dt.datetime.combine(date, dt.time(12), tzinfo=author.district.zone)
            if status == Reflection.Status.SUBMITTED
            else None
        ),
    )
    categories = author.district.task_categories.order_by("position", "name")
    TimeAllocation.objects.bulk_create(
        TimeAllocation(
            district=author.district,
            reflection=reflection,
            category=category,
            position=category.position,
            ideal_percent=Decimal(ideal) if ideal is not None else None,
            current_percent=Decimal(current) if current is not None else None,
        )
        for category, (ideal, current) in zip(categories, table, strict=False)
    )
    return reflection


def colleagues(district, school, count: int, role_key: str = "school-counselor") -> list[StaffMember]:
    return [
        factories.make_staff(district, role_key=role_key, schools={school: 1}, can_log_in=False) for _ in range(count)
    ]
