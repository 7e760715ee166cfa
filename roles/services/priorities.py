"""Capacity-constrained roles, their priority tasks, and the tasks that could be shifted away from them.

The seed's exercise "identify tasks you may want to reassign": (1) the most
capacity-constrained staff, (2) the tasks that are their priorities,
(3) the non-priority tasks they do that other roles could take.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import FloatField, Q, Sum

from core.stale import Seen, StaleEdit, fingerprint, shown
from people.models import Assignment, District, Role, School, StaffMember, Task
from people.ratios import RatioTable, SchoolInfo, staffing_ratios
from people.views.ratios import ratio_roles
from roles.capacity import CapacityRow, RankedSchoolRows, Standing, rank_capacity, standings
from roles.matrix import fitting_trainings
from roles.models import Capability, CapabilityCell, ConstrainedRole, PriorityTask, Training, TrainingRole, TrainingTask

CAN_TAKE = (Capability.YES, Capability.TRAINING)


def capability_values(district: District, school: School | None = None) -> dict[tuple[int, int], str]:
    """The matrix as ``{(task id, role id): value}``: district cells, overridden by ``school``'s cells if given.

    A pair that is missing is "not yet decided". One query.
    """
    cells = CapabilityCell.objects.filter(district=district)
    cells = cells.filter(Q(school__isnull=True) | Q(school=school)) if school else cells.filter(school__isnull=True)
    values: dict[tuple[int, int], str] = {}
    overrides: dict[tuple[int, int], str] = {}
    for task_id, role_id, school_id, value in cells.values_list("task_id", "role_id", "school_id", "value"):
        (values if school_id is None else overrides)[(task_id, role_id)] = value
    values.update(overrides)
    return values


# --- Capacity-constrained staff ---------------------------------------------------------------


@dataclass(frozen=True)
class CapacityPage:
    district_rows: list[CapacityRow]  # one per role, worst first
    school_rows: RankedSchoolRows  # one per school × role, worst first, built as read
    constrained: dict[int, ConstrainedRole]  # by role id


def capacity_ranking(
    district: District,
    non_priority_shares: dict[int, float] | None = None,
    *,
    role_id: int | None = None,
    school_search: str = "",
) -> CapacityPage:
    """Every mental health role with a recommended ratio, ranked by load (``roles.capacity``), in four queries.

    The ratios are :func:`people.ratios.staffing_ratios`, the same figures as the staffing ratios page.
    The school rows can be narrowed to one role and to schools whose name contains ``school_search``.
    """
    table = ratio_table(district)
    district_rows = rank_capacity(((None, "", ratio) for ratio in table.district), non_priority_shares)
    school_rows = RankedSchoolRows(table, non_priority_shares, role_id=role_id, school_search=school_search)
    constrained = {c.role_id: c for c in ConstrainedRole.objects.filter(district=district).select_related("role")}
    return CapacityPage(district_rows, school_rows, constrained)


def ratio_table(district: District, school: School | None = None) -> RatioTable:
    """The staffing ratios of the district's schools (or of ``school`` alone: then the table's district
    figures are that school's), roles sharing a recommendation pooled. Three queries."""
    roles = ratio_roles(district)
    schools = School.objects.filter(district=district) if school is None else School.objects.filter(pk=school.pk)
    infos = [
        SchoolInfo(pk, name, level, enrollment)
        for pk, name, level, enrollment in schools.values_list("id", "name", "level", "enrollment")
    ]
    assignments = Assignment.objects.filter(district=district, staff__role_id__in=[r.id for r in roles])
    if school is not None:
        assignments = assignments.filter(school=school)
    fte = {
        (school_id, role_id): total
        for school_id, role_id, total in assignments.order_by()
        .values_list("school_id", "staff__role_id")
        .annotate(total=Sum("fte", output_field=FloatField()))
    }
    return staffing_ratios(infos, roles, fte)


