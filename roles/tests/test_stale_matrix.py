"""Two admins editing the capability matrix from the same version of the page: a cell the other changed
meanwhile is not overwritten — the per-cell save says the cell changed, the whole-grid save shows the page
again with what changed — a cell the admin did not touch is not written back, and saving again goes through."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from people.models import Access
from roles.models import Capability, CapabilityCell
from tests import factories
from tests.forms import form_values

MATRIX = reverse("roles:matrix")
SAVE = reverse("roles:matrix_save")


@pytest.fixture
def admins(personas):
    other = factories.make_staff(
        personas.district, "Sky Second", role_key="administrator", email="sky@lincoln.example.org", access=Access.ADMIN
    )
    return client_for(personas.admin), client_for(other)


def cell(p, task_key: str, role_key: str):
    task, role = p.district.tasks.get(seed_key=task_key), p.district.roles.get(seed_key=role_key)
    return task, role, f"{task.pk}-{role.pk}", reverse("roles:matrix_cell", args=[task.pk, role.pk])


def grid_form(page) -> dict:
    """What the whole-grid form of the matrix page posts."""
    html = page.content.decode()
    return form_values(html[html.index(f'<form method="post" action="{SAVE}"') :])


def stored(task, role, school=None) -> str:
    found = CapabilityCell.objects.filter(task=task, role=role, school=school).first()
    return found.value if found else ""


def test_a_cell_changed_meanwhile_is_not_overwritten_by_a_per_cell_save(personas, admins):
    me, them = admins
    task, role, name, url = cell(personas, "screening", "teacher")
    mine, theirs = grid_form(me.get(MATRIX)), grid_form(them.get(MATRIX))
    assert mine[f"was-{name}"] == theirs[f"was-{name}"] == ""
    answer = them.post(url, {f"cell-{name}": "yes", f"was-{name}": theirs[f"was-{name}"]}, HTTP_HX_REQUEST="true")
    assert f'id="was-{name}" value="yes" hx-swap-oob="true"' in answer.content.decode()  # their next save is checked

    refused = me.post(url, {f"cell-{name}": "no", f"was-{name}": mine[f"was-{name}"]}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Not saved: someone else changed Teacher × Screening while you were editing it (Not decided → Yes)." in body
    assert stored(task, role) == Capability.YES
    # The cell's list shows their answer now, with the renewed value it was: choosing again goes through.
    assert f'id="control-{name}" hx-swap-oob="true"' in body and '<option value="yes" selected>Yes</option>' in body
    assert f'id="was-{name}" value="yes"' in body
    assert me.post(url, {f"cell-{name}": "no", f"was-{name}": "yes"}, HTTP_HX_REQUEST="true").status_code == 200
    assert stored(task, role) == Capability.NO


def test_two_admins_choosing_the_same_answer_lose_nothing(personas, admins):
    me, them = admins
    task, role, name, url = cell(personas, "screening", "teacher")
    them.post(url, {f"cell-{name}": "yes", f"was-{name}": ""}, HTTP_HX_REQUEST="true")
    answer = me.post(url, {f"cell-{name}": "yes", f"was-{name}": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "Saved: Teacher × Screening is yes." in answer
    assert stored(task, role) == Capability.YES


def test_a_school_override_changed_meanwhile_is_named_with_the_districts_value(personas, admins):
    me, them = admins
    task, role, name, url = cell(personas, "screening", "teacher")
    url = f"{url}?school={personas.school_a.pk}"
    them.post(url, {f"cell-{name}": "training", f"was-{name}": ""}, HTTP_HX_REQUEST="true")
    refused = me.post(url, {f"cell-{name}": "no", f"was-{name}": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "(District’s value → With training)" in refused
    assert stored(task, role, personas.school_a) == Capability.TRAINING


def test_a_per_cell_save_without_what_the_page_showed_is_not_saved(personas, admins):
    me, _them = admins
    task, role, name, url = cell(personas, "screening", "teacher")
    answer = me.post(url, {f"cell-{name}": "yes"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Not saved. This page is out of date." in answer
    assert stored(task, role) == ""


def test_the_whole_grid_does_not_write_back_a_cell_i_did_not_touch(personas, admins):
    me, them = admins
    task, role, name, url = cell(personas, "screening", "teacher")
    other_task, other_role, other, _url = cell(personas, "tier-1", "lcsw")
    mine = grid_form(me.get(MATRIX))
    them.post(url, {f"cell-{name}": "yes", f"was-{name}": ""}, HTTP_HX_REQUEST="true")
    mine[f"cell-{other}"] = "yes"
    assert me.post(SAVE, mine).status_code == 302
    assert (stored(task, role), stored(other_task, other_role)) == (Capability.YES, Capability.YES)


def test_a_whole_grid_save_over_a_cell_changed_meanwhile_is_refused_with_the_page_again(personas, admins):
    me, them = admins
    task, role, name, url = cell(personas, "screening", "teacher")
    other_task, other_role, other, _url = cell(personas, "tier-1", "lcsw")
    mine = grid_form(me.get(MATRIX))
    them.post(url, {f"cell-{name}": "yes", f"was-{name}": ""}, HTTP_HX_REQUEST="true")

    mine.update({f"cell-{name}": "no", f"cell-{other}": "training"})
    refused = me.post(SAVE, mine)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Someone else changed the matrix while you were editing it" in body
    assert "Teacher × Screening</strong>: Not decided → Yes" in body
    assert (stored(task, role), stored(other_task, other_role)) == (Capability.YES, "")

    again = grid_form(refused)  # my choices kept, what the page showed renewed
    assert (again[f"cell-{name}"], again[f"was-{name}"], again[f"cell-{other}"]) == ("no", "yes", "training")
    assert me.post(SAVE, again).status_code == 302
    assert (stored(task, role), stored(other_task, other_role)) == (Capability.NO, Capability.TRAINING)
