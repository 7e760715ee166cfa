"""Shift plan rules: the matrix's "No" and "With training", limits from local agreements, and action items."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from actions.models import ActionItem, Origin, Status
from roles.models import Audience, Capability, RoleLimit, ShiftPlan, Training
from roles.services.matrix import load_seed_example, save_cells
from roles.services.plans import (
    NeededTraining,
    PlanRefused,
    Receiving,
    limit_flags,
    plan_items,
    save_plan,
)

TODAY = dt.date(2026, 3, 2)


def role(p, key):
    return p.district.roles.get(seed_key=key)


def task(p, key):
    return p.district.tasks.get(seed_key=key)


def new_plan(p, task_key, *, school=None, **fields):
    return ShiftPlan(
        district=p.district,
        task=task(p, task_key),
        from_role=role(p, "school-counselor"),
        school=school,
        owner=p.admin,
        **fields,
    )


def training(p, name="Youth Mental Health First Aid"):
    """A general-staff training of the glossary (the seed's, when the district was given it)."""
    return Training.objects.get_or_create(district=p.district, name=name, audience=Audience.GENERAL_STAFF)[0]


@pytest.fixture
def example(personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC), tick=False)
    load_seed_example(personas.district, by=personas.admin)
    return personas


def test_a_shift_to_a_role_marked_no_is_refused_saying_why(example):
    plan = new_plan(example, "threat-assessment")
    with pytest.raises(PlanRefused) as refused:
        save_plan(plan, [Receiving(role(example, "teacher"), Decimal(2))], trainings=[], by=example.admin)
    teacher = role(example, "teacher")
    assert refused.value.errors == {
        f"role:{teacher.pk}": [
            "Teachers are marked “No — could not, even with training” for Threat assessment in the capability matrix."
        ]
    }
    assert not ShiftPlan.objects.exists()
    assert not ActionItem.objects.exists()


def test_a_school_override_decides_for_a_plan_at_that_school(example):
    p = example
    save_cells(
        p.district,
        {(task(p, "threat-assessment").pk, role(p, "teacher").pk): Capability.YES},
        school=p.school_a,
        by=p.admin,
    )
    at_a = new_plan(p, "threat-assessment", school=p.school_a)
    save_plan(at_a, [Receiving(role(p, "teacher"), Decimal(1))], trainings=[], by=p.admin)
    at_b = new_plan(p, "threat-assessment", school=p.school_b)
    with pytest.raises(PlanRefused):
        save_plan(at_b, [Receiving(role(p, "teacher"), Decimal(1))], trainings=[], by=p.admin)

    save_cells(
        p.district, {(task(p, "tier-1").pk, role(p, "teacher").pk): Capability.NO}, school=p.school_b, by=p.admin
    )
    with pytest.raises(PlanRefused) as refused:
        save_plan(
            new_plan(p, "tier-1", school=p.school_b),
            [Receiving(role(p, "teacher"), Decimal(1))],
            trainings=[],
            by=p.admin,
        )
    assert "in Brook Middle's capability matrix" in str(refused.value)


def test_a_role_marked_with_training_needs_a_training(example):
    p = example
    plan = new_plan(p, "family-engagement")
    with pytest.raises(PlanRefused) as refused:
        save_plan(plan, [Receiving(role(p, "para-professional"), Decimal(3))], trainings=[], by=p.admin)
    assert list(refused.value.errors) == ["training_needed"]
    assert "Para-professionals are marked “Could with additional training provided by the district”" in str(
        refused.value
    )

    plan.training_needed = True
    plan.training_responsible = p.principal
    save_plan(
        plan,
        [Receiving(role(p, "para-professional"), Decimal(3))],
        trainings=[NeededTraining(training(p), 4)],
        by=p.admin,
    )
    assert plan.pk and plan.trainings.get().people == 4


def test_a_role_marked_yes_needs_no_training(example):
    plan = new_plan(example, "family-engagement")
    save_plan(plan, [Receiving(role(example, "lcsw"), Decimal(2))], trainings=[], by=example.admin)
    assert plan.receiving.get().hours_per_week == Decimal(2)
    assert plan.hours_per_week == Decimal(2)