def receiving_standings(district: District, school: School | None = None) -> dict[int, Standing]:
    """How each role stands to receive shifted work (``roles.capacity.Standing``), by role id: against
    its ratio at ``school`` (or in the district), and whether it is confirmed as capacity-constrained.
    Four queries; a role missing from the result has no recommended ratio."""
    confirmed = ConstrainedRole.objects.filter(district=district).values_list("role_id", flat=True)
    return standings(ratio_table(district, school).district, confirmed)


def confirmation_seen(roles: Iterable[Role], constrained: Mapping[int, ConstrainedRole]) -> Seen:
    """What the confirmation form shows for ``roles`` (a ``core.stale`` snapshot): each role confirmed as
    capacity-constrained or not, with the priority hours it needs."""
    return Seen(
        dict(
            confirmation_entry(role, c.needed_priority_hours if (c := constrained.get(role.pk)) else None)
            for role in roles
        )
    )


def confirmation_entry(role: Role, hours: Decimal | None) -> tuple[str, tuple[str, str, str]]:
    """A role's entry: ``hours`` None when it is not confirmed as capacity-constrained."""
    text = "not capacity-constrained" if hours is None else f"capacity-constrained, {shown(hours)} more hours needed"
    return f"roles.constrainedrole:role-{role.pk}:confirmed", (role.name, fingerprint(hours), text)


@transaction.atomic
def confirm_constrained_roles(
    district: District,
    choices: Iterable[tuple[Role, bool, Decimal]],
    *,
    by: StaffMember | None,
    seen: Seen | None = None,
) -> None:
    """Record which roles the admin confirms as capacity-constrained, with the priority hours they need a week.

    ``choices`` holds (role, constrained?, more priority hours needed per week).
    Un-confirming a role removes its ``ConstrainedRole`` row; its priority tasks are kept.

    With ``seen`` (what the admin's form showed, ``confirmation_seen``), only the roles the admin changed
    are written, and if another admin changed one of those since, ``core.stale.StaleEdit`` says what
    changed and nothing is written; the roles' rows are locked while checking and writing.
    """
    choices = list(choices)
    if seen is not None:
        entries = [(choice, confirmation_entry(choice[0], choice[2] if choice[1] else None)) for choice in choices]
        choices = [choice for choice, (key, entry) in entries if seen.entries.get(key, ("", "", ""))[1] != entry[1]]
        list(Role.objects.select_for_update().filter(pk__in=[role.pk for role, _, _ in choices]))
    existing = {c.role_id: c for c in ConstrainedRole.objects.filter(district=district)}
    if seen is not None:
        now = Seen(
            dict(
                confirmation_entry(role, c.needed_priority_hours if (c := existing.get(role.pk)) else None)
                for role, _, _ in choices
            )
        )
        changes = seen.changes_to(now)
        if changes:
            raise StaleEdit(changes)
    for role, is_constrained, hours in choices:
        if role.district_id != district.pk:
            raise ValueError("A role of another district.")
        current = existing.get(role.pk)
        if not is_constrained:
            if current is not None:
                current.delete()
            continue
        if current is None:
            ConstrainedRole.objects.create(district=district, role=role, needed_priority_hours=hours, confirmed_by=by)
        elif current.needed_priority_hours != hours:
            current.needed_priority_hours = hours
            current.confirmed_by = by
            current.save(update_fields=["needed_priority_hours", "confirmed_by"])


# --- Priority tasks ----------------------------------------------------------------------------


