"""Meetings keep to their dates, plans name who and by when, carry-over stays relevant, a visit writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import ActionItem, Origin
from actions.services import create_item
from checkins.models import AgendaSection, Meeting
from checkins.services import meetings as services
from checkins.services.series import get_or_create_meeting, upcoming
from checkins.tests.factories import make_series
from checkins.tests.meeting_factories import make_meeting
from conftest import client_for

# 9 pm on Tuesday January 12 in Chicago is already Wednesday in UTC.
EVENING = dt.datetime(2027, 1, 13, 3, 0, tzinfo=dt.UTC)


def page_of(meeting, person) -> str:
    return client_for(person).get(reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk})).content.decode()


@pytest.fixture
def next_week(personas) -> Meeting:
    return make_meeting(personas, days_ago=-7)


# --- Meeting dates ---


def test_a_meeting_cannot_be_started_before_its_day(personas, next_week):
    with pytest.raises(ValidationError, match="can be started on that day"):
        services.start_meeting(next_week, by=personas.principal)
    assert Meeting.objects.get(pk=next_week.pk).status == Meeting.Status.SCHEDULED


def test_the_page_says_when_a_future_meeting_can_start_and_the_start_is_refused_with_a_message(personas, next_week):
    page = page_of(next_week, personas.principal)
    assert "Start the meeting" not in page and "can be started on" in page
    response = client_for(personas.principal).post(
        reverse("checkins:meeting_start", kwargs={"pk": next_week.pk}), follow=True
    )
    assert "can be started on that day" in response.content.decode()
    assert Meeting.objects.get(pk=next_week.pk).status == Meeting.Status.SCHEDULED


def test_a_meeting_starts_on_its_day_even_before_its_hour(personas):
    with time_machine.travel(dt.datetime(2027, 1, 12, 14, 0, tzinfo=dt.UTC), tick=False):  # 8 am in Chicago
        series = make_series(personas, start_local=dt.datetime(2027, 1, 12, 15, 30), allow_past=True)
        meeting = get_or_create_meeting(series, upcoming(series, 1)[0].recurrence_id)
        assert services.start_meeting(meeting, by=personas.principal).status == Meeting.Status.IN_PROGRESS


def test_a_leader_prepares_a_future_meeting_and_its_items_are_dated_the_day_they_were_made(personas):
    with time_machine.travel(dt.datetime(2027, 1, 5, 18, 0, tzinfo=dt.UTC), tick=False):
        series = make_series(personas, start_local=dt.datetime(2027, 2, 9, 15, 30))
        meeting = get_or_create_meeting(series, upcoming(series, 1)[0].recurrence_id)
    with time_machine.travel(EVENING, tick=False):
        barrier = services.record_barrier(
            meeting, kind="space", description="No room", raised_by=personas.counselor_a, by=personas.principal
        )
        item = services.add_plan_item(
            meeting, description="Book a room", by=personas.principal, owner=personas.counselor_a,
            due_on=dt.date(2027, 2, 23), notify=False,
        )  # fmt: skip
    assert item.created_on == dt.date(2027, 1, 12)  # the district's day, not UTC's, nor the meeting's
    assert barrier.raised_on == dt.date(2027, 1, 12)


# --- Plans need who and by when ---


def test_an_item_made_in_the_plans_section_needs_an_owner_and_a_due_date(personas, next_week):
    with pytest.raises(ValidationError) as missing:
        services.add_plan_item(next_week, description="Book a room", by=personas.principal, notify=False)
    assert set(missing.value.message_dict) == {"owner", "due_on"}
    assert not ActionItem.objects.exists()


def test_the_plans_form_says_beside_the_field_that_a_due_date_is_needed(personas):
    meeting = make_meeting(personas, status="in_progress")
    response = client_for(personas.principal).post(
        reverse("checkins:meeting_item_new", kwargs={"pk": meeting.pk}),
        {"item-description": "Book a room", "item-owner": personas.counselor_a.pk, "item-due_on": ""},
    )
    assert response.status_code == 200
    form = response.context["item_form"]
    assert form.errors == {"due_on": ["Say by what date it will be done."]}
    page = response.content.decode()
    field = page.split('for="id_item-due_on"')[1].split("</div>")[0]
    assert "Say by what date it will be done." in field
    assert not ActionItem.objects.exists()


# --- Carry-over stays relevant ---


@pytest.fixture
def carried(personas):
    p = personas
    series = make_series(p)
    earlier = make_meeting(p, series, days_ago=30, status=Meeting.Status.CLOSED)
    today = make_meeting(p, series)
    elsewhere = make_series(
        p, title="Brook check-in", school=p.school_b, organizer=p.admin, participants=[p.counselor_a]
    )
    other_meeting = make_meeting(p, elsewhere, days_ago=20, status=Meeting.Status.CLOSED)

    def item(description, **fields):
        return create_item(p.district, description=description, by=p.admin, notify=False, **fields)

    return today, {
        "ours": item("From our last check-in", owner_name="A parent", origin=Origin.CHECKIN, origin_ref=earlier.pk),
        "ours, hers": item("Ours and counselor A's", owner=p.counselor_a, origin=Origin.CHECKIN, origin_ref=earlier.pk),
        "hers, Brook": item("Counselor A's from Brook", owner=p.counselor_a, origin=Origin.CHECKIN,
                            origin_ref=other_meeting.pk),
        "hers": item("Counselor A's own", owner=p.counselor_a),
    }  # fmt: skip


def test_section_one_lists_the_series_items_first_and_the_participants_other_items_apart(personas, carried):
    meeting, items = carried
    ours, others = services.carried_over(meeting)
    assert [i.description for i in ours] == [items["ours"].description, items["ours, hers"].description]
    assert sorted(i.description for i in others) == sorted(
        [items["hers, Brook"].description, items["hers"].description]
    )


def test_the_page_shows_the_other_items_collapsed_under_their_own_heading_each_once(personas, carried):
    meeting, items = carried
    page = page_of(meeting, personas.principal)
    series_part, other_part = page.split("Other open items of these people")
    assert f'id="item-{items["ours"].pk}"' in series_part and f'id="item-{items["ours, hers"].pk}"' in series_part
    assert f'id="item-{items["hers"].pk}"' in other_part and f'id="item-{items["hers, Brook"].pk}"' in other_part
    assert series_part.endswith('<details class="other-items"><summary>')  # collapsed: no "open"
    for item in items.values():
        assert page.count(f'id="item-{item.pk}"') == 1


# --- The meeting page's GET writes nothing ---


def test_visiting_a_meeting_page_writes_nothing(personas):
    series = make_series(personas)
    meeting = get_or_create_meeting(series, upcoming(series, 1)[0].recurrence_id)
    assert AgendaSection.objects.filter(district=personas.district, series=None).count() == 3  # made with the meeting
    client = client_for(personas.counselor_a)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk})).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == [] or all("django_session" in sql for sql in writes)


def test_the_agenda_pages_show_the_seed_agenda_without_writing_it(personas):
    series = make_series(personas)
    for person, name, kwargs in (
        (personas.admin, "checkins:district_agenda", {}),
        (personas.principal, "checkins:series_agenda", {"pk": series.pk}),
    ):
        page = client_for(person).get(reverse(name, kwargs=kwargs)).content.decode()
        assert "Review actions from the previous check-in" in page
    assert not AgendaSection.objects.exists()
