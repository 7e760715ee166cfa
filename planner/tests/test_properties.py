"""Properties of every plan, checked on random small districts (hypothesis draws the seeds)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planner import plan
from planner.tests.instances import check_plan, random_instance

seeds = st.integers(min_value=0, max_value=10**6)


@settings(max_examples=40, deadline=None)
@given(seed=seeds, schools=st.integers(min_value=1, max_value=3))
def test_every_plan_covers_each_need_within_every_cell_hour_capacity_and_limit(seed, schools):
    inp = random_instance(seed, schools)
    result = plan(inp)
    assert result.status == "optimal", result.problems
    check_plan(inp, result)


@settings(max_examples=40, deadline=None)
@given(seed=seeds)
def test_the_planner_never_frees_fewer_hours_than_the_greedy_baseline(seed):
    result = plan(random_instance(seed, schools=2))
    assert result.hours_freed >= result.greedy_hours_freed - 1e-6


@settings(max_examples=15, deadline=None)
@given(seed=seeds, budget=st.sampled_from([0.0, 300.0, 2_000.0, 50_000.0]))
def test_a_shared_budget_and_hires_are_respected_across_schools(seed, budget):
    inp = random_instance(seed, schools=2, budget=budget, hires=True)
    result = plan(inp)
    assert result.status == "optimal", result.problems
    check_plan(inp, result)
    assert result.hours_freed >= result.greedy_hours_freed - 1e-6


@settings(max_examples=10, deadline=None)
@given(seed=seeds)
def test_the_same_input_gives_the_same_plan(seed):
    first, second = plan(random_instance(seed, 2)).to_dict(), plan(random_instance(seed, 2)).to_dict()
    first.pop("seconds"), second.pop("seconds")
    assert first == second


@settings(max_examples=10, deadline=None)
@given(seed=seeds)
def test_solving_schools_one_by_one_frees_as_many_hours_as_solving_them_together(seed):
    inp = random_instance(seed, schools=3)
    apart, together = plan(inp), plan(inp, decompose=False)
    assert abs(apart.hours_freed - together.hours_freed) < 1e-4
