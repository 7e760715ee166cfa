"""The demo's studies: one finished with a realistic response rate, one running, whatever the date."""

from __future__ import annotations

import datetime as dt
import random

import time_machine
from django.utils import timezone

from people.demo import build_demo
from sampling.demo import build_studies
from sampling.models import Study
from sampling.results import study_progress, study_results
from sampling.tests.makers import more_counselors


def test_the_demo_has_a_finished_valid_study_and_a_running_one(db):
    lakeview = build_demo(schools=4)
    now = timezone.now()
    finished, running = sorted(Study.objects.filter(district=lakeview), key=lambda s: s.first_day)
    assert finished.status(now) == "finished" and running.status(now) == "running"
    assert not hasattr(running, "published")  # the demo publishes the finished one only
    results = study_results(finished.published)
    assert 0.85 <= float(results.district.response_rate) <= 0.92
    assert results.district.counts.late > 0 and results.district.counts.expired > 0
    assert results.valid and not results.district.hidden
    ongoing = study_progress(running, now)
    assert 0 < ongoing.district.counts.due < ongoing.district.counts.drawn


def test_in_the_summer_break_the_running_study_still_has_moments_past_and_to_come(personas):
    more_counselors(personas, 6)
    july = dt.datetime(2027, 7, 20, 15, tzinfo=dt.UTC)
    with time_machine.travel(july, tick=False):
        build_studies(personas.district, random.Random(3), now=july)
    finished, running = sorted(Study.objects.filter(district=personas.district), key=lambda s: s.first_day)
    assert finished.status(july) == "finished" and running.status(july) == "running"
    assert running.first_day < dt.date(2027, 7, 1) and running.last_day > dt.date(2027, 9, 1)
    ongoing = study_progress(running, july)
    assert 0 < ongoing.district.counts.due < ongoing.district.counts.drawn
    assert study_results(finished.published).valid
