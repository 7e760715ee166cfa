"""The capability matrix: reading the grid (district or one school) and changing its cells.

The grid costs the same handful of queries whatever the number of tasks, roles and
cells: categories, tasks, roles, cells (district and school together), training links.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from core.stale import Change, StaleEdit
from people.models import District, Role, School, StaffMember, Task, TaskCategory
from roles.matrix import MARKS, NOT_DECIDED, SHORT_LABELS, Key, effective_cell, fitting_trainings, seed_example
from roles.models import Capability, CapabilityCell, Training, TrainingRole, TrainingTask

VALUES = {NOT_DECIDED, *Capability.values}


@dataclass
class Cell:
    """One cell as a page shows it."""

    task: Task
    role: Role
    value: str
    inherited: bool
    district_value: str
    trainings: list[Training] = field(default_factory=list)
    at_school: bool = False  # a cell of a school's matrix (its own value is the school's override)
    row: int = 0  # its place in the grid, for moving between cells from the keyboard
    col: int = 0
    chosen: str | None = None  # an editor's choice shown again after a refused save

    @property
    def own(self) -> str:
        """The value stored at this matrix's level: the district's cell, or the school's override ("" if none)."""
        return NOT_DECIDED if self.at_school and self.inherited else self.value

    @property
    def choice(self) -> str:
        """The option the cell's list shows selected."""
        return self.own if self.chosen is None else self.chosen

    @property
    def name(self) -> str:
        return f"cell-{self.task.pk}-{self.role.pk}"

    @property
    def mark(self) -> str:
        return MARKS[self.value]

    @property
    def label(self) -> str:
        return SHORT_LABELS[self.value]

    @property
    def district_label(self) -> str:
        return SHORT_LABELS[self.district_value]


@dataclass
class Row:
    task: Task
    cells: list[Cell]
    index: int  # position down the whole grid, for moving between cells from the keyboard


@dataclass
class Group:
    category: TaskCategory
    rows: list[Row]


@dataclass
class Grid:
    school: School | None
    roles: list[Role]
    groups: list[Group]

    @property
    def tasks(self) -> list[Task]:
        return [row.task for group in self.groups for row in group.rows]

    @property
    def other_tasks(self) -> list[Task]:
        """Tasks the district added itself (not from the seed): "other tasks needed in your district"."""
        return [task for task in self.tasks if not task.seed_key]


def active_catalogue(district: District) -> tuple[list[TaskCategory], list[Task], list[Role]]:
    """The district's active task categories, tasks and roles, each in the catalogue's order."""
    categories = list(TaskCategory.objects.filter(district=district).active())
    tasks = list(Task.objects.filter(district=district, category__retired=False).active().select_related("category"))
    roles = list(Role.objects.filter(district=district).active())
    return categories, tasks, roles


def cell_values(district: District, school: School | None) -> tuple[dict[Key, str], dict[Key, str]]:
    """The district's cells and (when asked) one school's overrides, in one query."""
    scope = Q(school__isnull=True) | Q(school=school) if school else Q(school__isnull=True)
    district_cells: dict[Key, str] = {}
    school_cells: dict[Key, str] = {}
    rows = CapabilityCell.objects.filter(scope, district=district).values_list(
        "task_id", "role_id", "school_id", "value"
    )
    for task_id, role_id, school_id, value in rows:
        (school_cells if school_id else district_cells)[(task_id, role_id)] = value
    return district_cells, school_cells


def training_links(district: District) -> tuple[dict[int, list[Training]], dict[int, set[int]]]:
    """Active trainings by linked task, and the roles each training is linked to (two queries)."""
    by_task: dict[int, list[Training]] = defaultdict(list)
    links = TrainingTask.objects.filter(district=district, training__retired=False).select_related("training")
    for link in links.order_by("training__name", "training_id"):
        by_task[link.task_id].append(link.training)
    roles_by_training: dict[int, set[int]] = defaultdict(set)
    for training_id, role_id in TrainingRole.objects.filter(district=district).values_list("training_id", "role_id"):
        roles_by_training[training_id].add(role_id)
    return by_task, roles_by_training


