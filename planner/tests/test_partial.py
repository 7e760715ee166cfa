"""A district where some schools cannot meet their needs and limits: the other schools keep their plans."""

from __future__ import annotations

import json
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from planner import SchoolInput, plan
from planner.tests.instances import check_plan, lincoln, random_instance

CRISIS = "Bus safety patrol"
#: What the planner says about Washington Middle (below): nobody there may do crisis response.
WASHINGTON_PROBLEM = (
    "At Washington Middle, 5 h/week of Bus safety patrol cannot be done by anyone able to do it: no role there "
    "is marked Yes or With training for it (school counselors, para-professionals: No)."
)


def washington() -> SchoolInput:
    """Lincoln Elementary's twin, which also needs 5 h/week of crisis response that no role there may do.

    The greedy baseline alone would free 6 h there, as at Lincoln: a figure that must not be counted.
    """
    school = lincoln().schools[0]
    return replace(school, name="Washington Middle", need={CRISIS: 5.0})


def district(budget: float | None = None, broken_at: int = 1):
    """Lincoln Elementary, Adams Elementary (Lincoln with one more para FTE) and Washington Middle at ``broken_at``."""
    inp = lincoln(budget=budget)
    inp.task_category[CRISIS] = "Non-counseling duties"
    lincoln_school = inp.schools[0]
    adams = replace(lincoln_school, name="Adams Elementary", fte={**lincoln_school.fte, "para-professional": 2.2})
    inp.schools = [lincoln_school, adams]
    inp.schools.insert(broken_at, washington())
    return inp


def without_washington(inp):
    return replace(inp, schools=[school for school in inp.schools if school.name != "Washington Middle"])


def same_plans(result, reference) -> None:
    """The plans and figures of ``result`` are those of ``reference``, the district without the infeasible school."""
    ours, theirs = result.to_dict(), reference.to_dict()
    for data in (ours, theirs):
        for key in ("status", "label", "problems", "infeasible_schools", "schools_total", "seconds"):
            data.pop(key)
    assert ours == theirs


def test_an_infeasible_school_leaves_the_other_schools_their_plans_and_is_named_with_the_reason():
    inp = district()
    result = plan(inp)
    assert result.status == "partial" and result.has_plan
    assert result.label == ("Plans for 2 of 3 schools; 1 school cannot meet its needs and limits: Washington Middle.")
    assert [school.name for school in result.schools] == ["Lincoln Elementary", "Adams Elementary"]
    assert result.infeasible_schools == ["Washington Middle"] and result.schools_total == 3
    assert result.problems == [WASHINGTON_PROBLEM]
    check_plan(inp, result)
    # Lincoln frees 6 h (its paras take 6 h of new work), Adams 10 h (its counselor's whole family engagement);
    # greedy finds the same at both, and its 6 h at Washington Middle are left out like the school.
    assert result.hours_freed == 16.0 and result.greedy_hours_freed == 16.0
    same_plans(result, plan(without_washington(inp)))


def test_with_a_shared_budget_the_infeasible_school_is_left_out_of_the_one_program():
    inp = district(budget=150.0, broken_at=0)
    result = plan(inp)
    assert result.status == "partial" and result.has_plan
    assert result.infeasible_schools == ["Washington Middle"]
    assert result.problems == [WASHINGTON_PROBLEM]
    assert [school.name for school in result.schools] == ["Lincoln Elementary", "Adams Elementary"]
    check_plan(inp, result)
    reference = plan(without_washington(inp))
    assert reference.status == "optimal"
    same_plans(result, reference)  # the same program: same plans, model size, gap and binding limits
    apart = plan(without_washington(replace(inp, budget=None)))
    assert result.constraints == apart.constraints + 1  # one program: the two schools' rows and the budget's


def test_solving_the_district_as_one_program_leaves_the_infeasible_school_out_too():
    inp = district()
    together = plan(inp, decompose=False)
    assert together.status == "partial" and together.infeasible_schools == ["Washington Middle"]
    assert together.hours_freed == plan(inp).hours_freed


def test_when_every_school_is_infeasible_there_is_no_plan():
    inp = district(budget=1_000.0)
    inp.schools = [washington(), replace(washington(), name="Jefferson High")]
    for result in (plan(inp), plan(replace(inp, budget=None))):
        assert result.status == "infeasible" and not result.has_plan and result.schools == []
        assert result.infeasible_schools == ["Washington Middle", "Jefferson High"]
        assert result.label.startswith("No plan meets every need and limit: At Washington Middle, 5 h/week")
        assert result.greedy_hours_freed == 0


def test_a_partial_result_turns_into_json_with_the_schools_counted_and_named():
    data = json.loads(json.dumps(plan(district()).to_dict()))
    assert data["status"] == "partial" and data["has_plan"] is True
    assert data["schools_total"] == 3 and len(data["schools"]) == 2
    assert data["infeasible_schools"] == ["Washington Middle"]


def test_the_label_names_the_first_five_schools_and_counts_the_rest():
    inp = district()
    inp.schools += [replace(washington(), name=f"Washington Middle No. {n}") for n in range(2, 8)]
    result = plan(inp)
    assert result.status == "partial"
    assert result.label == (
        "Plans for 2 of 9 schools; 7 schools cannot meet their needs and limits: Washington Middle, "
        "Washington Middle No. 2, Washington Middle No. 3, Washington Middle No. 4, Washington Middle No. 5 "
        "and 2 more."
    )
    assert len(result.problems) == 7


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**6),
    position=st.integers(min_value=0, max_value=2),
    budget=st.sampled_from([None, 0.0, 2_000.0, 50_000.0]),
)
def test_an_infeasible_school_changes_nothing_in_the_other_schools_plans(seed, position, budget):
    feasible = random_instance(seed, schools=2, budget=budget, hires=True)
    inp = replace(feasible, schools=list(feasible.schools))
    broken = replace(inp.schools[0], name="Washington Middle", need={CRISIS: 5.0})
    inp.schools.insert(position, broken)
    inp.task_category = {**inp.task_category, CRISIS: "Non-counseling duties"}
    result = plan(inp)
    assert result.status == "partial", result.problems
    assert result.infeasible_schools == ["Washington Middle"]
    assert all(problem.startswith("At Washington Middle,") for problem in result.problems)
    check_plan(inp, result)
    assert result.hours_freed >= result.greedy_hours_freed - 1e-6
    same_plans(result, plan(replace(feasible, task_category=inp.task_category)))
