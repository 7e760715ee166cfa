"""Personal links end with access: removing a person's login, deactivating their account or taking them
out of a series ends their calendar feed, poll and series links at once, and the link says so."""

from __future__ import annotations

import pytest
from django.urls import reverse

from checkins.models import PollAnswer
from checkins.services.polls import send_reminder
from checkins.services.series import feed_for
from checkins.services.series_changes import edit_series
from checkins.tests.factories import make_series
from checkins.tests.poll_factories import make_poll
from people.access import LINKS_ENDED_MESSAGE
from people.leaving import deactivate
from people.services import save_staff_member

pytestmark = pytest.mark.django_db


def _remove_login(person) -> None:
    """As the staff page does when an admin unticks "can log in"."""
    person.can_log_in = False
    save_staff_member(person, assignments={a.school: a.fte for a in person.assignments.all()})


def _feed(client, person):
    return client.get(reverse("checkins:calendar_feed", kwargs={"token": feed_for(person).token}))


def _vote_url(poll, person) -> str:
    return reverse("checkins:poll_vote", kwargs={"token": poll.invitees.get(staff=person).token})


def test_a_calendar_feed_ends_when_the_login_is_removed(personas, client):
    series = make_series(personas)
    feed = _feed(client, personas.counselor_a)
    assert feed.status_code == 200 and series.uid in feed.content.decode()
    _remove_login(personas.counselor_a)
    ended = _feed(client, personas.counselor_a)
    assert ended.status_code == 410
    body = ended.content.decode()
    assert body == LINKS_ENDED_MESSAGE
    assert series.uid not in body and "Room 12" not in body and "Casey" not in body


def test_a_calendar_feed_ends_when_the_account_is_deactivated(personas, client):
    make_series(personas)
    user = personas.counselor_a.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert _feed(client, personas.counselor_a).status_code == 410


def test_a_calendar_feed_drops_a_series_as_soon_as_its_owner_is_taken_out_of_it(personas, client):
    series = make_series(personas, participants=[personas.principal, personas.counselor_a, personas.counselor_b])
    assert series.uid in _feed(client, personas.counselor_b).content.decode()
    edit_series(series, by=personas.principal, participants=[personas.principal, personas.counselor_a])
    feed = _feed(client, personas.counselor_b)
    assert feed.status_code == 200
    assert series.uid not in feed.content.decode() and "Room 12" not in feed.content.decode()


def test_a_poll_link_ends_when_the_login_is_removed_and_records_nothing(personas, client):
    poll = make_poll(personas)
    url = _vote_url(poll, personas.counselor_a)
    assert client.get(url).status_code == 200
    _remove_login(personas.counselor_a)
    page = client.get(url)
    assert page.status_code == 410
    body = page.content.decode()
    assert "This personal link no longer works: the access it was made for has ended." in body
    assert poll.title not in body
    option = poll.options.first()
    response = client.post(url, {f"option-{option.pk}": "yes"})
    assert response.status_code == 410
    assert not PollAnswer.objects.filter(invitee__staff=personas.counselor_a).exists()


def test_a_poll_link_of_someone_who_never_had_a_login_keeps_working(personas, client):
    poll = make_poll(personas)
    assert personas.no_login.user is None
    assert client.get(_vote_url(poll, personas.no_login)).status_code == 200


def test_nobody_is_reminded_with_a_link_that_has_ended(personas, mailoutbox, django_capture_on_commit_callbacks):
    poll = make_poll(personas)
    _remove_login(personas.counselor_b)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminder(poll, by=personas.principal) == 2
    assert sorted(m.to[0] for m in mailoutbox) == [personas.counselor_a.email, personas.no_login.email]


def test_giving_the_login_back_gives_the_links_back(personas, client):
    make_series(personas)
    _remove_login(personas.counselor_a)
    assert _feed(client, personas.counselor_a).status_code == 410
    personas.counselor_a.can_log_in = True
    save_staff_member(personas.counselor_a, assignments={personas.school_a: 1})
    assert _feed(client, personas.counselor_a).status_code == 200


def test_a_poll_link_ends_when_its_holder_leaves_the_district_even_without_a_login(personas, client):
    poll = make_poll(personas)
    url = _vote_url(poll, personas.no_login)
    assert client.get(url).status_code == 200
    deactivate([personas.no_login.pk])
    assert client.get(url).status_code == 410
    assert _feed(client, personas.no_login).status_code == 410
