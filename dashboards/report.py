"""What a dashboard shows: the figures of one group for one period, ready for a template or an export.

The database side gives :class:`~reflections.figures.GroupSums`, either stored
(``dashboards.services.stored_sums``: the district, or a role for an admin, over
a school year) or computed on the spot (``dashboards.queries``: a school, a
leader's share of a role, a date range, a person). :func:`build_report` turns
them into rows with the privacy minimum applied, and the chart data that repeats
the tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from actions.models import BarrierKind
from dashboards import queries
from dashboards.services import stored_sums
from people.models import District, Role
from reflections.figures import (
    ADDED_ROWS,
    ASCA_TARGET,
    GroupSums,
    TaskType,
    TaskTypeFigure,
    TrendPoint,
    barrier_counts,
    biggest_gaps,
    hidden_reason,
    one_decimal,
    school_year_bounds,
    service_share,
    suppress,
    task_type_figures,
    trend,
)


@dataclass(frozen=True)
class Period:
    """A school year, or a date range inside one (``custom``)."""

    start: dt.date
    end: dt.date
    school_year: int
    custom: bool = False

    @classmethod
    def school_year_of(cls, school_year: int) -> Period:
        start, end = school_year_bounds(school_year)
        return cls(start, end, school_year)


@dataclass(frozen=True)
class RoleRow:
    name: str
    people: int
    hidden: bool
    services_ideal: Decimal | None = None
    services_current: Decimal | None = None


@dataclass
class Report:
    title: str
    people: int
    minimum: int
    hidden: bool
    task_types: list[TaskTypeFigure] = field(default_factory=list)
    services_ideal: Decimal | None = None
    services_current: Decimal | None = None
    gaps: list[TaskTypeFigure] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    barriers: list[tuple[str, int]] = field(default_factory=list)
    roles: list[RoleRow] = field(default_factory=list)
    asca_target: Decimal = ASCA_TARGET

    @property
    def hidden_reason(self) -> str:
        return hidden_reason(self.minimum)

    @property
    def charts(self) -> dict:
        """The tables' data for Chart.js (read from a ``json_script`` block), one decimal."""

        def number(value: Decimal | None) -> float | None:
            return None if value is None else float(one_decimal(value))  # type: ignore[arg-type]

        shown_roles = [r for r in self.roles if not r.hidden]
        shown_months = [p for p in self.trend if not p.hidden]
        return {
            "time": {
                "labels": [f.task_type.name for f in self.task_types],
                "ideal": [number(f.ideal) for f in self.task_types],
                "current": [number(f.current) for f in self.task_types],
            },
            "services": {
                "labels": ["Everyone in this group"] + [r.name for r in shown_roles],
                "ideal": [number(self.services_ideal)] + [number(r.services_ideal) for r in shown_roles],
                "current": [number(self.services_current)] + [number(r.services_current) for r in shown_roles],
                "target": float(self.asca_target),
            },
            "trend": {
                "labels": [f"{p.month:%b %Y}" for p in shown_months],
                "services": [number(p.services_current) for p in shown_months],
                "non_counseling": [number(p.non_counseling_current) for p in shown_months],
            },
            "barriers": {"labels": [label for label, _ in self.barriers], "counts": [n for _, n in self.barriers]},
        }


def task_types_of(district: District) -> list[TaskType]:
    """The district's task types in the time table's order, then the line for rows staff added."""
    categories = district.task_categories.order_by("position", "name").values_list("pk", "name", "service_kind")
    return [TaskType(pk, name, kind) for pk, name, kind in categories] + [TaskType(None, ADDED_ROWS)]


def build_report(
    title: str,
    total: GroupSums,
    months: Mapping[dt.date, GroupSums],
    task_types: list[TaskType],
    minimum: int,
    *,
    by_role: Mapping[int, GroupSums] | None = None,
    role_names: Mapping[int, str] | None = None,
) -> Report:
    """The figures of a group, hidden as a whole below ``minimum`` people; each role and month on its own too."""
    if suppress(total.people, minimum):
        return Report(title, total.people, minimum, hidden=True)
    figures = task_type_figures(total, task_types)
    roles = []
    for role_id, sums in sorted((by_role or {}).items(), key=lambda item: (role_names or {}).get(item[0], "")):
        name = (role_names or {}).get(role_id, "Unknown role")
        if suppress(sums.people, minimum):
            roles.append(RoleRow(name, sums.people, hidden=True))
        else:
            roles.append(
                RoleRow(
                    name,
                    sums.people,
                    hidden=False,
                    services_ideal=service_share(sums, task_types, "ideal"),
                    services_current=service_share(sums, task_types, "current"),
                )
            )
    return Report(
        title,
        total.people,
        minimum,
        hidden=False,
        task_types=figures,
        services_ideal=service_share(total, task_types, "ideal"),
        services_current=service_share(total, task_types, "current"),
        gaps=biggest_gaps(figures),
        trend=trend(months, task_types, minimum),
        barriers=barrier_counts(total, dict(BarrierKind.choices)),
        roles=roles,
    )


def group_report(
    district: District,
    title: str,
    period: Period,
    *,
    school_ids: Collection[int] | None = None,
    role_id: int | None = None,
    author_id: int | None = None,
    minimum: int | None = None,
) -> Report:
    """The report of a group, from the stored sums when they answer exactly, otherwise computed on the spot.

    Stored sums cover whole school years for the district or one role; a school,
    a leader's schools, a person or a date range are computed from the reflections.
    """
    if school_ids is None and author_id is None and not period.custom:
        year, stored_months = stored_sums(district, period.school_year, role_id=role_id)
        months: dict[dt.date, GroupSums] = {}
        for (month, _role), sums in stored_months.items():
            months.setdefault(month, GroupSums()).add(sums)
        by_role = year
    else:
        reflections = queries.submitted(
            district, period.start, period.end, school_ids=school_ids, role_id=role_id, author_id=author_id
        )
        small = queries.small_group_sums(reflections, group="role")
        if small is None:
            period_sums = queries.group_sums(reflections, group="role")
            months = queries.by_month(queries.group_sums(reflections, by_month=True))
        else:
            period_sums, months = small[0], queries.by_month(small[1])
        by_role = {role: sums for (_month, role), sums in period_sums.items()}
    total = GroupSums()
    for sums in by_role.values():
        total.add(sums)
    role_names = dict(Role.objects.filter(district=district, pk__in=list(by_role)).values_list("pk", "name"))
    return build_report(
        title,
        total,
        months,
        task_types_of(district),
        district.min_group_size if minimum is None else minimum,
        by_role=by_role if role_id is None and author_id is None else None,
        role_names=role_names,
    )