def suggested_priority_tasks(district: District, role: Role) -> set[int]:
    """The tasks only credentialed roles can do: the suggestion for ``role``'s priorities (ids).

    A task is suggested when ``role``'s district cell is "Yes" and every active
    role that does not provide dedicated mental health support (administrator,
    para-professional, teacher…) is "No" or not yet decided for it.

    With the seed's example matrix loaded, this gives Screening, Psychological
    assessment, Threat assessment, Scheduled Tier 3 and Tier 2 support, and
    Formal training of teachers and school staff. The seed's summary also names
    non-scheduled support and crisis intervention, but its own table marks
    teachers for those (and for Tier 1) — teachers could do them with training —
    so the marks, not the summary, decide.
    """
    values = capability_values(district)
    others = list(Role.objects.active().filter(district=district, is_mental_health=False).values_list("id", flat=True))
    suggested = set()
    for task_id in Task.objects.active().filter(district=district).values_list("id", flat=True):
        if values.get((task_id, role.pk)) != Capability.YES:
            continue
        if all(values.get((task_id, other), Capability.NO) == Capability.NO for other in others):
            suggested.add(task_id)
    return suggested


def priority_task_ids(role: Role) -> set[int]:
    return set(PriorityTask.objects.filter(role=role).values_list("task_id", flat=True))


def priority_key(role: Role, task: Task) -> str:
    """The key of a task's entry in a snapshot of ``role``'s priority tasks."""
    return f"roles.prioritytask:{role.pk}.{task.pk}:priority"


def priorities_seen(role: Role, tasks: Iterable[Task], chosen: Iterable[int]) -> Seen:
    """What the priority tasks form of ``role`` shows (a ``core.stale`` snapshot): each task, a priority or not."""
    chosen = set(chosen)
    return Seen(
        {
            priority_key(role, task): (
                f"{task.name} is a priority",
                fingerprint(task.pk in chosen),
                shown(task.pk in chosen),
            )
            for task in tasks
        }
    )


@transaction.atomic
def set_priority_tasks(role: Role, task_ids: Iterable[int], *, seen: Seen | None = None) -> None:
    """Make exactly ``task_ids`` (tasks of the role's district) the priority tasks of ``role``.

    ``seen`` is what the admin's form showed (``priorities_seen``): if another admin changed the role's
    priority tasks since, ``core.stale.StaleEdit`` names the tasks and nothing is written (the role's row
    is locked while checking and writing).
    """
    if seen is not None:
        Role.objects.select_for_update().get(pk=role.pk)
        now = priorities_seen(role, Task.objects.filter(district_id=role.district_id), priority_task_ids(role))
        changes = seen.changes_to(now)
        if changes:
            raise StaleEdit(changes)
    wanted = set(Task.objects.filter(district_id=role.district_id, pk__in=list(task_ids)).values_list("id", flat=True))
    current = priority_task_ids(role)
    PriorityTask.objects.filter(role=role, task_id__in=current - wanted).delete()
    PriorityTask.objects.bulk_create(
        PriorityTask(district_id=role.district_id, role=role, task_id=task_id) for task_id in sorted(wanted - current)
    )


# --- Tasks to shift ----------------------------------------------------------------------------


@dataclass
class Candidate:
    """A role that could take a task: "Yes", or "With training" with the glossary's trainings for it."""

    role: Role
    value: str
    trainings: list[Training] = field(default_factory=list)
    standing: Standing = field(default_factory=Standing)

    @property
    def needs_training(self) -> bool:
        return self.value == Capability.TRAINING


@dataclass
class TaskToShift:
    task: Task
    candidates: list[Candidate]


@dataclass
class ConstrainedGroup:
    constrained: ConstrainedRole
    tasks: list[TaskToShift]

    @property
    def role(self) -> Role:
        return self.constrained.role


