"""Contradictory or malformed inputs come back as sentences naming the school, task and role."""

from __future__ import annotations

from planner import Capability, SchoolInput, Weights, plan
from planner.tests.instances import COUNSELOR, FAMILY, PARA, TESTING, lincoln


def test_demand_no_role_can_do_is_explained_with_the_school_the_task_and_the_roles():
    inp = lincoln()
    inp.schools[0].need["Crisis response"] = 5
    inp.task_category["Crisis response"] = "Non-scheduled student mental health support"
    result = plan(inp)
    assert result.status == "infeasible" and not result.has_plan
    (problem,) = result.problems
    assert problem == (
        "At Lincoln Elementary, 5 h/week of Crisis response cannot be done by anyone able to do it: no role there "
        "is marked Yes or With training for it (school counselors, para-professionals: No)."
    )
    assert problem in result.label


def test_a_limit_below_current_obligations_is_explained_with_the_school_the_task_and_the_role():
    capability = dict(lincoln().capability)
    del capability[PARA, TESTING]
    result = plan(lincoln(capability=capability, limits={(COUNSELOR, "Non-counseling duties"): 4.0}))
    assert result.status == "infeasible"
    (problem,) = result.problems
    assert problem == (
        "At Lincoln Elementary, school counselors do 10 h/week of Non-counseling duties (Testing coordination) "
        "but the agreed limit allows 4 h/week, and no other role can take the other 6 h/week of Testing coordination."
    )


def test_hours_on_a_no_cell_with_nowhere_to_go_are_explained():
    inp = lincoln()
    inp.capability[COUNSELOR, TESTING] = Capability.NO
    del inp.capability[PARA, TESTING]
    result = plan(inp)
    assert result.status == "infeasible"
    assert "school counselors do it now but are marked No" in result.problems[0]
    assert "Testing coordination" in result.problems[0] and "Lincoln Elementary" in result.problems[0]


def test_malformed_inputs_are_reported_not_raised():
    inp = lincoln(time_limit=0, weights=Weights(freed=0))
    inp.schools[0].current[COUNSELOR, TESTING] = -3
    inp.schools.append(SchoolInput("Lincoln Elementary", fte={}, current={}))
    result = plan(inp)
    assert result.status == "invalid"
    assert result.problems == [
        "The school name Lincoln Elementary appears more than once.",
        "At Lincoln Elementary, school counselor has negative hours (-3) of Testing coordination.",
        "The weight of a freed hour must be positive, and no weight negative.",
        "The time limit must be positive.",
    ]


def test_a_district_without_schools_gets_an_empty_plan():
    result = plan(lincoln(schools=[]))
    assert result.status == "optimal" and result.schools == [] and result.hours_freed == 0


NURSE = "school nurse"


def test_hours_on_tasks_marked_no_with_too_little_room_name_the_barred_role_not_a_receiver():
    """A nurse does 12 h of Testing coordination (No for nurses) and 2 h of Family engagement (No too).

    Para-professionals (1.2 FTE, 5 h/week of new work each: 6 h) may take both; the counselor, Yes for
    both, takes on no new work (capacity 0). So 14 h must move and there is room for about 6.
    """
    inp = lincoln()
    school = inp.schools[0]
    school.fte[NURSE] = 1.0
    school.current[NURSE, TESTING] = 12
    school.current[NURSE, FAMILY] = 2
    inp.capability[PARA, TESTING] = Capability.YES
    inp.receiving_capacity = {PARA: 5.0}
    result = plan(inp)
    assert result.status == "infeasible"
    assert result.problems == [
        "At Lincoln Elementary, school nurses do 14 h/week of tasks marked No for them (Testing coordination: "
        "12 h; Proactive family engagement: 2 h), and the roles that may take them (para-professionals) have "
        "room for about 6 h/week."
    ]


def test_barred_hours_the_receivers_have_room_for_are_not_blamed_for_another_cause():
    inp = lincoln(limits={(COUNSELOR, "Non-counseling duties"): 4.0})
    del inp.capability[PARA, TESTING]
    school = inp.schools[0]
    school.fte[NURSE] = 1.0
    school.current[NURSE, FAMILY] = 2  # para-professionals have room for 6 h
    inp.receiving_capacity = {PARA: 5.0}
    result = plan(inp)
    assert result.status == "infeasible"
    (problem,) = result.problems
    assert problem.startswith("At Lincoln Elementary, school counselors do 10 h/week of Non-counseling duties")


def test_a_limit_below_current_obligations_keeps_its_own_sentence_beside_the_barred_hours():
    inp = lincoln(limits={(COUNSELOR, "Non-counseling duties"): 4.0})
    del inp.capability[PARA, TESTING]
    school = inp.schools[0]
    school.fte[NURSE] = 1.0
    school.current[NURSE, FAMILY] = 12
    inp.receiving_capacity = {PARA: 5.0}
    result = plan(inp)
    assert result.status == "infeasible"
    assert result.problems[0].startswith("At Lincoln Elementary, school nurses do 12 h/week of tasks marked No")
    assert any("but the agreed limit allows 4 h/week" in problem for problem in result.problems[1:])


def test_barred_hours_name_the_three_largest_tasks_then_how_many_more():
    inp = lincoln()
    school = inp.schools[0]
    school.fte[NURSE] = 1.0
    for number, task in enumerate(["Lunch duty", "Bus duty", "Hall duty", "Front office", "Data entry"], start=1):
        school.current[NURSE, task] = number
        inp.capability[PARA, task] = Capability.YES
    inp.receiving_capacity = {PARA: 5.0}
    (problem,) = plan(inp).problems
    assert "(Data entry: 5 h; Front office: 4 h; Hall duty: 3 h; 2 more)" in problem
    assert "school nurses do 15 h/week of tasks marked No for them" in problem
