"""Availability polls through the services: creating, answering, reminders (manual and at 48 hours), closing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from checkins.models import Poll, PollAnswer, PollInvitee, PollOption
from checkins.services import poll_grid, polls
from checkins.tests.poll_factories import local_time, make_poll
from outbox.models import OutboxMessage
from tests.smtp import text_of

pytestmark = pytest.mark.django_db


def answer_all(invitee, answer):
    return polls.record_answers(invitee, {o.pk: answer for o in invitee.poll.options.all()})


def test_creating_a_poll_emails_each_invitee_their_own_link(personas, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        poll = make_poll(personas, notify=True)
    links = {i.staff.email: polls.vote_url(i) for i in poll.invitees.select_related("staff")}
    assert len(set(links.values())) == 3
    assert {m.to[0] for m in mailoutbox} == set(links)
    for message in mailoutbox:
        assert links[message.to[0]] in message.body
        assert "find a recurring time" in message.body
        assert "3:30 PM CST" in message.body and "5:00 PM CST" in message.body  # the district's time, not UTC
        assert "http://" in links[message.to[0]] and "/checkins/polls/answer/" in links[message.to[0]]


def test_the_links_reach_a_real_smtp_server(personas, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        poll = make_poll(personas, notify=True)
    pairs = zip(smtp_server.envelopes, smtp_server.messages, strict=True)
    received = {envelope[1][0]: message for envelope, message in pairs}
    assert set(received) == {"casey@lincoln.example.org", "bailey@lincoln.example.org", "terry@lincoln.example.org"}
    for invitee in poll.invitees.select_related("staff"):
        body = text_of(received[invitee.staff.email])
        assert f"Hi {invitee.staff.name}," in body and polls.vote_url(invitee) in body


def test_a_poll_without_times_is_refused_and_writes_nothing(personas):
    with pytest.raises(ValidationError, match="at least one time"):
        make_poll(personas, starts=[], notify=True)
    assert not Poll.objects.exists() and not OutboxMessage.objects.exists()


def test_a_time_in_the_past_is_refused(personas):
    with pytest.raises(ValidationError, match="future"):
        make_poll(personas, starts=[local_time(personas.district, -1)], notify=True)
    assert not Poll.objects.exists() and not OutboxMessage.objects.exists()


def test_the_same_time_twice_is_refused(personas):
    twice = [local_time(personas.district, 10)] * 2
    with pytest.raises(ValidationError, match="twice"):
        make_poll(personas, starts=twice, notify=True)
    assert not Poll.objects.exists()


def test_answers_must_be_due_before_the_first_proposed_time(personas):
    with pytest.raises(ValidationError, match="before the first proposed time"):
        make_poll(personas, deadline_days=11, notify=True)
    assert not Poll.objects.exists() and not OutboxMessage.objects.exists()


def test_an_invitee_without_an_email_address_is_named_and_nothing_is_sent(personas):
    personas.counselor_b.email = ""
    with pytest.raises(ValidationError, match="Bailey Counselor"):
        make_poll(personas, notify=True)
    assert not Poll.objects.exists() and not OutboxMessage.objects.exists()


def test_answering_replaces_earlier_answers_and_notes_when(personas):
    poll = make_poll(personas)
    invitee = poll.invitees.get(staff=personas.counselor_a)
    answer_all(invitee, "no")
    answer_all(invitee, "yes")
    assert list(PollAnswer.objects.filter(invitee=invitee).values_list("answer", flat=True)) == ["yes"] * 3
    invitee.refresh_from_db()
    assert invitee.answered_at is not None


def test_every_time_needs_an_answer(personas):
    poll = make_poll(personas)
    invitee = poll.invitees.get(staff=personas.counselor_a)
    with pytest.raises(ValidationError):
        polls.record_answers(invitee, {poll.options.first().pk: "yes"})
    assert not PollAnswer.objects.exists()


def test_a_closed_poll_or_one_past_its_deadline_refuses_answers(personas):
    poll = make_poll(personas)
    invitee = poll.invitees.get(staff=personas.counselor_a)
    with time_machine.travel(poll.deadline + dt.timedelta(minutes=1)), pytest.raises(polls.PollClosed):
        answer_all(PollInvitee.objects.get(pk=invitee.pk), "yes")
    polls.close_poll(poll, by=personas.principal)
    with pytest.raises(polls.PollClosed):
        answer_all(PollInvitee.objects.get(pk=invitee.pk), "yes")
    assert not PollAnswer.objects.exists()


def test_the_grid_counts_answers_and_puts_the_best_time_first(personas):
    poll = make_poll(personas)
    first, second, third = poll.options.all()
    a, b, c = (poll.invitees.get(staff=s) for s in (personas.counselor_a, personas.counselor_b, personas.no_login))
    polls.record_answers(a, {first.pk: "yes", second.pk: "yes", third.pk: "no"})
    polls.record_answers(b, {first.pk: "no", second.pk: "maybe", third.pk: "yes"})
    grid = poll_grid.grid(poll)
    assert [(t.yes, t.maybe, t.no) for t in grid.tallies] == [(1, 0, 1), (1, 1, 0), (1, 0, 1)]
    assert [t.option_id for t in grid.best_first] == [second.pk, first.pk, third.pk]
    assert grid.waiting == [c]
    assert next(r for r in grid.rows if r.invitee == a).cells == ["yes", "yes", "no"]


def test_the_reminder_goes_once_and_only_to_those_who_have_not_answered(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    poll = make_poll(personas)
    answer_all(poll.invitees.get(staff=personas.counselor_a), "yes")
    with django_capture_on_commit_callbacks(execute=True):
        assert polls.send_reminder(poll, by=personas.principal) == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["bailey@lincoln.example.org", "terry@lincoln.example.org"]
    assert all("Reminder" in m.subject for m in mailoutbox)
    with pytest.raises(ValidationError, match="already sent"):
        polls.send_reminder(Poll.objects.get(pk=poll.pk), by=personas.principal)
    assert len(mailoutbox) == 2


def test_the_automatic_reminder_goes_out_once_48_hours_before_the_deadline(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    poll = make_poll(personas, deadline_days=7)
    answer_all(poll.invitees.get(staff=personas.counselor_b), "maybe")
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(poll.deadline - dt.timedelta(hours=49), tick=False):
            assert polls.send_automatic_reminders() == 0
        with time_machine.travel(poll.deadline - dt.timedelta(hours=47, minutes=55), tick=False):
            assert polls.send_automatic_reminders() == 1
            assert polls.send_automatic_reminders() == 0
        with time_machine.travel(poll.deadline - dt.timedelta(hours=20), tick=False):
            assert polls.send_automatic_reminders() == 0
    assert sorted(m.to[0] for m in mailoutbox) == ["casey@lincoln.example.org", "terry@lincoln.example.org"]
    poll.refresh_from_db()
    assert poll.auto_reminder_sent_at is not None


def test_the_hourly_job_closes_polls_whose_deadline_has_passed(personas):
    poll = make_poll(personas)
    assert polls.close_expired_polls() == 0
    with time_machine.travel(poll.deadline + dt.timedelta(seconds=1), tick=False):
        assert polls.close_expired_polls() == 1
    poll.refresh_from_db()
    assert poll.status == Poll.Status.CLOSED


def test_the_hourly_jobs_are_registered_with_the_scheduler():
    from core.scheduler import HOURLY_JOBS

    assert polls.send_automatic_reminders in HOURLY_JOBS
    assert polls.close_expired_polls in HOURLY_JOBS


def test_who_said_no_names_them(personas):
    poll = make_poll(personas)
    option = poll.options.first()
    answer_all(poll.invitees.get(staff=personas.counselor_b), "no")
    answer_all(poll.invitees.get(staff=personas.counselor_a), "maybe")
    assert poll_grid.who_said_no(option) == [personas.counselor_b]


def test_options_are_stored_in_utc_and_read_in_the_district_time_zone(personas):
    poll = make_poll(personas, times=1)
    option = PollOption.objects.get(poll=poll)
    local = timezone.localtime(option.starts_at, personas.district.zone)
    assert (local.hour, local.minute) == (15, 30)
