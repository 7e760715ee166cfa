"""A reflection shared "with the check-in": its series' participants and organizer read it, nobody else.

Leaders of the school and district admins may open the meeting (they run it), but they are not its
audience: they see that a reflection was shared, and by whom, never what it says.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from checkins.tests.factories import make_series
from checkins.tests.meeting_factories import make_meeting
from conftest import client_for
from people.models import Access
from reflections.access import visible_reflections
from reflections.tests.makers import make_reflection
from tests import factories

pytestmark = pytest.mark.django_db

SUPPORT = "Cover for my lunch duty on Tuesdays"
BARRIERS = "Lunch duty every day"


@pytest.fixture
def shared(personas):
    """Counselor A's reflection for a meeting of the principal's series (participants: the principal,
    counselors A and B), shared with the check-in only; an assistant principal also leads school A."""
    series = make_series(personas, participants=[personas.principal, personas.counselor_a, personas.counselor_b])
    meeting = make_meeting(personas, series)
    reflection = make_reflection(personas.counselor_a, meeting=meeting, checkin=True, support=SUPPORT)
    assistant = factories.make_staff(
        personas.district,
        "Avery Assistant",
        role_key="administrator",
        access=Access.LEADER,
        schools={personas.school_a: 1},
        leads=[personas.school_a],
    )
    return meeting, reflection, assistant


def _meeting_page(person, meeting):
    return client_for(person).get(reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk}))


def test_participants_and_the_organizer_read_it_on_the_meeting_page(personas, shared):
    meeting, _reflection, _assistant = shared
    for person in (personas.counselor_a, personas.counselor_b, personas.principal):
        body = _meeting_page(person, meeting).content.decode()
        assert SUPPORT in body and BARRIERS in body, person


def test_a_leader_of_the_school_who_is_not_a_participant_sees_only_that_it_was_shared(personas, shared):
    meeting, reflection, assistant = shared
    page = _meeting_page(assistant, meeting)
    assert page.status_code == 200  # they run the school's meetings
    body = page.content.decode()
    assert SUPPORT not in body and BARRIERS not in body
    assert "Casey Counselor</strong> shared a reflection with this check-in" in body
    detail = client_for(assistant).get(reverse("reflections:detail", args=[reflection.pk]))
    assert detail.status_code == 404


def test_a_district_admin_who_is_not_a_participant_sees_only_that_it_was_shared(personas, shared):
    meeting, reflection, _assistant = shared
    body = _meeting_page(personas.admin, meeting).content.decode()
    assert SUPPORT not in body and BARRIERS not in body
    assert "Casey Counselor</strong> shared a reflection with this check-in" in body
    assert not visible_reflections(personas.admin).filter(pk=reflection.pk).exists()
    printed = client_for(personas.admin).get(reverse("dashboards:reflection_form_print", args=[reflection.pk]))
    assert printed.status_code == 404


def test_the_admin_reads_it_once_they_join_the_series(personas, shared):
    from checkins.models import Participant

    meeting, reflection, _assistant = shared
    Participant.objects.create(district=personas.district, series=meeting.series, staff=personas.admin)
    assert SUPPORT in _meeting_page(personas.admin, meeting).content.decode()
    assert visible_reflections(personas.admin).filter(pk=reflection.pk).exists()


def test_another_district_cannot_open_the_meeting(personas, shared):
    meeting, _reflection, _assistant = shared
    assert _meeting_page(personas.other_admin, meeting).status_code == 404


def test_a_reflection_shared_with_the_leader_but_not_the_check_in_stays_off_the_meeting_page(personas, shared):
    meeting, _reflection, _assistant = shared
    make_reflection(personas.counselor_b, meeting=meeting, leader=True, support="Only for my principal")
    for person in (personas.principal, personas.counselor_a, personas.admin):
        assert "Only for my principal" not in _meeting_page(person, meeting).content.decode()
