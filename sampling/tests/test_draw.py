"""Creating and drawing a study: the moments needed, the draw itself, and the bad inputs that stop it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import client_for
from sampling import services
from sampling.draw import Stratum, Worker, draw_study
from sampling.models import Moment, Participant, PersonHours
from sampling.school_days import weekday
from sampling.tests.makers import BEFORE, FIRST_DAY, LAST_DAY, counselor_hours, drawn_study, make_study, more_counselors
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_plan_says_how_many_moments_each_role_needs_before_drawing(personas):
    counselor_hours(personas)
    study = make_study(personas, margin=5)
    plan = services.study_plan(study)
    assert not plan.problems
    assert len(plan.days) == 10
    (role,) = plan.roles
    assert (role.people, role.needed, role.drawn) == (2, 385, 424)  # 1.96² · 0.25 / 0.05² = 384.16; +10%
    assert role.minutes == 2 * 10 * 480
    with time_machine.travel(BEFORE, tick=False):
        page = client_for(personas.admin).get(reverse("sampling:study_detail", args=[study.pk]))
    assert 'id="needed-total">385<' in page.content.decode()
    assert 'id="drawn-total">424<' in page.content.decode()


def test_drawing_writes_the_moments_and_records_the_seed(personas):
    study = drawn_study(personas, seed=1234)
    moments = list(Moment.objects.filter(study=study))
    assert len(moments) == study.moments.count() == 107  # ±10 points: 97 needed, +10%
    assert study.seed == 1234 and study.drawn_at is not None
    assert Participant.objects.filter(study=study).count() == 2
    zone = personas.district.zone
    for moment in moments:
        local = moment.at.astimezone(zone)
        assert FIRST_DAY <= local.date() <= LAST_DAY and local.weekday() < 5
        assert dt.time(7, 30) <= local.time() < dt.time(15, 30)
        assert moment.at < moment.remind_at < moment.expires_at


def test_the_draw_can_be_reproduced_from_the_recorded_seed_and_snapshot(personas):
    study = drawn_study(personas, seed=99)
    days = [dt.date.fromisoformat(d) for d in study.school_days]
    workers = [
        Worker(p.staff_id, p.starts, p.ends) for p in Participant.objects.filter(study=study).order_by("staff_id")
    ]
    again = draw_study(
        study.seed,
        [Stratum(workers[0] and factories.role(personas.district, "school-counselor").pk, workers, 107)],
        days,
    )
    zone = personas.district.zone
    stored = sorted(
        (m.staff_id, m.at.astimezone(zone).date(), m.at.astimezone(zone).hour * 60 + m.at.astimezone(zone).minute)
        for m in Moment.objects.filter(study=study)
    )
    assert stored == sorted((m.worker, m.day, m.minute) for m in again)


def test_a_persons_own_hours_replace_their_roles(personas):
    counselor_hours(personas)
    services.save_person_hours(personas.counselor_b, dt.time(10, 0), dt.time(12, 0))
    study = make_study(personas)
    with time_machine.travel(BEFORE, tick=False):
        services.draw(study, by=personas.admin, seed=3)
    zone = personas.district.zone
    for moment in Moment.objects.filter(study=study, staff=personas.counselor_b):
        assert dt.time(10) <= moment.at.astimezone(zone).time() < dt.time(12)
    assert PersonHours.objects.get(staff=personas.counselor_b).starts == dt.time(10)


def test_a_period_without_school_days_is_refused_and_nothing_is_drawn(personas):
    counselor_hours(personas)
    study = make_study(personas, first_day=dt.date(2027, 3, 6), last_day=dt.date(2027, 3, 7))  # a weekend
    with time_machine.travel(BEFORE, tick=False), pytest.raises(ValidationError) as error:
        services.draw(study, by=personas.admin)
    assert "has no school days" in str(error.value)
    assert not Moment.objects.exists() and not Participant.objects.exists()
    study.refresh_from_db()
    assert study.drawn_at is None and study.seed is None


def test_participants_without_working_hours_are_named_and_nothing_is_drawn(personas):
    study = make_study(personas)  # no hours for counselors
    with time_machine.travel(BEFORE, tick=False), pytest.raises(ValidationError) as error:
        services.draw(study, by=personas.admin)
    assert "2 people have no working hours: Bailey Counselor, Casey Counselor" in str(error.value)
    assert not Moment.objects.exists() and not Participant.objects.exists()


def test_a_precision_needing_more_moments_than_working_minutes_is_refused(personas):
    services.save_person_hours(personas.counselor_a, dt.time(8), dt.time(8, 10))
    services.save_person_hours(personas.counselor_b, dt.time(8), dt.time(8, 10))
    study = make_study(personas, margin=5, first_day=dt.date(2027, 3, 1), last_day=dt.date(2027, 3, 2))
    with time_machine.travel(BEFORE, tick=False):
        response = client_for(personas.admin).post(reverse("sampling:study_draw", args=[study.pk]), follow=True)
    body = response.content.decode()
    assert "needs 424 moments, but its 2 people have only 40 working minutes" in body
    assert not Moment.objects.exists()


def test_a_study_is_drawn_once(personas):
    study = drawn_study(personas)
    with time_machine.travel(BEFORE, tick=False), pytest.raises(ValidationError, match="already drawn"):
        services.draw(study, by=personas.admin)


def test_a_study_whose_period_has_started_cannot_be_drawn(personas):
    counselor_hours(personas)
    study = make_study(personas)
    started = time_machine.travel(dt.datetime(2027, 3, 1, 18, tzinfo=dt.UTC), tick=False)
    with started, pytest.raises(ValidationError, match="must start after today"):
        services.draw(study, by=personas.admin)


def test_the_new_study_form_says_what_is_wrong_beside_each_field(personas):
    with time_machine.travel(BEFORE, tick=False):
        response = client_for(personas.admin).post(
            reverse("sampling:study_new"),
            {
                "name": "",
                "first_day": "2027-03-10",
                "last_day": "2027-03-01",
                "margin": "0",
                "confidence": "95",
                "oversampling": "10",
                "answer_window": "2",
            },
        )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The last day must be on or after the first day." in body
    assert "This field is required." in body  # the name and the roles
    assert "Ensure this value is greater than or equal to 1." in body


def test_the_admin_creates_a_study_and_draws_it_through_the_pages(personas):
    counselor_hours(personas)
    more_counselors(personas, 4)
    role = factories.role(personas.district, "school-counselor")
    with time_machine.travel(BEFORE, tick=False):
        client = client_for(personas.admin)
        response = client.post(
            reverse("sampling:study_new"),
            {
                "name": "Quarter 3",
                "first_day": "2027-03-01",
                "last_day": "2027-03-12",
                "roles": [role.pk],
                "margin": "10",
                "confidence": "95",
                "oversampling": "10",
                "answer_window": "2",
                "use_in_planner": "on",
            },
        )
        assert response.status_code == 302
        study = personas.district.studies.get()
        assert response["Location"] == reverse("sampling:study_detail", args=[study.pk])
        page = client.post(reverse("sampling:study_draw", args=[study.pk]), follow=True)
    assert "Drew 107 moments" in page.content.decode()
    assert Participant.objects.count() == 6


def test_only_a_draft_can_be_deleted(personas):
    study = drawn_study(personas)
    with pytest.raises(ValidationError):
        services.delete_draft(study)
    draft = make_study(personas, name="Draft")
    services.delete_draft(draft)


def test_weekday_is_the_school_day_rule_until_the_district_has_a_calendar():
    assert weekday(dt.date(2027, 3, 5)) and not weekday(dt.date(2027, 3, 6))
