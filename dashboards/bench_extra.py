"""Benchmark data for the dashboards: 100,000 submitted reflections at the largest scale.

The demo gives every mental health staff member six rounds; at the largest
scale (about 8,000 of them) ``prepare`` tops the district up to 100,000
reflections (800,000 time-table rows) with monthly rounds going back from the
demo's first, then publishes the group figures of every quarter that is over.
``measure`` times what publishing costs: one quarter's release, made once when
the quarter ends (``reflections.publication.make_release``).
"""

from __future__ import annotations

import datetime as dt
import random
import time

from bench.extras import EXTRAS, LARGE_SCALE_SCHOOLS, Extra
from reflections.demo import make_reflections
from reflections.models import FigureRelease, PublishedFigure, Reflection
from reflections.periods import quarter_of
from reflections.publication import make_release, publish_figures

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
    publish_figures(district)


def time_figures(district, schools: int) -> list[dict]:
    quarter = quarter_of(dt.date.today()).previous()
    FigureRelease.objects.filter(district=district, quarter=quarter.start).delete()
    started = time.perf_counter()
    release = make_release(district, quarter)
    made = time.perf_counter() - started
    return [
        {
            "name": "publish one quarter's group figures (once, when it ends)",
            "seconds": round(made, 2),
            "reflections": Reflection.objects.filter(district=district).count(),
            "entries": PublishedFigure.objects.filter(release=release).count(),
        }
    ]


EXTRAS.append(Extra("dashboards", prepare=load_reflections, measure=time_figures))
