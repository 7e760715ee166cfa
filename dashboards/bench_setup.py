"""Benchmark data for the dashboards: 100,000 submitted reflections at the largest scale.

The demo gives every mental health staff member six rounds; at the largest
scale (about 8,000 of them) this tops the district up to 100,000 reflections
(800,000 allocation rows) with monthly rounds going back from the demo's
first, then rebuilds the pre-computed figures.
"""

from __future__ import annotations

import datetime as dt
import random

from dashboards.services import rebuild_figures
from reflections.demo import make_reflections
from reflections.models import Reflection

TARGET = 100_000
LARGEST_FROM = 1000  # schools: smaller scales keep the plain demo


def setup(district, schools: int) -> None:
    if schools < LARGEST_FROM:
        return
    rng = random.Random(schools)
    existing = Reflection.objects.filter(district=district)
    day = existing.order_by("date").values_list("date", flat=True).first() or dt.date.today()
    while existing.count() < TARGET:
        day = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=14)  # the 14th of the month before
        missing = TARGET - existing.count()
        people = district.staff.filter(role__is_mental_health=True).count()
        make_reflections(district, [day], rng, participation=min(0.95, missing / max(people, 1)))
    rebuild_figures(district)
