"""Results: shares with intervals, response rate against 85%, hidden small groups, privacy, query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from reflections.publication import publish_figures
from sampling import services
from sampling.models import Moment
from sampling.results import Results, study_results
from sampling.tests.makers import drawn_study, more_counselors
from tests import factories

pytestmark = pytest.mark.django_db
AFTER = dt.datetime(2027, 4, 1, 12, tzinfo=dt.UTC)


def answer_all(p, study, rate: float = 0.9, seed: int = 1) -> None:
    """Answer ``rate`` of the moments as test data (Assessment 40%, Non-counseling duties 60%)."""
    rng = random.Random(seed)
    assessment = p.district.task_categories.get(seed_key="assessment")
    duties = p.district.task_categories.get(seed_key="non-counseling")
    moments = list(Moment.objects.filter(study=study))
    for moment in moments:
        if rng.random() < rate:
            moment.answered_at = moment.at + dt.timedelta(minutes=5)
            moment.working = True
            moment.task_type = assessment if rng.random() < 0.4 else duties
            moment.with_whom = "students"
    Moment.objects.bulk_update(moments, ["answered_at", "working", "task_type", "with_whom"])


def results_after(study, when: dt.datetime = AFTER) -> Results:
    """The study's figures as published once it is over (``AFTER``)."""
    published = services.publish_results(study, when)
    assert published is not None, "the study is not over yet"
    return study_results(published)


def results_page(person, study, **params):
    with time_machine.travel(AFTER, tick=False):
        return client_for(person).get(reverse("sampling:results", args=[study.pk]), params)


def test_shares_come_with_95_intervals_and_a_valid_response_rate(personas):
    more_counselors(personas, 3, personas.school_a)
    more_counselors(personas, 5, personas.school_b)
    study = drawn_study(personas)
    answer_all(personas, study, rate=0.9)
    results = results_after(study)
    district = results.district
    assert not district.hidden and district.valid
    assessment = next(s for s in district.shares if s.task_type.name == "Assessment")
    hits = Moment.objects.filter(study=study, task_type__seed_key="assessment").count()
    working = Moment.objects.filter(study=study, working=True).count()
    assert assessment.interval.share == pytest.approx(hits / working)
    assert assessment.interval.low < hits / working < assessment.interval.high
    body = results_page(personas.admin, study).content.decode()
    assert "Response rate: " in body and "valid" in body and "not valid" not in body


def test_below_85_percent_answered_the_results_are_marked_not_valid(personas):
    more_counselors(personas, 8)
    study = drawn_study(personas)
    answer_all(personas, study, rate=0.6)
    body = results_page(personas.admin, study).content.decode()
    assert "not valid" in body
    assert not results_after(study).valid


def test_groups_below_the_minimum_size_show_no_shares(personas):
    study = drawn_study(personas)  # two counselors, minimum 5
    answer_all(personas, study)
    results = results_after(study)
    assert results.district.hidden and all(g.hidden for g in results.roles + results.schools)
    assert all(not g.shares for g in results.roles + results.schools + [results.district])
    body = results_page(personas.admin, study).content.decode()
    assert "figures are hidden to protect their privacy" in body
    with time_machine.travel(AFTER, tick=False):
        export = client_for(personas.admin).get(reverse("sampling:results_export", args=[study.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert all("Assessment" not in row for row in rows[1:])
    assert any("hidden (fewer than 5 people)" in row for row in rows)


def test_a_single_small_school_cannot_be_worked_out_from_the_district_minus_the_others(personas):
    more_counselors(personas, 6, personas.school_a)
    school_c = factories.make_school(personas.district, "Cedar High")
    more_counselors(personas, 6, school_c)
    # school B has only counselor B: hidden, and so is the next smallest
    study = drawn_study(personas)
    answer_all(personas, study)
    schools = {g.name: g.hidden for g in results_after(study).schools}
    assert schools["Brook Middle"] and sum(schools.values()) == 2


def test_leaders_see_group_figures_and_who_answered_but_never_an_answer(personas):
    more_counselors(personas, 6)
    study = drawn_study(personas)
    answer_all(personas, study)
    Moment.objects.filter(study=study, staff=personas.counselor_a).update(note="a very private note")
    for person in (personas.principal, personas.admin):
        with time_machine.travel(AFTER, tick=False):
            client = client_for(person)
            status = client.get(reverse("sampling:responses", args=[study.pk])).content.decode()
            results = client.get(reverse("sampling:results", args=[study.pk])).content.decode()
            export = client.get(reverse("sampling:results_export", args=[study.pk, "xlsx"]))
        assert "Casey Counselor" in status
        for body in (status, results):
            assert "a very private note" not in body
        assert b"a very private note" not in export.content


def test_the_results_and_responses_pages_run_the_same_queries_for_few_and_many_answers(personas):
    more_counselors(personas, 6)
    more_counselors(personas, 5, personas.school_b)
    small = drawn_study(personas, margin=20)
    answer_all(personas, small)
    school_c = factories.make_school(personas.district, "Cedar High")
    more_counselors(personas, 30, school_c)
    large = drawn_study(personas, margin=5, name="Large")
    answer_all(personas, large)
    with time_machine.travel(AFTER, tick=False):  # the quarter's reflection figures, made once on first view
        publish_figures(personas.district, years=1)
    for page in ("sampling:results", "sampling:responses"):
        counts = []
        for study in (small, large):
            with time_machine.travel(AFTER, tick=False):
                client = client_for(personas.admin)
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(reverse(page, args=[study.pk])).status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1], (page, counts)
    assert large.moments.count() > 10 * small.moments.count()


def test_who_has_answered_counts_each_persons_moments_and_can_show_only_those_with_one_open(personas):
    study = drawn_study(personas)
    answer_all(personas, study, rate=1.0)
    casey = Moment.objects.filter(study=study, staff=personas.counselor_a).order_by("at")
    open_one = casey[2]
    Moment.objects.filter(pk=open_one.pk).update(answered_at=None, working=None, task_type=None, with_whom="")
    now = open_one.at + dt.timedelta(minutes=1)
    Moment.objects.filter(study=study, at__gt=now).update(answered_at=None, working=None, task_type=None)
    with time_machine.travel(now, tick=False):
        client = client_for(personas.admin)
        everyone = client.get(reverse("sampling:responses", args=[study.pk])).content.decode()
        behind = client.get(reverse("sampling:responses", args=[study.pk]), {"show": "behind"}).content.decode()
    due = casey.filter(at__lte=now).count()
    figures = "".join(f'<td class="num">{n}</td>' for n in (due, due - 1, 1, 0))  # so far, answered, open, expired
    row = f'<th scope="row">Casey Counselor</th><td>School counselor</td><td>Adams Elementary</td>{figures}'
    assert row in everyone and row in behind
    assert "Bailey Counselor" in everyone and "Bailey Counselor" not in behind
