"""The demo's check-ins have past, closed meetings with barriers, action items and attendance."""

from __future__ import annotations

from django.urls import reverse

from actions.models import ActionItem, Barrier, Origin
from checkins.models import Attendance, Meeting, Series
from conftest import client_for
from people.demo import PRINCIPAL, build_demo
from people.models import StaffMember


def test_the_demo_series_have_two_closed_meetings_with_barriers_items_and_attendance(db, mailoutbox):
    district = build_demo(schools=4)
    school_series = Series.objects.get(district=district, organizer__email=PRINCIPAL)
    closed = list(school_series.meetings.filter(status=Meeting.Status.CLOSED))
    assert len(closed) == 2
    for meeting in closed:
        assert Barrier.objects.filter(origin="checkin", origin_ref=meeting.pk).count() == 2
        items = ActionItem.objects.filter(origin=Origin.CHECKIN, origin_ref=meeting.pk)
        assert items.count() == 2 and all(item.barrier_id for item in items)
        assert Attendance.objects.filter(meeting=meeting).exists()
        assert meeting.minutes_sent_at is not None
    assert mailoutbox == []
    principal = StaffMember.objects.get(district=district, email=PRINCIPAL)
    page = client_for(principal).get(reverse("checkins:meeting_detail", kwargs={"pk": closed[-1].pk}))
    assert page.status_code == 200
    assert "Closed" in page.content.decode()
