"""The series pages: create with errors beside the fields, the series page, answers, moves, cancels, the list."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checkins.models import Meeting, Series
from checkins.services.series import upcoming
from checkins.tests.factories import make_series
from checkins.views.series import when_param
from conftest import client_for
from tests import factories

NOW = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)
JAN_12 = dt.datetime(2027, 1, 12, 15, 30)


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def form_data(personas, **changes) -> dict:
    data = {
        "title": "Adams check-in",
        "school": personas.school_a.pk,
        "participants": [personas.principal.pk, personas.counselor_a.pk],
        "first_date": "2027-01-12",
        "first_time": "15:30",
        "cadence": "quarterly",
        "weeks": "2",
        "custom_rule": "",
        "until": "",
        "duration_minutes": "60",
        "location": "Room 12",
        "video_link": "",
        "reflection_days_before": "7",
        "invitation_text": "Hi [staff name], see you [cadence]. [Signature]",
    }
    data.update(changes)
    return data


def test_a_principal_creates_a_quarterly_series_for_their_school(personas):
    response = client_for(personas.principal).post(reverse("checkins:series_new"), form_data(personas))
    series = Series.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("checkins:series_detail", args=[series.pk])
    assert series.rrule == "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"
    assert series.organizer == personas.principal and series.school == personas.school_a
    assert series.start_local.replace(tzinfo=None) == JAN_12


def test_the_new_series_form_is_prefilled_with_the_seed_email_and_shows_the_time_zone(personas):
    body = client_for(personas.principal).get(reverse("checkins:series_new")).content.decode()
    assert "The district has challenged our school to prioritize supporting mental health staff" in body
    assert "America/Chicago" in body


def test_an_unchanged_default_text_is_stored_empty_so_district_edits_apply(personas):
    from checkins.services.invitations import DEFAULT_INVITATION

    client_for(personas.principal).post(
        reverse("checkins:series_new"), form_data(personas, invitation_text=DEFAULT_INVITATION)
    )
    assert Series.objects.get().invitation_text == ""


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"first_date": "2026-11-03"}, "first_date", "must be in the future"),
        (
            {"cadence": "custom", "custom_rule": "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2"},
            "custom_rule",
            "no meeting dates",
        ),
        ({"cadence": "custom", "custom_rule": ""}, "custom_rule", "Enter the rule"),
        ({"participants": []}, "participants", "required"),
    ],
)
def test_bad_input_is_explained_beside_its_field_and_nothing_is_saved(personas, changes, field, message):
    response = client_for(personas.principal).post(reverse("checkins:series_new"), form_data(personas, **changes))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Series.objects.exists()


def test_a_participant_without_an_email_is_named(personas):
    nomail = factories.make_staff(personas.district, "Nico Nomail", email="nico@example.org")
    type(nomail).objects.filter(pk=nomail.pk).update(email="")
    response = client_for(personas.principal).post(
        reverse("checkins:series_new"), form_data(personas, participants=[personas.counselor_a.pk, nomail.pk])
    )
    assert "Nico Nomail" in " ".join(response.context["form"].errors["participants"])
    assert not Series.objects.exists()


def test_a_principal_cannot_create_a_series_for_a_school_they_do_not_lead(personas):
    response = client_for(personas.principal).post(
        reverse("checkins:series_new"), form_data(personas, school=personas.school_b.pk)
    )
    assert "school" in response.context["form"].errors
    assert not Series.objects.exists()


def test_the_series_page_lists_the_next_twelve_meetings_and_the_answers(personas):
    series = make_series(personas, start_local=JAN_12)
    response = client_for(personas.counselor_a).get(reverse("checkins:series_detail", args=[series.pk]))
    assert len(response.context["occurrences"]) == 12
    body = response.content.decode()
    assert "Will you attend?" in body and "Tuesday, January 12, 2027, 3:30 PM" in body
    assert reverse("checkins:series_edit", args=[series.pk]) not in body  # a participant does not change it


def test_a_participant_answers_whether_they_will_attend(personas):
    series = make_series(personas, start_local=JAN_12)
    client_for(personas.counselor_a).post(reverse("checkins:series_response", args=[series.pk]), {"response": "no"})
    assert series.participants.get(staff=personas.counselor_a).response == "no"
    page = client_for(personas.principal).get(reverse("checkins:series_detail", args=[series.pk])).content.decode()
    assert "Will not attend" in page


def test_a_counselor_of_another_school_cannot_see_the_series(personas):
    series = make_series(personas, start_local=JAN_12)
    assert client_for(personas.counselor_b).get(reverse("checkins:series_detail", args=[series.pk])).status_code == 404
    assert client_for(personas.counselor_a).get(reverse("checkins:series_edit", args=[series.pk])).status_code == 403


def test_the_organizer_moves_one_meeting_and_the_others_stay(personas):
    series = make_series(personas, start_local=JAN_12)
    first, second = upcoming(series, 2)
    url = reverse("checkins:occurrence_move", args=[series.pk, when_param(second.recurrence_id)])
    response = client_for(personas.principal).post(url, {"date": "2027-02-10", "time": "09:00", "location": "Library"})
    assert response.status_code == 302
    moved = Meeting.objects.get(series=series)
    assert moved.recurrence_id == second.recurrence_id
    assert moved.starts_at == dt.datetime(2027, 2, 10, 15, 0, tzinfo=dt.UTC) and moved.location == "Library"
    assert upcoming(series, 2)[0].starts_at == first.starts_at


def test_moving_into_the_past_is_refused_beside_the_date(personas):
    series = make_series(personas, start_local=JAN_12)
    url = reverse("checkins:occurrence_move", args=[series.pk, when_param(upcoming(series, 1)[0].recurrence_id)])
    response = client_for(personas.principal).post(url, {"date": "2026-11-10", "time": "09:00", "location": ""})
    assert "must be in the future" in " ".join(response.context["form"].errors["date"])


def test_cancelling_one_meeting_asks_first_then_cancels_only_it(personas):
    series = make_series(personas, start_local=JAN_12)
    first = upcoming(series, 1)[0]
    url = reverse("checkins:occurrence_cancel", args=[series.pk, when_param(first.recurrence_id)])
    client = client_for(personas.principal)
    assert "Yes, cancel this meeting" in client.get(url).content.decode()
    assert not Meeting.objects.exists()
    client.post(url)
    assert Meeting.objects.get().status == Meeting.Status.CANCELLED
    assert [o.is_cancelled for o in upcoming(series, 2)] == [True, False]


def test_a_made_up_meeting_time_is_not_found(personas):
    series = make_series(personas, start_local=JAN_12)
    url = reverse("checkins:occurrence_cancel", args=[series.pk, "20270113T000000Z"])
    assert client_for(personas.principal).get(url).status_code == 404
    url = reverse("checkins:occurrence_cancel", args=[series.pk, "tomorrow"])
    assert client_for(personas.principal).get(url).status_code == 404


def test_cancelling_the_series_asks_first(personas):
    series = make_series(personas, start_local=JAN_12)
    url = reverse("checkins:series_cancel", args=[series.pk])
    client = client_for(personas.principal)
    assert "Yes, cancel the series" in client.get(url).content.decode()
    client.post(url)
    series.refresh_from_db()
    assert series.status == Series.Status.CANCELLED


def test_sending_invitations_then_updates(personas, mailoutbox, django_capture_on_commit_callbacks):
    series = make_series(personas, start_local=JAN_12)
    client = client_for(personas.principal)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkins:series_send", args=[series.pk]))
    assert [m.subject for m in mailoutbox] == ["Invitation: Adams mental health check-in"] * 2
    assert "Send updates" in client.get(reverse("checkins:series_detail", args=[series.pk])).content.decode()


def test_sending_updates_asks_first_with_the_recipients_and_the_email(
    personas, smtp_server, django_capture_on_commit_callbacks
):
    series = make_series(personas, start_local=JAN_12)
    client = client_for(personas.principal)
    url = reverse("checkins:series_send", args=[series.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(url).content.decode()
    assert smtp_server.messages == [], "showing the confirmation sends nothing"
    recipients = sorted(p.staff.email for p in series.participants.select_related("staff"))
    assert f"This emails {len(recipients)} people." in first
    assert all(email in first for email in recipients)
    assert "Subject:</strong> Invitation: Adams mental health check-in" in first
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert sorted(envelope[1][0] for envelope in smtp_server.envelopes) == recipients
    smtp_server.messages.clear()
    smtp_server.envelopes.clear()
    again = client.get(url).content.decode()
    assert "Send the updates" in again and "Subject:</strong> Updated: Adams mental health check-in" in again
    assert smtp_server.messages == []


def test_the_edit_page_changes_the_place_and_keeps_the_schedule(personas):
    series = make_series(personas, start_local=JAN_12)
    data = form_data(personas, cadence="monthly", location="Library", title=series.title)
    response = client_for(personas.principal).post(reverse("checkins:series_edit", args=[series.pk]), data)
    assert response.status_code == 302
    series.refresh_from_db()
    assert (series.location, series.rrule, series.sequence) == ("Library", "FREQ=MONTHLY;BYDAY=2TU", 1)


def test_the_calendar_feed_works_without_login_and_a_wrong_token_is_not_found(personas, client):
    series = make_series(personas, start_local=JAN_12)
    page = client_for(personas.counselor_a).get(reverse("checkins:calendar_subscription")).content.decode()
    token = personas.counselor_a.calendar_feed.token
    assert token in page
    response = client.get(reverse("checkins:calendar_feed", args=[token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    from icalendar import Calendar

    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == series.uid
    assert client.get(reverse("checkins:calendar_feed", args=[token + "x"])).status_code == 404


def test_a_new_calendar_link_retires_the_old_one(personas, client):
    old = client_for(personas.counselor_a)
    old.get(reverse("checkins:calendar_subscription"))
    token = personas.counselor_a.calendar_feed.token
    old.post(reverse("checkins:calendar_rotate"))
    assert client.get(reverse("checkins:calendar_feed", args=[token])).status_code == 404


def test_the_admin_edits_the_district_invitation_text(personas):
    from checkins.services.invitations import district_default

    url = reverse("checkins:invitation_settings")
    client_for(personas.admin).post(url, {"invitation_text": "Dear [staff name]"})
    assert district_default(personas.district) == "Dear [staff name]"


def test_the_list_shows_each_persona_their_scope(personas):
    make_series(personas, start_local=JAN_12)
    make_series(personas, title="Brook check-in", school=personas.school_b, participants=[personas.counselor_b])
    titles = {
        person: {s.title for s in client_for(person).get(reverse("checkins:series_list")).context["page_obj"]}
        for person in (personas.admin, personas.principal, personas.counselor_a, personas.counselor_b)
    }
    assert titles[personas.admin] == {"Adams mental health check-in", "Brook check-in"}
    assert titles[personas.principal] == {"Adams mental health check-in", "Brook check-in"}  # organizer of both
    assert titles[personas.counselor_a] == {"Adams mental health check-in"}
    assert titles[personas.counselor_b] == {"Brook check-in"}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_list_needs_as_many_queries_for_many_series_as_for_few(personas):
    client = client_for(personas.admin)
    url = reverse("checkins:series_list")
    series = make_series(personas, start_local=JAN_12)
    few = count_queries(client, url)
    for n in range(8):
        more = make_series(personas, title=f"Series {n}", start_local=JAN_12)
        first = upcoming(more, 1)[0]
        from checkins.services.series_changes import move_occurrence

        move_occurrence(more, first.recurrence_id, starts_at=first.starts_at + dt.timedelta(hours=1), by=personas.admin)
    assert series and count_queries(client, url) == few


def test_showing_another_schools_staff_keeps_the_choices_and_saves_nothing(personas):
    data = form_data(personas, staff_school=personas.school_b.pk, _filter="1", title="Kept title")
    response = client_for(personas.admin).post(reverse("checkins:series_new"), data)
    assert response.status_code == 200 and not Series.objects.exists()
    form = response.context["form"]
    offered = set(form.fields["participants"].queryset)
    assert {personas.counselor_b, personas.counselor_a, personas.principal} <= offered
    assert not form.is_bound and form.initial["title"] == "Kept title"
    assert str(personas.counselor_a.pk) in form.initial["participants"]


def test_changing_the_cadence_of_a_running_series_asks_for_a_future_first_meeting(personas):
    series = make_series(personas, start_local=dt.datetime(2026, 9, 8, 15, 30), allow_past=True)
    data = form_data(personas, first_date="2026-09-08", cadence="weeks", weeks="4", title=series.title)
    response = client_for(personas.principal).post(reverse("checkins:series_edit", args=[series.pk]), data)
    assert "a future date" in " ".join(response.context["form"].errors["first_date"])
    series.refresh_from_db()
    assert series.rrule == "FREQ=MONTHLY;BYDAY=2TU" and series.sequence == 0


def test_the_edit_page_shows_the_series_school_and_its_staff(personas):
    series = make_series(personas, start_local=JAN_12)
    body = client_for(personas.principal).get(reverse("checkins:series_edit", args=[series.pk])).content.decode()
    assert f'<option value="{personas.school_a.pk}" selected>Adams Elementary</option>' in body
    assert body.count(" selected>Adams Elementary</option>") == 2  # the school, and the staff shown
