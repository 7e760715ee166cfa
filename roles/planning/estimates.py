"""Entered estimates of current time (``PlannerEstimate``): one school's grid, saving and clearing it.

The grid has a column per role working at the school and a row per active task. A column shows what
the planner uses now (``roles.planning.adapter.build_input``) and where it comes from. Columns whose
hours come from reflections or leader estimates are shown but not editable: entered estimates are
used only where nobody in the role at the school has either (the adapter's rule); nor are columns whose
hours come from measured shares (a valid time study), which come first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from people.models import District, Role, School, StaffMember, Task, TaskCategory
from roles.models import PlannerEstimate
from roles.planning.adapter import build_input
from roles.planning.current_hours import FROM_MEASURED, FROM_REFLECTIONS

TENTH = Decimal("0.1")


@dataclass
class Column:
    """One role at the school: its staff hours, the hours the planner uses now and where they come from."""

    role: Role
    label: str  # as the planner's sentences say it, e.g. "school counselor"
    fte: float
    staff_hours: float
    kind: str  # current_hours.FROM_MEASURED, FROM_REFLECTIONS, FROM_ESTIMATE, FROM_AVERAGE or NO_DATA
    source: str  # the same, in words, with how many people
    hours: dict[int, Decimal | None] = field(default_factory=dict)  # task id -> h/week (None: blank)
    saved: bool = False  # an entered estimate is saved for the role (used or not)

    @property
    def comes_first(self) -> str:
        """What the planner uses before an entered estimate for this column, in words ("" when nothing does)."""
        first = {FROM_MEASURED: "a valid time study's sampled shares", FROM_REFLECTIONS: "reflections"}
        return first.get(self.kind, "")

    @property
    def editable(self) -> bool:
        return not self.comes_first

    @property
    def total(self) -> Decimal:
        return sum((h for h in self.hours.values() if h is not None), Decimal(0))


@dataclass
class Grid:
    school: School
    hours_per_fte: float
    columns: list[Column]
    groups: list[tuple[TaskCategory, list[Task]]]

    @property
    def tasks(self) -> list[Task]:
        return [task for _category, tasks in self.groups for task in tasks]


def estimate_grid(district: District, school: School) -> Grid:
    """``school``'s grid, prefilled with the hours the planner uses now (rounded to 0.1 h; 0 h is blank)."""
    adapted = build_input(district, school)
    (school_input,) = adapted.inp.schools
    tasks = list(Task.objects.filter(district=district, retired=False).select_related("category"))
    groups: list[tuple[TaskCategory, list[Task]]] = []
    for task in tasks:
        if not groups or groups[-1][0].pk != task.category_id:
            groups.append((task.category, []))
        groups[-1][1].append(task)
    task_name = {pk: name for name, pk in adapted.task_ids.items()}
    roles = {r.pk: r for r in Role.objects.filter(pk__in=adapted.role_ids.values())}
    saved = set(PlannerEstimate.objects.filter(school=school).values_list("role_id", flat=True).distinct())
    columns = []
    for label, fte in school_input.fte.items():
        role = roles[adapted.role_ids[label]]
        column = Column(
            role=role,
            label=label,
            fte=fte,
            staff_hours=adapted.inp.staff_hours_of(school_input, label),
            kind=adapted.kinds[school.name][label],
            source=adapted.sources[school.name][label],
            saved=role.pk in saved,
        )
        for task in tasks:
            hours = Decimal(str(school_input.current.get((label, task_name[task.pk]), 0))).quantize(
                TENTH, ROUND_HALF_UP
            )
            column.hours[task.pk] = hours or None
        columns.append(column)
    columns.sort(key=lambda c: (c.role.position, c.role.name))
    return Grid(school=school, hours_per_fte=float(district.hours_per_fte), columns=columns, groups=groups)


@transaction.atomic
def save_estimates(school: School, columns: dict[int, dict[int, Decimal | None]], *, by: StaffMember) -> None:
    """Replace the estimates of the roles in ``columns`` (role id -> task id -> h/week or None) at ``school``.

    All or nothing. A role whose hours are all blank (None) has no estimate afterwards; a blank task of a
    role with some hours is not stored and counts as 0 h.
    """
    PlannerEstimate.objects.filter(school=school, role_id__in=columns).delete()
    PlannerEstimate.objects.bulk_create(
        PlannerEstimate(
            district_id=school.district_id, school=school, role_id=role_id, task_id=task_id, hours=hours, updated_by=by
        )
        for role_id, hours_by_task in columns.items()
        for task_id, hours in hours_by_task.items()
        if hours is not None
    )


def clear_estimates(school: School) -> int:
    """Remove every estimate entered for ``school``; returns how many roles had one."""
    estimates = PlannerEstimate.objects.filter(school=school)
    roles = estimates.values("role_id").distinct().count()
    estimates.delete()
    return roles
