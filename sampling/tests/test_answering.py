"""Answering a moment: the email at the minute, the personal link, one reminder, late and expired answers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from conftest import client_for
from outbox.services import deliver_pending
from sampling import prompts
from sampling.models import Moment
from sampling.prompts import moment_token, schedule_prompts
from sampling.tests.makers import drawn_study
from tests.smtp import text_of

pytestmark = pytest.mark.django_db


def first_moment(study) -> Moment:
    return Moment.objects.filter(study=study, staff__name="Casey Counselor").select_related("district").first()


def link(moment: Moment) -> str:
    return reverse("sampling:answer", kwargs={"token": moment_token(moment)})


def assessment(p):
    return p.district.task_categories.get(seed_key="assessment")


def test_nobody_is_emailed_before_the_minute_and_the_person_is_at_the_minute(personas, smtp_server):
    study = drawn_study(personas)
    moment = first_moment(study)
    with time_machine.travel(moment.at - dt.timedelta(minutes=1), tick=False):
        schedule_prompts()
        assert not Moment.objects.filter(pk=moment.pk, prompted_at__isnull=False).exists()
        assert not Moment.objects.filter(prompted_at__isnull=False, at__gt=moment.at - dt.timedelta(minutes=1)).exists()
    with time_machine.travel(moment.at, tick=False):
        schedule_prompts()
        deliver_pending()
    moment.refresh_from_db()
    assert moment.prompted_at == moment.at
    local = moment.at.astimezone(personas.district.zone)
    mine = [m for m in smtp_server.messages if m["To"] == "casey@lincoln.example.org"]
    assert len(mine) >= 1
    message = mine[0]
    assert message["Subject"] == f"What were you doing at {local:%-I:%M %p} on {local:%A, %B %-d}?"
    url = re.search(r"http://\S+/time-sampling/moment/(\S+)/", text_of(message))
    assert url and url.group(1) == moment_token(moment)
    # running the job again sends nothing twice
    with time_machine.travel(moment.at + dt.timedelta(seconds=30), tick=False):
        assert prompts.send_due_prompts() == 0


def test_the_person_answers_through_the_link_without_logging_in(personas):
    study = drawn_study(personas)
    moment = first_moment(study)
    with time_machine.travel(moment.at + dt.timedelta(minutes=4), tick=False):
        page = Client().get(link(moment))
        assert page.status_code == 200
        assert "were you working?" in page.content.decode()
        assert "Assessment — Screening" in page.content.decode()  # the practice's description of the type
        done = Client().post(
            link(moment),
            {"working": "yes", "task_type": assessment(personas).pk, "with_whom": "students", "note": "screening"},
            follow=True,
        )
    assert "your answer is recorded" in done.content.decode()
    moment.refresh_from_db()
    assert moment.working is True and moment.task_type == assessment(personas) and not moment.late


def test_a_missing_choice_is_named_beside_its_field_and_nothing_is_recorded(personas):
    moment = first_moment(drawn_study(personas))
    with time_machine.travel(moment.at + dt.timedelta(minutes=1), tick=False):
        page = Client().post(link(moment), {"working": "yes"})
        page_no = Client().post(link(moment), {"working": "no"})
    assert "Choose what you were doing." in page.content.decode()
    assert "Choose who you were with." in page.content.decode()
    assert "Choose why you were not working." in page_no.content.decode()
    moment.refresh_from_db()
    assert moment.answered_at is None


def test_one_reminder_the_next_school_day_and_a_late_answer_counts_as_late(personas):
    study = drawn_study(personas)
    moment = first_moment(study)
    with time_machine.travel(moment.at, tick=False):
        schedule_prompts()
    with time_machine.travel(moment.remind_at, tick=False):
        reminded = prompts.send_due_reminders()
        assert reminded >= 1
        assert prompts.send_due_reminders() == 0  # once
    with time_machine.travel(moment.remind_at + dt.timedelta(hours=1), tick=False):
        Client().post(link(moment), {"working": "no", "not_working": "paid_leave"})
    moment.refresh_from_db()
    assert moment.reminded_at == moment.remind_at
    assert moment.late and moment.working is False and moment.not_working == "paid_leave"


def test_an_expired_moment_says_so_and_stays_unanswered(personas):
    moment = first_moment(drawn_study(personas))
    with time_machine.travel(moment.expires_at + dt.timedelta(minutes=1), tick=False):
        page = Client().post(link(moment), {"working": "no", "not_working": "paid_leave"})
    assert page.status_code == 410
    assert "can no longer be answered" in page.content.decode()
    assert "nobody fills it in for you" in page.content.decode()
    moment.refresh_from_db()
    assert moment.answered_at is None


def test_an_altered_link_says_so(personas):
    moment = first_moment(drawn_study(personas))
    token = moment_token(moment)
    other = Moment.objects.exclude(pk=moment.pk).first()
    forged = f"{other.pk}:{token.split(':', 1)[1]}"  # another moment's id with this one's signature
    with time_machine.travel(moment.at + dt.timedelta(minutes=1), tick=False):
        for bad in (forged, token[:-2], "nonsense"):
            page = Client().get(reverse("sampling:answer", kwargs={"token": bad}))
            assert page.status_code == 404
            assert "may have been altered" in page.content.decode()


def test_nobody_answers_for_someone_else(personas):
    moment = first_moment(drawn_study(personas))
    with time_machine.travel(moment.at + dt.timedelta(minutes=1), tick=False):
        for person in (personas.admin, personas.principal, personas.counselor_b):
            page = client_for(person).post(link(moment), {"working": "no", "not_working": "paid_leave"})
            assert page.status_code == 403
            assert "belongs to someone else" in page.content.decode()
        assert client_for(personas.counselor_a).get(link(moment)).status_code == 200
    moment.refresh_from_db()
    assert moment.answered_at is None


def test_an_answer_is_given_once(personas):
    moment = first_moment(drawn_study(personas))
    with time_machine.travel(moment.at + dt.timedelta(minutes=1), tick=False):
        Client().post(link(moment), {"working": "no", "not_working": "outside_hours"})
        Client().post(link(moment), {"working": "no", "not_working": "paid_leave"})
    moment.refresh_from_db()
    assert moment.not_working == "outside_hours"


def test_open_moments_are_on_the_persons_home_and_their_answers_on_my_moments(personas):
    study = drawn_study(personas)
    moment = first_moment(study)
    with time_machine.travel(moment.at + dt.timedelta(minutes=2), tick=False):
        home = client_for(personas.counselor_a).get(reverse("home:home")).content.decode()
        assert link(moment) in home
        assert link(moment) not in client_for(personas.counselor_b).get(reverse("home:home")).content.decode()
        Client().post(
            link(moment),
            {"working": "yes", "task_type": assessment(personas).pk, "with_whom": "alone", "note": "my own note"},
        )
        mine = client_for(personas.counselor_a).get(reverse("sampling:my_moments")).content.decode()
        theirs = client_for(personas.counselor_b).get(reverse("sampling:my_moments")).content.decode()
    assert "Assessment — Alone" in mine and "my own note" in mine
    assert "my own note" not in theirs
