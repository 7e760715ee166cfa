"""Each school × role's current hours by task, and where they come from (``roles.planning.adapter``).

The rule, tried in this order for each school × role (the adapter's docstring works an example):
measured shares of the role's working time (a valid time study, see below); else its people's
reflections or leader estimates if at least one of them has one (the others of the role there get the
district average); else the entered estimate (``PlannerEstimate``); else the district average of the
role; else no data.

**Measured shares** come from other apps through one seam: a function registered with
:func:`measured_shares_source` (time sampling registers one in ``sampling.hooks``) gives the district's
:class:`MeasuredShares` — a whole role's share of working time per task type, for the schools that
were measured — or None. Every person of a covered role at a covered school then counts with the
role's shares × their hours.

Reflections and leader estimates are kept per task type (category); the planner works per task. A
person's share of a task type is split evenly over the type's active tasks that their role *may* do at
the school: every task not marked "No" for the role there (the school's cell, else the district's), so
Yes, With training and undecided tasks (an undecided task the role does now stays with it, see
``adapter``). When the role may do none of them, the share is split over all of them: the hours were
reported, so the planner must see them, and move them. E.g. a school nurse's 10 % of 40 h on
Assessment, with the nurse Yes for Screening and No for Psychological and Threat assessment, is 4 h of
Screening, not 1.33 h of each; 5 % on Non-counseling duties, a type whose only task is No for nurses,
is 2 h of that task.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum

from people.models import District, Role, StaffMember, Task
from planner.model import Capability
from reflections.models import LeaderEstimate, Reflection, TimeAllocation
from roles.models import PlannerEstimate

#: Where a school × role's current hours come from (``Adapted.kinds``), in the order they are tried.
FROM_MEASURED, FROM_REFLECTIONS, FROM_ESTIMATE, FROM_AVERAGE, NO_DATA = (
    "measured",
    "reflections",
    "entered estimate",
    "district average",
    "no data",
)


#: Category percentages (0..100) by category id.
Percents = dict[int, Decimal]


@dataclass(frozen=True)
class MeasuredShares:
    """Whole roles' measured shares of working time, tried before reflections (module docstring).

    ``shares``: role id -> category percentages of working time; ``school_ids``: the schools measured
    (None: every school). ``source`` names it where a school × role's hours come from ("time sampling:
    Fall study"); ``summary`` says what it is in a sentence and ``url`` where its figures are.
    """

    source: str
    shares: dict[int, Percents]
    school_ids: frozenset[int] | None = None
    summary: str = ""
    url: str = ""

    def covers(self, school_id: int, role_id: int) -> bool:
        return role_id in self.shares and (self.school_ids is None or school_id in self.school_ids)


#: The registered sources of measured shares, asked in order; the first answer other than None is used.
MEASURED_SHARES: list[Callable[[District], MeasuredShares | None]] = []


def measured_shares_source(
    source: Callable[[District], MeasuredShares | None],
) -> Callable[[District], MeasuredShares | None]:
    """Register ``source`` (usable as a decorator); registering twice is harmless."""
    if source not in MEASURED_SHARES:
        MEASURED_SHARES.append(source)
    return source


def measured_shares(district: District) -> MeasuredShares | None:
    """The district's measured shares from the first registered source that has some."""
    for source in MEASURED_SHARES:
        found = source(district)
        if found is not None and found.shares:
            return found
    return None


#: The capability matrix as the adapter reads it: (school id or None for the district, task id, role id) -> value.
Cells = dict[tuple[int | None, int, int], Capability]


@dataclass
class TaskSplit:
    """Which of a task type's tasks a role's share of it is split over, at each school (module docstring)."""

    tasks_of_category: dict[int, list[Task]]
    cells: Cells
    _chosen: dict[tuple[int, int, int], list[int]] = field(default_factory=dict)

    def tasks(self, school_id: int, role_id: int, category_id: int) -> list[int]:
        """The category's active tasks the role may do at the school; all of them if it may do none."""
        key = (school_id, role_id, category_id)
        if key not in self._chosen:
            every = [task.pk for task in self.tasks_of_category.get(category_id, [])]
            allowed = [task_id for task_id in every if self._may_do(school_id, role_id, task_id)]
            self._chosen[key] = allowed or every
        return self._chosen[key]

    def _may_do(self, school_id: int, role_id: int, task_id: int) -> bool:
        value = self.cells.get((school_id, task_id, role_id), self.cells.get((None, task_id, role_id)))
        return value is not Capability.NO


