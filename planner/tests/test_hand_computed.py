"""Tiny instances whose optimal plans are worked out by hand (see docs/planner.md)."""

from __future__ import annotations

import pytest

from planner import Move, SchoolInput, Training, plan
from planner.tests.instances import (
    ADMIN,
    CLASSROOM,
    COUNSELOR,
    FAMILY,
    NO,
    PARA,
    TEACHER,
    TESTING,
    TIER2,
    TRAINING,
    YES,
    lincoln,
)


def only_school(result):
    assert result.status == "optimal", result.problems
    (school,) = result.schools
    return school


def test_the_worked_example_moves_six_hours_of_family_engagement_to_para_professionals():
    # Para-professionals can take on 5 h/week per FTE: 1.2 FTE -> 6 h. Family engagement needs no training,
    # so 6 of its 10 counselor hours move and the counselor spends them on Tier 2/3 counseling.
    result = plan(lincoln())
    school = only_school(result)
    assert school.moves == [Move(FAMILY, COUNSELOR, PARA, 6.0, None)]
    assert school.freed == {COUNSELOR: 6.0}
    assert school.after[COUNSELOR, TIER2] == 26.0
    assert school.after[COUNSELOR, FAMILY] == 4.0
    assert school.trainings == [] and school.hires == []
    assert result.hours_freed == 6.0 and result.greedy_hours_freed == 6.0
    assert result.gap == pytest.approx(0.0, abs=1e-6)
    assert (
        "Move 6 h/week of Proactive family engagement from school counselors to para-professionals "
        "at Lincoln Elementary (no training needed)." in school.sentences
    )


def test_the_binding_receiving_capacity_is_explained_from_its_dual_value():
    # One more hour of para capacity moves one more hour: +1000 for the freed hour, -3 for the three
    # changed cells (counselor family -1, para family +1, counselor Tier 2/3 +1) -> 997 / 1000.
    result = plan(lincoln())
    receiving = result.binding
    assert [limit.kind for limit in receiving] == ["receiving capacity"]
    assert receiving[0].role == PARA and receiving[0].value == 6.0
    assert receiving[0].hours_per_unit == pytest.approx(0.997)
    assert receiving[0].sentence == (
        "One more para-professional hour a week of new work at Lincoln Elementary frees about 1 more "
        "school counselor hour a week (the para-professionals there can take on 6 h/week now)."
    )


def test_a_no_cell_blocks_the_move_and_the_hours_go_to_the_next_able_role():
    capability = dict(lincoln().capability)
    capability[PARA, FAMILY] = NO
    del capability[PARA, TESTING]
    capability[TEACHER, FAMILY] = capability[TEACHER, CLASSROOM] = YES
    inp = lincoln(capability=capability)
    inp.schools[0].fte[TEACHER] = 2.0  # teachers take on 1 h/week per FTE
    inp.schools[0].current[TEACHER, CLASSROOM] = 30
    school = only_school(plan(inp))
    assert school.moves == [Move(FAMILY, COUNSELOR, TEACHER, 2.0, None)]
    assert (PARA, FAMILY) not in school.after
    assert school.freed == {COUNSELOR: 2.0}


def _testing_only(**changes):
    """The counselor's only shiftable task is testing coordination, which para-professionals need training for."""
    inp = lincoln(receiving_capacity={PARA: 10.0, ADMIN: 10.0}, **changes)
    school = inp.schools[0]
    school.fte = {COUNSELOR: 1.0, PARA: 1.0}
    school.current = {(COUNSELOR, TIER2): 30, (COUNSELOR, TESTING): 10, (PARA, CLASSROOM): 30}
    return inp


def test_a_training_is_planned_when_it_is_the_only_way_to_free_hours():
    school = only_school(plan(_testing_only()))
    assert school.moves == [Move(TESTING, COUNSELOR, PARA, 10.0, "testing coordination training")]
    assert [(t.training, t.role, t.people, t.dollars) for t in school.trainings] == [
        ("testing coordination training", PARA, 1, 300)
    ]
    assert school.freed == {COUNSELOR: 10.0}


