"""Entered estimates of current time (``PlannerEstimate``): one school's grid, saving and clearing it.

The grid has a column per role working at the school and a row per active task. A column shows what
the planner uses now (``roles.planning.adapter.build_input``) and where it comes from. Columns whose
hours come from reflections, leader estimates or measured shares (a valid time study, which come
first) are not editable: entered estimates are used only where nobody in the role at the school has
any of them (the adapter's rule). Hours that come from reflections — the people's own or the role's
district average — are left blank rather than shown: a role at a school is often one or two people,
and their hours by task would be their reflections (``docs/privacy.md``).

Two people saving the same school's grid: the page carries a snapshot of what its editable columns
showed (``Grid.seen``, ``core.stale``), and ``save_estimates`` refuses, with what changed, a save of a
column whose estimates someone else saved or cleared since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from core.stale import Seen, StaleEdit, fingerprint, shown
from people.models import District, Role, School, StaffMember, Task, TaskCategory
from roles.models import PlannerEstimate
from roles.planning.adapter import build_input
from roles.planning.current_hours import FROM_AVERAGE, FROM_MEASURED, FROM_REFLECTIONS

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
    def from_reflections(self) -> bool:
        """Its hours come from reflections, so they are not shown."""
        return self.kind in (FROM_REFLECTIONS, FROM_AVERAGE)

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

    def seen(self) -> Seen:
        """What the page shows in its editable columns, as a ``core.stale`` snapshot: for each role,
        whether estimates are entered for it, and the hours of each task the page starts with."""
        entries = {}
        for column in self.columns:
            if column.editable:
                entries.update(_column_entries(self.school, column.role, column.saved, column.hours, self.tasks))
        return Seen(entries)


def _column_entries(
    school: School, role: Role, entered: bool, hours: Mapping[int, Decimal | None], tasks: Iterable[Task]
) -> dict[str, tuple[str, str, str]]:
    prefix = f"roles.plannerestimate:{school.pk}.{role.pk}"
    entries = {f"{prefix}:entered": (f"{role.name}: estimates entered", fingerprint(entered), shown(entered))}
    for task in tasks:
        value = hours.get(task.pk) or None  # 0 h is a blank cell, as on the page
        entries[f"{prefix}.{task.pk}:hours"] = (f"{role.name}: {task.name}", fingerprint(value), shown(value))
    return entries


def entered_now(school: School, columns: Mapping[int, Iterable[int]]) -> Seen:
    """The estimates stored now at ``school`` for the roles and tasks of ``columns`` (role id -> task ids).

    Compared with ``Grid.seen``: whether each role has estimates and, for a role that has some, its hours
    per task. A role without estimates has no hours here: what its column showed (district averages)
    was not anybody's edit.
    """
    stored: dict[int, dict[int, Decimal]] = {role_id: {} for role_id in columns}
    rows = PlannerEstimate.objects.filter(school=school, role_id__in=list(columns))
    for role_id, task_id, hours in rows.values_list("role_id", "task_id", "hours"):
        stored[role_id][task_id] = hours
    roles = Role.objects.in_bulk(list(columns))
    tasks = Task.objects.in_bulk({task_id for task_ids in columns.values() for task_id in task_ids})
    entries = {}
    for role_id, task_ids in columns.items():
        entered = bool(stored[role_id])
        column_tasks = [tasks[pk] for pk in task_ids if pk in tasks] if entered else []
        entries.update(_column_entries(school, roles[role_id], entered, stored[role_id], column_tasks))
    return Seen(entries)


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
            column.hours[task.pk] = None if column.from_reflections else hours or None
        columns.append(column)
    columns.sort(key=lambda c: (c.role.position, c.role.name))
    return Grid(school=school, hours_per_fte=float(district.hours_per_fte), columns=columns, groups=groups)


@transaction.atomic
def save_estimates(
    school: School, columns: dict[int, dict[int, Decimal | None]], *, by: StaffMember, seen: Seen | None = None
) -> None:
    """Replace the estimates of the roles in ``columns`` (role id -> task id -> h/week or None) at ``school``.

    All or nothing. A role whose hours are all blank (None) has no estimate afterwards; a blank task of a
    role with some hours is not stored and counts as 0 h. ``seen`` is what the editor's page showed
    (``Grid.seen``): if someone saved or cleared one of these roles' estimates since, ``core.stale.StaleEdit``
    says what changed and nothing is written. The school's row is locked while checking and writing.
    """
    School.objects.select_for_update().get(pk=school.pk)
    if seen is not None:
        changes = seen.changes_to(entered_now(school, {role_id: list(hours) for role_id, hours in columns.items()}))
        if changes:
            raise StaleEdit(changes)
    PlannerEstimate.objects.filter(school=school, role_id__in=columns).delete()
    PlannerEstimate.objects.bulk_create(
        PlannerEstimate(
            district_id=school.district_id, school=school, role_id=role_id, task_id=task_id, hours=hours, updated_by=by
        )
        for role_id, hours_by_task in columns.items()
        for task_id, hours in hours_by_task.items()
        if hours is not None
    )


@transaction.atomic
def clear_estimates(school: School) -> int:
    """Remove every estimate entered for ``school``; returns how many roles had one."""
    School.objects.select_for_update().get(pk=school.pk)
    estimates = PlannerEstimate.objects.filter(school=school)
    roles = estimates.values("role_id").distinct().count()
    estimates.delete()
    return roles
