"""Time limits, JSON output, and the planner's independence from Django."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from planner import plan
from planner.bench import run
from planner.tests.instances import check_plan, lincoln, random_instance

ROOT = Path(__file__).resolve().parents[2]


def test_a_tiny_time_limit_returns_a_labelled_best_plan_or_says_none_was_found():
    inp = random_instance(7, schools=200, budget=30_000.0, hires=True)
    inp.time_limit = 0.05
    result = plan(inp)
    assert result.status in ("time_limit", "no_plan_in_time", "optimal")
    if result.status == "time_limit":
        assert result.label.startswith("Best plan found before the time limit")
        check_plan(inp, result)
        assert result.hours_freed >= result.greedy_hours_freed - 1e-6  # the greedy plan is the starting point
    elif result.status == "no_plan_in_time":
        assert result.label == "No plan was found within the time limit." and result.schools == []
    assert result.variables > 10_000 and result.constraints > 5_000

    inp.time_limit = 0.6
    result = plan(inp)
    assert result.status in ("time_limit", "optimal")
    check_plan(inp, result)


def test_the_result_turns_into_json_with_the_figures_the_command_line_prints():
    data = json.loads(json.dumps(plan(lincoln()).to_dict()))
    assert data["status"] == "optimal" and data["has_plan"] is True
    assert data["hours_freed"] == 6.0 and data["greedy_hours_freed"] == 6.0
    assert data["schools"][0]["after"]["school counselor|Tier 2/3 counseling"] == 26.0
    assert {"gap", "seconds", "variables", "constraints", "binding", "problems"} <= data.keys()


def test_the_benchmark_reports_the_model_and_the_greedy_baseline_side_by_side():
    figures = run(schools=3, time_limit=10)
    assert figures["status"] == "optimal" and figures["gap"] < 1e-4
    assert figures["hours_freed"] >= figures["greedy_hours_freed"]
    assert figures["variables"] > 0 and figures["constraints"] > 0


def test_the_planner_imports_no_django():
    code = (
        "import sys, planner, planner.bench, planner.explain, planner.greedy, planner.solve; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert output.stdout.strip() == "[]"
