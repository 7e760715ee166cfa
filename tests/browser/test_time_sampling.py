"""Time sampling in a real browser: a counselor answers a moment from its link without logging in,
and the director reads the results. Every page is checked with axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone

from sampling.models import Moment
from sampling.prompts import moment_token
from sampling.tests.makers import FIRST_DAY, drawn_study, more_counselors
from sampling.tests.test_results import answer_all
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_answering_a_moment_from_its_link_and_reading_the_results(personas, visitor, browser, live_server):
    more_counselors(personas, 6)
    study = drawn_study(personas)
    answer_all(personas, study, rate=0.9)
    # The study happened last month (its moments moved back), and one of Casey's moments is open now.
    shift = dt.datetime.combine(FIRST_DAY, dt.time(), tzinfo=dt.UTC) - (timezone.now() - dt.timedelta(days=40))
    Moment.objects.filter(study=study).update(
        at=F("at") - shift, remind_at=F("remind_at") - shift, expires_at=F("expires_at") - shift
    )
    moment = Moment.objects.filter(study=study, staff=personas.counselor_a).first()
    now = timezone.now()
    study.closes_at = now + dt.timedelta(days=2)  # Casey's moment below is the last to close
    study.save(update_fields=["closes_at"])
    Moment.objects.filter(pk=moment.pk).update(
        at=now - dt.timedelta(minutes=2),
        remind_at=now + dt.timedelta(days=1),
        expires_at=now + dt.timedelta(days=2),
        answered_at=None,
        working=None,
        task_type=None,
        with_whom="",
    )

    page = visitor.page
    visitor.goto(f"/time-sampling/moment/{moment_token(moment)}/")
    assert "were you working?" in page.content()
    page.get_by_label("Yes, I was working").check()
    page.get_by_label("Assessment — Screening", exact=False).check()
    page.get_by_label("A student or students").check()
    page.get_by_label("Note (optional)").fill("Screening a new student")
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "your answer is recorded" in page.content()
    moment.refresh_from_db()
    assert moment.working and moment.task_type.seed_key == "assessment"

    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto(f"/time-sampling/{study.pk}/results/")  # Casey's window is still open: the study runs
    assert "The figures appear when the study is over" in page.locator("#results-appear").inner_text()
    assert page.locator("#district-figures").count() == 0
    visitor.check_accessibility()
    closed = timezone.now() - dt.timedelta(minutes=1)  # the last answer window closes
    Moment.objects.filter(pk=moment.pk).update(expires_at=closed)
    study.closes_at = closed
    study.save(update_fields=["closes_at"])
    visitor.goto(f"/time-sampling/{study.pk}/results/")
    assert page.locator("#response-rate").is_visible()
    assert "valid" in page.locator("#response-rate").inner_text()
    assert page.locator("#district-figures tbody tr").count() == 8
    visitor.goto(f"/time-sampling/{study.pk}/responses/")
    assert "Screening a new student" not in page.content()
