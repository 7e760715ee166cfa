"""Attendance answers straight from email: the invitation carries personal links that work without a login,
take a note, never act on a visit, and say so instead of acting for a cancelled series or an ended access."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from checkins.models import Participant
from checkins.services import series as services
from checkins.services import series_changes as changes
from checkins.services.attendance_links import answer_url
from checkins.tests.factories import make_series
from people.access import LINKS_ENDED_MESSAGE

pytestmark = pytest.mark.django_db


def _path(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def _participant(series, person) -> Participant:
    return series.participants.get(staff=person)


def _links_in(body: str) -> dict[str, str]:
    found = dict(re.findall(r"- (Yes, I will attend|Maybe|No, I will not attend): (\S+)", body))
    return {"yes": found["Yes, I will attend"], "maybe": found["Maybe"], "no": found["No, I will not attend"]}


def test_the_invitation_email_carries_personal_answer_links_that_work_without_a_login(
    personas, client, smtp_server, django_capture_on_commit_callbacks
):
    series = make_series(personas, participants=[personas.principal, personas.counselor_a, personas.no_login])
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(series, by=personas.principal)
    bodies = {
        envelope[1][0]: message.get_body(preferencelist=("plain",)).get_content()
        for envelope, message in zip(smtp_server.envelopes, smtp_server.messages, strict=True)
    }
    casey_links = _links_in(bodies[personas.counselor_a.email])
    teacher_links = _links_in(bodies[personas.no_login.email])
    assert casey_links["yes"] != teacher_links["yes"]

    page = client.get(_path(teacher_links["no"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert series.title in html and personas.no_login.name in html and "Room 12" in html
    assert 'value="no" required checked' in html or ('value="no"' in html and "checked" in html)
    assert _participant(series, personas.no_login).response == ""  # a visit records nothing

    saved = client.post(_path(teacher_links["no"]), {"response": "no", "note": "I teach at that hour"})
    assert saved.status_code == 302
    teacher = _participant(series, personas.no_login)
    assert (teacher.response, teacher.response_note) == ("no", "I teach at that hour")
    assert teacher.responded_at is not None
    assert _participant(series, personas.counselor_a).response == ""


def test_the_update_email_carries_the_answer_links_too(
    personas, client, smtp_server, django_capture_on_commit_callbacks
):
    series = make_series(personas)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(series, by=personas.principal)
    smtp_server.messages.clear()
    smtp_server.envelopes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes.edit_series(series, by=personas.principal, location="Library")
    (message,) = [
        m
        for e, m in zip(smtp_server.envelopes, smtp_server.messages, strict=True)
        if e[1][0] == personas.counselor_a.email
    ]
    links = _links_in(message.get_body(preferencelist=("plain",)).get_content())
    client.post(_path(links["maybe"]), {"response": "maybe", "note": ""})
    assert _participant(series, personas.counselor_a).response == "maybe"


def test_an_altered_link_finds_nothing(personas, client):
    series = make_series(personas)
    url = _path(answer_url(_participant(series, personas.counselor_a)))
    assert client.get(url[:-3] + "xyz/").status_code == 404
    other = str(_participant(series, personas.principal).pk)
    forged = url.replace(f"/{_participant(series, personas.counselor_a).pk}:", f"/{other}:")
    assert client.get(forged).status_code == 404
    assert client.post(forged, {"response": "yes"}).status_code == 404
    assert _participant(series, personas.principal).response == ""


def test_a_missing_answer_is_explained_beside_the_field_and_nothing_is_saved(personas, client):
    series = make_series(personas)
    url = _path(answer_url(_participant(series, personas.counselor_a)))
    page = client.post(url, {"response": "perhaps", "note": "x\ny"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Select a valid choice" in html and "line break" in html.lower()
    assert _participant(series, personas.counselor_a).response == ""


def test_the_link_of_a_cancelled_series_says_so_instead_of_acting(personas, client):
    series = make_series(personas)
    url = _path(answer_url(_participant(series, personas.counselor_a)))
    changes.cancel_series(series, by=personas.principal)
    page = client.get(url)
    assert page.status_code == 410 and "is cancelled" in page.content.decode()
    assert client.post(url, {"response": "yes"}).status_code == 410
    assert _participant(series, personas.counselor_a).response == ""


def test_the_link_ends_with_the_persons_access(personas, client):
    series = make_series(personas)
    url = _path(answer_url(_participant(series, personas.counselor_a)))
    user = personas.counselor_a.user
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = client.post(url, {"response": "yes"})
    assert ended.status_code == 410 and escape(LINKS_ENDED_MESSAGE) in ended.content.decode()
    assert _participant(series, personas.counselor_a).response == ""


def test_the_link_ends_when_the_person_is_taken_out_of_the_series(personas, client):
    series = make_series(personas, participants=[personas.principal, personas.counselor_a, personas.counselor_b])
    url = _path(answer_url(_participant(series, personas.counselor_b)))
    changes.edit_series(series, by=personas.principal, participants=[personas.principal, personas.counselor_a])
    assert client.get(url).status_code == 404


def test_the_organizer_sees_the_note_on_the_series_page(personas, client):
    series = make_series(personas)
    services.set_response(_participant(series, personas.counselor_a), "maybe", note="Might be late")
    client.force_login(personas.principal.user)
    html = client.get(reverse("checkins:series_detail", kwargs={"pk": series.pk})).content.decode()
    assert "Might be late" in html
