"""Two admins editing the same shift plan from the same version: the second save is refused with what
changed, nothing the first saved is lost, and saving again after the refusal goes through."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from people.models import Access
from roles.models import ShiftPlan
from roles.services.plans import Receiving, save_plan
from tests import factories
from tests.forms import form_values


def role(p, key):
    return p.district.roles.get(seed_key=key)


@pytest.fixture
def plan(personas):
    """A plan at Adams moving family engagement from school counselors to para-professionals, 4 h a week."""
    plan = ShiftPlan(
        district=personas.district,
        task=personas.district.tasks.get(seed_key="family-engagement"),
        from_role=role(personas, "school-counselor"),
        school=personas.school_a,
        shift_when="Start of next school year",
        owner=personas.admin,
    )
    return save_plan(plan, [Receiving(role(personas, "para-professional"), Decimal(4))], trainings=[], by=None)


@pytest.fixture
def two_admins(personas, plan):
    other = factories.make_staff(
        personas.district, "Sky Second", role_key="administrator", email="sky@lincoln.example.org", access=Access.ADMIN
    )
    url = reverse("roles:plan_edit", kwargs={"pk": plan.pk})
    mine, theirs = client_for(personas.admin), client_for(other)
    return url, mine, theirs, form_values(mine.get(url)), form_values(theirs.get(url))


def test_a_second_edit_from_the_same_version_is_refused_with_what_changed(plan, two_admins):
    url, me, them, mine, theirs = two_admins
    theirs["receiving-0-hours"] = "5"
    assert them.post(url, theirs).status_code == 302

    mine["shift_when"] = "After winter break"
    refused = me.post(url, mine)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Someone else changed this shift plan while you were editing it" in body
    assert "Roles that will do the task</strong>: Para-professional: 4 h a week → Para-professional: 5 h a week" in body
    plan.refresh_from_db()
    assert plan.shift_when == "Start of next school year"
    assert list(plan.receiving.values_list("hours_per_week", flat=True)) == [Decimal("5.0")]

    # The page keeps what I typed and shows their hours, which I had not touched; saving again goes through.
    again = form_values(refused)
    assert (again["shift_when"], again["receiving-0-hours"]) == ("After winter break", "5")
    assert me.post(url, again).status_code == 302
    plan.refresh_from_db()
    assert plan.shift_when == "After winter break"
    assert list(plan.receiving.values_list("hours_per_week", flat=True)) == [Decimal("5.0")]


def test_a_field_the_other_admin_changed_is_named_and_keeps_its_new_value(personas, plan, two_admins):
    url, me, them, mine, theirs = two_admins
    theirs["status"] = "in_progress"
    theirs["owner"] = str(personas.principal.pk)
    assert them.post(url, theirs).status_code == 302

    mine["receiving-0-hours"] = "3"
    refused = me.post(url, mine)
    body = refused.content.decode()
    assert "Status</strong>: Draft → In progress" in body
    assert f"Plan owner</strong>: {personas.admin.name} → {personas.principal.name}" in body
    plan.refresh_from_db()
    assert plan.hours_per_week == Decimal("4.0")

    again = form_values(refused)
    assert (again["status"], again["owner"], again["receiving-0-hours"]) == (
        "in_progress",
        str(personas.principal.pk),
        "3",
    )
    assert me.post(url, again).status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.owner_id, plan.hours_per_week) == ("in_progress", personas.principal.pk, Decimal("3.0"))


def test_rows_both_admins_changed_keep_mine_for_me_to_check(plan, two_admins):
    url, me, them, mine, theirs = two_admins
    theirs["receiving-0-hours"] = "5"
    them.post(url, theirs)
    mine["receiving-0-hours"] = "2"
    refused = me.post(url, mine)
    assert "Para-professional: 4 h a week → Para-professional: 5 h a week" in refused.content.decode()
    assert form_values(refused)["receiving-0-hours"] == "2"
    assert ShiftPlan.objects.get(pk=plan.pk).hours_per_week == Decimal("5.0")


def test_a_fresh_edit_after_reloading_goes_through(plan, two_admins):
    url, me, them, _mine, theirs = two_admins
    theirs["other_steps"] = "Order the family night flyers."
    them.post(url, theirs)
    fresh = form_values(me.get(url))
    fresh["shift_when"] = "After winter break"
    assert me.post(url, fresh).status_code == 302
    plan.refresh_from_db()
    assert (plan.shift_when, plan.other_steps) == ("After winter break", "Order the family night flyers.")


def test_an_altered_or_missing_snapshot_is_a_message_not_a_save(plan, two_admins):
    url, me, _them, mine, _theirs = two_admins
    mine["shift_when"] = "Never"
    for posted in ({**mine, "seen": "not-a-token"}, {k: v for k, v in mine.items() if k != "seen"}):
        response = me.post(url, posted)
        assert response.status_code == 200
        assert "This page is out of date. Open it again and redo your changes." in response.content.decode()
    assert ShiftPlan.objects.get(pk=plan.pk).shift_when == "Start of next school year"
