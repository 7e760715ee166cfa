"""The shift planner's adapter: the numbers it reads from the database, and where they came from."""

from __future__ import annotations

import pytest

from roles.models import PlannerRun
from roles.planning.adapter import build_input
from roles.planning.runs import input_from, snapshot, start_run, whole_result
from roles.tests.planner_setup import NON_COUNSELING, tiny_district


@pytest.fixture
def tiny(personas):
    tiny_district(personas)
    return personas


def test_the_input_holds_fte_and_current_hours_from_the_reflection(tiny):
    adapted = build_input(tiny.district)
    adams = next(s for s in adapted.inp.schools if s.name == "Adams Elementary")
    assert adams.fte["para-professional"] == pytest.approx(1.2)
    assert adams.fte["school counselor"] == pytest.approx(1.0)
    assert adams.current[("school counselor", NON_COUNSELING)] == pytest.approx(10)
    assert adams.current[("school counselor", "Scheduled Tier 2 support provision")] == pytest.approx(10)
    assert adapted.sources["Adams Elementary"]["school counselor"] == "reflections (1 person)"
    assert "no reflection or estimate" in adapted.sources["Adams Elementary"]["para-professional"]


def test_a_school_without_reflections_gets_the_district_average_of_the_role(tiny):
    adapted = build_input(tiny.district)
    brook = next(s for s in adapted.inp.schools if s.name == "Brook Middle")
    assert brook.current[("school counselor", NON_COUNSELING)] == pytest.approx(10)
    assert adapted.sources["Brook Middle"]["school counselor"].startswith("district average of 1 reflection (1 person)")


def test_constrained_roles_capabilities_and_default_capacities_come_through(tiny):
    inp = build_input(tiny.district).inp
    assert inp.constrained["school counselor"] == {
        "Scheduled Tier 2 support provision",
        "Scheduled Tier 3 support provision",
    }
    assert inp.capability[("para-professional", NON_COUNSELING)] == "yes"
    assert inp.receiving_capacity["para-professional"] == 5
    assert inp.receiving_capacity["teacher"] == 1
    assert inp.hire_cost == {}


def test_one_school_only_holds_that_school(tiny):
    inp = build_input(tiny.district, tiny.school_a).inp
    assert [s.name for s in inp.schools] == ["Adams Elementary"]


def test_the_snapshot_gives_back_the_same_input(tiny):
    adapted = build_input(tiny.district)
    again = input_from(snapshot(adapted))
    assert again.schools[0].current == adapted.inp.schools[0].current
    assert again.capability == adapted.inp.capability
    assert again.constrained == adapted.inp.constrained


def test_a_run_through_the_worker_stores_the_hand_computed_plan(tiny, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(tiny.district, tiny.school_a, by=tiny.admin)
    run.refresh_from_db()
    assert run.status == PlannerRun.Status.DONE
    assert run.summary["status"] == "optimal"
    assert run.summary["hours_freed"] == pytest.approx(6)
    # The school's part of the result is its own row; the run keeps the rest and puts them back together.
    assert "schools" not in run.result and "schools" not in run.inputs
    adams = run.schools.get()
    assert (adams.name, adams.position, adams.plan_position, adams.changes) == ("Adams Elementary", 0, 0, True)
    assert adams.inputs["name"] == "Adams Elementary"
    assert whole_result(run)["schools"][0]["moves"] == adams.moves
    sentence = whole_result(run)["schools"][0]["sentences"][0]
    assert sentence.startswith("Move 6 h/week of Non-counseling duties")
    assert "from school counselors to para-professionals at Adams Elementary (no training needed)" in sentence


def test_the_demo_builder_leaves_one_finished_run_for_lakeview_only(tiny):
    import random

    from roles.demo import solve_demo_planner_run
    from tests import factories

    lakeview = factories.make_district("Lakeview Unified", slug="lakeview")
    solve_demo_planner_run(tiny.district, random.Random(1))
    solve_demo_planner_run(lakeview, random.Random(1))
    solve_demo_planner_run(lakeview, random.Random(1))
    assert not PlannerRun.objects.filter(district=tiny.district).exists()
    run = PlannerRun.objects.get(district=lakeview)
    assert run.status == PlannerRun.Status.DONE
    assert run.summary["has_plan"]
