"""Closing a meeting emails the minutes once; the minutes print."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from actions.models import Status
from actions.services import change_status, create_item
from checkins.models import Meeting
from checkins.services.meetings import add_plan_item, record_attendance, record_barrier, start_meeting
from checkins.services.minutes import close_meeting, send_minutes
from checkins.tests.meeting_factories import make_meeting
from conftest import client_for
from tests.smtp import text_of


@pytest.fixture
def run_meeting(personas):
    """A meeting with a reviewed item (completed in the room), a barrier, a new item and attendance."""
    p = personas
    earlier_item = create_item(p.district, description="Move testing coordination to the AP", by=p.admin,
                               owner=p.counselor_a, due_on=dt.date(2026, 1, 10), created_on=dt.date(2026, 1, 2),
                               notify=False)  # fmt: skip
    still_open = create_item(p.district, description="Share the referral form", by=p.admin, owner=p.principal,
                             status=Status.BLOCKED, notify=False)  # fmt: skip
    meeting = start_meeting(make_meeting(p), by=p.principal)
    change_status(earlier_item, to=Status.COMPLETED, by=p.principal)
    barrier = record_barrier(meeting, kind="space", description="No private room for sessions",
                             raised_by=p.counselor_a, by=p.principal)  # fmt: skip
    add_plan_item(meeting, description="Reserve the library annex", by=p.principal, owner=p.principal,
                  due_on=dt.date(2027, 1, 15), barrier=barrier)  # fmt: skip
    record_attendance(meeting, present={p.counselor_a.pk}, by=p.principal)
    return meeting, still_open


def close(meeting, person, capture) -> None:
    with capture(execute=True):
        close_meeting(meeting, by=person)


def test_closing_emails_the_minutes_to_each_participant(
    personas, run_meeting, smtp_server, django_capture_on_commit_callbacks
):
    meeting, _ = run_meeting
    close(meeting, personas.principal, django_capture_on_commit_callbacks)
    recipients = sorted(envelope[1][0] for envelope in smtp_server.envelopes)
    assert recipients == ["casey@lincoln.example.org", "principal@lincoln.example.org"]
    message = smtp_server.messages[0]
    assert message["Subject"].startswith("Minutes: Adams mental health check-in, ")
    body = text_of(message)
    attendance, rest = body.split("ACTIONS REVIEWED")
    reviewed, rest = rest.split("BARRIERS RAISED")
    barriers, new_items = rest.split("NEW ACTION ITEMS")
    assert "Present: Casey Counselor" in attendance
    assert "Absent: Pat Principal" in attendance
    assert "Move testing coordination to the AP" in reviewed and "progress: Completed" in reviewed
    assert "Share the referral form" in reviewed and "Blocked or behind schedule" in reviewed
    assert "Space: No private room for sessions (raised by Casey Counselor)" in barriers
    assert "Reserve the library annex" in new_items
    assert "Who is responsible: Pat Principal; by: Jan 15, 2027; addresses: Space" in new_items
    assert reverse("checkins:meeting_minutes", kwargs={"pk": meeting.pk}) in new_items
    meeting.refresh_from_db()
    assert meeting.minutes_sent_at is not None


def test_closing_twice_sends_the_minutes_once(personas, run_meeting, smtp_server, django_capture_on_commit_callbacks):
    meeting, _ = run_meeting
    close(meeting, personas.principal, django_capture_on_commit_callbacks)
    close(meeting, personas.principal, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_minutes(meeting) == 0
    assert len(smtp_server.messages) == 2
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.CLOSED


def test_the_close_button_closes_and_a_second_click_changes_nothing(
    personas, run_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, _ = run_meeting
    client = client_for(personas.principal)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkins:meeting_close", kwargs={"pk": meeting.pk}))
        client.post(reverse("checkins:meeting_close", kwargs={"pk": meeting.pk}))
    assert len(mailoutbox) == 2


def test_a_participant_without_an_email_is_skipped(
    personas, run_meeting, mailoutbox, django_capture_on_commit_callbacks
):
    meeting, _ = run_meeting
    from checkins.models import Participant

    personas.no_login.email = ""
    personas.no_login.save(update_fields=["email"])
    Participant.objects.create(district=personas.district, series=meeting.series, staff=personas.no_login)
    close(meeting, personas.principal, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == ["casey@lincoln.example.org", "principal@lincoln.example.org"]


def test_the_minutes_page_prints_the_same_record(personas, run_meeting, django_capture_on_commit_callbacks):
    meeting, _ = run_meeting
    close(meeting, personas.principal, django_capture_on_commit_callbacks)
    page = client_for(personas.counselor_a).get(reverse("checkins:meeting_minutes", kwargs={"pk": meeting.pk}))
    body = page.content.decode()
    for text in ("Move testing coordination to the AP", "No private room for sessions", "Reserve the library annex",
                 "Present: Casey Counselor", "@media print"):  # fmt: skip
        assert text in body


def test_the_series_lists_its_meetings_with_their_status(personas, run_meeting, django_capture_on_commit_callbacks):
    meeting, _ = run_meeting
    close(meeting, personas.principal, django_capture_on_commit_callbacks)
    older = make_meeting(personas, meeting.series, days_ago=30)
    client = client_for(personas.counselor_a)
    page = client.get(reverse("checkins:series_meetings", kwargs={"pk": meeting.series.pk})).content.decode()
    assert page.index(f"/meetings/{meeting.pk}/") < page.index(f"/meetings/{older.pk}/")
    assert "Closed" in page and "Scheduled" in page
    closed_only = client.get(
        reverse("checkins:series_meetings", kwargs={"pk": meeting.series.pk}), {"status": "closed"}
    )
    assert f"/meetings/{older.pk}/" not in closed_only.content.decode()


def _queries_on_the_series_list(personas, meetings: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from checkins.tests.factories import make_series

    series = make_series(personas, title=f"Series with {meetings}")
    for n in range(meetings):
        make_meeting(personas, series, days_ago=30 * (n + 1), status="closed")
    client = client_for(personas.principal)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("checkins:series_meetings", kwargs={"pk": series.pk}))
    assert response.content.decode().count("/minutes/") == meetings
    return len(queries)


def test_the_series_meeting_list_queries_do_not_grow_with_meetings(personas):
    assert _queries_on_the_series_list(personas, 3) == _queries_on_the_series_list(personas, 30)


def test_closing_asks_first_showing_the_recipients_and_the_email(
    personas, run_meeting, smtp_server, django_capture_on_commit_callbacks
):
    meeting, _ = run_meeting
    client = client_for(personas.principal)
    url = reverse("checkins:meeting_close", kwargs={"pk": meeting.pk})
    detail = client.get(reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()
    assert f'href="{url}"' in detail, "the meeting page links to the confirmation, it does not send"
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(url).content.decode()
    assert smtp_server.messages == [] and Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.IN_PROGRESS
    assert "This emails 2 people." in page
    assert "casey@lincoln.example.org" in page and "principal@lincoln.example.org" in page
    assert "Subject:</strong> Minutes: Adams mental health check-in, " in page
    assert "Reserve the library annex" in page and "No private room for sessions" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    sent = sorted(envelope[1][0] for envelope in smtp_server.envelopes)
    assert sent == ["casey@lincoln.example.org", "principal@lincoln.example.org"], "sent to whom the page named"
    preview_body = page.split("<pre>")[1].split("</pre>")[0]
    mine = next(m for m in smtp_server.messages if m["To"] == "principal@lincoln.example.org")

    def lines(text):
        return [line.rstrip() for line in text.replace("\r\n", "\n").strip().splitlines()]

    assert lines(text_of(mine)) == lines(html.unescape(preview_body)), "the preview is the email itself"
