"""Goals: their rules, time goals measured from reflections (a hand-checked example), progress updates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements import goals, services
from agreements.content import reload
from agreements.models import Agreement, Goal, Progress, Version
from agreements.progress import goal_rows
from agreements.tests.makers import YEAR, add_program_goal, add_time_goal, make_agreement, seen
from agreements.trajectory import BEHIND, MET, ON_TRACK
from conftest import client_for
from people.models import TaskCategory
from reflections.models import Reflection
from reflections.tests.makers import make_reflection, seed_rows

TODAY = dt.date(YEAR, 12, 8)


def goal_data(**changes) -> dict:
    data = {
        "kind": Goal.Kind.PROGRAM,
        "statement": "Fewer office referrals",
        "indicator": "Referrals a month",
        "baseline": Decimal(30),
        "baseline_on": dt.date(YEAR, 9, 1),
        "target": Decimal(20),
        "due_on": dt.date(YEAR + 1, 5, 1),
        "owner": None,
    }
    return {**data, **changes}


def test_a_target_date_before_the_baseline_date_or_outside_the_school_year_is_refused(personas):
    agreement = make_agreement(personas)
    with pytest.raises(ValidationError) as error:
        goals.save_goal(agreement, None, by=personas.counselor_a, seen=None, data=goal_data(due_on=dt.date(YEAR, 8, 1)))
    assert "after the baseline date" in error.value.message_dict["due_on"][0]
    with pytest.raises(ValidationError) as error:
        goals.save_goal(
            agreement, None, by=personas.counselor_a, seen=None, data=goal_data(due_on=dt.date(YEAR + 1, 7, 2))
        )
    assert "in the 2026–27 school year (July 1, 2026 to June 30, 2027)" in error.value.message_dict["due_on"][0]
    assert not Goal.objects.exists()


def test_a_time_goal_names_its_task_types_and_stays_within_0_to_100_percent(personas):
    agreement = make_agreement(personas)
    with pytest.raises(ValidationError) as error:
        goals.save_goal(
            agreement,
            None,
            by=personas.counselor_a,
            seen=None,
            data=goal_data(kind=Goal.Kind.TIME, target=Decimal(120)),
        )
    assert set(error.value.message_dict) == {"categories", "target"}


def test_an_agreement_has_at_most_five_goals(personas):
    agreement = make_agreement(personas)
    for n in range(5):
        add_program_goal(personas, agreement, statement=f"Goal number {n}")
    with pytest.raises(ValidationError, match="at most 5 goals"):
        add_program_goal(personas, agreement)
    assert agreement.goals.count() == 5


def test_a_goal_changed_after_signing_makes_a_new_version(personas):
    p = personas
    agreement = make_agreement(p)
    goal = add_time_goal(p, agreement)
    services.send_for_review(agreement, by=p.counselor_a)
    services.sign(agreement, by=p.counselor_a, seen=seen(agreement))
    services.sign(agreement, by=p.principal, seen=seen(agreement))
    goals.save_goal(
        reload(agreement),
        goal,
        by=p.principal,
        seen=seen(agreement),
        data={**goal_data(kind=Goal.Kind.TIME), "baseline": Decimal(51), "target": Decimal(65)},
        categories=goal.categories.all(),
    )
    agreement.refresh_from_db()
    assert (agreement.version, agreement.status) == (2, Agreement.Status.REVIEW)
    v1, v2 = (Version.objects.get(agreement=agreement, number=n).content for n in (1, 2))
    assert [f"goal:{goal.pk}:target", "Goal 1: target", "70 by 2027-03-01"] in v1
    assert [f"goal:{goal.pk}:target", "Goal 1: target", "65 by 2027-05-01"] in v2


def dated(reflection: Reflection, day: dt.date) -> Reflection:
    Reflection.objects.filter(pk=reflection.pk).update(date=day)
    return reflection


def test_a_time_goal_is_measured_from_the_reflections_the_person_shared(personas):
    """Casey's direct services (Assessment, Scheduled, Non-scheduled support) by hand:

    October 1 (shared with the leader): 20 + 10 + 20 = 50; December 1 (shared): 25 + 17 + 20 = 62;
    November 1 (kept private): 30 + 30 + 30 = 90. The line from 51 (September 1) to 70 (March 1) is at
    51 + 19 × 91 / 181 = 60.6 on December 1, so 62 is on track. Pat Principal sees 50 and 62; Casey also
    sees her private 90.
    """
    p = personas
    agreement = make_agreement(p)
    goal = add_time_goal(p, agreement)
    dated(make_reflection(p.counselor_a, leader=True), dt.date(YEAR, 10, 1))
    private = seed_rows(p.counselor_a, current=(30, 30, 30, 5, 5, 0, 0, 0))
    dated(make_reflection(p.counselor_a, rows=private), dt.date(YEAR, 11, 1))
    december = seed_rows(p.counselor_a, current=(25, 17, 20, 10, 5, 8, 15, 0))
    dated(make_reflection(p.counselor_a, leader=True, rows=december), dt.date(YEAR, 12, 1))

    full = reload(agreement)
    [pat] = goal_rows(full, viewer=p.principal, today=TODAY)
    assert pat.goal == goal
    assert [(pt.on.month, pt.value) for pt in pat.points] == [(10, Decimal("50.0")), (12, Decimal("62.0"))]
    assert pat.standing == ON_TRACK
    [casey] = goal_rows(reload(agreement), viewer=p.counselor_a, today=TODAY)
    assert [pt.value for pt in casey.points] == [Decimal("50.0"), Decimal("90.0"), Decimal("62.0")]
    page = client_for(p.principal).get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "on track" in page and "90.0" not in page


def test_a_program_goal_stands_by_the_progress_entered(personas):
    p = personas
    agreement = make_agreement(p)
    goal = add_program_goal(p, agreement)
    with pytest.raises(ValidationError, match="value"):
        goals.record_progress(goal, by=p.counselor_a, on=dt.date(YEAR, 11, 1), note="Started")
    goals.record_progress(goal, by=p.counselor_a, on=dt.date(YEAR, 11, 1), value=Decimal(83), note="Slow start")
    [row] = goal_rows(reload(agreement), viewer=p.principal, today=TODAY)
    assert row.standing == BEHIND and row.latest_update.note == "Slow start"
    goals.record_progress(goal, by=p.principal, on=dt.date(YEAR, 12, 1), value=Decimal(91))
    [row] = goal_rows(reload(agreement), viewer=p.principal, today=TODAY)
    assert row.standing == MET
    assert Progress.objects.count() == 2 and reload(agreement).version == 1  # progress is not a change of text


def test_goal_form_errors_are_shown_beside_their_fields(personas):
    agreement = make_agreement(personas)
    url = reverse("agreements:goal_new", args=[agreement.pk])
    data = {
        "kind": "time",
        "statement": "More direct time",
        "indicator": "Share",
        "baseline": "51",
        "baseline_on": f"{YEAR}-09-01",
        "target": "70",
        "due_on": f"{YEAR}-08-01",
        "seen": seen(agreement).sign(),
    }
    response = client_for(personas.counselor_a).post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "after the baseline date" in body and "Choose the task types" in body
    assert not Goal.objects.exists()


def test_the_agreement_shows_planned_against_the_latest_shared_reflection_with_the_gap(personas):
    p = personas
    agreement = make_agreement(p)
    dated(make_reflection(p.counselor_a, leader=True), dt.date(YEAR, 10, 1))  # Assessment: current 20
    make_reflection(p.counselor_a, rows=seed_rows(p.counselor_a, current=(5, 5, 5, 5, 5, 5, 70, 0)))  # private
    assessment = agreement.shares.select_related("category").get(category__seed_key="assessment")
    planned = assessment.percent
    pat = client_for(p.principal).get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert f'<th scope="row">Assessment</th><td>{planned}%</td><td>20.0%</td><td>{20 - planned:.1f}</td>' in pat
    casey = client_for(p.counselor_a).get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert f'<th scope="row">Assessment</th><td>{planned}%</td><td>5.0%</td>' in casey  # her own latest


def test_time_sampling_answers_count_for_the_person_only(personas):
    """Casey's answered working moments of a study: 3 on direct task types of 4 → 75%, dated on the study's
    last day — shown to Casey, never to her principal (sampled answers are individual)."""
    from django.utils import timezone

    from sampling.models import Moment
    from sampling.tests.makers import drawn_study

    p = personas
    agreement = make_agreement(p)
    add_time_goal(p, agreement)
    study = drawn_study(p)
    direct = list(TaskCategory.objects.filter(district=p.district, service_kind="direct"))
    other = TaskCategory.objects.get(district=p.district, seed_key="other")
    moments = list(Moment.objects.filter(study=study, staff=p.counselor_a).order_by("pk")[:4])
    assert len(moments) == 4
    for moment, task_type in zip(moments, [direct[0], direct[1], direct[0], other], strict=True):
        Moment.objects.filter(pk=moment.pk).update(answered_at=timezone.now(), working=True, task_type=task_type)
    [casey] = goal_rows(reload(agreement), viewer=p.counselor_a, today=TODAY)
    assert [(pt.on, pt.value, pt.source) for pt in casey.points] == [(study.last_day, Decimal("75.0"), "time sampling")]
    [pat] = goal_rows(reload(agreement), viewer=p.principal, today=TODAY)
    assert pat.points == []