def test_the_task_cannot_move_to_the_role_it_leaves(example):
    with pytest.raises(PlanRefused) as refused:
        save_plan(
            new_plan(example, "family-engagement"),
            [Receiving(role(example, "school-counselor"), Decimal(2))],
            trainings=[],
            by=example.admin,
        )
    assert "moves away from this role" in str(refused.value)


def _teacher_plan(p, task_key, hours, *, school=None, status=ShiftPlan.Status.IN_PROGRESS):
    plan = new_plan(p, task_key, school=school, status=status, training_needed=True, training_responsible=p.admin)
    return save_plan(
        plan,
        [Receiving(role(p, "teacher"), Decimal(hours))],
        trainings=[NeededTraining(training_for(p), 2)],
        by=p.admin,
    )


def training_for(p):
    return Training.objects.get_or_create(district=p.district, name="QPR", audience=Audience.GENERAL_STAFF)[0]


def test_plans_over_a_limit_are_flagged_with_the_numbers_and_the_agreement(example):
    p = example
    non_counseling = p.district.task_categories.get(seed_key="non-counseling")
    RoleLimit.objects.create(
        district=p.district,
        role=role(p, "teacher"),
        category=non_counseling,
        max_hours_per_week=Decimal("1.0"),
        source="the teachers' contract",
    )
    district_wide = _teacher_plan(p, "non-counseling-duties", "0.5")
    assert limit_flags(p.district, [district_wide]) == {}

    at_adams = _teacher_plan(p, "non-counseling-duties", "1.0", school=p.school_a)
    flags = limit_flags(p.district, [district_wide, at_adams])
    assert set(flags) == {district_wide.pk, at_adams.pk}
    assert flags[at_adams.pk][0].message == (
        "Teachers would receive 1.5 hours a week of tasks in Non-counseling duties at Adams Elementary across active "
        "shift plans, over the limit of 1.0 hours a week, from the teachers' contract."
    )

    # Tasks of another category do not count towards this limit; abandoned plans do not count at all.
    other = _teacher_plan(p, "tier-1", "5", school=p.school_a)
    assert other.pk not in limit_flags(p.district, [other])
    at_adams.status = ShiftPlan.Status.ABANDONED
    save_plan(
        at_adams,
        [Receiving(role(p, "teacher"), Decimal("1.0"))],
        trainings=[NeededTraining(training_for(p), 2)],
        by=p.admin,
    )
    assert limit_flags(p.district, [district_wide]) == {}


def test_a_limit_without_category_covers_all_shifted_work(example):
    p = example
    RoleLimit.objects.create(district=p.district, role=role(p, "teacher"), max_hours_per_week=Decimal(3))
    one = _teacher_plan(p, "tier-1", "2", school=p.school_b)
    two = _teacher_plan(p, "non-counseling-duties", "2", school=p.school_b)
    flags = limit_flags(p.district, [one, two])
    assert flags[one.pk][0].total == Decimal(4)
    assert "of shifted work" in flags[one.pk][0].message


def _hiring_plan(p):
    plan = new_plan(
        p,
        "family-engagement",
        school=p.school_a,
        status=ShiftPlan.Status.IN_PROGRESS,
        shift_when="Start of next school year",
        shift_on=dt.date(2026, 8, 17),
        communication="Employees informed in summer PD.",
        staffing=ShiftPlan.Staffing.HIRING,
        hiring_responsible=p.principal,
        training_needed=True,
        training_responsible=p.counselor_a,
    )
    return save_plan(
        plan,
        [Receiving(role(p, "para-professional"), Decimal(6))],
        trainings=[NeededTraining(training(p), 3)],
        by=p.admin,
    )


def test_each_commitment_becomes_an_action_item(example):
    p = example
    plan = _hiring_plan(p)
    items = {i.description: i for i in plan_items(plan)}
    task_name = "Proactive family engagement (including organizing family events and individual family outreach)"
    assert set(items) == {
        f"Hire Para-professionals for {task_name}",
        "Train 3 people: Youth Mental Health First Aid",
        f"Communicate the shift of {task_name} to affected employees",
        f"Start: Para-professionals take over {task_name}",
    }
    hire = items[f"Hire Para-professionals for {task_name}"]
    # Hiring is due 4 weeks before the shift on August 17.
    assert (hire.owner, hire.due_on, hire.school) == (p.principal, dt.date(2026, 7, 20), p.school_a)
    assert (hire.origin, hire.origin_ref) == (Origin.SHIFT_PLAN, plan.pk)
    assert items["Train 3 people: Youth Mental Health First Aid"].owner == p.counselor_a
    assert items[f"Start: Para-professionals take over {task_name}"].owner == p.admin


