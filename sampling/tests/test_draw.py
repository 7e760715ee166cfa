"""Creating and drawing a study: the moments needed, the draw itself, and the bad inputs that stop it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import client_for
from people.calendar_services import add_closure, add_school_year
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


def school_year_with_spring_break(p) -> None:
    """Lincoln County's 2026–27 school year, ending Friday June 11, with spring break March 8–12."""
    add_school_year(p.district, first_day=dt.date(2026, 8, 19), last_day=dt.date(2027, 6, 11))
    add_closure(p.district, name="Spring break", first_day=dt.date(2027, 3, 8), last_day=dt.date(2027, 3, 12))


def test_moments_fall_on_the_calendars_school_days_and_windows_skip_its_closures(personas):
    school_year_with_spring_break(personas)
    study = drawn_study(personas, margin=5)  # March 1–12: the second week is spring break
    zone = personas.district.zone
    days = {m.at.astimezone(zone).date() for m in Moment.objects.filter(study=study)}
    assert study.school_days == [dt.date(2027, 3, d).isoformat() for d in (1, 2, 3, 4, 5)]
    assert days == {dt.date(2027, 3, d) for d in (1, 2, 3, 4, 5)}
    friday = Moment.objects.filter(study=study, at__date=dt.date(2027, 3, 5)).first()
    # answered until the end of the 2nd answering day after Friday: Monday 15 and Tuesday 16 March
    assert friday.expires_at.astimezone(zone) == dt.datetime(2027, 3, 17, tzinfo=zone)
    assert friday.remind_at.astimezone(zone).date() == dt.date(2027, 3, 15)


def test_a_window_after_the_last_day_of_school_counts_weekdays_not_the_summer(personas):
    school_year_with_spring_break(personas)
    study = drawn_study(personas, first_day=dt.date(2027, 6, 7), last_day=dt.date(2027, 6, 30), margin=10)
    zone = personas.district.zone
    assert study.school_days[-1] == "2027-06-11"
    last = Moment.objects.filter(study=study).order_by("at").last()
    assert last.at.astimezone(zone).date() == dt.date(2027, 6, 11)
    assert last.expires_at.astimezone(zone) == dt.datetime(2027, 6, 16, tzinfo=zone)  # Mon 14 and Tue 15


@pytest.mark.parametrize(
    ("first", "last", "why"),
    [
        (dt.date(2027, 3, 8), dt.date(2027, 3, 12), "(Spring break)"),
        (dt.date(2027, 3, 6), dt.date(2027, 3, 14), "(a weekend, Spring break)"),
        (dt.date(2027, 6, 14), dt.date(2027, 7, 9), "(outside the school year, the summer break)"),
    ],
)
def test_a_period_without_school_days_in_the_calendar_says_why(personas, first, last, why):
    school_year_with_spring_break(personas)
    counselor_hours(personas)
    study = make_study(personas, first_day=first, last_day=last)
    with time_machine.travel(BEFORE, tick=False), pytest.raises(ValidationError) as error:
        services.draw(study, by=personas.admin)
    assert f"has no school days {why}: see the district's school calendar" in str(error.value)
    assert not Moment.objects.exists()


def test_without_a_school_year_july_and_august_are_the_summer_break(personas):
    counselor_hours(personas)
    study = make_study(personas, first_day=dt.date(2027, 7, 5), last_day=dt.date(2027, 8, 27))
    plan = services.study_plan(study)
    assert plan.days == []
    assert "has no school days (the summer break)" in plan.problems[0]
    assert weekday(dt.date(2027, 3, 5)) and not weekday(dt.date(2027, 3, 6))
