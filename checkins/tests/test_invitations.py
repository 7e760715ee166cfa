"""Invitations, updates and cancellations delivered to a real SMTP server, calendar files parsed back."""

import datetime as dt

import pytest
import time_machine
from icalendar import Calendar

from checkins.services import series as services
from checkins.services import series_changes as changes
from checkins.services.invitations import DEFAULT_INVITATION, invitation_body, save_district_default
from checkins.tests.factories import make_series

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
JAN_12 = dt.datetime(2027, 1, 12, 15, 30)
FEB_9_UTC = dt.datetime(2027, 2, 9, 21, 30, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def series(personas, frozen):
    return make_series(personas, start_local=JAN_12, rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU")


def by_recipient(smtp_server) -> dict:
    pairs = zip(smtp_server.envelopes, smtp_server.messages, strict=True)
    return {envelope[1][0]: message for envelope, message in pairs}


def attached_calendar(message) -> tuple[Calendar, dict]:
    (part,) = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    return Calendar.from_ical(part.get_payload(decode=True)), dict(part.get_params())


def test_each_participant_receives_the_seed_email_with_a_calendar_file_that_parses(
    series, personas, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_invitations(series, by=personas.principal) == 2
    received = by_recipient(smtp_server)
    assert set(received) == {personas.principal.email, personas.counselor_a.email}
    message = received[personas.counselor_a.email]
    assert message["Subject"] == "Invitation: Adams mental health check-in"
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith(f"Hi {personas.counselor_a.name},\n")
    assert "we are planning to schedule quarterly check-ins with our mental health support staff." in body
    assert "The district has challenged our school to prioritize supporting mental health staff" in body
    assert "Please complete the following survey" not in body
    assert "Tuesday, January 12, 2027 at 3:30 PM" in body and "Room 12" in body
    assert body.rstrip().endswith(personas.principal.name)
    parsed, params = attached_calendar(message)
    assert params["method"] == "REQUEST"
    assert str(parsed["METHOD"]) == "REQUEST"
    (event,) = parsed.walk("VEVENT")
    assert str(event["UID"]) == series.uid and int(event["SEQUENCE"]) == 0
    assert event["RRULE"]["INTERVAL"] == [3]
    assert [str(z["TZID"]) for z in parsed.walk("VTIMEZONE")] == ["America/Chicago"]
    series.refresh_from_db()
    assert series.invitations_sent_at is not None


def test_a_change_after_invitations_sends_an_update_with_a_higher_sequence_and_the_same_uid(
    series, personas, smtp_server, django_capture_on_commit_callbacks, frozen
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(series, by=personas.principal)
        changes.edit_series(series, by=personas.principal, location="Library")
    updates = [m for m in smtp_server.messages if m["Subject"].startswith("Updated:")]
    assert len(updates) == 2
    parsed, _ = attached_calendar(updates[0])
    (event,) = parsed.walk("VEVENT")
    assert str(parsed["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == series.uid and int(event["SEQUENCE"]) == 1
    assert str(event["LOCATION"]) == "Library"


def test_moving_one_occurrence_sends_the_override(
    series, personas, smtp_server, django_capture_on_commit_callbacks, frozen
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(series, by=personas.principal)
    first = services.occurrences(series, NOW, dt.datetime(2027, 1, 31, tzinfo=dt.UTC))[0].recurrence_id
    with django_capture_on_commit_callbacks(execute=True):
        changes.move_occurrence(series, first, starts_at=first + dt.timedelta(hours=2), by=personas.principal)
    parsed, _ = attached_calendar(smtp_server.messages[-1])
    override = next(e for e in parsed.walk("VEVENT") if "RECURRENCE-ID" in e)
    assert override.decoded("RECURRENCE-ID") == first
    assert override.decoded("DTSTART") == first + dt.timedelta(hours=2)


def test_cancelling_sends_method_cancel_for_one_meeting_and_for_the_series(
    personas, smtp_server, django_capture_on_commit_callbacks, frozen
):
    series = make_series(personas, start_local=JAN_12)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(series, by=personas.principal)
        changes.cancel_occurrence(series, FEB_9_UTC, by=personas.principal)
        changes.cancel_series(series, by=personas.principal)
    one, whole = smtp_server.messages[2], smtp_server.messages[4]
    assert one["Subject"] == "Cancelled: Adams mental health check-in on Tuesday, February 9, 2027 at 3:30 PM"
    parsed, params = attached_calendar(one)
    assert params["method"] == "CANCEL" and str(parsed["METHOD"]) == "CANCEL"
    assert parsed.walk("VEVENT")[0].decoded("RECURRENCE-ID") == FEB_9_UTC
    parsed, _ = attached_calendar(whole)
    (event,) = parsed.walk("VEVENT")
    assert str(parsed["METHOD"]) == "CANCEL" and "RECURRENCE-ID" not in event
    assert str(event["UID"]) == series.uid and int(event["SEQUENCE"]) == 2


def test_a_removed_participant_gets_a_cancel_and_an_added_one_the_invitation(
    series, personas, mailoutbox, django_capture_on_commit_callbacks, frozen
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(series, by=personas.principal)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes.edit_series(series, by=personas.principal, participants=[personas.principal, personas.counselor_b])
    sent = {(m.to[0], m.subject.split(":")[0]) for m in mailoutbox}
    assert sent == {
        (personas.counselor_a.email, "Cancelled"),
        (personas.principal.email, "Updated"),
        (personas.counselor_b.email, "Invitation"),
    }


def test_the_district_and_the_series_can_replace_the_default_text(series, personas):
    assert "[staff name]" in DEFAULT_INVITATION
    save_district_default(personas.district, "Dear [staff name], see you [cadence] at [school]. [Signature]")
    series.refresh_from_db()
    assert invitation_body(series, personas.counselor_a) == (
        f"Dear {personas.counselor_a.name}, see you quarterly at Adams Elementary. {personas.principal.name}"
    )
    series.invitation_text = "Hello [staff name]"
    assert invitation_body(series, personas.counselor_a) == f"Hello {personas.counselor_a.name}"
