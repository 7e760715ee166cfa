"""Time goals measured by the app: a person's share of working time on the goal's task types.

From reflections: each submitted reflection's current time table gives one point (the sum of the current
percent on the goal's task types), dated on the reflection's date. From time sampling: each study the
person took part in gives one point (their answered working moments on those task types ÷ all their
answered working moments), dated on the study's last day.

Privacy: a person's own figures are shown only to those who may see the agreement, and even to them
only from what the person let them see — a reflection counts for someone other than its author only if
the author shared it with their school leader or with district admins; sampled answers (individual, as
time sampling keeps them) count for the person themselves only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count, Q

from agreements.models import Goal
from agreements.trajectory import Point
from reflections.models import Reflection, TimeAllocation
from sampling.models import Moment


def time_points(goals: Iterable[Goal], *, viewer_id: int | None, latest_only: bool = False) -> dict[int, list[Point]]:
    """The measured points of each time goal (by goal id), oldest first, in three queries at any size.

    ``goals`` come with their agreement and prefetched ``categories``. ``viewer_id``: who looks (None:
    a group figure, which reads only what the people shared). ``latest_only``: each person's latest
    reflection only — all a goal's standing needs, and what the district's figures read at scale.
    """
    goals = [g for g in goals if g.kind == Goal.Kind.TIME]
    if not goals:
        return {}
    staff_ids = {g.agreement.staff_id for g in goals}
    shared = Q(reflection__share_with_leader=True) | Q(reflection__share_with_admins=True)
    if viewer_id in staff_ids:
        shared |= Q(reflection__author_id=viewer_id)
    allocations = TimeAllocation.objects.all()
    if latest_only:
        reflections = Reflection.objects.filter(author_id__in=staff_ids, status=Reflection.Status.SUBMITTED).filter(
            Q(share_with_leader=True) | Q(share_with_admins=True) | Q(author_id=viewer_id or 0)
        )
        latest: dict[int, tuple] = {}
        for author, day, pk in reflections.values_list("author_id", "date", "pk").order_by():
            if author not in latest or (day, pk) > latest[author]:
                latest[author] = (day, pk)
        allocations = allocations.filter(reflection_id__in=[pk for _, pk in latest.values()])
    rows = (
        allocations.filter(
            shared,
            reflection__author_id__in=staff_ids,
            reflection__status=Reflection.Status.SUBMITTED,
            category__isnull=False,
            current_percent__isnull=False,
        )
        .values_list("reflection__author_id", "reflection_id", "reflection__date", "category_id", "current_percent")
        .order_by()
    )
    by_reflection: dict[int, dict[tuple[int, dt.date], dict[int, Decimal]]] = defaultdict(dict)
    for author, reflection, day, category, percent in rows:
        by_reflection[author].setdefault((reflection, day), {})[category] = percent or Decimal(0)
    sampled: dict[tuple[int, dt.date], dict[int | None, int]] = defaultdict(dict)
    if viewer_id in staff_ids:
        counts = (
            Moment.objects.filter(staff_id=viewer_id, answered_at__isnull=False, working=True)
            .values_list("study_id", "study__last_day", "task_type_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for study, last_day, task_type, n in counts:
            sampled[(study, last_day)][task_type] = n
    points: dict[int, list[Point]] = {}
    for goal in goals:
        wanted = {c.pk for c in goal.categories.all()}
        found = [
            Point(
                day,
                sum((p for c, p in shares.items() if c in wanted), Decimal(0)).quantize(Decimal("0.1")),
                "reflection",
            )
            for (_, day), shares in by_reflection.get(goal.agreement.staff_id, {}).items()
        ]
        if goal.agreement.staff_id == viewer_id:
            for (_, last_day), tally in sampled.items():
                total = sum(tally.values())
                if total:
                    share = Decimal(100) * sum(n for c, n in tally.items() if c in wanted) / total
                    found.append(Point(last_day, share.quantize(Decimal("0.1")), "time sampling"))
        points[goal.pk] = sorted(found, key=lambda p: p.on)
    return points


def latest_current_time(staff_id: int, *, viewer_id: int) -> tuple[dt.date | None, dict[int, Decimal]]:
    """The date and the current percent per task type of the person's latest submitted reflection that
    ``viewer_id`` may read through the agreement (their own, or one shared with their leader or admins)."""
    reflections = Reflection.objects.filter(author_id=staff_id, status=Reflection.Status.SUBMITTED)
    if viewer_id != staff_id:
        reflections = reflections.filter(Q(share_with_leader=True) | Q(share_with_admins=True))
    latest = reflections.order_by("-date", "-pk").values_list("pk", "date").first()
    if latest is None:
        return None, {}
    rows = TimeAllocation.objects.filter(reflection_id=latest[0], category__isnull=False)
    return latest[1], {c: p for c, p in rows.values_list("category_id", "current_percent") if p is not None}


def planned_against_current(agreement, *, viewer_id: int) -> tuple[dt.date | None, list[tuple]]:
    """(date of the latest reflection, rows of (task type, planned, current, gap in points)) for an agreement
    loaded with ``content.with_parts``; no rows without a reflection the viewer may count."""
    day, current = latest_current_time(agreement.staff_id, viewer_id=viewer_id)
    if day is None:
        return None, []
    return day, [
        (
            share.category.name,
            share.percent,
            current.get(share.category_id),
            current[share.category_id] - share.percent if share.category_id in current else None,
        )
        for share in agreement.shares.all()
    ]
