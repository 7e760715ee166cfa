"""Build the shift planner's mixed-integer program (see docs/planner.md for the formulas).

Per school s, role r, task t, with ``cur`` the current hours:

- ``up[r,t]``, ``down[r,t]`` >= 0: hours added / removed, so after = cur + up - down, and
  ``down <= cur`` keeps after >= 0. The objective's change penalty makes at most one of them positive,
  so ``up + down = |after - before|``.
- ``trained[r,t]`` in {0, 1} for a "with training" cell the role does not already do.
- ``hired[r]`` in {0, 1, ..., 10 * max_hire_fte}: tenths of an FTE hired.
- ``freed[c]`` in [0, priority need]: hours the constrained role c adds to its priority tasks.

Rows (all "<=" or ">=", one per limit so that each has a dual value):

- cover[t]:        sum_r (up - down) >= need[t] - sum_r cur[r,t]
- hours[r]:        sum_t (up - down) - H_r * 0.1 * hired[r] <= staff_hours[r] - sum_t cur[r,t]
- receive[r]:      sum_{t not priority of r} up[r,t] - H_r * 0.1 * hired[r] <= capacity[r] * fte[r]
- limit[r,k]:      sum_{t in k} (up - down) - L * 0.1 * hired[r] <= L * fte[r] - sum_{t in k} cur[r,t]
- training[r,t]:   up[r,t] - M * trained[r,t] <= 0, M = the school's hours of t (+ r's hours if t is priority)
- gain[c]:         freed[c] - sum_{t in P_c} (up[c,t] - down[c,t]) <= 0
- budget:          sum training dollars * trained + sum hire cost * 0.1 * hired <= budget
"""

from __future__ import annotations

from dataclasses import dataclass, field

import highspy
import numpy as np

from planner.model import Capability, PlannerInput, SchoolInput

INF = highspy.kHighsInf


@dataclass
class Row:
    kind: str  # cover | hours | receive | limit | training | gain | budget
    school: str | None = None
    role: str | None = None
    key: str | None = None  # the task or category
    rhs: float = 0.0
    value: float = 0.0  # the limit itself (hours a week or dollars), for sentences


