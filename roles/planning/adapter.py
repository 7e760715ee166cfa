"""Build the shift planner's input (``planner.PlannerInput``) from a district's records.

Where each number comes from (each school × role says which, on the inputs page):

- **FTE** by role and school: the staff's assignments; hours are FTE × the district's hours per FTE.
- **Current hours** per role × task: for each staff member, their latest *submitted* reflection's
  current shares, else their school leader's latest estimate; a task category's share is split
  evenly over the category's active tasks (reflections are kept per category, the planner works per
  task). Rows the author added themselves (no category) are left out. A person with neither gets the
  **district average** of submitted reflections of their role; a role nobody of which has reflected
  has no known current hours (the planner then moves nothing away from it).
- **Capability**: the matrix; a school's own cells override the district's. An undecided cell is
  "No" (the role receives none of it), except where the role does the task now: it may keep doing it.
- **Constrained roles** and their priority tasks; their "more priority hours needed" (district-wide)
  is split over the schools by FTE; 0 means "not entered", i.e. no cap.
- **Agreed limits**: ``RoleLimit`` per task category is a per-FTE limit; one without a category caps
  the role's receiving capacity.
- **Receiving capacity** per role (h/week of new work per FTE): ``PlannerSettings`` if set, else
  ``DEFAULT_CAPACITY`` by the role's catalogue key (para-professional 5, administrator 3, teacher 1),
  else 0 — roles not listed take on nothing new.
- **Trainings**: the glossary's cheapest training linked to the task and to the role (or to no role).
- **Hiring cost**, budget and time limit: ``PlannerSettings`` (no hiring cost = no hires).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from people.models import Assignment, District, Role, School, Task
from planner.model import Capability, PlannerInput, SchoolInput, Training, Weights
from reflections.models import LeaderEstimate, Reflection, TimeAllocation
from roles.models import (
    CapabilityCell,
    ConstrainedRole,
    PlannerSettings,
    PriorityTask,
    RoleLimit,
    TrainingRole,
    TrainingTask,
)
from roles.models import Training as GlossaryTraining

#: Hours a week of new work one FTE can take on, by the role's catalogue key, unless the settings say.
DEFAULT_CAPACITY: dict[str, float] = {"para-professional": 5.0, "administrator": 3.0, "teacher": 1.0}


@dataclass
class Adapted:
    """The planner input, where its numbers came from, and the names → ids needed to act on a result."""

    inp: PlannerInput
    sources: dict[str, dict[str, str]] = field(default_factory=dict)  # school -> role -> where from
    capacity_sources: dict[str, str] = field(default_factory=dict)  # role -> "settings" | "default" | ...
    role_ids: dict[str, int] = field(default_factory=dict)
    task_ids: dict[str, int] = field(default_factory=dict)
    school_ids: dict[str, int] = field(default_factory=dict)
    training_ids: dict[str, int] = field(default_factory=dict)


def settings_for(district: District) -> PlannerSettings:
    """The district's planner settings (unsaved defaults when none were saved)."""
    return PlannerSettings.objects.filter(district=district).first() or PlannerSettings(district=district)


def role_label(role: Role) -> str:
    """The role as it reads inside a sentence: "School counselor" -> "school counselor", "LCSW" stays."""
    name = role.name
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def capacity_of(role: Role, settings: PlannerSettings) -> tuple[float, str]:
    """The receiving capacity per FTE of ``role`` and where it comes from."""
    if str(role.pk) in settings.receiving_capacity:
        return float(settings.receiving_capacity[str(role.pk)]), "settings"
    if role.seed_key in DEFAULT_CAPACITY:
        return DEFAULT_CAPACITY[role.seed_key], "default"
    return 0.0, "default (takes on no new work)"


