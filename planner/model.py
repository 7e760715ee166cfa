"""Input and output dataclasses of the shift planner (pure Python, no Django).

Units: hours are hours a week; money is dollars; FTE is full-time equivalents. Roles and tasks are
plain names (the Django adapter passes display names, e.g. "school counselor").
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from enum import StrEnum

#: Hours a week of new work one FTE of a receiving role can take on, unless the input says otherwise.
DEFAULT_RECEIVING_CAPACITY: dict[str, float] = {"para-professional": 5.0, "administrator": 3.0, "teacher": 1.0}
DEFAULT_HOURS_PER_FTE = 40.0


class Capability(StrEnum):
    """Can a role do a task? Missing from the matrix means ``NO``."""

    YES = "yes"
    NO = "no"
    TRAINING = "training"


@dataclass(frozen=True)
class Training:
    """A district training that lets a role do a task marked "with training"."""

    name: str
    hours_per_person: float = 0.0
    dollars_per_person: float = 0.0


@dataclass(frozen=True)
class Weights:
    """Weights of the objective (see docs/planner.md, "Objective").

    Maximise ``freed * hours_freed - changes * hours_changed - dollars * cost``. With the defaults one
    freed hour outweighs 1,000 hours of changes or $1,000,000, so the order is hours freed, then
    changes, then cost, for every realistic instance.
    """

    freed: float = 1000.0
    changes: float = 1.0
    dollars: float = 0.001


@dataclass
class SchoolInput:
    """What one school has and needs.

    - ``fte``: role -> FTE on staff. Staff hours are ``fte * hours_per_fte`` unless ``staff_hours`` says.
    - ``current``: (role, task) -> hours a week now.
    - ``need``: task -> hours a week the school needs; a task missing here needs its current total.
    - ``capability``: (role, task) -> yes / no / training for this school; overrides the district's.
    - ``priority_need``: constrained role -> how many more priority hours are useful; missing = no cap.
    - ``headcount``: role -> people to train; missing = ``ceil(fte)``.
    """

    name: str
    fte: dict[str, float]
    current: dict[tuple[str, str], float]
    need: dict[str, float] = field(default_factory=dict)
    capability: dict[tuple[str, str], Capability] = field(default_factory=dict)
    priority_need: dict[str, float] = field(default_factory=dict)
    headcount: dict[str, int] = field(default_factory=dict)
    staff_hours: dict[str, float] = field(default_factory=dict)


@dataclass
class PlannerInput:
    """Everything the planner needs for a district (or one school).

    - ``task_category``: task -> category (the reflection's task type), used by agreed limits.
    - ``constrained``: capacity-constrained role -> its priority tasks.
    - ``receiving_capacity``: role -> hours a week of new work per FTE; roles missing get
      ``default_receiving_capacity`` (0: a role not listed takes on no new work).
    - ``limits``: (role, category) -> at most this many hours a week per FTE (local agreements).
    - ``trainings``: (role, task) -> the training a "with training" cell needs; else ``default_training``.
    - ``hire_cost``: role -> dollars per FTE; only these roles can be hired, up to ``max_hire_fte`` per school.
    - ``budget``: dollars for trainings and hires together; ``None`` = no budget limit.
    """

    schools: list[SchoolInput]
    task_category: dict[str, str]
    constrained: dict[str, frozenset[str]]
    capability: dict[tuple[str, str], Capability] = field(default_factory=dict)
    hours_per_fte: dict[str, float] = field(default_factory=dict)
    receiving_capacity: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_RECEIVING_CAPACITY))
    default_receiving_capacity: float = 0.0
    limits: dict[tuple[str, str], float] = field(default_factory=dict)
    trainings: dict[tuple[str, str], Training] = field(default_factory=dict)
    default_training: Training = Training("district training")
    hire_cost: dict[str, float] = field(default_factory=dict)
    max_hire_fte: float = 1.0
    budget: float | None = None
    weights: Weights = Weights()
    time_limit: float = 10.0

    def capability_of(self, school: SchoolInput, role: str, task: str) -> Capability:
        """The school's cell, else the district's, else NO."""
        return school.capability.get((role, task), self.capability.get((role, task), Capability.NO))

    def hours_per_fte_of(self, role: str) -> float:
        return self.hours_per_fte.get(role, DEFAULT_HOURS_PER_FTE)

    def staff_hours_of(self, school: SchoolInput, role: str) -> float:
        if role in school.staff_hours:
            return school.staff_hours[role]
        return school.fte.get(role, 0.0) * self.hours_per_fte_of(role)

    def headcount_of(self, school: SchoolInput, role: str) -> int:
        return school.headcount.get(role, math.ceil(school.fte.get(role, 0.0) - 1e-9))

    def training_for(self, role: str, task: str) -> Training:
        return self.trainings.get((role, task), self.default_training)

    def receiving_capacity_of(self, role: str) -> float:
        return self.receiving_capacity.get(role, self.default_receiving_capacity)

    def roles_at(self, school: SchoolInput) -> list[str]:
        """Roles on staff, doing work, or hireable at the school, in a stable order."""
        roles = dict.fromkeys(school.fte)
        roles.update(dict.fromkeys(role for role, _task in school.current))
        roles.update(dict.fromkeys(role for role in self.hire_cost if self.max_hire_fte > 0))
        return list(roles)

    def tasks_at(self, school: SchoolInput) -> list[str]:
        tasks = dict.fromkeys(task for _role, task in school.current)
        tasks.update(dict.fromkeys(school.need))
        return list(tasks)

    def need_of(self, school: SchoolInput, task: str) -> float:
        if task in school.need:
            return school.need[task]
        return sum(hours for (_role, t), hours in school.current.items() if t == task)


@dataclass
class Move:
    task: str
    from_role: str | None  # None: new hours the school needs
    to_role: str | None  # None: the hours are no longer needed
    hours: float
    training: str | None = None  # the training the receiving role needs, if any


@dataclass
class TrainingNeed:
    school: str
    training: str
    role: str
    task: str
    people: int
    dollars: float
    hours_per_person: float


@dataclass
class Hire:
    school: str
    role: str
    fte: float
    dollars: float


@dataclass
class BindingLimit:
    """A constraint the plan is pressed against, and what one more unit of it would give."""

    kind: str  # "receiving capacity" | "agreed limit" | "role hours" | "budget"
    school: str | None
    role: str | None
    category: str | None
    value: float  # the limit's right-hand side (hours a week, or dollars)
    hours_per_unit: float  # constrained hours freed per extra unit (hour, or $1,000 for the budget)
    sentence: str


@dataclass
class SchoolPlan:
    name: str
    moves: list[Move] = field(default_factory=list)
    freed: dict[str, float] = field(default_factory=dict)  # constrained role -> hours moved onto priority work
    trainings: list[TrainingNeed] = field(default_factory=list)
    hires: list[Hire] = field(default_factory=list)
    after: dict[tuple[str, str], float] = field(default_factory=dict)  # (role, task) -> hours after the shift
    sentences: list[str] = field(default_factory=list)


@dataclass
class PlanResult:
    """The planner's answer. ``status`` is one of:

    - ``optimal``: every school has a plan, proven best within the gap tolerance;
    - ``time_limit``: the time ran out; ``schools`` hold the best plan found, not proven best;
    - ``partial``: some schools' needs and limits contradict each other; the other schools have
      their plans in ``schools`` (optimal or, if the time ran out, the best found: see ``gap``), the
      left-out ones are named in ``infeasible_schools`` and explained in ``problems``;
    - ``no_plan_in_time``: the time ran out before any plan was found;
    - ``infeasible``: the inputs contradict each other and no school has a plan; ``problems`` say where;
    - ``invalid``: the inputs are malformed; ``problems`` say how.

    ``has_plan`` is true for the first three. The figures (hours freed, the greedy baseline's,
    changes, costs, gap) are over the schools that have a plan; ``schools_total`` counts every
    school of the input, so "plans for ``len(schools)`` of ``schools_total`` schools".
    """

    status: str
    label: str
    schools: list[SchoolPlan] = field(default_factory=list)
    binding: list[BindingLimit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    infeasible_schools: list[str] = field(default_factory=list)  # in input order
    schools_total: int = 0
    hours_freed: float = 0.0
    greedy_hours_freed: float = 0.0
    hours_changed: float = 0.0
    training_dollars: float = 0.0
    hiring_dollars: float = 0.0
    gap: float | None = None
    seconds: float = 0.0
    variables: int = 0
    constraints: int = 0

    @property
    def has_plan(self) -> bool:
        return self.status in ("optimal", "time_limit", "partial")

    def to_dict(self) -> dict:
        """Plain JSON-ready data (tuple keys become "role|task")."""
        data = asdict(self)
        for school in data["schools"]:
            school["after"] = {f"{role}|{task}": hours for (role, task), hours in school["after"].items()}
        data["has_plan"] = self.has_plan
        return data
