"""Clashes: a participant put in two check-ins at the same time is named, with the other check-in, before saving."""

import datetime as dt

import pytest
import time_machine

from checkins.models import Meeting, Series
from checkins.services import clashes
from checkins.services.series import upcoming
from checkins.tests.factories import make_series
from conftest import client_for

NOW = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)
CLASH = (
    "Casey Counselor is also in “Adams mental health check-in” at the time of the meeting of "
    "Tuesday, January 12, 2027 at 3:30 PM."
)


@pytest.fixture
def adams(personas):
    """Counselor A's series at school A: 2nd Tuesdays, 3:30 pm."""
    with time_machine.travel(NOW, tick=False):
        yield make_series(personas, start_local=dt.datetime(2027, 1, 12, 15, 30))


def brook_on_wednesdays(personas) -> Series:
    """Counselor A's series at school B: 2nd Wednesdays, 3:30 pm (no clash with Adams')."""
    return make_series(
        personas, title="Brook check-in", school=personas.school_b, organizer=personas.admin,
        participants=[personas.admin, personas.counselor_a], start_local=dt.datetime(2027, 1, 13, 15, 30),
        rrule="FREQ=MONTHLY;BYDAY=2WE",
    )  # fmt: skip


def series_form(personas, **changes) -> dict:
    """The series form for a Brook Middle series with counselor A, on 2nd Tuesdays at 3:30 pm like Adams'."""
    data = {
        "title": "Brook check-in", "school": personas.school_b.pk,
        "participants": [personas.admin.pk, personas.counselor_a.pk],
        "first_date": "2027-01-12", "first_time": "15:30", "cadence": "monthly", "weeks": "2", "custom_rule": "",
        "until": "", "duration_minutes": "60", "location": "Library", "video_link": "",
        "reflection_days_before": "7", "invitation_text": "Hi [staff name]. [Signature]",
    }  # fmt: skip
    return data | changes


def test_a_new_series_at_the_same_time_names_the_person_and_the_other_check_in_before_saving(personas, adams):
    client = client_for(personas.admin)
    warned = client.post("/checkins/series/new/", series_form(personas))
    assert warned.status_code == 200 and CLASH in warned.content.decode()
    assert not Series.objects.filter(title="Brook check-in").exists()
    confirm = warned.context["review"]["confirm"]
    assert client.post("/checkins/series/new/", series_form(personas, confirm=confirm)).status_code == 302
    assert Series.objects.filter(title="Brook check-in").exists()


def test_back_to_back_check_ins_do_not_clash(personas, adams):
    response = client_for(personas.admin).post("/checkins/series/new/", series_form(personas, first_time="16:30"))
    assert response.status_code == 302


def test_changing_a_series_onto_another_s_time_warns_before_saving(personas, adams):
    with time_machine.travel(NOW, tick=False):
        brook = brook_on_wednesdays(personas)
        client = client_for(personas.admin)
        url = f"/checkins/series/{brook.pk}/edit/"
        warned = client.post(url, series_form(personas, first_date="2027-01-12", cadence="monthly"))
    assert warned.status_code == 200 and CLASH in warned.content.decode()
    brook.refresh_from_db()
    assert brook.rrule == "FREQ=MONTHLY;BYDAY=2WE"


def test_moving_a_meeting_onto_another_check_in_warns_and_moves_it_when_told_to(personas, adams):
    with time_machine.travel(NOW, tick=False):
        brook = brook_on_wednesdays(personas)
        first = upcoming(brook, 1)[0].recurrence_id
        client = client_for(personas.admin)
        url = f"/checkins/series/{brook.pk}/occurrences/{first:%Y%m%dT%H%M%SZ}/move/"
        move = {"date": "2027-01-12", "time": "15:00", "location": "Library"}
        warned = client.post(url, move)
        assert warned.status_code == 200
        assert "Casey Counselor is also in “Adams mental health check-in”" in warned.content.decode()
        assert not Meeting.objects.filter(series=brook).exists() or Meeting.objects.get(series=brook).starts_at == first
        assert client.post(url, move | {"anyway": "on"}).status_code == 302
    assert Meeting.objects.get(series=brook).starts_at == dt.datetime(2027, 1, 12, 21, 0, tzinfo=dt.UTC)


def test_a_person_not_shared_between_the_series_is_not_named(personas, adams):
    with time_machine.travel(NOW, tick=False):
        found = clashes.clashes_of_new_series(
            personas.district, participants=[personas.counselor_b], start_local=dt.datetime(2027, 1, 12, 15, 30),
            rrule="FREQ=MONTHLY;BYDAY=2TU",
        )  # fmt: skip
    assert found == []
