"""Two people saving the same school's estimates grid from the same version: a column the other saved
meanwhile is refused with what changed, nothing they saved is lost, and saving again goes through."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from roles.models import PlannerEstimate
from roles.tests.planner_setup import NON_COUNSELING, tiny_district
from tests import factories
from tests.forms import form_values

CLASSROOM = "Scheduled Tier 1 support provision"


@pytest.fixture
def grid(personas):
    """The admin and Adams' principal both open Adams' grid (para-professionals and teachers are editable)."""
    tiny_district(personas)
    url = reverse("roles:planner_estimates", args=[personas.school_a.pk])
    admin, principal = client_for(personas.admin), client_for(personas.principal)
    return url, admin, principal, form_values(admin.get(url)), form_values(principal.get(url))


def cell(p, role_key: str, task_name: str) -> str:
    return f"hours_{factories.role(p.district, role_key).pk}_{p.district.tasks.get(name=task_name).pk}"


def stored(p) -> set[tuple[str, str, Decimal]]:
    return {
        (e.role.seed_key, e.task.name, e.hours)
        for e in PlannerEstimate.objects.filter(school=p.school_a).select_related("role", "task")
    }


def test_a_second_save_of_the_same_column_is_refused_with_what_changed(personas, grid):
    url, admin, principal, mine, theirs = grid
    theirs[cell(personas, "para-professional", CLASSROOM)] = "20"
    assert principal.post(url, theirs).status_code == 302

    mine[cell(personas, "para-professional", NON_COUNSELING)] = "4"
    refused = admin.post(url, mine)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Someone else changed these estimates while you were editing it" in body
    assert "Para-professional: estimates entered</strong>: No → Yes" in body
    assert f"Para-professional: {CLASSROOM}</strong>: — → 20" in body
    assert stored(personas) == {("para-professional", CLASSROOM, Decimal("20.0"))}

    # My cell stays as I typed it, theirs shows their hours; saving again keeps both.
    again = form_values(refused)
    assert again[cell(personas, "para-professional", CLASSROOM)] == "20.0"
    assert again[cell(personas, "para-professional", NON_COUNSELING)] == "4"
    assert admin.post(url, again).status_code == 302
    assert stored(personas) == {
        ("para-professional", CLASSROOM, Decimal("20.0")),
        ("para-professional", NON_COUNSELING, Decimal("4.0")),
    }


def test_a_column_i_did_not_touch_is_neither_written_nor_refused(personas, grid):
    url, admin, principal, mine, theirs = grid
    theirs[cell(personas, "para-professional", CLASSROOM)] = "20"
    principal.post(url, theirs)
    mine[cell(personas, "teacher", CLASSROOM)] = "30"
    assert admin.post(url, mine).status_code == 302
    assert stored(personas) == {
        ("para-professional", CLASSROOM, Decimal("20.0")),
        ("teacher", CLASSROOM, Decimal("30.0")),
    }


def test_estimates_cleared_meanwhile_are_named(personas, grid):
    url, admin, principal, _mine, _theirs = grid
    mine = form_values(admin.get(url))
    mine[cell(personas, "para-professional", CLASSROOM)] = "20"
    admin.post(url, mine)
    mine = form_values(admin.get(url))
    principal.post(reverse("roles:planner_estimates_clear", args=[personas.school_a.pk]))

    mine[cell(personas, "para-professional", NON_COUNSELING)] = "2"
    refused = admin.post(url, mine)
    assert "Para-professional: estimates entered</strong>: Yes → No" in refused.content.decode()
    assert stored(personas) == set()


def test_a_fresh_save_after_reloading_goes_through(personas, grid):
    url, admin, principal, _mine, theirs = grid
    theirs[cell(personas, "para-professional", CLASSROOM)] = "20"
    principal.post(url, theirs)
    fresh = form_values(admin.get(url))
    fresh[cell(personas, "para-professional", NON_COUNSELING)] = "4"
    assert admin.post(url, fresh).status_code == 302
    assert stored(personas) == {
        ("para-professional", CLASSROOM, Decimal("20.0")),
        ("para-professional", NON_COUNSELING, Decimal("4.0")),
    }


def test_an_altered_or_missing_snapshot_is_a_message_not_a_save(personas, grid):
    url, admin, _principal, mine, _theirs = grid
    mine[cell(personas, "para-professional", CLASSROOM)] = "20"
    for posted in ({**mine, "seen": "not-a-token"}, {k: v for k, v in mine.items() if k != "seen"}):
        response = admin.post(url, posted)
        assert response.status_code == 200
        assert "This page is out of date. Open it again and redo your changes." in response.content.decode()
    assert stored(personas) == set()
