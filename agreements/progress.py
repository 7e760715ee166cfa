"""Goals as the pages show them: each with its points (measured or entered), latest progress and standing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from agreements.measure import time_points
from agreements.models import Agreement, Goal, Progress
from agreements.trajectory import NO_DATA, Point, expected_on, standing


@dataclass
class GoalRow:
    goal: Goal
    points: list[Point] = field(default_factory=list)
    updates: list[Progress] = field(default_factory=list)
    standing: str = NO_DATA
    expected: object = None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def latest_update(self) -> Progress | None:
        return self.updates[0] if self.updates else None


def rows_for(goals: list[Goal], *, viewer_id: int | None, today: dt.date, latest_only: bool = False) -> list[GoalRow]:
    """Rows of ``goals`` (with ``agreement``, ``categories`` and ``progress`` prefetched); ``latest_only``
    measures time goals from each person's latest reflection only (enough for their standing)."""
    measured = time_points(goals, viewer_id=viewer_id, latest_only=latest_only)
    rows = []
    for goal in goals:
        updates = sorted(goal.progress.all(), key=lambda p: (p.recorded_on, p.pk), reverse=True)
        if goal.kind == Goal.Kind.TIME:
            points = measured.get(goal.pk, [])
        else:
            points = sorted(
                (Point(u.recorded_on, u.value, "entered") for u in updates if u.value is not None), key=lambda p: p.on
            )
        line: dict[str, Any] = {
            "baseline": goal.baseline,
            "baseline_on": goal.baseline_on,
            "target": goal.target,
            "due_on": goal.due_on,
        }
        rows.append(
            GoalRow(
                goal=goal,
                points=points,
                updates=updates,
                standing=standing(points, today=today, **line),
                expected=expected_on(day=min(today, goal.due_on), **line),
            )
        )
    return rows


def goal_rows(agreement: Agreement, *, viewer, today: dt.date) -> list[GoalRow]:
    """The rows of an agreement loaded with ``content.with_parts`` (progress read in one more query)."""
    goals = list(agreement.goals.all())
    by_goal: dict[int, list[Progress]] = {g.pk: [] for g in goals}
    for update in Progress.objects.filter(goal__in=goals).select_related("recorded_by", "meeting"):
        by_goal[update.goal_id].append(update)
    for goal in goals:
        goal.agreement = agreement
        goal._prefetched_objects_cache["progress"] = by_goal[goal.pk]  # type: ignore[attr-defined]
    return rows_for(goals, viewer_id=viewer.pk if viewer else None, today=today)