def test_no_training_is_bought_when_an_able_role_can_take_the_hours_for_free():
    inp = _testing_only()
    inp.capability[ADMIN, TESTING] = inp.capability[ADMIN, CLASSROOM] = YES
    inp.schools[0].fte[ADMIN] = 1.0
    inp.schools[0].current[ADMIN, CLASSROOM] = 20
    school = only_school(plan(inp))
    assert school.moves == [Move(TESTING, COUNSELOR, ADMIN, 10.0, None)]
    assert school.trainings == []
    assert school.freed == {COUNSELOR: 10.0}


def test_a_training_beyond_the_budget_is_not_planned_and_the_budget_is_named_as_binding():
    result = plan(_testing_only(budget=100.0))
    school = only_school(result)
    assert school.trainings == [] and school.moves == []
    assert school.freed == {COUNSELOR: 0.0}
    assert result.greedy_hours_freed == 0.0


def test_a_training_is_not_planned_where_the_role_already_does_the_task():
    inp = _testing_only()
    inp.schools[0].current[PARA, TESTING] = 1
    inp.schools[0].current[PARA, CLASSROOM] = 29
    school = only_school(plan(inp))
    assert school.trainings == []
    assert school.freed == {COUNSELOR: 10.0}


def test_hires_come_in_tenths_of_an_fte():
    # No para on staff; a hire's hours are all new work: 0.1 FTE = 4 h/week, so 6 hours need 0.2 FTE.
    inp = lincoln(hire_cost={PARA: 50_000.0})
    inp.schools[0] = SchoolInput(
        "Lincoln Elementary",
        fte={COUNSELOR: 1.0},
        current={(COUNSELOR, TIER2): 20, (COUNSELOR, FAMILY): 10, (COUNSELOR, TESTING): 10},
        priority_need={COUNSELOR: 6},
    )
    result = plan(inp)
    school = only_school(result)
    assert [(h.role, h.fte, h.dollars) for h in school.hires] == [(PARA, 0.2, 10_000.0)]
    assert school.freed == {COUNSELOR: 6.0}
    assert "Hire 0.2 FTE para-professional at Lincoln Elementary ($10,000)." in school.sentences

    inp.budget = 5_000.0
    school = only_school(plan(inp))
    assert [(h.role, h.fte) for h in school.hires] == [(PARA, 0.1)]
    assert school.freed == {COUNSELOR: 4.0}


def test_freed_hours_beyond_the_priority_need_count_for_nothing():
    inp = lincoln()
    inp.schools[0].priority_need = {COUNSELOR: 2}
    school = only_school(plan(inp))
    assert school.freed == {COUNSELOR: 2.0}
    assert school.moves == [Move(FAMILY, COUNSELOR, PARA, 2.0, None)]


def test_an_agreed_limit_on_a_category_caps_what_a_role_takes_on():
    capability = dict(lincoln().capability)
    del capability[PARA, TESTING]  # missing = No
    inp = lincoln(capability=capability, limits={(PARA, "Other student and family care provision tasks"): 2.5})
    # 2.5 h/week per FTE * 1.2 FTE = 3 h/week, below the receiving capacity of 6
    result = plan(inp)
    school = only_school(result)
    assert school.freed == {COUNSELOR: 3.0}
    (limit,) = [b for b in result.binding if b.kind == "agreed limit"]
    assert limit.value == pytest.approx(3.0)
    assert "agreed limit on Other student and family care provision tasks for para-professionals" in limit.sentence


def test_the_training_cost_counts_each_person_of_the_role_at_the_school():
    inp = _testing_only(trainings={(PARA, TESTING): Training("testing coordination training", 6, 300)})
    inp.schools[0].headcount = {PARA: 3}
    (training,) = only_school(plan(inp)).trainings
    assert (training.people, training.dollars) == (3, 900)
    assert TRAINING  # the cell stays "with training" in the matrix


def test_a_free_training_for_a_task_nobody_takes_on_is_not_listed():
    # Testing coordination training costs nothing, so the solver may switch it on at no cost; but the
    # para-professionals' 6 h go to family engagement (no training needed), so no training is needed.
    result = plan(lincoln(trainings={(PARA, TESTING): Training("free testing training", 6, 0)}))
    school = only_school(result)
    assert school.moves == [Move(FAMILY, COUNSELOR, PARA, 6.0, None)]
    assert school.trainings == []
    assert not any(sentence.startswith("Train ") for sentence in school.sentences)