def build_input(district: District, school: School | None = None) -> Adapted:
    """The planner's input for the whole district, or for ``school`` only. About a dozen queries."""
    settings = settings_for(district)
    hours_per_fte = float(district.hours_per_fte)
    roles = {r.pk: r for r in Role.objects.filter(district=district, retired=False)}
    names = {pk: role_label(r) for pk, r in roles.items()}
    tasks = list(Task.objects.filter(district=district, retired=False).select_related("category"))
    task_names = _task_names(tasks)
    tasks_of_category: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        tasks_of_category[task.category_id].append(task)

    assignments = Assignment.objects.filter(district=district, staff__role_id__in=roles)
    schools = School.objects.filter(district=district).order_by("name")
    if school is not None:
        assignments, schools = assignments.filter(school=school), schools.filter(pk=school.pk)
    people = list(assignments.values_list("school_id", "staff_id", "staff__role_id", "fte"))
    staff_ids = {staff_id for _s, staff_id, _r, _f in people}
    shares, origin = _shares(district, staff_ids, tasks_of_category)
    averages, counts = _role_averages(district, tasks_of_category)

    adapted = Adapted(PlannerInput(schools=[], task_category={}, constrained={}))
    inp = adapted.inp
    fte: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    heads: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    current: dict[int, dict[tuple[int, int], float]] = defaultdict(lambda: defaultdict(float))
    tally: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for school_id, staff_id, role_id, person_fte in people:
        person_hours = float(person_fte) * hours_per_fte
        fte[school_id][role_id] += float(person_fte)
        heads[school_id][role_id] += 1
        person_shares = shares.get(staff_id)
        how = origin.get(staff_id)
        if person_shares is None and averages.get(role_id):
            person_shares, how = averages[role_id], "district average"
        tally[(school_id, role_id)][how or "no data"] += 1
        for task_id, share in (person_shares or {}).items():
            current[school_id][(role_id, task_id)] += share * person_hours

    cells = _capabilities(district)
    inp.capability = {
        (names[r], task_names[t]): v for (s, t, r), v in cells.items() if s is None and r in names and t in task_names
    }
    constrained = list(ConstrainedRole.objects.filter(district=district, role_id__in=roles))
    priorities: dict[int, set[int]] = defaultdict(set)
    for role_id, task_id in PriorityTask.objects.filter(district=district).values_list("role_id", "task_id"):
        priorities[role_id].add(task_id)
    inp.constrained = {
        names[c.role_id]: frozenset(task_names[t] for t in priorities[c.role_id] if t in task_names)
        for c in constrained
    }
    total_fte = _district_fte(district, [c.role_id for c in constrained])
    for s in schools:
        school_input = SchoolInput(
            name=s.name,
            fte={names[r]: round(f, 4) for r, f in fte[s.pk].items()},
            current={(names[r], task_names[t]): round(h, 4) for (r, t), h in current[s.pk].items() if h > 0},
            capability={
                (names[r], task_names[t]): v
                for (sid, t, r), v in cells.items()
                if sid == s.pk and r in names and t in task_names
            },
            headcount={names[r]: n for r, n in heads[s.pk].items()},
        )
        for role_name, task_name in school_input.current:  # undecided, but done now: the role may keep it
            if (role_name, task_name) not in school_input.capability and (role_name, task_name) not in inp.capability:
                school_input.capability[(role_name, task_name)] = Capability.YES
        for c in constrained:
            if c.needed_priority_hours > 0 and total_fte.get(c.role_id):
                share = fte[s.pk].get(c.role_id, 0.0) / total_fte[c.role_id]
                school_input.priority_need[names[c.role_id]] = round(float(c.needed_priority_hours) * share, 2)
        inp.schools.append(school_input)
        adapted.school_ids[s.name] = s.pk
        adapted.sources[s.name] = {
            names[r]: _describe(tally[(s.pk, r)], counts.get(r, 0)) for r in fte[s.pk] if fte[s.pk][r] > 0
        }

    inp.task_category = {task_names[t.pk]: t.category.name for t in tasks}
    inp.hours_per_fte = {names[r]: hours_per_fte for r in roles}
    inp.receiving_capacity = {}
    for pk, role in roles.items():
        capacity, source = capacity_of(role, settings)
        inp.receiving_capacity[names[pk]] = capacity
        adapted.capacity_sources[names[pk]] = source
    for limit in RoleLimit.objects.filter(district=district, role_id__in=roles).select_related("category"):
        if limit.category is None:
            name = names[limit.role_id]
            inp.receiving_capacity[name] = min(inp.receiving_capacity[name], float(limit.max_hours_per_week))
            adapted.capacity_sources[name] += " capped by an agreed limit"
        else:
            inp.limits[(names[limit.role_id], limit.category.name)] = float(limit.max_hours_per_week)
    inp.trainings, adapted.training_ids = _trainings(district, names, task_names)
    if settings.hire_cost_per_fte is not None:
        receiving = [names[pk] for pk in roles if inp.receiving_capacity[names[pk]] > 0]
        inp.hire_cost = {name: float(settings.hire_cost_per_fte) for name in receiving if name not in inp.constrained}
    inp.budget = float(settings.budget) if settings.budget is not None else None
    inp.time_limit = float(settings.time_limit)
    inp.weights = Weights()
    adapted.role_ids = {names[pk]: pk for pk in roles}
    adapted.task_ids = {task_names[t.pk]: t.pk for t in tasks}
    return adapted


