"""Benchmark data for the dashboards: 100,000 submitted reflections at the largest scale.

The demo gives every mental health staff member six rounds; at the largest
scale (about 8,000 of them) ``prepare`` tops the district up to 100,000
reflections (800,000 time-table rows) with monthly rounds going back from the
demo's first, then rebuilds the pre-computed figures. ``measure`` times what
keeps those figures exact: recording one submission, and a full rebuild.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from bench.extras import EXTRAS, LARGE_SCALE_SCHOOLS, Extra
from dashboards.services import rebuild_figures, record_submission
from reflections.demo import make_reflections
from reflections.models import Reflection

TARGET = 100_000


def load_reflections(district, schools: int) -> None:
    if schools < LARGE_SCALE_SCHOOLS:
        return
    rng = random.Random(schools)
    existing = Reflection.objects.filter(district=district)
    day = existing.order_by("date").values_list("date", flat=True).first() or dt.date.today()
    people = district.staff.filter(role__is_mental_health=True).count()
    while (count := existing.count()) < TARGET:
        day = (day.replace(day=1) - dt.timedelta(days=1)).replace(day=14)  # the 14th of the month before
        make_reflections(district, [day], rng, participation=min(0.95, (TARGET - count) / max(people, 1)))
    rebuild_figures(district)


def time_figures(district, schools: int) -> list[dict]:
    latest = Reflection.objects.filter(district=district, status=Reflection.Status.SUBMITTED).latest("date", "pk")
    started = time.perf_counter()
    record_submission(latest)
    recorded = time.perf_counter() - started
    started = time.perf_counter()
    rebuild_figures(district)
    rebuilt = time.perf_counter() - started
    reflections = Reflection.objects.filter(district=district).count()
    return [
        {"name": "record one submission in the figures", "seconds": round(recorded, 3), "reflections": reflections},
        {"name": "rebuild every figure (manage.py rebuild_figures)", "seconds": round(rebuilt, 2)},
    ]


EXTRAS.append(Extra("dashboards", prepare=load_reflections, measure=time_figures))
