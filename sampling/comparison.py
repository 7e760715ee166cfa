"""Remembered against sampled time: the same groups' reflections beside a study's shares.

Reflections come from the dashboards' stored sums for the school year of the study's last day (the
latest submitted reflection of each person that year; two queries), for the district and for each
role, hidden below the district's minimum group size like every reflection figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from dashboards.services import stored_sums
from reflections.figures import GroupSums, mean, school_year_label, school_year_of, service_share, suppress
from reflections.figures import TaskType as ReflectionTaskType
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
    school_year: str
    district: Remembered
    roles: dict[int, Remembered]


def _remembered(sums: GroupSums, task_types: list[ReflectionTaskType], minimum: int) -> Remembered:
    if suppress(sums.people, minimum):
        return Remembered(sums.people, True, {}, None)
    current = {}
    for t in task_types:
        value = mean(sums.current.get(t.key, Decimal(0)), sums.with_current)
        if value is not None and t.key is not None:
            current[t.key] = round(float(value), 1)
    services = service_share(sums, task_types, "current")
    return Remembered(sums.people, False, current, None if services is None else round(float(services), 1))


def reflection_comparison(study: Study, results: Results) -> Comparison:
    """The reflections of the study's school year for the district and each role of the results."""
    year = school_year_of(study.last_day)
    by_role, _months = stored_sums(study.district, year)
    task_types = [ReflectionTaskType(t.key, t.name, t.service_kind) for t in results.task_types]
    minimum = results.minimum
    role_ids = [role.key for role in results.roles if role.key is not None]
    total = GroupSums()
    for role_id in role_ids:
        if role_id in by_role:
            total.add(by_role[role_id])
    return Comparison(
        school_year_label(year),
        _remembered(total, task_types, minimum),
        {role_id: _remembered(by_role.get(role_id, GroupSums()), task_types, minimum) for role_id in role_ids},
    )
