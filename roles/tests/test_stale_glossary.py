"""Two admins editing the same training from the same version: the second save is refused with what
changed (its links included) and nothing is lost; retiring from an old page does not restore."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from people.models import Access
from roles.models import Training
from roles.services.glossary import fill_glossary
from tests import factories
from tests.forms import form_values


@pytest.fixture
def training(personas):
    fill_glossary(personas.district)
    return Training.objects.get(district=personas.district, seed_key="qpr")


@pytest.fixture
def admins(personas):
    other = factories.make_staff(
        personas.district, "Sky Second", role_key="administrator", email="sky@lincoln.example.org", access=Access.ADMIN
    )
    return client_for(personas.admin), client_for(other)


def test_a_second_edit_from_the_same_version_is_refused_with_what_changed(personas, training, admins):
    me, them = admins
    url = reverse("roles:training_edit", args=[training.pk])
    mine, theirs = form_values(me.get(url)), form_values(them.get(url))
    crisis = personas.district.tasks.get(seed_key="crisis-intervention")
    theirs["tasks"] = [str(crisis.pk)]
    assert them.post(url, theirs).status_code == 302

    mine["length"] = "90 minutes"
    refused = me.post(url, mine)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "Someone else changed this training while you were editing it" in body
    assert f"Tasks it prepares for</strong>: — → {crisis}" in body
    training.refresh_from_db()
    assert training.length != "90 minutes"
    assert list(training.tasks.all()) == [crisis]

    again = form_values(refused)
    assert (again["length"], again["tasks"]) == ("90 minutes", str(crisis.pk))
    assert me.post(url, again).status_code == 302
    training.refresh_from_db()
    assert training.length == "90 minutes"
    assert list(training.tasks.all()) == [crisis]


def test_a_fresh_edit_after_reloading_goes_through(training, admins):
    me, them = admins
    url = reverse("roles:training_edit", args=[training.pk])
    theirs = form_values(them.get(url))
    theirs["format"] = "Online"
    them.post(url, theirs)
    fresh = form_values(me.get(url))
    fresh["length"] = "90 minutes"
    assert me.post(url, fresh).status_code == 302
    training.refresh_from_db()
    assert (training.format, training.length) == ("Online", "90 minutes")


def test_retiring_from_a_page_read_before_someone_else_retired_it_does_not_restore_it(training, admins):
    me, them = admins
    glossary = reverse("roles:glossary")
    retire = reverse("roles:training_retire", args=[training.pk])
    anchor = f'action="{retire}"'
    mine, theirs = me.get(glossary).content.decode(), them.get(glossary).content.decode()
    button = form_values(mine[mine.index(anchor) - len('<form method="post" ') :])
    assert button == form_values(theirs[theirs.index(anchor) - len('<form method="post" ') :]) == {"retire": "yes"}

    assert them.post(retire, button).status_code == 302
    response = me.post(retire, button, follow=True)
    assert "was already retired: someone else did it." in response.content.decode()
    training.refresh_from_db()
    assert training.retired