@dataclass
class Model:
    """Columns and rows in plain lists; ``to_highs`` turns them into a HiGHS model."""

    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_index: list[list[int]] = field(default_factory=list)
    row_value: list[list[float]] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    # what each school's columns mean, for reading the solution back
    cells: list[dict[tuple[str, str], tuple[int, int, float]]] = field(default_factory=list)  # -> up, down, cur
    trained: list[dict[tuple[str, str], int]] = field(default_factory=list)
    hired: list[dict[str, int]] = field(default_factory=list)
    freed: list[dict[str, int]] = field(default_factory=list)
    school_names: list[str] = field(default_factory=list)

    def column(self, lower: float, upper: float, cost: float = 0.0, integer: bool = False) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        self.cost.append(cost)
        self.integer.append(integer)
        return len(self.lower) - 1

    def row(self, terms: dict[int, float], lower: float, upper: float, info: Row) -> None:
        self.row_index.append(list(terms))
        self.row_value.append(list(terms.values()))
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.rows.append(info)

    def to_highs(self, relax: bool = False) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.lower)
        lp.num_row_ = len(self.rows)
        lp.col_cost_ = np.array(self.cost, dtype=float)
        lp.col_lower_ = np.array(self.lower, dtype=float)
        lp.col_upper_ = np.array(self.upper, dtype=float)
        lp.row_lower_ = np.array(self.row_lower, dtype=float)
        lp.row_upper_ = np.array(self.row_upper, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lengths = [len(index) for index in self.row_index]
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(np.int32)
        lp.a_matrix_.index_ = np.array([i for index in self.row_index for i in index], dtype=np.int32)
        lp.a_matrix_.value_ = np.array([v for values in self.row_value for v in values], dtype=float)
        if not relax and any(self.integer):
            kinds = highspy.HighsVarType
            lp.integrality_ = [kinds.kInteger if flag else kinds.kContinuous for flag in self.integer]
        return lp


def build(inp: PlannerInput, schools: list[SchoolInput] | None = None) -> Model:
    """The MIP for ``schools`` (default: all of the input's schools), with one shared budget row."""
    model = Model()
    budget_terms: dict[int, float] = {}
    for school in inp.schools if schools is None else schools:
        _add_school(model, inp, school, budget_terms)
    if inp.budget is not None and budget_terms:
        model.row(budget_terms, -INF, inp.budget, Row("budget", rhs=inp.budget, value=inp.budget))
    return model


def _add_school(model: Model, inp: PlannerInput, school: SchoolInput, budget_terms: dict[int, float]) -> None:
    w = inp.weights
    roles = inp.roles_at(school)
    priority_of = {role: inp.constrained.get(role, frozenset()) for role in roles}
    tasks = inp.tasks_at(school)
    for role in roles:
        tasks += [t for t in sorted(priority_of[role]) if t not in tasks]
    need = {task: inp.need_of(school, task) for task in tasks}
    protected = {t for role in roles if role in inp.constrained and school.fte.get(role) for t in priority_of[role]}

    cells: dict[tuple[str, str], tuple[int, int, float]] = {}
    trained: dict[tuple[str, str], int] = {}
    hired: dict[str, int] = {}
    freed: dict[str, int] = {}
    name = school.name

    for role in roles:
        cost = inp.hire_cost.get(role)
        if cost is not None and inp.max_hire_fte > 0:
            hired[role] = model.column(0, round(inp.max_hire_fte * 10), w.dollars * cost * 0.1, integer=True)
            budget_terms[hired[role]] = cost * 0.1
        for task in tasks:
            cur = school.current.get((role, task), 0.0)
            capability = inp.capability_of(school, role, task)
            if capability is Capability.NO:
                if cur > 0:  # a "No" cell is never used: its hours must move
                    cells[role, task] = (model.column(0, 0), model.column(cur, cur, w.changes), cur)
                continue
            keep = task in protected and role not in inp.constrained
            down = model.column(0, 0 if keep else cur, w.changes)
            cells[role, task] = (model.column(0, INF, w.changes), down, cur)
            if capability is Capability.TRAINING and cur <= 0:
                training = inp.training_for(role, task)
                dollars = training.dollars_per_person * max(1, inp.headcount_of(school, role))
                trained[role, task] = model.column(0, 1, w.dollars * dollars, integer=True)
                budget_terms[trained[role, task]] = dollars

    for task in tasks:
        terms = {}
        for role in roles:
            if (role, task) in cells:
                up, down, _cur = cells[role, task]
                terms[up], terms[down] = 1.0, -1.0
        current = sum(cells[role, task][2] for role in roles if (role, task) in cells)
        if need[task] > 0 or terms:
            model.row(terms, need[task] - current, INF, Row("cover", name, None, task, need[task], need[task]))

    for role in roles:
        mine = [(task, cells[role, task]) for task in tasks if (role, task) in cells]
        per_hire = inp.hours_per_fte_of(role) * 0.1
        fte = school.fte.get(role, 0.0)
        staff = inp.staff_hours_of(school, role)
        terms = {i: v for _t, (up, down, _c) in mine for i, v in ((up, 1.0), (down, -1.0))}
        if role in hired:
            terms[hired[role]] = -per_hire
        current = sum(cur for _t, (_u, _d, cur) in mine)
        model.row(terms, -INF, staff - current, Row("hours", name, role, None, staff - current, staff))

        capacity = inp.receiving_capacity_of(role)
        if capacity != float("inf"):
            terms = {up: 1.0 for task, (up, _d, _c) in mine if task not in priority_of[role]}
            if role in hired:
                terms[hired[role]] = -per_hire
            rhs = capacity * fte
            model.row(terms, -INF, rhs, Row("receive", name, role, None, rhs, rhs))

        for (limit_role, category), per_fte in inp.limits.items():
            if limit_role != role:
                continue
            in_category = [(t, c) for t, c in mine if inp.task_category.get(t) == category]
            terms = {i: v for _t, (up, down, _c) in in_category for i, v in ((up, 1.0), (down, -1.0))}
            if role in hired:
                terms[hired[role]] = -per_fte * 0.1
            current = sum(cur for _t, (_u, _d, cur) in in_category)
            allowed = per_fte * fte
            model.row(terms, -INF, allowed - current, Row("limit", name, role, category, allowed - current, allowed))

        for (cell_role, task), column in trained.items():
            if cell_role == role:
                big_m = need[task] + (staff + per_hire * 10 * inp.max_hire_fte if task in priority_of[role] else 0.0)
                up = cells[role, task][0]
                model.row({up: 1.0, column: -big_m}, -INF, 0.0, Row("training", name, role, task))

        if role in inp.constrained and (school.fte.get(role) or role in hired):
            cap = school.priority_need.get(role, INF)
            freed[role] = model.column(0, cap, -w.freed)
            terms = {freed[role]: 1.0}
            for task in priority_of[role]:
                if (role, task) in cells:
                    up, down, _cur = cells[role, task]
                    terms[up], terms[down] = -1.0, 1.0
            model.row(terms, -INF, 0.0, Row("gain", name, role))

    model.school_names.append(name)
    model.cells.append(cells)
    model.trained.append(trained)
    model.hired.append(hired)
    model.freed.append(freed)