def matrix_grid(district: District, school: School | None = None) -> Grid:
    """The active tasks by category against the active roles, each cell as ``school`` sees it.

    A "With training" cell carries the glossary's trainings that fit (see ``fitting_trainings``).
    """
    categories, tasks, roles = active_catalogue(district)
    district_cells, school_cells = cell_values(district, school)
    trainings_by_task, roles_by_training = training_links(district)
    training_ids_by_task = {task_id: [t.pk for t in ts] for task_id, ts in trainings_by_task.items()}
    trainings_by_id = {t.pk: t for ts in trainings_by_task.values() for t in ts}
    tasks_by_category: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        tasks_by_category[task.category_id].append(task)
    groups: list[Group] = []
    index = 0
    for category in categories:
        rows = []
        for task in tasks_by_category.get(category.pk, []):
            cells = []
            for col, role in enumerate(roles):
                effective = effective_cell((task.pk, role.pk), district_cells, school_cells)
                cell = Cell(
                    task,
                    role,
                    effective.value,
                    effective.inherited,
                    effective.district_value,
                    at_school=school is not None,
                    row=index,
                    col=col,
                )
                if effective.value == Capability.TRAINING:
                    fit = fitting_trainings(task.pk, role.pk, training_ids_by_task, roles_by_training)
                    cell.trainings = [trainings_by_id[pk] for pk in fit]
                cells.append(cell)
            rows.append(Row(task, cells, index))
            index += 1
        if rows:
            groups.append(Group(category, rows))
    return Grid(school=school, roles=roles, groups=groups)


def one_cell(district: District, task: Task, role: Role, school: School | None = None) -> Cell:
    """One cell as ``matrix_grid`` would show it (for the cell endpoint's answer)."""
    district_cells, school_cells = cell_values(district, school)
    key = (task.pk, role.pk)
    district_cells = {key: district_cells[key]} if key in district_cells else {}
    effective = effective_cell(key, district_cells, school_cells)
    cell = Cell(
        task, role, effective.value, effective.inherited, effective.district_value, at_school=school is not None
    )
    if effective.value == Capability.TRAINING:
        by_task, roles_by_training = training_links(district)
        ids = {task.pk: [t.pk for t in by_task.get(task.pk, [])]}
        trainings = {t.pk: t for t in by_task.get(task.pk, [])}
        cell.trainings = [trainings[pk] for pk in fitting_trainings(task.pk, role.pk, ids, roles_by_training)]
    return cell


def locate_cell(district: District, task: Task, role: Role, school: School | None = None) -> Cell:
    """The cell as ``matrix_grid`` shows it, with its place in the grid (the grid's queries; for the rare
    answer that redraws the cell's list); ``one_cell`` when the task or role is not in the grid."""
    for group in matrix_grid(district, school).groups:
        for row in group.rows:
            for cell in row.cells:
                if cell.task.pk == task.pk and cell.role.pk == role.pk:
                    return cell
    return one_cell(district, task, role, school)


@transaction.atomic
def set_cell(
    district: District,
    *,
    task: Task,
    role: Role,
    value: str,
    school: School | None = None,
    by: StaffMember | None,
    was: str | None = None,
) -> None:
    """Set one cell. ``value`` empty means "not decided" for the district, "same as the district" for a school.

    Either way no row is kept: an empty district cell and a school cell reset to the district's are absent.
    ``was`` is the cell's value on the editor's page: see ``save_cells``.
    """
    seen = None if was is None else {(task.pk, role.pk): was}
    save_cells(district, {(task.pk, role.pk): value}, school=school, by=by, seen=seen)


