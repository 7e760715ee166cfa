"""Running a meeting: transitions, the section clock, items updated in place, barriers, plans, attendance."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import ActionItem, ActionItemChange, Barrier, Origin, Status
from actions.services import create_item
from checkins.agenda import agenda_for
from checkins.models import Attendance, Meeting
from checkins.services.meetings import local_start, record_barrier, start_meeting
from checkins.services.minutes import close_meeting
from checkins.tests.meeting_factories import make_meeting
from conftest import client_for


def url(name: str, meeting: Meeting, **extra) -> str:
    return reverse(f"checkins:{name}", kwargs={"pk": meeting.pk, **extra})


@pytest.fixture
def meeting(personas) -> Meeting:
    return make_meeting(personas)


@pytest.fixture
def running(personas, meeting) -> Meeting:
    return start_meeting(meeting, by=personas.principal)


# --- who sees the meeting ---


def test_participants_organizer_leaders_and_admins_see_the_meeting(personas, meeting):
    for person in (personas.counselor_a, personas.principal, personas.admin):
        assert client_for(person).get(url("meeting_detail", meeting)).status_code == 200


def test_staff_outside_the_series_and_other_districts_get_not_found(personas, meeting):
    for person in (personas.counselor_b, personas.other_admin):
        assert client_for(person).get(url("meeting_detail", meeting)).status_code == 404
    assert client_for(personas.counselor_b).get(url("meeting_minutes", meeting)).status_code == 404
    assert client_for(personas.counselor_b).post(url("meeting_start", meeting)).status_code == 404


def test_a_participant_sees_the_meeting_but_cannot_run_it(personas, meeting):
    client = client_for(personas.counselor_a)
    page = client.get(url("meeting_detail", meeting)).content.decode()
    assert "Start the meeting" not in page
    assert client.post(url("meeting_start", meeting)).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.SCHEDULED


def test_the_page_shows_the_time_in_the_district_time_zone_and_each_sections_questions(personas, meeting):
    page = client_for(personas.principal).get(url("meeting_detail", meeting)).content.decode()
    start = local_start(meeting)
    assert start.strftime("%-I:%M %p") in page
    assert start.tzname() in page  # CST or CDT
    for section in agenda_for(meeting.series):
        assert section.title in page
        assert f"Planned {section.minutes} min" in page
        for question in section.question_list:
            assert question.replace("'", "&#x27;") in page


# --- transitions ---


def test_a_meeting_goes_scheduled_in_progress_closed(personas, meeting, django_capture_on_commit_callbacks):
    client = client_for(personas.principal)
    client.post(url("meeting_start", meeting))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.IN_PROGRESS and meeting.started_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("meeting_close", meeting))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CLOSED and meeting.closed_at is not None


def test_a_scheduled_meeting_cannot_be_closed_before_it_starts(personas, meeting):
    with pytest.raises(ValidationError):
        close_meeting(meeting, by=personas.principal)
    response = client_for(personas.principal).post(url("meeting_close", meeting), follow=True)
    assert "start it before closing" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.SCHEDULED


def test_a_meeting_starts_once(personas, running):
    with pytest.raises(ValidationError):
        start_meeting(running, by=personas.principal)


def test_a_closed_meeting_takes_no_more_barriers_or_items(personas, running, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        close_meeting(running, by=personas.principal)
    with pytest.raises(ValidationError):
        record_barrier(running, kind="space", description="No room", raised_by=None, by=personas.principal)
    page = client_for(personas.principal).get(url("meeting_detail", running)).content.decode()
    assert "Record the barrier" not in page
    assert "Add the action item" not in page


# --- the section clock ---


def test_the_section_clock_is_kept_by_the_server(personas, meeting):
    client = client_for(personas.principal)
    review, barriers, _ = agenda_for(meeting.series)
    t0 = meeting.starts_at
    with time_machine.travel(t0, tick=False):
        client.post(url("meeting_start", meeting))
        client.post(url("meeting_section", meeting), {"section": review.pk})
    with time_machine.travel(t0 + dt.timedelta(minutes=17), tick=False):
        client.post(url("meeting_section", meeting), {"section": barriers.pk})
        page = client.get(url("meeting_detail", meeting)).content.decode()
    meeting.refresh_from_db()
    assert meeting.section_seconds[str(review.pk)] == 17 * 60
    assert "17:00" in page
    assert "Over time" in page  # 17 of 15 minutes
    assert "Next section: Set clear plans" in page


def test_a_section_on_another_agenda_is_refused(personas, running):
    response = client_for(personas.principal).post(url("meeting_section", running), {"section": 999999}, follow=True)
    assert "not on this meeting" in response.content.decode()


# --- section 1: items updated in place ---


@pytest.fixture
def counselors_item(personas):
    return create_item(personas.district, description="Find a room", by=personas.admin, owner=personas.counselor_a,
                       notify=False)  # fmt: skip


def test_the_organizer_updates_an_item_in_place_with_htmx(personas, running, counselors_item):
    response = client_for(personas.principal).post(
        url("meeting_item_status", running, item_pk=counselors_item.pk),
        {"status": Status.IN_PROGRESS, "version": counselors_item.version},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="item-{counselors_item.pk}"')
    assert "<html" not in body
    counselors_item.refresh_from_db()
    assert counselors_item.status == Status.IN_PROGRESS
    change = ActionItemChange.objects.get(item=counselors_item, field="status")
    assert change.changed_by == personas.principal


def test_without_javascript_the_status_form_redirects_back_to_the_item(personas, running, counselors_item):
    response = client_for(personas.counselor_a).post(
        url("meeting_item_status", running, item_pk=counselors_item.pk),
        {"status": Status.COMPLETED, "version": counselors_item.version},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#item-{counselors_item.pk}")
    counselors_item.refresh_from_db()
    assert counselors_item.status == Status.COMPLETED


def test_a_participant_updates_only_their_own_items(personas, running):
    principals = create_item(personas.district, description="Ask the district", by=personas.admin,
                             owner=personas.principal, notify=False)  # fmt: skip
    response = client_for(personas.counselor_a).post(
        url("meeting_item_status", running, item_pk=principals.pk), {"status": Status.COMPLETED, "version": 1}
    )
    assert response.status_code == 403


def test_an_item_the_meeting_does_not_review_cannot_be_updated_through_it(personas, running):
    theirs = create_item(personas.district, description="Brook's item", by=personas.admin, owner=personas.counselor_b,
                         notify=False)  # fmt: skip
    response = client_for(personas.principal).post(
        url("meeting_item_status", running, item_pk=theirs.pk), {"status": Status.COMPLETED, "version": 1}
    )
    assert response.status_code == 404


def test_a_stale_status_update_says_so_and_saves_nothing(personas, running, counselors_item):
    response = client_for(personas.principal).post(
        url("meeting_item_status", running, item_pk=counselors_item.pk),
        {"status": Status.COMPLETED, "version": counselors_item.version - 1},
        headers={"HX-Request": "true"},
    )
    assert "Not saved" in response.content.decode()
    assert ActionItem.objects.get(pk=counselors_item.pk).status == Status.NOT_STARTED


# --- section 2: barriers ---


def test_recording_a_barrier_links_it_to_the_meeting(personas, running):
    response = client_for(personas.principal).post(
        url("meeting_barrier_new", running),
        {
            "barrier-kind": "space",
            "barrier-raised_by": personas.counselor_a.pk,
            "barrier-description": "No private room",
        },
    )
    assert response.status_code == 302
    barrier = Barrier.objects.get()
    assert (barrier.origin, barrier.origin_ref) == ("checkin", running.pk)
    assert barrier.school == personas.school_a
    assert barrier.raised_by == personas.counselor_a
    assert barrier.raised_on == local_start(running).date()
    assert barrier.get_kind_display() == "Space"


def test_a_barrier_without_text_shows_the_error_beside_the_field(personas, running):
    response = client_for(personas.principal).post(
        url("meeting_barrier_new", running), {"barrier-kind": "space", "barrier-description": ""}
    )
    assert 'id="id_barrier-description_error"' in response.content.decode()
    assert not Barrier.objects.exists()


def test_the_barriers_section_says_what_participants_shared(personas, running):
    page = client_for(personas.principal).get(url("meeting_detail", running)).content.decode()
    assert "Shared by participants" in page
    assert "Nothing shared for this meeting yet" in page


# --- section 3: plans become action items ---


def test_a_plan_becomes_an_action_item_of_the_meeting_linked_to_its_barrier(personas, running):
    barrier = record_barrier(running, kind="space", description="No room", raised_by=None, by=personas.principal)
    response = client_for(personas.principal).post(
        url("meeting_item_new", running),
        {
            "item-description": "Reserve the library annex on Tuesdays",
            "item-owner": personas.counselor_a.pk,
            "item-due_on": "2027-01-15",
            "item-barrier": barrier.pk,
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.origin, item.origin_ref) == (Origin.CHECKIN, running.pk)
    assert item.barrier == barrier
    assert item.school == personas.school_a
    assert item.owner == personas.counselor_a
    assert item.due_on == dt.date(2027, 1, 15)
    assert item.created_by == personas.principal


def test_a_typed_name_links_a_district_staff_member_or_stays_a_name(personas, running):
    client = client_for(personas.principal)
    client.post(
        url("meeting_item_new", running),
        {"item-description": "One", "item-owner_name": personas.counselor_b.email, "item-due_on": "2099-01-01"},
    )
    client.post(
        url("meeting_item_new", running),
        {"item-description": "Two", "item-owner_name": "The PTA chair", "item-due_on": "2099-01-01"},
    )
    assert ActionItem.objects.get(description="One").owner == personas.counselor_b
    two = ActionItem.objects.get(description="Two")
    assert (two.owner, two.owner_name) == (None, "The PTA chair")


def test_a_plan_needs_someone_responsible(personas, running):
    response = client_for(personas.principal).post(url("meeting_item_new", running), {"item-description": "Nobody"})
    assert 'id="id_item-owner_error"' in response.content.decode()
    assert not ActionItem.objects.exists()


def test_a_plan_cannot_address_a_barrier_of_another_meeting(personas, running):
    elsewhere = make_meeting(personas, days_ago=40, status="in_progress")
    barrier = record_barrier(elsewhere, kind="space", description="No room", raised_by=None, by=personas.principal)
    response = client_for(personas.principal).post(
        url("meeting_item_new", running),
        {"item-description": "X", "item-owner": personas.counselor_a.pk, "item-barrier": barrier.pk},
    )
    assert 'id="id_item-barrier_error"' in response.content.decode()
    assert not ActionItem.objects.exists()


# --- attendance ---


def test_attendance_marks_each_participant_present_or_absent(personas, running):
    client = client_for(personas.principal)
    client.post(url("meeting_attendance", running), {"attendance-present": [personas.counselor_a.pk]})
    marked = dict(Attendance.objects.filter(meeting=running).values_list("staff_id", "present"))
    assert marked == {personas.counselor_a.pk: True, personas.principal.pk: False}
    client.post(url("meeting_attendance", running), {"attendance-present": [personas.principal.pk]})
    marked = dict(Attendance.objects.filter(meeting=running).values_list("staff_id", "present"))
    assert marked == {personas.counselor_a.pk: False, personas.principal.pk: True}


def test_attendance_refuses_someone_outside_the_series(personas, running):
    client_for(personas.principal).post(
        url("meeting_attendance", running), {"attendance-present": [personas.counselor_b.pk]}
    )
    assert not Attendance.objects.exists()
