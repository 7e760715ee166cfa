"""At check-ins: the first section lists the participants' goals with their latest progress, progress can be
recorded there, and the minutes include it — each person seeing only the agreements they may see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse

from agreements import goals, services
from agreements.models import Progress
from agreements.tests.makers import add_program_goal, make_agreement, seen
from checkins.services.meetings import start_meeting
from checkins.services.minutes import close_meeting
from checkins.tests.factories import make_series
from checkins.tests.meeting_factories import make_meeting
from conftest import client_for
from people.models import Access
from tests import factories
from tests.smtp import text_of


def agreed_goal(p, staff=None, school=None, statement="Attendance of the check-and-connect group"):
    agreement = make_agreement(p, staff=staff, school=school)
    goal = add_program_goal(p, agreement, statement=statement)
    services.send_for_review(agreement, by=agreement.staff)
    services.sign(agreement, by=agreement.staff, seen=seen(agreement))
    return goal


def test_the_review_section_lists_the_participants_goals_each_viewer_may_see(personas):
    p = personas
    casey_goal = agreed_goal(p)
    goals.record_progress(casey_goal, by=p.counselor_a, on=dt.date(2026, 11, 1), value=Decimal(85), note="Up from 82")
    factories.make_staff(p.district, "Blair Brook", role_key="administrator", access=Access.LEADER, leads=[p.school_b])
    agreed_goal(p, staff=p.counselor_b, school=p.school_b, statement="Bailey's own goal")
    meeting = make_meeting(p, make_series(p, participants=[p.principal, p.counselor_a, p.counselor_b]))
    url = reverse("checkins:meeting_detail", args=[meeting.pk])

    principal = client_for(p.principal).get(url).content.decode()
    assert "Progress on the participants&#x27; goals" in principal or "Progress on the participants' goals" in principal
    assert "Attendance of the check-and-connect group" in principal and "Up from 82" in principal
    assert "Bailey&#x27;s own goal" not in principal  # Pat does not lead Brook Middle
    bailey = client_for(p.counselor_b).get(url).content.decode()
    assert "check-and-connect" not in bailey and "Bailey&#x27;s own goal" in bailey


def test_progress_recorded_from_the_meeting_is_linked_to_it_and_in_the_minutes(
    personas, smtp_server, django_capture_on_commit_callbacks
):
    p = personas
    goal = agreed_goal(p)
    meeting = start_meeting(make_meeting(p), by=p.principal)
    page = client_for(p.principal).get(reverse("checkins:meeting_detail", args=[meeting.pk])).content.decode()
    record = reverse("agreements:progress_new", args=[goal.agreement_id, goal.pk]) + f"?meeting={meeting.pk}"
    assert record.replace("&", "&amp;") in page or record in page
    response = client_for(p.principal).post(
        record, {"recorded_on": "2026-12-08", "value": "88", "note": "Mentors started"}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/checkins/meetings/{meeting.pk}/#review")
    assert Progress.objects.get().meeting == meeting

    with django_capture_on_commit_callbacks(execute=True):
        close_meeting(meeting, by=p.principal)
    bodies = {message["To"]: text_of(message) for message in smtp_server.messages}
    casey = bodies["casey@lincoln.example.org"]
    assert "PROGRESS ON THE PARTICIPANTS' GOALS" in casey
    assert "Recorded at this check-in: 88.0 — Mentors started" in casey
    minutes = client_for(p.counselor_a).get(reverse("checkins:meeting_minutes", args=[meeting.pk])).content.decode()
    assert "Mentors started" in minutes


def test_another_meeting_id_in_the_link_is_a_404(personas):
    p = personas
    goal = agreed_goal(p)
    url = reverse("agreements:progress_new", args=[goal.agreement_id, goal.pk])
    assert client_for(p.principal).get(url + "?meeting=999999").status_code == 404
