"""Section 1: the open action items of the series and of its participants, each listed once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Barrier, Origin, Status
from actions.services import change_status, create_item
from checkins.models import Meeting
from checkins.services.meetings import review_items, start_meeting
from checkins.tests.factories import make_series
from checkins.tests.meeting_factories import make_meeting
from conftest import client_for


def item(p, description, **fields):
    return create_item(p.district, description=description, by=p.admin, notify=False, **fields)


@pytest.fixture
def two_series(personas):
    """School A's series (principal, counselor A) with an earlier closed meeting; school B's with counselor B."""
    p = personas
    ours = make_series(p)
    earlier = make_meeting(p, ours, days_ago=30, status=Meeting.Status.CLOSED)
    today = make_meeting(p, ours)
    theirs = make_series(p, title="Brook check-in", school=p.school_b, organizer=p.admin, participants=[p.counselor_b])
    their_meeting = make_meeting(p, theirs, days_ago=30, status=Meeting.Status.CLOSED)
    items = {
        "participant's": item(p, "Counselor A's own item", owner=p.counselor_a),
        "organizer's": item(p, "The principal's item", owner=p.principal),
        "from earlier": item(p, "Ask the district for a room", owner_name="A parent volunteer",
                             origin=Origin.CHECKIN, origin_ref=earlier.pk),
        "both": item(p, "Both a participant's and from earlier", owner=p.counselor_a,
                     origin=Origin.CHECKIN, origin_ref=earlier.pk),
        "blocked": item(p, "Blocked item", owner=p.counselor_a, status=Status.BLOCKED),
        "completed": item(p, "Already completed", owner=p.counselor_a, status=Status.COMPLETED),
        "abandoned": item(p, "Given up", origin=Origin.CHECKIN, origin_ref=earlier.pk, owner_name="Someone",
                          status=Status.ABANDONED),
        "other series": item(p, "Counselor B's item from Brook", owner=p.counselor_b,
                             origin=Origin.CHECKIN, origin_ref=their_meeting.pk),
        "non-participant": item(p, "Terry's item", owner=p.no_login),
        "this meeting": item(p, "Set in this very meeting", owner=p.counselor_a,
                             origin=Origin.CHECKIN, origin_ref=today.pk),
    }  # fmt: skip
    return today, items


def listed(meeting) -> list[str]:
    return [i.description for i in review_items(meeting)]


def test_open_items_of_participants_and_earlier_meetings_are_listed_exactly_once(two_series):
    meeting, items = two_series
    names = listed(meeting)
    expected = ["participant's", "organizer's", "from earlier", "both", "blocked"]
    assert sorted(names) == sorted(items[key].description for key in expected)
    assert len(names) == len(set(names))


def test_closed_items_other_series_and_non_participants_are_not_listed(two_series):
    meeting, items = two_series
    for key in ("completed", "abandoned", "other series", "non-participant", "this meeting"):
        assert items[key].description not in listed(meeting)


def test_the_page_shows_each_item_once_with_an_overdue_badge(personas, two_series):
    meeting, items = two_series
    from actions.services import update_item

    update_item(items["blocked"], by=personas.admin, expected_version=None, due_on=items["blocked"].created_on)
    late = items["participant's"]
    late.due_on = late.created_on.replace(year=late.created_on.year - 1)
    late.save(update_fields=["due_on"])  # an old item, due before it could be created through the form
    body = client_for(personas.counselor_a).get(reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk}))
    text = body.content.decode()
    for key in ("participant's", "organizer's", "from earlier", "both", "blocked"):
        assert text.count(f'id="item-{items[key].pk}"') == 1
    assert "Overdue" in text.split(f'id="item-{late.pk}"')[1].split("</tr>")[0]
    assert "Counselor B" not in text


def test_an_item_completed_during_the_meeting_stays_listed_with_its_status(personas, two_series):
    meeting, items = two_series
    start_meeting(meeting, by=personas.principal)
    change_status(items["blocked"], to=Status.COMPLETED, by=personas.principal)
    assert items["blocked"].description in listed(meeting)
    assert items["completed"].description not in listed(meeting)  # closed before the meeting


def test_items_are_computed_when_the_page_opens(personas, two_series):
    meeting, _ = two_series
    added = item(personas, "Raised by email after the agenda went out", owner=personas.counselor_a)
    assert added.description in listed(meeting)


def _queries_on_the_meeting_page(personas, meetings: int, items: int) -> int:
    series = make_series(personas, title=f"Series {meetings}")
    earlier = [make_meeting(personas, series, days_ago=30 * (n + 1), status="closed") for n in range(meetings - 1)]
    meeting = make_meeting(personas, series)
    for n in range(items):
        item(personas, f"Item {n}", owner=personas.counselor_a if n % 2 else None, owner_name="" if n % 2 else "A name",
             origin=Origin.CHECKIN, origin_ref=earlier[n % len(earlier)].pk)  # fmt: skip
    for n in range(items // 5):
        Barrier.objects.create(district=personas.district, description=f"Barrier {n}", raised_on=meeting.starts_at,
                               origin="checkin", origin_ref=meeting.pk, raised_by=personas.counselor_a)  # fmt: skip
    client = client_for(personas.principal)
    url = reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk})
    client.get(url)  # a first visit fills the caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('id="item-') >= items  # counselor A's items of the other series too
    return len(queries)


def test_the_meeting_page_queries_do_not_grow_with_meetings_or_items(personas):
    few = _queries_on_the_meeting_page(personas, meetings=3, items=5)
    many = _queries_on_the_meeting_page(personas, meetings=30, items=50)
    assert few == many


def test_an_item_of_another_district_pointing_at_this_series_is_not_listed(personas, two_series):
    meeting, items = two_series
    earlier = items["from earlier"].origin_ref
    stray = create_item(personas.other_district, description="Riverside's item", by=personas.other_admin,
                        origin=Origin.CHECKIN, origin_ref=earlier, owner_name="Someone", notify=False)  # fmt: skip
    assert stray.description not in listed(meeting)
