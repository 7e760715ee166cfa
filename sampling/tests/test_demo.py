"""The demo's studies: one finished with a realistic response rate, one running."""

from __future__ import annotations

from django.utils import timezone

from people.demo import build_demo
from sampling.models import Study
from sampling.results import study_results


def test_the_demo_has_a_finished_valid_study_and_a_running_one(db):
    lakeview = build_demo(schools=6)
    now = timezone.now()
    finished, running = sorted(Study.objects.filter(district=lakeview), key=lambda s: s.first_day)
    assert finished.status(now) == "finished" and running.status(now) == "running"
    results = study_results(finished, now)
    assert 0.85 <= float(results.district.response_rate) <= 0.92
    assert results.district.counts.late > 0 and results.district.counts.expired > 0
    assert results.valid and not results.district.hidden
    ongoing = study_results(running, now)
    assert 0 < ongoing.district.counts.due < ongoing.district.counts.drawn