@transaction.atomic
def save_cells(
    district: District,
    values: Mapping[Key, str],
    *,
    school: School | None = None,
    by: StaffMember | None,
    seen: Mapping[Key, str] | None = None,
) -> int:
    """Set many cells at once (the whole grid's form); returns how many changed.

    Keys are (task id, role id) of the district's own tasks and roles (the caller checks);
    a value outside Yes / No / With training / empty is refused with ``ValueError``.

    ``seen`` holds each cell's value on the editor's page (at this level: the district's cell, or the
    school's override). Then only the cells the editor changed are written, and if another admin
    changed one of them since to something else, ``core.stale.StaleEdit`` names the cells (old → new)
    and nothing is written. The district's row is locked meanwhile: one matrix save at a time.
    """
    bad = {value for value in [*values.values(), *(seen or {}).values()] if value not in VALUES}
    if bad:
        raise ValueError(f"Not a matrix value: {sorted(bad)}")
    if seen is not None:
        District.objects.select_for_update().get(pk=district.pk)
        values = {key: value for key, value in values.items() if value != seen.get(key, NOT_DECIDED)}
    scope = CapabilityCell.objects.filter(district=district, school=school, task_id__in={k[0] for k in values})
    existing = {(c.task_id, c.role_id): c for c in scope.filter(role_id__in={k[1] for k in values})}
    if seen is not None:
        _check_unchanged(values, seen, existing, school)
    to_create, to_update, to_delete = [], [], []
    for (task_id, role_id), value in values.items():
        cell = existing.get((task_id, role_id))
        if cell is None and value:
            to_create.append(
                CapabilityCell(
                    district=district, school=school, task_id=task_id, role_id=role_id, value=value, updated_by=by
                )
            )
        elif cell is not None and not value:
            to_delete.append(cell.pk)
        elif cell is not None and cell.value != value:
            cell.value, cell.updated_by = value, by
            to_update.append(cell)
    CapabilityCell.objects.bulk_create(to_create)
    CapabilityCell.objects.bulk_update(to_update, ["value", "updated_by", "updated_at"], batch_size=500)
    CapabilityCell.objects.filter(pk__in=to_delete).delete()
    return len(to_create) + len(to_update) + len(to_delete)


def _check_unchanged(
    values: Mapping[Key, str], seen: Mapping[Key, str], existing: Mapping[Key, CapabilityCell], school: School | None
) -> None:
    """Raise ``StaleEdit`` for the cells another admin changed since the editor's page (to other than the
    editor's choice: two admins choosing the same answer lose nothing)."""
    now = {key: cell.value for key, cell in existing.items()}
    stale = [
        key
        for key, value in values.items()
        if now.get(key, NOT_DECIDED) != seen.get(key, NOT_DECIDED) and now.get(key, NOT_DECIDED) != value
    ]
    if not stale:
        return
    tasks = Task.objects.in_bulk({task_id for task_id, _ in stale})
    roles = Role.objects.in_bulk({role_id for _, role_id in stale})
    empty = "District’s value" if school else SHORT_LABELS[NOT_DECIDED]

    def word(value: str) -> str:
        return SHORT_LABELS[value] if value else empty

    raise StaleEdit(
        [
            Change(
                f"roles.capabilitycell:{task_id}.{role_id}:value",
                f"{roles[role_id].label} × {tasks[task_id].name}",
                word(seen.get((task_id, role_id), NOT_DECIDED)),
                word(now.get((task_id, role_id), NOT_DECIDED)),
            )
            for task_id, role_id in sorted(stale, key=lambda key: (tasks[key[0]].name, roles[key[1]].label))
        ]
    )


def _example_cells(district: District) -> dict[Key, str]:
    """The seed's example as (task id, role id) → value for this district's seed tasks and roles."""
    example = seed_example()
    task_keys = {task_key for task_key, _ in example}
    role_keys = {role_key for _, role_key in example}
    tasks = dict(Task.objects.filter(district=district, seed_key__in=task_keys).values_list("seed_key", "pk"))
    roles = dict(Role.objects.filter(district=district, seed_key__in=role_keys).values_list("seed_key", "pk"))
    return {
        (tasks[task_key], roles[role_key]): value
        for (task_key, role_key), value in example.items()
        if task_key in tasks and role_key in roles
    }


def example_conflicts(district: District) -> int:
    """How many decided district cells loading the seed's example would change."""
    wanted = _example_cells(district)
    decided = CapabilityCell.objects.filter(district=district, school__isnull=True, role_id__in={r for _, r in wanted})
    return sum(
        1
        for task_id, role_id, value in decided.values_list("task_id", "role_id", "value")
        if (task_id, role_id) in wanted and wanted[(task_id, role_id)] != value
    )


@transaction.atomic
def load_seed_example(district: District, *, by: StaffMember | None) -> int:
    """Fill the district matrix with the seed's example (``roles.matrix.seed_example``); returns cells changed.

    Only the example's columns (LCSW, counselors, administrators and para-professionals, teachers)
    and rows (the seed's eighteen tasks) are written; other cells and school overrides stay.
    """
    return save_cells(district, _example_cells(district), by=by)
