"""Time sampling in the benchmark: a study over the last quarter for every mental health staff member.

At the largest scale (about 8,000 of them) ``prepare`` draws ±1 point per role (9,604 moments per
role, 10,565 with oversampling: about 50,000 in all) through ``sampling.services.draw`` — timed,
target under 10 s — and answers 90% of them in bulk, for the results page (``bench_pages.py``) and
the shift planner's pages, which take the finished study's shares as current time.
At the default scale the same study is drawn at ±5 points.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from bench.extras import EXTRAS, LARGE_SCALE_SCHOOLS, Extra
from people.models import Access, Role, StaffMember
from sampling import services
from sampling.demo import store_answers
from sampling.models import Moment, Study

NAME = "Benchmark study"
DRAW_TARGET_S = 10.0
_timings: dict[str, float] = {}


def load_study(district, schools: int) -> None:
    admin = StaffMember.objects.filter(district=district, access=Access.ADMIN).order_by("pk")[0]
    roles = list(Role.objects.active().filter(district=district, is_mental_health=True))
    today = dt.date.today()
    # a quarter that ended a week ago, so every answer window has closed: the study is finished, valid
    # (90% answered) and lets the planner use it, so the planner's pages are measured with it too
    first, last = today - dt.timedelta(weeks=14), today - dt.timedelta(days=8)
    study = services.create_study(
        Study(name=NAME, first_day=first, last_day=last, margin=1 if schools >= LARGE_SCALE_SCHOOLS else 5),
        roles=roles,
        schools=[],
        by=admin,
    )
    before = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(12), tzinfo=district.zone)
    started, cpu = time.perf_counter(), time.process_time()
    drawn = services.draw(study, by=admin, seed=19, now=before)
    _timings["draw"] = time.perf_counter() - started
    _timings["cpu"] = time.process_time() - cpu  # this process's own time: less sensitive to a busy machine
    _timings["days"] = len(study.school_days)
    _timings["moments"] = drawn
    _timings["people"] = study.participants.count()
    rng = random.Random(19)
    categories = list(district.task_categories.values_list("pk", flat=True))
    moments = list(Moment.objects.filter(study=study))
    for moment in moments:
        moment.prompted_at = moment.at
        if rng.random() < 0.9:
            moment.answered_at = moment.at + dt.timedelta(minutes=10)
            moment.working = True
            moment.task_type_id = rng.choice(categories)
            moment.with_whom = "students"
    store_answers(moments)
    services.publish_results(study)  # over a week ago: its figures are published, as the hourly job would


def time_draw(district, schools: int) -> list[dict]:
    seconds = _timings.get("draw", float("nan"))
    return [
        {
            "name": f"draw {_timings.get('moments', 0):,} moments for {_timings.get('people', 0):,} staff, a quarter",
            "seconds": round(seconds, 2),
            "cpu_seconds": round(_timings.get("cpu", float("nan")), 2),
            "school_days": _timings.get("days", 0),
            "target": f"under {DRAW_TARGET_S:.0f} s",
            "met": seconds < DRAW_TARGET_S,
        }
    ]


EXTRAS.append(Extra("sampling", prepare=load_study, measure=time_draw))
