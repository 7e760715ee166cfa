"""The planner's very same MIP solved with PuLP and CBC, to check HiGHS against a second solver.

For the benchmark and the tests only: the app plans with HiGHS (``planner.solve``) and never imports
this module, and PuLP is a development requirement. ``solve_with_cbc(model, time_limit)`` copies the
:class:`~planner.build.Model` lists one for one — the same columns, bounds, integrality, rows and
objective (minimised, as HiGHS minimises it) — into a PuLP problem, runs the CBC binary that PuLP's
wheel ships, and reads back the objective, the hours freed, the status, the seconds and the gap.

The gap is computed from CBC's best bound with the formula ``planner.solve`` uses for HiGHS, so the
two are comparable: ``|objective - bound| / max(1, |objective|)``. CBC prints its bound in its log
(``Lower bound:``) when it stops before closing the gap; without it, an optimal run's bound is its
objective. Example: objective -20,538,000 and bound -20,540,054 give a gap of 2,054 / 20,538,000
≈ 1e-4, i.e. the plan is within 0.01% of the best possible.
"""

from __future__ import annotations

import math
import re
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import pulp

from planner.build import Model
from planner.solve import OPTIONS


@dataclass
class CbcRun:
    status: str  # optimal | time_limit | no_plan_in_time | infeasible
    objective: float | None
    bound: float | None
    gap: float | None
    hours_freed: float | None
    seconds: float  # building the PuLP problem, writing it out for CBC, solving, reading back
    solver_seconds: float  # CBC's own wall time, from its log (0.0 when it never ran)
    values: list[float] | None


def to_pulp(model: Model, name: str = "shift_planner") -> tuple[pulp.LpProblem, list[pulp.LpVariable]]:
    """The PuLP problem of ``model``: column ``i`` is variable ``x{i}``, row ``j`` constraint ``r{j}``.

    Rows are "<=" or ">=" in the planner (one finite side); a row with both sides finite becomes an
    equality when they are equal and two rows otherwise. A row without terms is left out when it holds
    and raises ``ValueError`` when it cannot (``solve_with_cbc`` reports that as infeasible).
    """
    problem = pulp.LpProblem(name, pulp.LpMinimize)
    columns = [
        problem.add_variable(
            f"x{i}",
            lower if math.isfinite(lower) else None,
            upper if math.isfinite(upper) else None,
            pulp.LpInteger if integer else pulp.LpContinuous,
        )
        for i, (lower, upper, integer) in enumerate(zip(model.lower, model.upper, model.integer, strict=True))
    ]
    problem += pulp.LpAffineExpression([(columns[i], c) for i, c in enumerate(model.cost) if c])
    for j, (index, value) in enumerate(zip(model.row_index, model.row_value, strict=True)):
        lower, upper = model.row_lower[j], model.row_upper[j]
        if not index:
            if lower > 1e-9 or upper < -1e-9:
                raise ValueError(f"row {j} ({model.rows[j].kind}) has no terms and cannot hold")
            continue
        terms = [(columns[i], v) for i, v in zip(index, value, strict=True)]
        if math.isfinite(lower) and lower == upper:
            problem.addConstraint(pulp.LpConstraint(terms, pulp.LpConstraintEQ, rhs=lower), f"r{j}")
            continue
        if math.isfinite(lower):
            problem.addConstraint(pulp.LpConstraint(terms, pulp.LpConstraintGE, rhs=lower), f"r{j}")
        if math.isfinite(upper):
            name = f"r{j}u" if math.isfinite(lower) else f"r{j}"
            problem.addConstraint(pulp.LpConstraint(terms, pulp.LpConstraintLE, rhs=upper), name)
    return problem, columns


def solve_with_cbc(model: Model, time_limit: float, threads: int = 1, start: list[float] | None = None) -> CbcRun:
    """Solve ``model`` with CBC within ``time_limit`` seconds (wall time) on ``threads`` threads.

    CBC stops at the relative gap HiGHS stops at (``planner.solve.OPTIONS``), so both prove the same
    thing. ``start`` (a value per column, e.g. the greedy plan ``planner.solve`` gives HiGHS) is passed
    to CBC as a starting solution.
    """
    started = time.perf_counter()
    try:
        problem, columns = to_pulp(model)
    except ValueError:
        return CbcRun("infeasible", None, None, None, None, time.perf_counter() - started, 0.0, None)
    if start is not None:
        for column, value in zip(columns, start, strict=True):
            column.setInitialValue(value)
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "cbc.log"
        with warnings.catch_warnings():
            # PuLP 3.3 marks its bundled CBC as deprecated (4.0 drops it); the bundled binary is the point.
            warnings.simplefilter("ignore", DeprecationWarning)
            solver = pulp.PULP_CBC_CMD(
                msg=False,
                timeLimit=time_limit,
                gapRel=OPTIONS["mip_rel_gap"],
                threads=threads,
                warmStart=start is not None,
                logPath=str(log),
            )
        problem.solve(solver)
        text = log.read_text()
    found = problem.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible)
    values = _values(model, columns) if found else None
    objective = sum(c * v for c, v in zip(model.cost, values, strict=True)) if values is not None else None
    status = _status(problem)
    bound = _number(text, "Lower bound") if objective is not None else None
    if bound is None and status == "optimal":
        bound = objective
    gap = None
    if objective is not None and bound is not None:
        gap = abs(objective - bound) / max(1.0, abs(objective))
    elif objective is not None:
        gap = _number(text, "Gap")  # CBC's own figure, printed to two decimals only
    freed = None
    if values is not None:
        freed = round(sum(values[column] for school in model.freed for column in school.values()), 4)
    solver_seconds = _number(text, "Time (Wallclock seconds)") or 0.0
    return CbcRun(status, objective, bound, gap, freed, time.perf_counter() - started, solver_seconds, values)


def _values(model: Model, columns: list[pulp.LpVariable]) -> list[float]:
    """Column values; a column in no row and not in the objective is left at its bound nearest 0."""
    values = []
    for column, lower, upper in zip(columns, model.lower, model.upper, strict=True):
        value = column.varValue
        values.append(float(value) if value is not None else min(max(0.0, lower), upper))
    return values


def _status(problem: pulp.LpProblem) -> str:
    """``planner.solve``'s words for PuLP's reading of CBC's solution file."""
    if problem.sol_status == pulp.LpSolutionOptimal:
        return "optimal"
    if problem.sol_status == pulp.LpSolutionIntegerFeasible:  # "Stopped on time - objective value …"
        return "time_limit"
    if problem.status == pulp.LpStatusInfeasible:  # "Infeasible" or "Integer infeasible"
        return "infeasible"
    return "no_plan_in_time"


def _number(log: str, label: str) -> float | None:
    """The last figure CBC printed after ``label:`` in its closing summary."""
    found = re.findall(rf"^{re.escape(label)}:\s*(-?[0-9.eE+-]+)", log, flags=re.MULTILINE)
    return float(found[-1]) if found else None
