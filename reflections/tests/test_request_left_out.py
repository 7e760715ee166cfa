"""A reflection request sent to a group says who of the group could not be asked, and why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import client_for
from people.models import StaffMember
from reflections import groups
from reflections.models import ReflectionRequest
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_request_page_names_who_could_not_be_asked_and_why(personas):
    nameless = factories.make_staff(personas.district, "Noel Nomail", schools={personas.school_a: 1})
    StaffMember.objects.filter(pk=nameless.pk).update(email="")
    due = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    response = client_for(personas.principal).post(
        reverse("reflections:request_new"),
        {"group": "school", "school": personas.school_a.pk, "due_on": due, "message": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "2 of the group could not be asked" in html
    assert f"Noel Nomail (School counselor): {groups.NO_EMAIL}" in html
    assert "Terry Teacher (Teacher): no login yet" in html
    made = ReflectionRequest.objects.get()
    assert {r.staff for r in made.recipients.all()} == {personas.counselor_a}
    assert personas.principal not in [person for person, _ in groups.left_out(made)]  # the asker is not "left out"
