"""Build the shift planner's input (``planner.PlannerInput``) from a district's records.

Where each number comes from (each school × role says which, on the inputs page):

- **FTE** by role and school: the staff's assignments; hours are FTE × the district's hours per FTE.
- **Current hours** per role × task, for each school × role, the first of these that applies
  (``roles.planning.current_hours``):

  0. **Measured shares**: where a registered source has a role's measured shares of working time
     for the school — the latest finished time study with valid figures that lets the planner use
     them (``sampling.hooks``) — each person of the role there counts with the role's sampled shares
     × their hours (split over tasks as in 1.).
  1. **Reflections**: if at least one person in the role at the school has a latest *submitted*
     reflection or, failing that, a school leader's estimate (``reflections.LeaderEstimate``), each
     person counts with their own shares × their hours; the others of the role there get the district
     average (3.). Reflections are kept per task category, the planner works per task: a category's
     share is split evenly over the category's active tasks that the person's role *may* do at the
     school — every one not marked "No" for the role (the school's cell, else the district's): Yes,
     With training, or undecided (an undecided task the role does now stays with it, see
     **Capability**) — or over all of them if the role may do none (the hours were reported, so the
     planner must see them, and move them). E.g. a nurse's 10 % of 40 h on Assessment, Yes for
     Screening and No for Psychological and Threat assessment, is 4 h of Screening, not 1.33 h of
     each. Rows the author added themselves (no category) are left out.
  2. **Entered estimate**: otherwise, the hours entered for the school × role on the planner's
     estimates page (``PlannerEstimate``: hours a week per task for the role as a whole; a task
     without a row counts 0 h).
  3. **District average**: otherwise each person gets the average shares of the latest submitted
     reflections of everyone in the district with their role.
  4. **No data**: nobody in the district with the role has reflected, so its current hours are not
     known (the planner then moves nothing away from it).

  E.g. Adams Elementary has a counselor with a reflection and a colleague without: both count, the
  second with the district average. Brook Middle's para-professionals have no reflection and an
  entered estimate of 20 h of classroom support: that is what the planner uses, whatever the
  district average of para-professionals says.
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
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from people.models import Assignment, District, Role, School, StaffMember, Task
from planner.model import Capability, PlannerInput, SchoolInput, Training, Weights
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
from roles.planning.current_hours import MeasuredShares, TaskSplit, current_hours, entered_estimates

#: Hours a week of new work one FTE can take on, by the role's catalogue key, unless the settings say.
DEFAULT_CAPACITY: dict[str, float] = {"para-professional": 5.0, "administrator": 3.0, "teacher": 1.0}


@dataclass
class Adapted:
    """The planner input, where its numbers came from, and the names → ids needed to act on a result."""

    inp: PlannerInput
    sources: dict[str, dict[str, str]] = field(default_factory=dict)  # school -> role -> where from, in words
    kinds: dict[str, dict[str, str]] = field(default_factory=dict)  # school -> role -> current_hours.FROM_…
    capacity_sources: dict[str, str] = field(default_factory=dict)  # role -> "settings" | "default" | ...
    role_ids: dict[str, int] = field(default_factory=dict)
    task_ids: dict[str, int] = field(default_factory=dict)
    school_ids: dict[str, int] = field(default_factory=dict)
    training_ids: dict[str, int] = field(default_factory=dict)
    measured: MeasuredShares | None = None  # the measured shares used, if any (the inputs page says so)


def settings_for(district: District) -> PlannerSettings:
    """The district's planner settings (unsaved defaults when none were saved)."""
    return PlannerSettings.objects.filter(district=district).first() or PlannerSettings(district=district)


def role_label(role: Role | str) -> str:
    """The role (or its name) as it reads inside a sentence: "School counselor" -> "school counselor", "LCSW" stays."""
    name = role if isinstance(role, str) else role.name
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def capacity_of(role: Role, settings: PlannerSettings) -> tuple[float, str]:
    """The receiving capacity per FTE of ``role`` and where it comes from."""
    if str(role.pk) in settings.receiving_capacity:
        return float(settings.receiving_capacity[str(role.pk)]), "settings"
    if role.seed_key in DEFAULT_CAPACITY:
        return DEFAULT_CAPACITY[role.seed_key], "default"
    return 0.0, "default (takes on no new work)"