def tasks_to_shift(district: District) -> list[ConstrainedGroup]:
    """For each constrained role, its non-priority tasks and the roles that could take each, in ten queries.

    A constrained role's non-priority tasks are the active tasks it is marked
    "Yes" or "With training" for in the district matrix and that are not among
    its priority tasks. A candidate is another active role, not itself
    constrained, marked "Yes" or "With training" for the task; for "With
    training", the glossary's trainings linked to the task are listed (a training
    linked to roles only when the candidate is one of them).

    Candidates come in the order they should be asked (``roles.capacity.Standing``): roles with spare
    capacity (within their recommended ratio) first, then roles without a ratio, then roles that are
    over their ratio themselves — each of those carries its figure, so that a task is not handed from
    one short-staffed role to another unnoticed. Within each, "Yes" before "With training".
    """
    constrained = list(
        ConstrainedRole.objects.filter(district=district).select_related("role").order_by("role__position")
    )
    if not constrained:
        return []
    values = capability_values(district)
    constrained_ids = {c.role_id for c in constrained}
    roles = [r for r in Role.objects.active().filter(district=district) if r.pk not in constrained_ids]
    standing = receiving_standings(district)
    tasks = list(Task.objects.active().filter(district=district, category__retired=False).select_related("category"))
    priorities = defaultdict(set)
    for role_id, task_id in PriorityTask.objects.filter(district=district).values_list("role_id", "task_id"):
        priorities[role_id].add(task_id)
    trainings = {t.pk: t for t in Training.objects.filter(district=district, retired=False).order_by("name")}
    by_task = defaultdict(list)
    for training_id, task_id in TrainingTask.objects.filter(district=district).values_list("training_id", "task_id"):
        if training_id in trainings:
            by_task[task_id].append(training_id)
    training_roles: dict[int, set[int]] = defaultdict(set)
    for training_id, role_id in TrainingRole.objects.filter(district=district).values_list("training_id", "role_id"):
        training_roles[training_id].add(role_id)

    groups = []
    for item in constrained:
        shiftable = []
        for task in tasks:
            if task.pk in priorities[item.role_id] or values.get((task.pk, item.role_id)) not in CAN_TAKE:
                continue
            candidates = []
            for role in roles:
                value = values.get((task.pk, role.pk))
                if value not in CAN_TAKE:
                    continue
                fitting = []
                if value == Capability.TRAINING:
                    ids = fitting_trainings(task.pk, role.pk, by_task, training_roles)
                    fitting = sorted((trainings[i] for i in ids), key=lambda t: t.name)
                candidates.append(Candidate(role, value, fitting, standing.get(role.pk, Standing())))
            candidates.sort(key=lambda c: (c.standing.order, c.needs_training))  # stable: role order within
            shiftable.append(TaskToShift(task, candidates))
        groups.append(ConstrainedGroup(item, shiftable))
    return groups


def non_priority_shares(district: District) -> dict[int, float]:
    """Per mental health role: the mean share of current time on non-priority tasks, from reflections.

    From the role's published group figures for the latest quarter that is over
    (``reflections.publication``, the same figures as its dashboard): a role is left
    out when those are hidden (fewer people than the district's minimum group size,
    or a figure others could be worked out from) or when it has no priority tasks yet.
    """
    from reflections.publication import latest_role_totals
    from roles.capacity import non_priority_share

    _quarter, year_by_role = latest_role_totals(district)
    priority: dict[int, set[int]] = {}
    for role_id, task_id in PriorityTask.objects.filter(district=district).values_list("role_id", "task_id"):
        priority.setdefault(role_id, set()).add(task_id)
    tasks_by_category: dict[int, list[int]] = {}
    for task_id, category_id in Task.objects.filter(district=district, retired=False).values_list("id", "category_id"):
        tasks_by_category.setdefault(category_id, []).append(task_id)
    shares = {}
    for role_id, sums in year_by_role.items():
        if role_id not in priority or sums.with_current == 0:
            continue
        mean_current: dict[int | None, float] = {
            category: float(total) / sums.with_current for category, total in sums.current.items()
        }
        fraction: dict[int | None, float] = {
            category: sum(task not in priority[role_id] for task in tasks) / len(tasks)
            for category, tasks in tasks_by_category.items()
        }
        shares[role_id] = non_priority_share(mean_current, fraction)
    return shares