def _task_names(tasks: list[Task]) -> dict[int, str]:
    """Task names, with the category added where two tasks share a name."""
    seen: dict[str, int] = defaultdict(int)
    for task in tasks:
        seen[task.name] += 1
    return {t.pk: t.name if seen[t.name] == 1 else f"{t.name} ({t.category.name})" for t in tasks}


def _split(category_shares: dict[int, Decimal], tasks_of_category: dict[int, list[Task]]) -> dict[int, float]:
    """Category percentages -> task shares (0..1), each category split evenly over its active tasks."""
    shares: dict[int, float] = defaultdict(float)
    for category_id, percent in category_shares.items():
        tasks = tasks_of_category.get(category_id, [])
        for task in tasks:
            shares[task.pk] += float(percent) / 100 / len(tasks)
    return dict(shares)


def _shares(
    district: District, staff_ids: set[int], tasks_of_category: dict[int, list[Task]]
) -> tuple[dict[int, dict[int, float]], dict[int, str]]:
    """Per staff member: task shares from their latest submitted reflection, else their leader's latest estimate."""
    latest: dict[int, int] = {}
    reflections = Reflection.objects.filter(
        district=district, status=Reflection.Status.SUBMITTED, author_id__in=staff_ids
    )
    for author_id, pk in reflections.order_by("author_id", "-date", "-pk").values_list("author_id", "pk"):
        latest.setdefault(author_id, pk)
    by_reflection: dict[int, dict[int, Decimal]] = defaultdict(dict)
    allocations = TimeAllocation.objects.filter(reflection_id__in=latest.values(), category__isnull=False)
    for reflection_id, category_id, percent in allocations.values_list(
        "reflection_id", "category_id", "current_percent"
    ):
        if percent:
            by_reflection[reflection_id][category_id] = percent
    shares = {author: _split(by_reflection[pk], tasks_of_category) for author, pk in latest.items()}
    origin = dict.fromkeys(shares, "reflection")
    estimates: dict[int, int] = {}
    others = staff_ids - set(shares)
    for staff_id, pk in (
        LeaderEstimate.objects.filter(district=district, staff_id__in=others)
        .order_by("staff_id", "-date", "-pk")
        .values_list("staff_id", "pk")
    ):
        estimates.setdefault(staff_id, pk)
    rows: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for estimate in LeaderEstimate.objects.filter(pk__in=estimates.values()).prefetch_related("rows"):
        rows[estimate.pk] = {row.category_id: row.current_percent for row in estimate.rows.all()}
    for staff_id, pk in estimates.items():
        shares[staff_id] = _split(rows[pk], tasks_of_category)
        origin[staff_id] = "leader estimate"
    return shares, origin