def _with_latest_reflection(staff: QuerySet[StaffMember]) -> QuerySet[Any]:
    """``staff`` with ``latest``: the id of each one's latest submitted reflection (greatest date, then id), or None.

    Looked up per person through the reflections' (author, date) index: at 100,000 reflections this is
    several times faster on SQLite than ranking every reflection of the district with a window function,
    and it reads only the reflections of the people asked about.
    """
    latest = Reflection.objects.filter(author=OuterRef("pk"), status=Reflection.Status.SUBMITTED)
    return staff.order_by().annotate(latest=Subquery(latest.order_by("-date", "-pk").values("pk")[:1]))


def _shares(district: District, staff: QuerySet[StaffMember]) -> tuple[dict[int, Percents], dict[int, str]]:
    """Per staff member: category percentages of their latest submitted reflection, else their leader's latest
    estimate."""
    with_latest = _with_latest_reflection(staff)
    reflected = set(with_latest.filter(latest__isnull=False).values_list("pk", flat=True))
    by_author: dict[int, dict[int, Decimal]] = defaultdict(dict)
    allocations = TimeAllocation.objects.filter(reflection_id__in=with_latest.values("latest"), category__isnull=False)
    for author_id, category_id, percent in allocations.values_list(
        "reflection__author_id", "category_id", "current_percent"
    ):
        if percent:
            by_author[author_id][category_id] = percent
    shares = {author: by_author[author] for author in reflected}
    origin = dict.fromkeys(shares, "reflection")
    estimates: dict[int, int] = {}
    others = with_latest.filter(latest__isnull=True).values("pk")
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
        shares[staff_id] = rows[pk]
        origin[staff_id] = "leader estimate"
    return shares, origin


