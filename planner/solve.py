"""Solve the shift planner's MIP with HiGHS, read the plan back, and price the binding limits.

``plan(inp)`` never raises on bad or contradictory inputs: the result's ``status`` and ``problems``
say what went wrong, in sentences naming the school, task and role.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass

import highspy

from planner import explain
from planner.build import Model, build
from planner.greedy import greedy_school
from planner.model import Hire, PlannerInput, PlanResult, SchoolInput, SchoolPlan, TrainingNeed

EPS = 1e-6
#: HiGHS options fixed so the same input gives the same plan (one thread, a fixed seed).
OPTIONS = {"output_flag": False, "threads": 1, "random_seed": 0, "mip_rel_gap": 1e-6}


@dataclass
class _Run:
    status: str
    values: list[float] | None
    objective: float
    bound: float
    seconds: float


def plan(inp: PlannerInput, decompose: bool = True) -> PlanResult:
    """Plan the shifts for every school of ``inp``.

    Schools share nothing but the budget, so without a budget each school is solved on its own
    (``decompose``), which is far faster for a large district and gives the same plan.
    """
    started = time.perf_counter()
    problems = validate(inp)
    if problems:
        return PlanResult("invalid", "The inputs are not usable.", problems=problems)
    groups = [[school] for school in inp.schools] if decompose and inp.budget is None else [inp.schools]
    deadline = started + inp.time_limit
    result = PlanResult("optimal", "Optimal plan.")
    objective = bound = 0.0
    statuses = []
    greedy = {school.name: greedy_school(inp, school) for school in inp.schools}
    for group in groups:
        model = build(inp, group)
        result.variables += len(model.lower)
        result.constraints += len(model.rows)
        start = _start(model, [greedy[school.name] for school in group])
        run = _solve(model, max(deadline - time.perf_counter(), 0.01), start)
        statuses.append(run.status)
        if run.status == "infeasible":
            result.problems += explain.infeasibility(inp, group, model, _elastic(model))
            continue
        if run.values is None:
            continue
        objective += run.objective
        bound += run.bound
        result.schools += _read_plan(inp, group, model, run.values)
        result.binding += explain.binding_limits(inp, model, _duals(model, run.values))
    result.seconds = time.perf_counter() - started
    result.greedy_hours_freed = round(sum(sum(freed.values()) for freed, _after in greedy.values()), 4)
    gap = abs(objective - bound) / max(1.0, abs(objective))
    result.gap = gap if result.schools and math.isfinite(gap) else None
    result.binding.sort(key=lambda limit: -limit.hours_per_unit)
    if "infeasible" in statuses:
        result.status, result.label = "infeasible", "No plan meets every need and limit: " + " ".join(result.problems)
    elif any(s == "no_plan_in_time" for s in statuses):
        result.status, result.label = "no_plan_in_time", "No plan was found within the time limit."
        result.schools = []
    elif "time_limit" in statuses:
        result.status = "time_limit"
        distance = "not yet known how far" if result.gap is None else f"{result.gap:.2%}"
        result.label = f"Best plan found before the time limit ({distance} from the best possible)."
    _totals(result)
    return result


def validate(inp: PlannerInput) -> list[str]:
    """Sentences for malformed inputs (negative hours, duplicate school names)."""
    problems = []
    counts = Counter(school.name for school in inp.schools)
    for name in sorted(name for name, count in counts.items() if count > 1):
        problems.append(f"The school name {name} appears more than once.")
    for school in inp.schools:
        for (role, task), hours in school.current.items():
            if hours < 0:
                problems.append(f"At {school.name}, {role} has negative hours ({hours}) of {task}.")
        for task, hours in school.need.items():
            if hours < 0:
                problems.append(f"At {school.name}, the hours needed of {task} are negative ({hours}).")
        for role, fte in school.fte.items():
            if fte < 0:
                problems.append(f"At {school.name}, {role} has a negative FTE ({fte}).")
    if min(inp.weights.freed, inp.weights.changes, inp.weights.dollars) < 0 or inp.weights.freed == 0:
        problems.append("The weight of a freed hour must be positive, and no weight negative.")
    if inp.time_limit <= 0:
        problems.append("The time limit must be positive.")
    return problems


def _start(model: Model, greedy: list[tuple[dict, dict]]) -> list[float]:
    """The greedy plan as a starting solution, so a time limit never returns less than greedy."""
    values = [max(lower, 0.0) if lower > -highspy.kHighsInf else 0.0 for lower in model.lower]
    for index, (freed, after) in enumerate(greedy):
        for (role, task), (up, down, cur) in model.cells[index].items():
            delta = after.get((role, task), 0.0) - cur
            values[up], values[down] = max(delta, 0.0), max(-delta, 0.0)
            values[down] = max(values[down], model.lower[down])
        for role, column in model.freed[index].items():
            values[column] = min(freed.get(role, 0.0), model.upper[column])
    return values


def _solve(model: Model, time_limit: float, start: list[float] | None = None) -> _Run:
    highs = _highs(time_limit)
    highs.passModel(model.to_highs())
    if start is not None and any(model.integer):
        solution = highspy.HighsSolution()
        solution.col_value = start
        solution.value_valid = True
        highs.setSolution(solution)
    highs.run()
    status = highs.getModelStatus()
    info = highs.getInfo()
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    values = list(highs.getSolution().col_value) if has_solution else None
    objective = info.objective_function_value if has_solution else 0.0
    bound = info.mip_dual_bound if any(model.integer) else objective
    if status == highspy.HighsModelStatus.kOptimal:
        return _Run("optimal", values, objective, bound if bound == bound else objective, highs.getRunTime())
    if status in (highspy.HighsModelStatus.kInfeasible, highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return _Run("infeasible", None, 0.0, 0.0, highs.getRunTime())
    if has_solution:
        return _Run("time_limit", values, objective, bound, highs.getRunTime())
    return _Run("no_plan_in_time", None, 0.0, 0.0, highs.getRunTime())


def _highs(time_limit: float) -> highspy.Highs:
    highs = highspy.Highs()
    for option, value in OPTIONS.items():
        highs.setOptionValue(option, value)
    highs.setOptionValue("time_limit", float(time_limit))
    return highs


def _duals(model: Model, values: list[float]) -> list[float]:
    """Row duals of the final LP: the MIP with its integer columns fixed at their values."""
    lp = model.to_highs(relax=True)
    lower, upper = list(lp.col_lower_), list(lp.col_upper_)
    for column, integer in enumerate(model.integer):
        if integer:
            lower[column] = upper[column] = round(values[column])
    lp.col_lower_, lp.col_upper_ = lower, upper
    highs = _highs(60.0)
    highs.setOptionValue("solver", "simplex")
    highs.passModel(lp)
    highs.run()
    solution = highs.getSolution()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal or not solution.dual_valid:
        return [0.0] * len(model.rows)
    return list(solution.row_dual)


def _elastic(model: Model) -> list[float]:
    """Per row, by how much it must be broken (the least total), for explaining infeasibility."""
    elastic = Model(list(model.lower), list(model.upper), [0.0] * len(model.lower), [False] * len(model.lower))
    elastic.row_lower, elastic.row_upper = list(model.row_lower), list(model.row_upper)
    elastic.row_index = [list(index) for index in model.row_index]
    elastic.row_value = [list(values) for values in model.row_value]
    elastic.rows = model.rows
    slack: list[int | None] = []
    for i, row in enumerate(model.rows):
        if row.kind in ("training", "budget"):
            slack.append(None)
            continue
        sign = 1.0 if model.row_lower[i] > -highspy.kHighsInf else -1.0  # ">=" rows get +slack, "<=" -slack
        # breaking a need costs more than breaking a limit, so the explanation names the limit
        column = elastic.column(0, highspy.kHighsInf, 2.0 if row.kind == "cover" else 1.0)
        elastic.row_index[i].append(column)
        elastic.row_value[i].append(sign)
        slack.append(column)
    highs = _highs(60.0)
    highs.passModel(elastic.to_highs(relax=True))
    highs.run()
    values = list(highs.getSolution().col_value)
    return [values[column] if column is not None else 0.0 for column in slack]


def _read_plan(inp: PlannerInput, group: list[SchoolInput], model: Model, values: list[float]) -> list[SchoolPlan]:
    plans = []
    for index, school in enumerate(group):
        plan = SchoolPlan(school.name)
        changes: dict[str, list[tuple[str, float]]] = {}
        for (role, task), (up, down, cur) in model.cells[index].items():
            delta = values[up] - values[down]
            after = cur + delta
            if after > EPS:
                plan.after[role, task] = round(after, 4)
            if abs(delta) > EPS and not (role in inp.constrained and task in inp.constrained[role]):
                changes.setdefault(task, []).append((role, delta))
        trained = {cell for cell, column in model.trained[index].items() if values[column] > 0.5}
        plan.moves = explain.pair_moves(changes, trained, inp)
        for role, column in model.freed[index].items():
            plan.freed[role] = round(values[column], 4)
        for role, task in sorted(trained):
            training = inp.training_for(role, task)
            people = max(1, inp.headcount_of(school, role))
            dollars = training.dollars_per_person * people
            plan.trainings.append(
                TrainingNeed(school.name, training.name, role, task, people, dollars, training.hours_per_person)
            )
        for role, column in model.hired[index].items():
            tenths = round(values[column])
            if tenths:
                plan.hires.append(Hire(school.name, role, tenths / 10, tenths / 10 * inp.hire_cost[role]))
        plan.sentences = explain.school_sentences(inp, plan)
        plans.append(plan)
    return plans


def _totals(result: PlanResult) -> None:
    result.hours_freed = round(sum(sum(plan.freed.values()) for plan in result.schools), 4)
    result.hours_changed = round(sum(move.hours for plan in result.schools for move in plan.moves), 4)
    result.training_dollars = sum(t.dollars for plan in result.schools for t in plan.trainings)
    result.hiring_dollars = sum(h.dollars for plan in result.schools for h in plan.hires)