def _role_averages(
    district: District, tasks_of_category: dict[int, list[Task]]
) -> tuple[dict[int, dict[int, float]], dict[int, int]]:
    """Per role: the average task shares of everyone's latest submitted reflection, and how many there were."""
    latest: dict[int, tuple[int, int]] = {}
    reflections = Reflection.objects.filter(district=district, status=Reflection.Status.SUBMITTED)
    for author_id, role_id, pk in reflections.order_by("author_id", "-date", "-pk").values_list(
        "author_id", "author__role_id", "pk"
    ):
        latest.setdefault(author_id, (role_id, pk))
    role_of = {pk: role_id for role_id, pk in latest.values()}
    sums: dict[int, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    counts: dict[int, int] = defaultdict(int)
    for role_id in role_of.values():
        counts[role_id] += 1
    allocations = TimeAllocation.objects.filter(reflection_id__in=role_of, category__isnull=False)
    for reflection_id, category_id, percent in allocations.values_list(
        "reflection_id", "category_id", "current_percent"
    ):
        sums[role_of[reflection_id]][category_id] += percent or 0
    averages = {
        role_id: _split({c: total / counts[role_id] for c, total in categories.items()}, tasks_of_category)
        for role_id, categories in sums.items()
    }
    return averages, dict(counts)


def _describe(tally: dict[str, int], district_count: int) -> str:
    parts = []
    for key, label in (("reflection", "reflections"), ("leader estimate", "leader estimates")):
        if tally.get(key):
            parts.append(f"{label} ({tally[key]} {'person' if tally[key] == 1 else 'people'})")
    if tally.get("district average"):
        parts.append(f"district average of {district_count} reflections ({tally['district average']} people)")
    if tally.get("no data"):
        parts.append(f"no reflection or estimate ({tally['no data']} people)")
    return "; ".join(parts)


def _capabilities(district: District) -> dict[tuple[int | None, int, int], Capability]:
    cells = CapabilityCell.objects.filter(district=district).values_list("school_id", "task_id", "role_id", "value")
    return {(s, t, r): Capability(v) for s, t, r, v in cells}


def _district_fte(district: District, role_ids: list[int]) -> dict[int, float]:
    totals: dict[int, float] = defaultdict(float)
    for role_id, fte in Assignment.objects.filter(district=district, staff__role_id__in=role_ids).values_list(
        "staff__role_id", "fte"
    ):
        totals[role_id] += float(fte)
    return totals


def _trainings(
    district: District, names: dict[int, str], task_names: dict[int, str]
) -> tuple[dict[tuple[str, str], Training], dict[str, int]]:
    """(role, task) -> the cheapest active glossary training for that task and role (or for every role)."""
    trainings = {t.pk: t for t in GlossaryTraining.objects.filter(district=district, retired=False)}
    roles_of: dict[int, set[int]] = defaultdict(set)
    for training_id, role_id in TrainingRole.objects.filter(training_id__in=trainings).values_list(
        "training_id", "role_id"
    ):
        roles_of[training_id].add(role_id)
    chosen: dict[tuple[str, str], Training] = {}
    ids: dict[str, int] = {}
    links = TrainingTask.objects.filter(training_id__in=trainings).values_list("training_id", "task_id")
    for training_id, task_id in sorted(links):
        if task_id not in task_names:
            continue
        glossary = trainings[training_id]
        option = Training(glossary.name, float(glossary.hours or 0), float(glossary.cost_per_person or 0))
        ids[glossary.name] = training_id
        for role_id in roles_of[training_id] or names:
            if role_id not in names:
                continue
            key = (names[role_id], task_names[task_id])
            if key not in chosen or option.dollars_per_person < chosen[key].dollars_per_person:
                chosen[key] = option
    return chosen, ids
