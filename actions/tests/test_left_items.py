"""The open items of people who left, listed for district admins and given to someone else in one step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actions.models import ActionItem, Status
from actions.services import create_item
from conftest import client_for
from people.leaving import deactivate

pytestmark = pytest.mark.django_db
PAGE = reverse("actions:left_items")


def give(personas, description, owner, status=Status.IN_PROGRESS):
    return create_item(
        personas.district, description=description, by=personas.admin, owner=owner, status=status, notify=False
    )


def test_the_page_lists_people_who_left_with_their_open_items(personas, as_admin):
    give(personas, "Lunch groups", personas.counselor_b)
    give(personas, "Attendance team", personas.counselor_b)
    give(personas, "Done already", personas.counselor_b, status=Status.COMPLETED)
    give(personas, "Still here", personas.counselor_a)
    deactivate([personas.counselor_b.pk])

    page = as_admin.get(PAGE).content.decode()

    assert "Bailey Counselor" in page and ">2<" in page
    assert "Casey Counselor</th>" not in page


def test_the_admin_gives_every_open_item_to_someone_else_with_history(personas, as_admin):
    kept = give(personas, "Lunch groups", personas.counselor_b)
    done = give(personas, "Done already", personas.counselor_b, status=Status.COMPLETED)
    deactivate([personas.counselor_b.pk])

    response = as_admin.post(PAGE, {"staff": personas.counselor_b.pk, "to": personas.counselor_a.pk}, follow=True)

    assert "1 open item of Bailey Counselor went to Casey Counselor." in response.content.decode()
    assert ActionItem.objects.get(pk=kept.pk).owner == personas.counselor_a
    assert ActionItem.objects.get(pk=kept.pk).changes.filter(field="owner").exists()
    assert ActionItem.objects.get(pk=done.pk).owner == personas.counselor_b, "closed items keep their owner"


def test_items_cannot_go_to_someone_who_left_nor_come_from_someone_still_here(personas, as_admin):
    give(personas, "Lunch groups", personas.counselor_b)
    deactivate([personas.counselor_b.pk, personas.no_login.pk])

    to_leaver = as_admin.post(PAGE, {"staff": personas.counselor_b.pk, "to": personas.no_login.pk})
    from_active = as_admin.post(PAGE, {"staff": personas.counselor_a.pk, "to": personas.principal.pk})

    assert to_leaver.status_code == 200 and 'id="id_to_error"' in to_leaver.content.decode()
    assert from_active.status_code == 200 and 'id="id_staff_error"' in from_active.content.decode()
    assert ActionItem.objects.get().owner == personas.counselor_b


def test_another_districts_admin_cannot_take_these_items(personas):
    give(personas, "Lunch groups", personas.counselor_b)
    deactivate([personas.counselor_b.pk])
    other = client_for(personas.other_admin)

    response = other.post(PAGE, {"staff": personas.counselor_b.pk, "to": personas.other_admin.pk})

    assert response.status_code == 200 and "Bailey" not in response.content.decode()
    assert ActionItem.objects.get().owner == personas.counselor_b
