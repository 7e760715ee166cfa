"""Who reads a reflection: its author always; others only as shared, and only once submitted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from reflections.access import visible_reflections
from reflections.tests.makers import make_reflection

pytestmark = pytest.mark.django_db

SECRET = "A room for small groups"


def _status(person, reflection) -> int:
    return client_for(person).get(reverse("reflections:detail", args=[reflection.pk])).status_code


def test_the_author_always_reads_their_own_reflection_draft_or_private(personas):
    draft = make_reflection(personas.counselor_a, submitted=False)
    private = make_reflection(personas.counselor_a)
    for reflection in (draft, private):
        response = client_for(personas.counselor_a).get(reverse("reflections:detail", args=[reflection.pk]))
        assert response.status_code == 200
        assert SECRET in response.content.decode()


def test_a_private_reflection_is_404_for_everyone_else_admins_included(personas):
    reflection = make_reflection(personas.counselor_a)
    for person in (personas.counselor_b, personas.principal, personas.admin, personas.other_admin):
        assert _status(person, reflection) == 404, person


def test_the_counselor_at_school_b_never_sees_counselor_as_reflections(personas):
    shared = make_reflection(personas.counselor_a, leader=True, admins=True)
    assert _status(personas.counselor_b, shared) == 404
    assert not visible_reflections(personas.counselor_b).filter(pk=shared.pk).exists()


def test_the_principal_sees_a_reflection_shared_with_the_school_leader_once_submitted(personas):
    shared = make_reflection(personas.counselor_a, leader=True)
    draft = make_reflection(personas.counselor_a, leader=True, submitted=False)
    assert _status(personas.principal, shared) == 200
    assert _status(personas.principal, draft) == 404


def test_the_principal_does_not_see_what_was_shared_only_with_admins(personas):
    reflection = make_reflection(personas.counselor_a, admins=True)
    assert _status(personas.principal, reflection) == 404
    assert _status(personas.admin, reflection) == 200


def test_a_principal_does_not_lead_school_b_so_sees_nothing_of_its_counselor(personas):
    reflection = make_reflection(personas.counselor_b, leader=True)
    assert _status(personas.principal, reflection) == 404


def test_admins_see_only_what_is_shared_with_admins(personas):
    leader_only = make_reflection(personas.counselor_a, leader=True)
    admins = make_reflection(personas.counselor_a, admins=True)
    admins_draft = make_reflection(personas.counselor_a, admins=True, submitted=False)
    assert _status(personas.admin, leader_only) == 404
    assert _status(personas.admin, admins) == 200
    assert _status(personas.admin, admins_draft) == 404


def test_another_district_gets_404_even_when_shared_with_admins(personas):
    reflection = make_reflection(personas.counselor_a, admins=True, leader=True)
    assert _status(personas.other_admin, reflection) == 404


def test_the_author_changes_who_can_see_it_later(personas):
    reflection = make_reflection(personas.counselor_a, admins=True)
    client = client_for(personas.counselor_a)
    response = client.post(reverse("reflections:reflection_share", args=[reflection.pk]), {})
    assert response.status_code == 302
    reflection.refresh_from_db()
    assert reflection.is_private
    assert _status(personas.admin, reflection) == 404


def test_only_the_author_can_change_sharing(personas):
    reflection = make_reflection(personas.counselor_a, leader=True)
    response = client_for(personas.principal).post(
        reverse("reflections:reflection_share", args=[reflection.pk]), {"share_with_admins": "on"}
    )
    assert response.status_code == 302
    reflection.refresh_from_db()
    assert not reflection.share_with_admins
    assert _status(personas.counselor_b, reflection) == 404
    response = client_for(personas.counselor_b).post(reverse("reflections:reflection_share", args=[reflection.pk]))
    assert response.status_code == 404


def test_a_reflection_not_asked_for_a_check_in_cannot_be_shared_with_one(personas):
    reflection = make_reflection(personas.counselor_a)
    page = client_for(personas.counselor_a).get(reverse("reflections:reflection_share", args=[reflection.pk]))
    assert "The check-in it was requested for" not in page.content.decode()


def test_my_reflections_lists_only_my_own(personas):
    make_reflection(personas.counselor_a, leader=True, support="Casey's words")
    mine = make_reflection(personas.principal, support="Pat's words")
    page = client_for(personas.principal).get(reverse("reflections:my_reflections")).content.decode()
    assert reverse("reflections:detail", args=[mine.pk]) in page
    assert page.count("/reflections/") >= 1
    assert "Casey" not in page
