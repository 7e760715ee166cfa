"""My reflections: the author's list, its filters and a bounded number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from reflections import services
from reflections.models import ReflectionRequest
from reflections.tests.makers import make_reflection

pytestmark = pytest.mark.django_db

URL = reverse("reflections:my_reflections")


def _queries(person) -> int:
    client = client_for(person)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_my_reflections_runs_the_same_number_of_queries_for_few_and_many(personas):
    make_reflection(personas.counselor_a)
    few = _queries(personas.counselor_a)
    for n in range(8):
        make_reflection(personas.counselor_a, submitted=n % 2 == 0, leader=n % 3 == 0)
    assert _queries(personas.counselor_a) == few


def test_an_empty_list_invites_a_first_reflection(personas):
    page = client_for(personas.counselor_b).get(URL).content.decode()
    assert "You have not written a reflection yet." in page


def test_the_list_filters_by_status_and_searches_what_i_wrote(personas):
    make_reflection(personas.counselor_a, support="Quiet room", submitted=False)
    submitted = make_reflection(personas.counselor_a, support="More training")
    client = client_for(personas.counselor_a)
    page = client.get(URL, {"status": "submitted"}).content.decode()
    assert reverse("reflections:detail", args=[submitted.pk]) in page
    assert page.count("<tr>") == 2  # heading row and one reflection
    page = client.get(URL, {"q": "quiet"}).content.decode()
    assert reverse("reflections:detail", args=[submitted.pk]) not in page
    page = client.get(URL, {"q": "nothing like this"}).content.decode()
    assert "No reflections match these filters." in page


def test_requests_not_yet_answered_are_listed_with_their_link(personas):
    made = services.create_request(
        personas.district,
        by=personas.principal,
        group=ReflectionRequest.Group.SCHOOL,
        school=personas.school_a,
        due_on=services.local_today(personas.district),
    )
    page = client_for(personas.counselor_a).get(URL).content.decode()
    assert f"?request={made.pk}" in page
    assert "asked by Pat Principal" in page