@dataclass
class CurrentHours:
    """Current hours per school, (role, task); and per (school, role) where they came from."""

    hours: dict[int, dict[tuple[int, int], float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)
    descriptions: dict[tuple[int, int], str] = field(default_factory=dict)
    measured: MeasuredShares | None = None


def current_hours(
    district: District,
    staff: QuerySet[StaffMember],
    people: list[tuple[int, int, int, Decimal]],
    estimates: dict[tuple[int, int], dict[int, float]],
    hours_per_fte: float,
    split: TaskSplit,
) -> CurrentHours:
    """Each school × role's current hours by task, by the rule of the module's docstring."""
    shares, origin = _shares(district, staff)
    members: dict[tuple[int, int], list[tuple[int, float]]] = defaultdict(list)  # (school, role) -> staff, hours
    for school_id, staff_id, role_id, person_fte in people:
        members[(school_id, role_id)].append((staff_id, float(person_fte) * hours_per_fte))
    measured = measured_shares(district)
    covered = {key for key in members if measured is not None and measured.covers(*key)}
    estimated = {
        key
        for key, group in members.items()
        if key in estimates and key not in covered and not any(s in shares for s, _h in group)
    }
    needing_average = {  # only the roles somebody needs the average of: it reads every reflection of the role
        role_id
        for (school_id, role_id), group in members.items()
        if (school_id, role_id) not in estimated | covered and any(s not in shares for s, _h in group)
    }
    averages, counts = _role_averages(district, needing_average)

    current = CurrentHours(measured=measured)
    for key, group in members.items():
        school_id, role_id = key
        if key in estimated:
            for task_id, hours in estimates[key].items():
                current.hours[school_id][(role_id, task_id)] += hours
            current.kinds[key] = current.descriptions[key] = FROM_ESTIMATE
            continue
        category_hours: dict[int, float] = defaultdict(float)  # the group's hours by category, split once below
        if key in covered and measured is not None:
            group_hours = sum(person_hours for _staff_id, person_hours in group)
            for category_id, percent in measured.shares[role_id].items():
                category_hours[category_id] = float(percent) / 100 * group_hours
            current.kinds[key] = FROM_MEASURED
            current.descriptions[key] = f"{measured.source} ({_people(len(group))})"
        else:
            tally: dict[str, int] = defaultdict(int)
            for staff_id, person_hours in group:
                person_shares, how = shares.get(staff_id), origin.get(staff_id)
                if person_shares is None and averages.get(role_id):
                    person_shares, how = averages[role_id], FROM_AVERAGE
                tally[how or NO_DATA] += 1
                for category_id, percent in (person_shares or {}).items():
                    category_hours[category_id] += float(percent) / 100 * person_hours
            own = tally.get("reflection") or tally.get("leader estimate")
            current.kinds[key] = FROM_REFLECTIONS if own else FROM_AVERAGE if tally.get(FROM_AVERAGE) else NO_DATA
            current.descriptions[key] = _describe(tally, counts.get(role_id, 0))
        for category_id, hours in category_hours.items():
            tasks = split.tasks(school_id, role_id, category_id)
            for task_id in tasks:
                current.hours[school_id][(role_id, task_id)] += hours / len(tasks)
    return current


def entered_estimates(
    district: District, school_ids: list[int] | None, roles: dict[int, Role], task_names: dict[int, str]
) -> dict[tuple[int, int], dict[int, float]]:
    """(school, role) -> task -> the hours entered on the estimates page (active roles and tasks only)."""
    rows = PlannerEstimate.objects.filter(district=district, role_id__in=roles, task_id__in=task_names)
    if school_ids is not None:
        rows = rows.filter(school_id__in=school_ids)
    estimates: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
    for school_id, role_id, task_id, hours in rows.values_list("school_id", "role_id", "task_id", "hours"):
        estimates[(school_id, role_id)][task_id] = float(hours)
    return estimates


def _role_averages(district: District, role_ids: set[int]) -> tuple[dict[int, Percents], dict[int, int]]:
    """Per role of ``role_ids``: the average category percentages of everyone's latest submitted reflection, and
    how many.

    Counted and summed in the database, two queries whatever the size (one when nobody of those roles
    has reflected). A reflection without current percentages still counts in the average (as 0 %).
    """
    if not role_ids:
        return {}, {}
    staff = _with_latest_reflection(StaffMember.objects.filter(district=district, role_id__in=role_ids))
    counts = dict(
        staff.filter(latest__isnull=False).values("role_id").annotate(n=Count("pk")).values_list("role_id", "n")
    )
    if not counts:  # nobody of these roles has reflected
        return {}, {}
    sums: dict[int, dict[int, Decimal]] = defaultdict(dict)
    allocations = TimeAllocation.objects.filter(reflection_id__in=staff.values("latest"), category__isnull=False)
    for role_id, category_id, total in (
        allocations.values("reflection__author__role_id", "category_id")
        .annotate(total=Sum("current_percent"))
        .order_by()
        .values_list("reflection__author__role_id", "category_id", "total")
    ):
        sums[role_id][category_id] = total or Decimal(0)
    averages = {
        role_id: {c: total / counts[role_id] for c, total in categories.items()} for role_id, categories in sums.items()
    }
    return averages, counts


def _describe(tally: dict[str, int], district_count: int) -> str:
    """Where a school × role's current hours come from, in words, every count with its right plural.

    >>> _describe({"reflection": 1, FROM_AVERAGE: 2}, 1)
    'reflections (1 person); district average of 1 reflection (2 people)'
    """
    parts = []
    for key, label in (("reflection", "reflections"), ("leader estimate", "leader estimates")):
        if tally.get(key):
            parts.append(f"{label} ({_people(tally[key])})")
    if tally.get(FROM_AVERAGE):
        reflections = f"{district_count} reflection{'s' * (district_count != 1)}"
        parts.append(f"district average of {reflections} ({_people(tally[FROM_AVERAGE])})")
    if tally.get(NO_DATA):
        parts.append(f"no reflection or estimate ({_people(tally[NO_DATA])})")
    return "; ".join(parts)


def _people(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"
