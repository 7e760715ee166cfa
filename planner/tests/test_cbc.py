"""The same MIP solved by CBC (through PuLP) and by HiGHS: a cross-check of the model builder.

If ``planner.cbc`` copied a bound, a row's sense or the objective wrongly, CBC would answer another
question than HiGHS and the objectives below would part; each CBC plan is also checked against the
model's own lists, independently of either solver.
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from planner.bench import compare
from planner.build import Model, build
from planner.cbc import solve_with_cbc, to_pulp
from planner.greedy import greedy_school
from planner.solve import _solve, _start
from planner.tests.instances import COUNSELOR, PARA, TESTING, lincoln, random_instance

ROOT = Path(__file__).resolve().parents[2]
INSTANCES = [
    pytest.param({"seed": 0, "schools": 1}, id="one school"),
    pytest.param({"seed": 11, "schools": 2}, id="two schools"),
    pytest.param({"seed": 23, "schools": 3}, id="three schools"),
    pytest.param({"seed": 5, "schools": 3, "budget": 2_000.0, "hires": True}, id="shared budget and hires"),
    pytest.param({"seed": 42, "schools": 2, "budget": 50_000.0, "hires": True}, id="larger budget and hires"),
]


def assert_within_model(model: Model, values: list[float], tolerance: float = 1e-6) -> None:
    """Every column within its bounds (integers whole) and every row within its bounds."""
    for column, value in enumerate(values):
        assert model.lower[column] - tolerance <= value <= model.upper[column] + tolerance, column
        if model.integer[column]:
            assert abs(value - round(value)) <= tolerance, column
    for row, (index, coefficients) in enumerate(zip(model.row_index, model.row_value, strict=True)):
        activity = sum(values[i] * a for i, a in zip(index, coefficients, strict=True))
        assert model.row_lower[row] - tolerance <= activity <= model.row_upper[row] + tolerance, model.rows[row]


@pytest.mark.parametrize("instance", INSTANCES)
def test_cbc_and_highs_reach_the_same_objective_and_free_the_same_hours(instance):
    inp = random_instance(**instance)
    model = build(inp)
    highs = _solve(model, 60.0)
    cbc = solve_with_cbc(model, 60.0)

    assert highs.status == cbc.status == "optimal"
    assert cbc.objective == pytest.approx(highs.objective, rel=1e-5, abs=1e-6)
    assert cbc.values is not None and highs.values is not None
    assert_within_model(model, cbc.values)
    highs_freed = sum(highs.values[column] for school in model.freed for column in school.values())
    assert cbc.hours_freed == pytest.approx(highs_freed, abs=1e-3)
    assert cbc.hours_freed > 0  # the instances do free hours: an empty plan would not be a cross-check
    assert cbc.gap is not None and cbc.gap <= 1e-5


def test_cbc_starts_from_the_greedy_plan_and_keeps_at_least_its_hours_when_the_time_runs_out():
    inp = random_instance(7, schools=200, budget=30_000.0, hires=True)
    model = build(inp)
    greedy = [greedy_school(inp, school) for school in inp.schools]
    greedy_freed = sum(sum(freed.values()) for freed, _after in greedy)
    cbc = solve_with_cbc(model, 0.01, start=_start(model, greedy))

    assert cbc.status == "time_limit"
    assert cbc.values is not None and cbc.hours_freed is not None
    assert_within_model(model, cbc.values)
    assert cbc.hours_freed >= greedy_freed - 1e-6
    assert cbc.gap is not None and cbc.gap > 0 and cbc.bound is not None and cbc.bound < cbc.objective


def test_an_infeasible_model_is_reported_as_infeasible_by_cbc_as_by_highs():
    capability = dict(lincoln().capability)
    del capability[PARA, TESTING]
    model = build(lincoln(capability=capability, limits={(COUNSELOR, "Non-counseling duties"): 4.0}))
    assert _solve(model, 10.0).status == "infeasible"

    cbc = solve_with_cbc(model, 10.0)
    assert cbc.status == "infeasible"
    assert cbc.values is None and cbc.hours_freed is None and cbc.gap is None


def test_a_need_nobody_can_do_is_infeasible_without_running_cbc():
    inp = lincoln()
    inp.schools[0].need["Crisis response"] = 5
    inp.task_category["Crisis response"] = "Non-scheduled student mental health support"
    model = build(inp)
    assert [kind for kind, index in zip(model.rows, model.row_index, strict=True) if not index][0].key == (
        "Crisis response"
    )
    with pytest.raises(ValueError, match="no terms"):
        to_pulp(model)
    assert solve_with_cbc(model, 10.0).status == "infeasible"


def test_the_pulp_problem_has_the_models_columns_and_rows():
    model = build(random_instance(3, schools=2, budget=1_000.0, hires=True))
    problem, columns = to_pulp(model)
    assert len(columns) == len(model.lower) and problem.numConstraints() == len(model.rows)
    for column, lower, upper, integer in zip(columns, model.lower, model.upper, model.integer, strict=True):
        assert column.lowBound == (lower if math.isfinite(lower) else None)
        assert column.upBound == (upper if math.isfinite(upper) else None)
        assert column.cat == ("Integer" if integer else "Continuous")


def test_the_benchmark_sets_highs_beside_greedy_and_cbc():
    figures = compare(3, time_limit=10, cbc_time_limit=30)
    assert figures["status"] == figures["cbc_status"] == "optimal" and figures["cbc_result"] == "optimal"
    assert figures["hours_freed"] == pytest.approx(figures["cbc_hours_freed"], abs=1e-3)
    assert figures["ratio_to_cbc"] == pytest.approx(1.0, abs=1e-4)
    assert figures["hours_freed"] >= figures["greedy_hours_freed"]
    assert figures["cbc_seconds"] > 0 and figures["seconds_ratio_to_cbc"] > 0 and figures["cbc_gap"] <= 1e-5


def test_the_planner_never_imports_pulp():
    code = (
        "import sys, planner, planner.bench, planner.build, planner.explain, planner.greedy, planner.solve; "
        "print('pulp' in sys.modules)"
    )
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "False"
