"""Reminders: the weekly digest (clock frozen, real SMTP server), assignment emails and the reminder pages.

Lincoln County is in America/Chicago: Monday 30 November 2026, 07:00 there is 13:00 UTC.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.demo import DESCRIPTIONS, build_demo_items
from actions.models import ActionItem, ActionItemChange, ReminderPreference, Status, TrackerSettings
from actions.reminders import send_weekly_digests
from actions.services import create_item, local_today, reminder_preference, update_item
from conftest import client_for
from core.tasks import tick
from people.leaving import deactivate
from tests.smtp import text_of

pytestmark = pytest.mark.django_db

MONDAY_7_CHICAGO = dt.datetime(2026, 11, 30, 13, 0, 5, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 30)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def item(personas, description, *, owner, due_on, status=Status.IN_PROGRESS, school=None):
    return create_item(
        personas.district,
        description=description,
        by=personas.admin,
        owner=owner,
        due_on=due_on,
        created_on=days(-30),
        status=status,
        school=school or personas.school_a,
        notify=False,
    )


@pytest.fixture
def tracker(personas):
    """Casey has two overdue items, one due this week and some that must not be listed; Bailey has one due soon."""
    item(personas, "Move testing coordination to the assistant principal", owner=personas.counselor_a, due_on=days(-3))
    item(personas, "Find a room to meet students", owner=personas.counselor_a, due_on=days(-1), status="blocked")
    item(personas, "Hand data entry to the front office", owner=personas.counselor_a, due_on=days(7))
    item(personas, "Due after next week", owner=personas.counselor_a, due_on=days(8))
    item(personas, "Already done", owner=personas.counselor_a, due_on=days(-5), status=Status.COMPLETED)
    item(personas, "Given up", owner=personas.counselor_a, due_on=days(2), status=Status.ABANDONED)
    item(personas, "Cover fewer classes", owner=personas.counselor_b, due_on=days(2), school=personas.school_b)
    item(personas, "A teacher without a login", owner=personas.no_login, due_on=days(1))
    return personas


def deliver(smtp_server, django_capture_on_commit_callbacks, when):
    with time_machine.travel(when, tick=False), django_capture_on_commit_callbacks(execute=True):
        sent = send_weekly_digests()
    return sent


def by_recipient(smtp_server):
    pairs = zip(smtp_server.envelopes, smtp_server.messages, strict=True)
    return {envelope[1][0]: message for envelope, message in pairs}


def test_the_digest_goes_out_at_the_district_hour_in_its_time_zone_and_not_an_hour_earlier(
    tracker, smtp_server, django_capture_on_commit_callbacks
):
    assert deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO - dt.timedelta(hours=1)) == 0
    assert smtp_server.messages == []
    assert deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO) == 2
    assert set(by_recipient(smtp_server)) == {"casey@lincoln.example.org", "bailey@lincoln.example.org"}


def test_the_digest_lists_the_owners_overdue_and_due_soon_items_only(
    tracker, smtp_server, django_capture_on_commit_callbacks, settings
):
    deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO)
    message = by_recipient(smtp_server)["casey@lincoln.example.org"]
    assert message["Subject"] == "Your action items this week: 2 overdue, 1 due soon"
    body = text_of(message)
    overdue, due_soon = body.split("OVERDUE (2)")[1].split("DUE IN THE NEXT 7 DAYS (1)")
    assert "Move testing coordination to the assistant principal" in overdue
    assert "Find a room to meet students" in overdue
    assert "Blocked or behind schedule" in overdue
    assert "Adams Elementary" in overdue
    assert "Hand data entry to the front office" in due_soon
    assert "Mon, Dec 7, 2026" in due_soon
    first = ActionItem.objects.get(description="Hand data entry to the front office")
    assert settings.SITE_URL + reverse("actions:item_detail", kwargs={"pk": first.pk}) in body
    for absent in ("Due after next week", "Already done", "Given up", "Cover fewer classes", "without a login"):
        assert absent not in body
    assert settings.SITE_URL + reverse("actions:reminders") in body


def test_a_second_tick_the_same_week_sends_nothing(tracker, smtp_server, django_capture_on_commit_callbacks):
    deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO)
    assert deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO + dt.timedelta(hours=1)) == 0
    assert deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO + dt.timedelta(days=4)) == 0
    assert len(smtp_server.messages) == 2
    assert ReminderPreference.objects.get(staff=tracker.counselor_a).last_digest_on == TODAY


def test_the_next_week_brings_the_next_digest(tracker, smtp_server, django_capture_on_commit_callbacks):
    deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO)
    assert deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO + dt.timedelta(days=7)) == 2


def test_an_owner_who_turned_the_digest_off_gets_nothing(tracker, smtp_server, django_capture_on_commit_callbacks):
    pref = reminder_preference(tracker.counselor_a)
    pref.weekly_digest = False
    pref.save()
    deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO)
    assert set(by_recipient(smtp_server)) == {"bailey@lincoln.example.org"}


def test_a_missed_tick_catches_up_later_the_same_week_once(tracker, smtp_server, django_capture_on_commit_callbacks):
    # The worker was down on Monday; it comes back on Wednesday afternoon.
    wednesday = MONDAY_7_CHICAGO + dt.timedelta(days=2, hours=6)
    assert deliver(smtp_server, django_capture_on_commit_callbacks, wednesday) == 2
    assert deliver(smtp_server, django_capture_on_commit_callbacks, wednesday + dt.timedelta(hours=1)) == 0
    assert len(smtp_server.messages) == 2


def test_the_district_chooses_the_weekday_and_hour(tracker, smtp_server, django_capture_on_commit_callbacks):
    TrackerSettings.objects.create(district=tracker.district, digest_weekday=4, digest_hour=15)
    friday_3pm_chicago = dt.datetime(2026, 12, 4, 21, 0, 5, tzinfo=dt.UTC)
    assert deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO) == 0
    assert deliver(smtp_server, django_capture_on_commit_callbacks, friday_3pm_chicago - dt.timedelta(hours=1)) == 0
    assert deliver(smtp_server, django_capture_on_commit_callbacks, friday_3pm_chicago) == 2


def test_the_hourly_tick_sends_the_digest(tracker, smtp_server, django_capture_on_commit_callbacks):
    with time_machine.travel(MONDAY_7_CHICAGO, tick=False), django_capture_on_commit_callbacks(execute=True):
        tick.enqueue()
    assert len(smtp_server.messages) == 2


def test_the_digest_reads_the_items_in_one_query_whatever_the_number_of_owners(tracker):
    TrackerSettings.objects.create(district=tracker.district)
    TrackerSettings.objects.create(district=tracker.other_district, digest_hour=5)  # 5:00 in Los Angeles
    with time_machine.travel(MONDAY_7_CHICAGO, tick=False), CaptureQueriesContext(connection) as queries:
        assert send_weekly_digests() == 2
    reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    # Districts, settings; then per district its items, the count of leavers' open items, (if any)
    # its admins, and (if any) its owners' preferences.
    assert len(reads) <= 2 + 4 * 2
    assert sum('FROM "actions_actionitem"' in sql for sql in reads) == 2 * 2


# Assignment emails


def test_an_owner_gets_an_email_when_someone_else_assigns_an_item(
    personas, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = create_item(
            personas.district,
            description="Take the social workers off lunch duty",
            by=personas.principal,
            owner=personas.counselor_a,
            due_on=dt.date(2030, 1, 15),
            school=personas.school_a,
        )
    [message] = smtp_server.messages
    assert message["To"] == "casey@lincoln.example.org"
    body = text_of(message)
    assert "Pat Principal gave you a new action item at Adams Elementary" in body
    assert "Take the social workers off lunch duty" in body
    assert "When will it be done: Tue, Jan 15, 2030" in body
    assert "Progress: Not started" in body
    assert f"/items/{new.pk}/" in body
    assert "/account/reminders/" in body


def test_reassigning_an_item_to_someone_else_emails_them(personas, smtp_server, django_capture_on_commit_callbacks):
    mine = create_item(personas.district, description="Clear the storage room", by=personas.principal)
    with django_capture_on_commit_callbacks(execute=True):
        update_item(mine, by=personas.principal, expected_version=mine.version, owner=personas.counselor_b)
    assert [m["To"] for m in smtp_server.messages] == ["bailey@lincoln.example.org"]


def test_no_email_when_you_assign_an_item_to_yourself(personas, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create_item(personas.district, description="My own item", by=personas.counselor_a, owner=personas.counselor_a)
    assert smtp_server.messages == []


def test_no_assignment_email_for_someone_who_turned_them_off(personas, smtp_server, django_capture_on_commit_callbacks):
    pref = reminder_preference(personas.counselor_a)
    pref.assignment_emails = False
    pref.save()
    with django_capture_on_commit_callbacks(execute=True):
        create_item(personas.district, description="Quiet item", by=personas.principal, owner=personas.counselor_a)
    assert smtp_server.messages == []


# The pages


def test_anyone_in_the_district_can_turn_their_reminders_off(personas):
    client = client_for(personas.counselor_a)
    page = client.get(reverse("actions:reminders"))
    assert page.status_code == 200
    assert b'name="weekly_digest"' in page.content
    response = client.post(reverse("actions:reminders"), {"assignment_emails": "on"}, follow=True)
    assert b"Your reminder choices are saved." in response.content
    pref = ReminderPreference.objects.get(staff=personas.counselor_a)
    assert (pref.weekly_digest, pref.assignment_emails) == (False, True)


def test_the_reminders_page_needs_a_login(client):
    assert client.get(reverse("actions:reminders")).status_code == 302


def test_an_admin_sets_the_digest_time_in_the_district_time_zone(personas, as_admin):
    page = as_admin.get(reverse("actions:tracker_settings"))
    assert page.status_code == 200
    assert b"America/Chicago" in page.content
    response = as_admin.post(
        reverse("actions:tracker_settings"), {"digest_weekday": "4", "digest_hour": "15"}, follow=True
    )
    assert b"The weekly digest time is saved." in response.content
    row = TrackerSettings.objects.get(district=personas.district)
    assert (row.digest_weekday, row.digest_hour) == (4, 15)
    assert b"at 15:00 (America/Chicago)" in response.content


def test_a_digest_hour_out_of_range_is_refused_beside_the_field(personas, as_admin):
    response = as_admin.post(reverse("actions:tracker_settings"), {"digest_weekday": "0", "digest_hour": "24"})
    assert response.status_code == 200
    assert response.context["form"].errors["digest_hour"]
    assert b'id="id_digest_hour_error"' in response.content
    assert TrackerSettings.objects.get(district=personas.district).digest_hour == 7


@pytest.mark.parametrize("who", ["principal", "counselor_a"])
def test_only_admins_set_the_digest_time(personas, who):
    client = client_for(getattr(personas, who))
    assert client.get(reverse("actions:tracker_settings")).status_code == 403
    assert (
        client.post(reverse("actions:tracker_settings"), {"digest_weekday": "1", "digest_hour": "8"}).status_code == 403
    )


# The demo


def test_the_demo_items_cover_every_status_some_overdue_across_schools(personas):
    build_demo_items(personas.district, random.Random(1))
    items = ActionItem.objects.filter(district=personas.district)
    today = local_today(personas.district)
    # The seed's example, three items for each of the two personas with a login at school A, and 27 more.
    assert items.count() == 1 + 2 * 3 + 27
    assert items.filter(description=DESCRIPTIONS[0]).exists()
    assert set(items.values_list("status", flat=True)) == set(Status.values)
    assert items.overdue(today).count() >= 5
    assert items.values("school").distinct().count() == 2
    assert items.filter(owner__isnull=True).exclude(owner_name="").count() >= 2
    assert items.filter(owner=personas.counselor_a).overdue(today).exists()
    assert items.filter(owner=personas.counselor_a).due_within(today, 7).exists()
    assert ActionItemChange.objects.filter(item__district=personas.district, field="status").exists()


# People who left


def test_a_person_who_left_gets_no_digest_and_admins_read_a_line_about_their_items(
    tracker, smtp_server, django_capture_on_commit_callbacks
):
    deactivate([tracker.counselor_b.pk])  # owns "Cover fewer classes", due in two days

    deliver(smtp_server, django_capture_on_commit_callbacks, MONDAY_7_CHICAGO)

    received = by_recipient(smtp_server)
    assert "bailey@lincoln.example.org" not in received
    admin = text_of(received["director@lincoln.example.org"])
    assert "1 open item still belongs to people who left the district" in admin
    assert "/items/left/" in admin
    assert "people who left" not in text_of(received["casey@lincoln.example.org"])
