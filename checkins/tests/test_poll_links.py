"""The poll organizer sees each invitee's answer status and personal link, and can email one link again."""

from __future__ import annotations

import pytest
from django.urls import reverse

from checkins.services import polls
from checkins.tests.poll_factories import make_poll
from conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_organizer_sees_every_invitees_personal_link_and_answer_status(personas):
    poll = make_poll(personas)
    casey = poll.invitees.get(staff=personas.counselor_a)
    polls.record_answers(casey, {o.pk: "yes" for o in poll.options.all()})
    html = client_for(personas.principal).get(reverse("checkins:poll_detail", args=[poll.pk])).content.decode()
    for invitee in poll.invitees.all():
        assert polls.vote_url(invitee) in html
    assert "Answered" in html and "2 of 3 have not answered yet" in html
    assert 'data-copy="link-' in html


def test_a_link_that_ended_with_the_persons_access_is_not_shown(personas):
    poll = make_poll(personas)
    user = personas.counselor_b.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    html = client_for(personas.principal).get(reverse("checkins:poll_detail", args=[poll.pk])).content.decode()
    assert polls.vote_url(poll.invitees.get(staff=personas.counselor_b)) not in html
    assert "Link ended with their access" in html


def test_send_again_emails_that_one_invitee_their_link(personas, smtp_server, django_capture_on_commit_callbacks):
    poll = make_poll(personas)
    teacher = poll.invitees.get(staff=personas.no_login)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.principal).post(reverse("checkins:poll_resend", args=[poll.pk, teacher.pk]))
    assert response.status_code == 302
    (envelope,) = smtp_server.envelopes
    assert envelope[1] == [personas.no_login.email]
    (message,) = smtp_server.messages
    assert polls.vote_url(teacher) in message.get_body(preferencelist=("plain",)).get_content()
    assert poll.history.filter(what__contains="their link again").exists()


def test_send_again_is_refused_for_a_closed_poll(personas, mailoutbox):
    poll = make_poll(personas)
    polls.close_poll(poll, by=personas.principal)
    invitee = poll.invitees.get(staff=personas.counselor_a)
    client = client_for(personas.principal)
    response = client.post(reverse("checkins:poll_resend", args=[poll.pk, invitee.pk]), follow=True)
    assert "This poll is closed" in response.content.decode()
    assert mailoutbox == []


def test_an_invitee_of_another_poll_is_not_found(personas):
    poll, other = make_poll(personas), make_poll(personas)
    stranger = other.invitees.get(staff=personas.counselor_a)
    client = client_for(personas.principal)
    assert client.post(reverse("checkins:poll_resend", args=[poll.pk, stranger.pk])).status_code == 404


def test_adding_times_keeps_what_was_typed_and_creates_nothing(personas):
    from checkins.models import Poll
    from checkins.tests.test_polls_pages import day, new_poll_data

    data = new_poll_data(personas, (day(personas, 10), "15:30"), (day(personas, 11), "08:00"), title="Keep me")
    data["more_rows"] = "10"
    response = client_for(personas.principal).post(reverse("checkins:poll_new"), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Poll.objects.exists()
    assert 'value="Keep me"' in html and f'value="{day(personas, 11)}"' in html and 'value="08:00"' in html
    assert "Time 10" in html and "errorlist" not in html
    assert html.count("checked") >= 2  # the invitees chosen stay chosen
