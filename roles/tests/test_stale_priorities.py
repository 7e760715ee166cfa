"""Two admins confirming capacity-constrained roles, or choosing a role's priority tasks, from the same
version of the page: a change to what the other saved meanwhile is refused with what changed, nothing is
lost, a row the admin did not touch is not written back, and saving again goes through."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from people.models import Access, Role
from roles.models import ConstrainedRole, PriorityTask
from roles.services.priorities import confirm_constrained_roles
from tests import factories
from tests.forms import form_values

CAPACITY = reverse("roles:capacity")


@pytest.fixture
def district(personas):
    """Counselors and psychologists keep a recommended ratio (as on the capacity page's tests)."""
    Role.objects.filter(district=personas.district, is_mental_health=True).exclude(
        seed_key__in=["school-counselor", "school-psychologist"]
    ).update(recommended_ratio=None)
    factories.make_staff(
        personas.district, "Sam Psychologist", role_key="school-psychologist", schools={personas.school_a: "0.5"}
    )
    return personas


@pytest.fixture
def admins(district):
    other = factories.make_staff(
        district.district, "Sky Second", role_key="administrator", email="sky@lincoln.example.org", access=Access.ADMIN
    )
    return client_for(district.admin), client_for(other)


def role(p, key):
    return p.district.roles.get(seed_key=key)


def confirmed(p) -> dict[str, Decimal]:
    return {c.role.seed_key: c.needed_priority_hours for c in ConstrainedRole.objects.filter(district=p.district)}


def test_confirming_the_same_role_from_the_same_version_is_refused_with_what_changed(district, admins):
    me, them = admins
    counselor = role(district, "school-counselor")
    mine, theirs = form_values(me.get(CAPACITY)), form_values(them.get(CAPACITY))
    theirs.update({f"role-{counselor.pk}-constrained": "on", f"role-{counselor.pk}-hours": "12"})
    assert them.post(CAPACITY, theirs).status_code == 302

    mine.update({f"role-{counselor.pk}-constrained": "on", f"role-{counselor.pk}-hours": "10"})
    refused = me.post(CAPACITY, mine)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Someone else changed the capacity-constrained roles while you were editing it" in body
    assert "School counselor</strong>: not capacity-constrained → capacity-constrained, 12 more hours needed" in body
    assert confirmed(district) == {"school-counselor": Decimal(12)}

    again = form_values(refused)
    assert again[f"role-{counselor.pk}-hours"] == "10"
    assert me.post(CAPACITY, again).status_code == 302
    assert confirmed(district) == {"school-counselor": Decimal(10)}


def test_a_role_i_did_not_touch_is_neither_written_back_nor_refused(district, admins):
    me, them = admins
    counselor, psychologist = role(district, "school-counselor"), role(district, "school-psychologist")
    mine, theirs = form_values(me.get(CAPACITY)), form_values(them.get(CAPACITY))
    theirs.update({f"role-{psychologist.pk}-constrained": "on", f"role-{psychologist.pk}-hours": "5"})
    them.post(CAPACITY, theirs)
    mine.update({f"role-{counselor.pk}-constrained": "on", f"role-{counselor.pk}-hours": "10"})
    assert me.post(CAPACITY, mine).status_code == 302
    assert confirmed(district) == {"school-counselor": Decimal(10), "school-psychologist": Decimal(5)}


def test_a_fresh_confirmation_after_reloading_goes_through(district, admins):
    me, them = admins
    counselor = role(district, "school-counselor")
    theirs = form_values(them.get(CAPACITY))
    theirs.update({f"role-{counselor.pk}-constrained": "on", f"role-{counselor.pk}-hours": "12"})
    them.post(CAPACITY, theirs)
    fresh = form_values(me.get(CAPACITY))
    fresh[f"role-{counselor.pk}-hours"] = "8"
    assert me.post(CAPACITY, fresh).status_code == 302
    assert confirmed(district) == {"school-counselor": Decimal(8)}


def test_a_confirmation_without_the_pages_snapshot_is_a_message_not_a_save(district, admins):
    me, _them = admins
    counselor = role(district, "school-counselor")
    data = form_values(me.get(CAPACITY))
    data.update({f"role-{counselor.pk}-constrained": "on", "seen": "forged"})
    response = me.post(CAPACITY, data)
    assert "This page is out of date. Open it again and redo your changes." in response.content.decode()
    assert confirmed(district) == {}


@pytest.fixture
def priorities_page(district, admins):
    counselor = role(district, "school-counselor")
    confirm_constrained_roles(district.district, [(counselor, True, Decimal(10))], by=district.admin)
    url = reverse("roles:priority_tasks", args=[ConstrainedRole.objects.get(role=counselor).pk])
    me, them = admins
    return counselor, url, me, them, form_values(me.get(url)), form_values(them.get(url))


def ticked(values, task) -> list[str]:
    chosen = values.get("tasks", [])
    return [*([chosen] if isinstance(chosen, str) else chosen), str(task.pk)]


def test_choosing_priority_tasks_from_the_same_version_is_refused_with_what_changed(district, priorities_page):
    counselor, url, me, them, mine, theirs = priorities_page
    screening = district.district.tasks.get(seed_key="screening")
    crisis = district.district.tasks.get(seed_key="crisis-intervention")
    theirs["tasks"] = ticked(theirs, screening)
    assert them.post(url, theirs).status_code == 302

    mine["tasks"] = ticked(mine, crisis)
    refused = me.post(url, mine)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Someone else changed these priority tasks while you were editing it" in body
    assert f"{screening.name} is a priority</strong>: No → Yes" in body
    assert set(PriorityTask.objects.filter(role=counselor).values_list("task_id", flat=True)) == {screening.pk}

    # Their tick, which I had left alone, shows; mine stays; saving again keeps both.
    again = form_values(refused)
    assert sorted(again["tasks"]) == sorted([str(screening.pk), str(crisis.pk)])
    assert me.post(url, again).status_code == 302
    assert set(PriorityTask.objects.filter(role=counselor).values_list("task_id", flat=True)) == {
        screening.pk,
        crisis.pk,
    }


def test_a_fresh_choice_after_reloading_goes_through(district, priorities_page):
    counselor, url, me, them, _mine, theirs = priorities_page
    screening = district.district.tasks.get(seed_key="screening")
    theirs["tasks"] = ticked(theirs, screening)
    them.post(url, theirs)
    fresh = form_values(me.get(url))
    fresh["tasks"] = []
    assert me.post(url, fresh).status_code == 302
    assert not PriorityTask.objects.filter(role=counselor).exists()
