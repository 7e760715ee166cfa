"""Solve the shift planner's MIP with HiGHS, read the plan back, and price the binding limits.

``plan(inp)`` never raises on bad or contradictory inputs: the result's ``status`` and ``problems``
say what went wrong, in sentences naming the school, task and role.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass, replace

import highspy
import numpy as np

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
    """Plan the shifts for every school of ``inp`` that can have a plan.

    Schools share nothing but the budget, so without a budget each school is solved on its own
    (``decompose``), which is far faster for a large district and gives the same plan. A school
    whose needs and limits contradict each other does not sink the others: it is left out, named in
    ``infeasible_schools`` and explained in ``problems``, and the result is ``partial``. When the
    district is one MIP (a shared budget, or ``decompose=False``), each school is first checked
    alone without the budget, and the schools that fail are left out of the MIP.
    """
    started = time.perf_counter()
    problems = validate(inp)
    if problems:
        return PlanResult("invalid", "The inputs are not usable.", problems=problems, schools_total=len(inp.schools))
    result = PlanResult("optimal", "Optimal plan.", schools_total=len(inp.schools))
    if decompose and inp.budget is None:
        groups = [[school] for school in inp.schools]
    else:
        feasible = _leave_out_infeasible(inp, result) if len(inp.schools) > 1 else inp.schools
        groups = [feasible] if feasible else []
    deadline = started + inp.time_limit
    objective = bound = 0.0
    statuses = []
    greedy = {school.name: greedy_school(inp, school) for school in inp.schools}
    for group in groups:
        model = build(inp, group)
        start = _start(model, [greedy[school.name] for school in group])
        run = _solve(model, max(deadline - time.perf_counter(), 0.01), start)
        statuses.append(run.status)
        if run.status == "infeasible":
            result.problems += explain.infeasibility(inp, group, model, _elastic(model))
            if len(group) == 1:
                result.infeasible_schools.append(group[0].name)
            continue
        result.variables += len(model.lower)  # the size of the programs that can give plans
        result.constraints += len(model.rows)
        if run.values is None:
            continue
        objective += run.objective
        bound += run.bound
        result.schools += _read_plan(inp, group, model, run.values)
        result.binding += explain.binding_limits(inp, model, _duals(model, run.values))
    result.seconds = time.perf_counter() - started
    left_out = set(result.infeasible_schools)
    result.greedy_hours_freed = round(
        sum(sum(freed.values()) for name, (freed, _after) in greedy.items() if name not in left_out), 4
    )
    gap = abs(objective - bound) / max(1.0, abs(objective))
    result.gap = gap if result.schools and math.isfinite(gap) else None
    result.binding.sort(key=lambda limit: -limit.hours_per_unit)
    _settle_status(result, statuses)
    _totals(result)
    return result


def _leave_out_infeasible(inp: PlannerInput, result: PlanResult) -> list[SchoolInput]:
    """The schools that have a plan on their own without the budget; the others go to ``result``'s problems.

    Without the budget a school's MIP is feasible exactly when its linear relaxation is (rounding a
    fractional training or tenth of a hire up only adds room), so one quick LP per school decides.
    """
    alone = replace(inp, budget=None)
    feasible = []
    for school in inp.schools:
        model = build(alone, [school])
        if _relaxation_feasible(model):
            feasible.append(school)
        else:
            result.problems += explain.infeasibility(inp, [school], model, _elastic(model))
            result.infeasible_schools.append(school.name)
    return feasible


def _relaxation_feasible(model: Model) -> bool:
    lp = model.to_highs(relax=True)
    lp.col_cost_ = np.zeros(len(model.lower))
    highs = _highs(60.0)
    highs.passModel(lp)
    highs.run()
    return highs.getModelStatus() == highspy.HighsModelStatus.kOptimal


def _settle_status(result: PlanResult, statuses: list[str]) -> None:
    """The result's status and label from each solve's status and the schools left out as infeasible.

    E.g. 1,800 schools of which one is infeasible, the others solved to optimality: ``partial``,
    "Plans for 1,799 of 1,800 schools; 1 school cannot meet its needs and limits: Stonebridge Elementary."
    """
    left_out = result.infeasible_schools
    if "no_plan_in_time" in statuses:
        result.status, result.label = "no_plan_in_time", "No plan was found within the time limit."
        result.schools = []
        if left_out:
            result.label += " " + _cannot(left_out)
    elif "infeasible" in statuses or left_out:
        if not result.schools:
            result.status = "infeasible"
            result.label = "No plan meets every need and limit: " + " ".join(result.problems)
        else:
            result.status = "partial"
            planned = f"Plans for {len(result.schools):,} of {result.schools_total:,} schools"
            if "time_limit" in statuses:
                planned += f" (the best found before the time limit, {_distance(result.gap)} from the best possible)"
            result.label = f"{planned}; {_cannot(left_out)}"
    elif "time_limit" in statuses:
        result.status = "time_limit"
        result.label = f"Best plan found before the time limit ({_distance(result.gap)} from the best possible)."


def _distance(gap: float | None) -> str:
    return "not yet known how far" if gap is None else f"{gap:.2%}"


#: Schools named in a partial result's label; the others are in its ``problems``.
NAMED_IN_LABEL = 5


def _cannot(names: list[str]) -> str:
    """ "1 school cannot meet its needs and limits: Stonebridge Elementary." (the first few named)."""
    count = len(names)
    who = ", ".join(names[:NAMED_IN_LABEL])
    if count > NAMED_IN_LABEL:
        who += f" and {count - NAMED_IN_LABEL:,} more"
    if count == 1:
        return f"1 school cannot meet its needs and limits: {who}."
    return f"{count:,} schools cannot meet their needs and limits: {who}."


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
        # A training counts only where its cell takes on hours: a free training the solver switched on for
        # a cell that receives nothing is not needed (it would list trainings for moves nobody makes).
        trained = {
            cell
            for cell, column in model.trained[index].items()
            if values[column] > 0.5 and cell in model.cells[index] and values[model.cells[index][cell][0]] > EPS
        }
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
