"""The agreements at scale: 8,000 agreements and 30,000 goals behind the pages at the largest scale.

Target (issue 17): the agreement page and the district's agreement view p95 ≤ 150 ms with the same
queries at both scales (measured as pages, ``bench_pages.py``). Rows are written in bulk, as the services
would leave them (shares adding up to 100, a first version, goals with progress); the versions' stored
text is left empty, which no measured page reads.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from bench.extras import EXTRAS, LARGE_SCALE_SCHOOLS, Extra

AGREEMENTS_AT_SCALE = 8_000
GOALS_AT_SCALE = 30_000


def load_agreements(district, schools: int) -> None:
    if schools < LARGE_SCALE_SCHOOLS:
        return
    from django.utils import timezone

    from actions.services import local_today
    from agreements.models import Agreement, Event, Goal, PlannedShare, Progress, Version
    from agreements.rules import default_shares, year_of
    from people.models import Assignment, Leadership, TaskCategory

    rng = random.Random(2026)
    today = local_today(district)
    year = year_of(today)
    leaders = dict(Leadership.objects.filter(district=district).values_list("school_id", "staff_id"))
    taken = set(Agreement.objects.filter(district=district, year=year).values_list("staff_id", "school_id"))
    slots = [
        (staff, school)
        for staff, school in Assignment.objects.filter(district=district, staff__role__is_mental_health=True)
        .values_list("staff_id", "school_id")
        .order_by("pk")
        if (staff, school) not in taken and leaders.get(school) not in (None, staff)
    ][:AGREEMENTS_AT_SCALE]
    categories = list(TaskCategory.objects.filter(district=district).active().order_by("position"))
    shares = default_shares([(c.pk, c.service_kind) for c in categories])
    direct = [c.pk for c in categories if c.service_kind == "direct"]
    statuses = [Agreement.Status.SIGNED] * 3 + [Agreement.Status.REVIEW, Agreement.Status.DRAFT]
    made = Agreement.objects.bulk_create(
        [
            Agreement(
                district=district,
                staff_id=staff,
                school_id=school,
                leader_id=leaders[school],
                year=year,
                status=rng.choice(statuses),
                caseload=rng.randint(250, 500),
            )
            for staff, school in slots
        ],
        batch_size=1000,
    )
    now = timezone.now()
    PlannedShare.objects.bulk_create(
        (
            PlannedShare(district=district, agreement=a, category_id=pk, percent=p)
            for a in made
            for pk, p in shares.items()
        ),
        batch_size=5000,
    )
    Version.objects.bulk_create(
        (
            Version(
                district=district,
                agreement=a,
                number=1,
                staff_signed_at=now if a.status != Agreement.Status.DRAFT else None,
                leader_signed_at=now if a.status == Agreement.Status.SIGNED else None,
            )
            for a in made
        ),
        batch_size=5000,
    )
    Event.objects.bulk_create(
        (Event(district=district, agreement=a, kind=Event.Kind.CREATED, version=1, at=now) for a in made),
        batch_size=5000,
    )
    first, due = today - dt.timedelta(days=60), dt.date(year + 1, 5, 1)
    goals = []
    per = max(1, GOALS_AT_SCALE // max(1, len(made)))
    for a in made:
        for position in range(1, min(5, per + (1 if rng.random() < 0.75 else 0)) + 1):
            kind = Goal.Kind.TIME if position == 1 else Goal.Kind.PROGRAM
            goals.append(
                Goal(
                    district=district,
                    agreement=a,
                    position=position,
                    kind=kind,
                    statement="Benchmark goal",
                    indicator="Share of time" if kind == Goal.Kind.TIME else "Students served",
                    baseline=Decimal(50),
                    baseline_on=first,
                    target=Decimal(70),
                    due_on=due,
                    owner_id=a.staff_id,
                )
            )
    goals = Goal.objects.bulk_create(goals, batch_size=5000)
    through = Goal.categories.through
    through.objects.bulk_create(
        (through(goal_id=g.pk, taskcategory_id=pk) for g in goals if g.kind == Goal.Kind.TIME for pk in direct),
        batch_size=5000,
    )
    Progress.objects.bulk_create(
        (
            Progress(
                district=district, goal=g, recorded_on=today - dt.timedelta(days=7), value=Decimal(rng.randint(50, 72))
            )
            for g in goals
            if g.kind == Goal.Kind.PROGRAM
        ),
        batch_size=5000,
    )


EXTRAS.append(Extra("agreements", prepare=load_agreements))
