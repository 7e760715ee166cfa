"""Remembered against sampled time: the same groups' reflections beside a study's shares.

Reflections come only from the published group figures (``reflections.publication``,
``docs/privacy.md``): the release of the quarter the study ended in, or of the latest quarter that is
over if that one is not yet; the district's total and each role's district total, shown only where the
release shows them. A study never makes a reflection figure of its own, so none can be differenced
against the dashboards'.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from actions.services import local_today
from reflections.figures import TaskType as ReflectionTaskType
from reflections.figures import mean, service_share
from reflections.periods import quarter_of
from reflections.publication import Figure, group_figures
from sampling.models import Study
from sampling.results import Results


@dataclass(frozen=True)
class Remembered:
    """A group's reflections: people, mean current share per task type id (percent), direct + indirect."""

    people: int
    hidden: bool
    current: dict[int, float]
    services: float | None


@dataclass(frozen=True)
class Comparison:
    period: str
    district: Remembered
    roles: dict[int, Remembered]


NOTHING = Remembered(0, False, {}, None)
HIDDEN = Remembered(0, True, {}, None)


def _remembered(figure: Figure | None, task_types: list[ReflectionTaskType]) -> Remembered:
    if figure is None:
        return NOTHING
    if figure.sums is None:
        return HIDDEN
    sums = figure.sums
    current = {}
    for t in task_types:
        value = mean(sums.current.get(t.key, Decimal(0)), sums.with_current)
        if value is not None and t.key is not None:
            current[t.key] = round(float(value), 1)
    services = service_share(sums, task_types, "current")
    return Remembered(sums.people, False, current, None if services is None else round(float(services), 1))


def reflection_comparison(study: Study, results: Results, *, today: dt.date | None = None) -> Comparison:
    """The published reflection figures of the study's quarter for the district and each role of the results."""
    today = today or local_today(study.district)
    quarter = min(quarter_of(study.last_day), quarter_of(today).previous())
    figures = group_figures(study.district, quarter, today=today)
    task_types = [ReflectionTaskType(t.key, t.name, t.service_kind) for t in results.task_types]
    by_role = {part.role_id: part for part in figures.parts}
    role_ids = [role.key for role in results.roles if role.key is not None]
    return Comparison(
        quarter.label,
        _remembered(figures.total, task_types),
        {role_id: _remembered(by_role.get(role_id), task_types) for role_id in role_ids},
    )