def build_input(
    district: District, school: School | None = None, *, schools: Sequence[School] | None = None
) -> Adapted:
    """The planner's input for the whole district, for ``school`` only, or for ``schools`` (e.g. one page of them).

    Figures that are district-wide by nature (the district averages, how the priority hours needed are
    split over the schools) stay district-wide whichever schools are adapted, so a school's input is
    the same alone as in the whole district. About twenty queries, however many schools.
    """
    settings = settings_for(district)
    hours_per_fte = float(district.hours_per_fte)
    roles = {r.pk: r for r in Role.objects.filter(district=district, retired=False)}
    names = {pk: role_label(r) for pk, r in roles.items()}
    tasks = list(Task.objects.filter(district=district, retired=False).select_related("category"))
    task_names = _task_names(tasks)
    tasks_of_category: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        tasks_of_category[task.category_id].append(task)

    chosen = [school] if school is not None else list(schools) if schools is not None else None
    if chosen is None:
        chosen, school_ids = list(School.objects.filter(district=district).order_by("name")), None
    else:
        chosen = [s for s in chosen if s.district_id == district.pk]
        school_ids = [s.pk for s in chosen]
    assignments = Assignment.objects.filter(staff__role_id__in=roles).order_by()
    if school_ids is None:
        assignments = assignments.filter(district=district)
    else:  # the district's schools; by school, SQLite reads only their rows
        assignments = assignments.filter(school_id__in=school_ids)
    people = list(assignments.values_list("school_id", "staff_id", "staff__role_id", "fte"))
    fte: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    heads: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for school_id, _staff_id, role_id, person_fte in people:
        fte[school_id][role_id] += float(person_fte)
        heads[school_id][role_id] += 1
    estimates = entered_estimates(district, school_ids, roles, task_names)
    staff = StaffMember.objects.filter(district=district)
    if school_ids is not None:
        staff = staff.filter(pk__in={staff_id for _s, staff_id, _r, _f in people})
    cells = _capabilities(district, school_ids)
    current = current_hours(district, staff, people, estimates, hours_per_fte, TaskSplit(tasks_of_category, cells))

    adapted = Adapted(PlannerInput(schools=[], task_category={}, constrained={}), measured=current.measured)
    inp = adapted.inp
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
    for s in chosen:
        school_input = SchoolInput(
            name=s.name,
            fte={names[r]: round(f, 4) for r, f in fte[s.pk].items()},
            current={(names[r], task_names[t]): round(h, 4) for (r, t), h in current.hours[s.pk].items() if h > 0},
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
        adapted.sources[s.name] = {names[r]: current.descriptions[(s.pk, r)] for r in fte[s.pk] if fte[s.pk][r] > 0}
        adapted.kinds[s.name] = {names[r]: current.kinds[(s.pk, r)] for r in fte[s.pk] if fte[s.pk][r] > 0}

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


def _capabilities(district: District, school_ids: list[int] | None) -> dict[tuple[int | None, int, int], Capability]:
    """The district's cells and the overrides of ``school_ids`` (of every school if None)."""
    cells = CapabilityCell.objects.filter(district=district)
    if school_ids is not None:
        cells = cells.filter(Q(school__isnull=True) | Q(school_id__in=school_ids))
    return {(s, t, r): Capability(v) for s, t, r, v in cells.values_list("school_id", "task_id", "role_id", "value")}


def _district_fte(district: District, role_ids: list[int]) -> dict[int, float]:
    """FTE of each role of ``role_ids`` across the district."""
    totals = (
        Assignment.objects.filter(district=district, staff__role_id__in=role_ids)
        .values("staff__role_id")
        .annotate(total=Sum("fte"))
        .order_by()
        .values_list("staff__role_id", "total")
    )
    return {role_id: float(total) for role_id, total in totals}


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
