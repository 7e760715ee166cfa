"""Two admins changing or deleting the same limit from the same version of the page: the second is
refused with what changed and nothing is lost; after reloading, the change goes through."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from people.models import Access
from roles.models import RoleLimit
from tests import factories
from tests.forms import form_values

LIMITS = reverse("roles:limits")


@pytest.fixture
def limit(personas):
    return RoleLimit.objects.create(
        district=personas.district,
        role=personas.district.roles.get(seed_key="teacher"),
        max_hours_per_week=Decimal(1),
        source="Teachers' contract",
    )


@pytest.fixture
def admins(personas):
    other = factories.make_staff(
        personas.district, "Sky Second", role_key="administrator", email="sky@lincoln.example.org", access=Access.ADMIN
    )
    return client_for(personas.admin), client_for(other)


def test_a_second_edit_from_the_same_version_is_refused_with_what_changed(limit, admins):
    me, them = admins
    url = reverse("roles:limit_edit", args=[limit.pk])
    mine, theirs = form_values(me.get(url)), form_values(them.get(url))
    theirs["max_hours_per_week"] = "2"
    assert them.post(url, theirs).status_code == 302

    mine["source"] = "Teachers' contract, article 12"
    refused = me.post(url, mine)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Someone else changed this limit while you were editing it" in body
    assert "At most hours a week</strong>: 1 → 2" in body
    limit.refresh_from_db()
    assert (limit.max_hours_per_week, limit.source) == (Decimal(2), "Teachers' contract")

    again = form_values(refused)
    assert (again["max_hours_per_week"], again["source"]) == ("2", "Teachers' contract, article 12")
    assert me.post(url, again).status_code == 302
    limit.refresh_from_db()
    assert (limit.max_hours_per_week, limit.source) == (Decimal(2), "Teachers' contract, article 12")


def test_a_fresh_edit_after_reloading_goes_through(limit, admins):
    me, them = admins
    url = reverse("roles:limit_edit", args=[limit.pk])
    theirs = form_values(them.get(url))
    theirs["max_hours_per_week"] = "2"
    them.post(url, theirs)
    fresh = form_values(me.get(url))
    fresh["max_hours_per_week"] = "1.5"
    assert me.post(url, fresh).status_code == 302
    limit.refresh_from_db()
    assert limit.max_hours_per_week == Decimal("1.5")


def test_a_limit_changed_since_the_page_was_read_is_not_deleted(limit, admins):
    me, them = admins
    delete = reverse("roles:limit_delete", args=[limit.pk])
    row = form_values(me.get(LIMITS))  # the row's delete button, as my page shows it
    url = reverse("roles:limit_edit", args=[limit.pk])
    theirs = form_values(them.get(url))
    theirs["max_hours_per_week"] = "3"
    them.post(url, theirs)

    refused = me.post(delete, row, follow=True)
    assert "Not deleted. Someone else changed this while you were editing it (At most hours a week: 1 → 3)." in (
        refused.content.decode()
    )
    assert RoleLimit.objects.get(pk=limit.pk).max_hours_per_week == Decimal(3)
    # The reloaded page's button deletes it.
    assert me.post(delete, form_values(refused), follow=True).status_code == 200
    assert not RoleLimit.objects.exists()


def test_a_delete_without_the_rows_snapshot_is_refused(limit, admins):
    me, _them = admins
    response = me.post(reverse("roles:limit_delete", args=[limit.pk]), {"seen": "forged"}, follow=True)
    assert "Not deleted: This page is out of date." in response.content.decode()
    assert RoleLimit.objects.exists()


def test_changing_a_limit_into_a_duplicate_is_refused_beside_the_field(personas, limit, admins):
    me, _them = admins
    duties = personas.district.task_categories.get(seed_key="non-counseling")
    other = RoleLimit.objects.create(
        district=personas.district, role=limit.role, category=duties, max_hours_per_week=Decimal(1)
    )
    url = reverse("roles:limit_edit", args=[other.pk])
    data = form_values(me.get(url))
    data["category"] = ""
    response = me.post(url, data)
    assert "This role already has a limit for this; edit that one instead." in response.content.decode()
    assert RoleLimit.objects.get(pk=other.pk).category == duties
