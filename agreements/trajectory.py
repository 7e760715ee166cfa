"""How a goal stands (pure): where the line from baseline to target says it should be, and whether the
latest measurement is there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

MET = "met"
ON_TRACK = "on track"
BEHIND = "behind"
NO_DATA = "no measurement yet"
STANDINGS_ORDER = ("met", "on track", "behind", "no measurement yet")


@dataclass(frozen=True)
class Point:
    on: dt.date
    value: Decimal
    source: str = ""


def expected_on(baseline: Decimal, baseline_on: dt.date, target: Decimal, due_on: dt.date, day: dt.date) -> Decimal:
    """The value the straight line from (baseline date, baseline) to (target date, target) gives on ``day``.

    Direct services from 51% on September 1 to 70% on March 1 (181 days): on December 1 (91 days in),
    51 + 19 × 91 / 181 = 60.6.

    >>> expected_on(Decimal(51), dt.date(2026, 9, 1), Decimal(70), dt.date(2027, 3, 1), dt.date(2026, 12, 1))
    Decimal('60.6')
    >>> expected_on(Decimal(51), dt.date(2026, 9, 1), Decimal(70), dt.date(2027, 3, 1), dt.date(2027, 5, 1))
    Decimal('70.0')
    """
    span = (due_on - baseline_on).days
    if span <= 0 or day >= due_on:
        return Decimal(target).quantize(Decimal("0.1"))
    elapsed = max(0, (day - baseline_on).days)
    value = Decimal(baseline) + (Decimal(target) - Decimal(baseline)) * elapsed / span
    return value.quantize(Decimal("0.1"))


def standing(
    points: Sequence[Point],
    *,
    baseline: Decimal,
    baseline_on: dt.date,
    target: Decimal,
    due_on: dt.date,
    today: dt.date,
) -> str:
    """Met, on track, behind, or no measurement yet — judged by the latest point.

    A goal may go up (51% → 70%) or down (20% of time on non-counseling duties → 10%). It is met once the
    latest point reaches the target; on track when the latest point is at least where the line says it
    should be on its date; behind otherwise, and behind once the target date has passed unmet.

    >>> line = dict(baseline=Decimal(51), baseline_on=dt.date(2026, 9, 1), target=Decimal(70))
    >>> line["due_on"] = dt.date(2027, 3, 1)
    >>> standing([Point(dt.date(2026, 12, 1), Decimal(62))], today=dt.date(2026, 12, 8), **line)
    'on track'
    >>> standing([Point(dt.date(2026, 12, 1), Decimal(55))], today=dt.date(2026, 12, 8), **line)
    'behind'
    >>> standing([Point(dt.date(2027, 2, 1), Decimal(71))], today=dt.date(2027, 2, 8), **line)
    'met'
    >>> standing([], today=dt.date(2026, 12, 8), **line)
    'no measurement yet'
    """
    if not points:
        return NO_DATA
    latest = max(points, key=lambda p: p.on)
    up = target >= baseline
    if (latest.value >= target) if up else (latest.value <= target):
        return MET
    if today > due_on:
        return BEHIND
    expected = expected_on(baseline, baseline_on, target, due_on, latest.on)
    return ON_TRACK if ((latest.value >= expected) if up else (latest.value <= expected)) else BEHIND
