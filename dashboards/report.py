"""What a dashboard shows: one group's figures for one quarter, ready for a template or an export.

Group figures come only from ``reflections.publication``: a quarter's release, published once the
quarter is over and protected as a whole (``docs/privacy.md``). A page, its charts, its CSV and
Excel exports and its print view all read the same :class:`Report`, so they show the same figures.
A person's own page (:func:`own_report`) is computed from their own reflections only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from actions.models import BarrierKind
from people.models import District, Role, StaffMember
from reflections.figures import (
    ADDED_ROWS,
    ASCA_TARGET,
    GroupSums,
    PersonTime,
    TaskType,
    TaskTypeFigure,
    TrendPoint,
    barrier_counts,
    biggest_gaps,
    hidden_reason,
    one_decimal,
    service_share,
    sums_of,
    task_type_figures,
    trend_point,
)
from reflections.models import Reflection, TimeAllocation
from reflections.periods import Quarter, school_year_quarters
from reflections.publication import Figure, group_figures, group_trend, quarter_bounds, quarter_of_submission
from reflections.suppression import PROTECTS


@dataclass(frozen=True)
class RoleRow:
    """A part of the group (a role of the district, a role at the school) in the services table."""

    name: str
    people: int
    hidden: bool
    reason: str = ""
    services_ideal: Decimal | None = None
    services_current: Decimal | None = None


@dataclass
class Report:
    title: str
    quarter: Quarter
    people: int
    minimum: int
    hidden: bool
    reason: str = ""
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
        return self.reason

    @property
    def charts(self) -> dict:
        """The tables' data for Chart.js (read from a ``json_script`` block), one decimal."""

        def number(value: Decimal | None) -> float | None:
            return None if value is None else float(one_decimal(value))  # type: ignore[arg-type]

        shown_roles = [r for r in self.roles if not r.hidden]
        shown_points = [p for p in self.trend if not p.hidden]
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
                "labels": [p.label for p in shown_points],
                "services": [number(p.services_current) for p in shown_points],
                "non_counseling": [number(p.non_counseling_current) for p in shown_points],
            },
            "barriers": {"labels": [label for label, _ in self.barriers], "counts": [n for _, n in self.barriers]},
        }


def task_types_of(district: District) -> list[TaskType]:
    """The district's task types in the time table's order, then the line for rows staff added."""
    categories = district.task_categories.order_by("position", "name").values_list("pk", "name", "service_kind")
    return [TaskType(pk, name, kind) for pk, name, kind in categories] + [TaskType(None, ADDED_ROWS)]


def reason_of(figure: Figure, minimum: int) -> str:
    return hidden_reason(minimum, protects=figure.state == PROTECTS)


def build_report(
    title: str,
    quarter: Quarter,
    sums: GroupSums,
    task_types: list[TaskType],
    minimum: int,
    *,
    parts: Sequence[tuple[str, Figure]] = (),
    trend: Iterable[tuple[str, GroupSums | None]] = (),
) -> Report:
    """A shown group's figures: means and gaps per task type, service shares, its parts, its trend."""
    figures = task_type_figures(sums, task_types)
    roles = [
        RoleRow(
            name,
            part.people,
            hidden=False,
            services_ideal=service_share(part.sums, task_types, "ideal"),
            services_current=service_share(part.sums, task_types, "current"),
        )
        if part.sums is not None
        else RoleRow(name, 0, hidden=True, reason=reason_of(part, minimum))
        for name, part in sorted(parts, key=lambda item: item[0])
    ]
    return Report(
        title,
        quarter,
        sums.people,
        minimum,
        hidden=False,
        task_types=figures,
        services_ideal=service_share(sums, task_types, "ideal"),
        services_current=service_share(sums, task_types, "current"),
        gaps=biggest_gaps(figures),
        trend=[trend_point(label, point, task_types) for label, point in trend],
        barriers=barrier_counts(sums, dict(BarrierKind.choices)),
        roles=roles,
    )


def group_report(
    district: District,
    title: str,
    quarter: Quarter,
    *,
    role_id: int | None = None,
    school_id: int | None = None,
    today: dt.date | None = None,
) -> Report:
    """The published figures of the district, a role, a school or a role at a school for ``quarter``,
    with the group's trend over the school year's quarters up to it."""
    minimum = district.min_group_size
    figures = group_figures(district, quarter, role_id=role_id, school_id=school_id, today=today)
    if not figures.published:
        reason = (
            f"The figures of {quarter.label} are published once the quarter is over, on "
            f"{quarter.next().start:%b %-d, %Y}: until then they could change one person at a time."
        )
        return Report(title, quarter, 0, minimum, hidden=True, reason=reason)
    total = figures.total
    if total is None:
        reason = f"Nobody submitted a reflection in {quarter.label}."
        return Report(title, quarter, 0, minimum, hidden=True, reason=reason)
    if total.sums is None:
        return Report(title, quarter, 0, minimum, hidden=True, reason=reason_of(total, minimum))
    names = dict(Role.objects.filter(district=district).values_list("pk", "name"))
    quarters = [q for q in school_year_quarters(quarter.school_year) if q <= quarter]
    trend = group_trend(district, quarters, role_id=role_id, school_id=school_id, today=today)
    return build_report(
        title,
        quarter,
        total.sums,
        task_types_of(district),
        minimum,
        parts=[(names.get(part.role_id or 0, "Unknown role"), part) for part in figures.parts],
        trend=[(q.label, figure.sums if figure else None) for q, figure in trend if figure is not None],
    )


def own_report(member: StaffMember, quarter: Quarter) -> Report:
    """A person's own figures for ``quarter`` (their latest reflection submitted in it), with their
    trend over the school year's quarters up to it. Two queries."""
    quarters = [q for q in school_year_quarters(quarter.school_year) if q <= quarter]
    start, _end = quarter_bounds(member.district, quarters[0])
    _start, end = quarter_bounds(member.district, quarter)
    latest: dict[Quarter, Reflection] = {}
    for reflection in Reflection.objects.filter(
        author=member, status=Reflection.Status.SUBMITTED, submitted_at__gte=start, submitted_at__lt=end
    ).order_by("submitted_at", "pk"):
        latest[quarter_of_submission(member.district, reflection)] = reflection  # the last one wins
    rows: dict[int, list[tuple]] = {}
    for reflection_id, category_id, ideal, current in TimeAllocation.objects.filter(
        reflection__in=[r.pk for r in latest.values()]
    ).values_list("reflection_id", "category_id", "ideal_percent", "current_percent"):
        rows.setdefault(reflection_id, []).append((category_id, ideal, current))
    own = {q: sums_of([person_time(r, rows.get(r.pk, []))]) for q, r in latest.items()}
    title = "My reflections"
    if quarter not in own:
        return Report(title, quarter, 0, 1, hidden=True, reason=f"You submitted no reflection in {quarter.label}.")
    return build_report(
        title,
        quarter,
        own[quarter],
        task_types_of(member.district),
        1,
        trend=[(q.label, own[q]) for q in quarters if q in own],
    )


def person_time(reflection: Reflection, rows: list[tuple]) -> PersonTime:
    ideal: dict[int | None, Decimal] = {}
    current: dict[int | None, Decimal] = {}
    for category_id, ideal_percent, current_percent in rows:
        if ideal_percent is not None:
            ideal[category_id] = ideal.get(category_id, Decimal(0)) + ideal_percent
        if current_percent is not None:
            current[category_id] = current.get(category_id, Decimal(0)) + current_percent
    return PersonTime(ideal, current, tuple(reflection.barrier_kinds or ()))