def test_saving_again_creates_no_duplicates_and_a_new_date_updates_the_items(example):
    p = example
    plan = _hiring_plan(p)
    ids = set(plan_items(plan).values_list("pk", flat=True))
    save_plan(
        plan,
        [Receiving(role(p, "para-professional"), Decimal(6))],
        trainings=[NeededTraining(plan.trainings.get().training, 3)],
        by=p.admin,
    )
    assert set(plan_items(plan).values_list("pk", flat=True)) == ids

    plan.shift_on = dt.date(2026, 9, 1)
    plan.hiring_responsible = p.admin
    save_plan(
        plan,
        [Receiving(role(p, "para-professional"), Decimal(6))],
        trainings=[NeededTraining(plan.trainings.get().training, 5)],
        by=p.admin,
    )
    items = list(plan_items(plan))
    assert {i.pk for i in items} == ids
    # September 1: start that day, communicate a week, train two weeks, hire four weeks before.
    due = {i.description.split(" ", 1)[0]: i.due_on for i in items}
    assert due == {
        "Start:": dt.date(2026, 9, 1),
        "Communicate": dt.date(2026, 8, 25),
        "Train": dt.date(2026, 8, 18),
        "Hire": dt.date(2026, 8, 4),
    }
    hire = next(i for i in items if i.description.startswith("Hire "))
    assert hire.owner == p.admin
    assert any(i.description == "Train 5 people: Youth Mental Health First Aid" for i in items)
    assert hire.changes.filter(field="due_on", new_value="2026-08-04").exists()


def test_training_and_communication_are_due_before_the_shift_not_on_its_day(example):
    p = example
    plan = _hiring_plan(p)  # made on March 2, shifting on August 17
    due = {i.description.split(" ", 1)[0]: i.due_on for i in plan_items(plan)}
    assert due == {
        "Hire": dt.date(2026, 7, 20),
        "Train": dt.date(2026, 8, 3),
        "Communicate": dt.date(2026, 8, 10),
        "Start:": dt.date(2026, 8, 17),
    }
    # A shift 5 days away leaves no room for the lead times: the preparations are due today, still before it.
    plan.shift_on = dt.date(2026, 3, 7)
    save_plan(
        plan,
        [Receiving(role(p, "para-professional"), Decimal(6))],
        trainings=[NeededTraining(plan.trainings.get().training, 3)],
        by=p.admin,
    )
    due = {i.description.split(" ", 1)[0]: i.due_on for i in plan_items(plan)}
    assert due == {"Hire": TODAY, "Train": TODAY, "Communicate": TODAY, "Start:": dt.date(2026, 3, 7)}


def test_the_due_dates_are_worked_as_the_docstring_says():
    import doctest

    import roles.services.plans

    assert doctest.testmod(roles.services.plans).failed == 0


def test_a_withdrawn_commitment_is_abandoned(example):
    p = example
    plan = _hiring_plan(p)
    plan.staffing = ShiftPlan.Staffing.EXISTING
    save_plan(
        plan,
        [Receiving(role(p, "para-professional"), Decimal(6))],
        trainings=[NeededTraining(plan.trainings.get().training, 3)],
        by=p.admin,
    )
    hire = plan_items(plan).get(description__startswith="Hire ")
    assert hire.status == Status.ABANDONED
    assert plan_items(plan).exclude(status=Status.ABANDONED).count() == 3


def test_a_date_in_the_past_is_refused(example):
    plan = new_plan(example, "family-engagement", shift_on=TODAY - dt.timedelta(days=1))
    with pytest.raises(PlanRefused) as refused:
        save_plan(plan, [Receiving(role(example, "lcsw"), Decimal(1))], trainings=[], by=example.admin)
    assert list(refused.value.errors) == ["shift_on"]
