"""The people picker's search: every word must match a name, role or school; names are told apart by
role and school; shortcuts add a school's or a role's people; another district is never searched."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from tests import factories

pytestmark = pytest.mark.django_db

SEARCH = reverse("people:people_search")


def test_words_match_name_role_and_school_and_labels_tell_namesakes_apart(personas):
    factories.make_staff(
        personas.district,
        "Casey Counselor",
        email="casey2@lincoln.example.org",
        role_key="teacher",
        schools={personas.school_b: 1},
    )
    data = client_for(personas.principal).get(SEARCH, {"q": "casey"}).json()
    labels = [p["label"] for p in data["people"]]
    assert labels == ["Casey Counselor — School counselor, Adams Elementary", "Casey Counselor — Teacher, Brook Middle"]
    narrowed = client_for(personas.principal).get(SEARCH, {"q": "casey brook"}).json()
    assert [p["label"] for p in narrowed["people"]] == ["Casey Counselor — Teacher, Brook Middle"]


def test_a_school_shortcut_adds_its_people(personas):
    client = client_for(personas.principal)
    data = client.get(SEARCH, {"q": "brook"}).json()
    (shortcut,) = [g for g in data["groups"] if g["kind"] == "school"]
    assert shortcut == {"kind": "school", "id": personas.school_b.pk, "label": "Everyone at Brook Middle", "count": 1}
    people = client.get(SEARCH, {"school": personas.school_b.pk}).json()["people"]
    assert [p["id"] for p in people] == [personas.counselor_b.pk]


def test_another_district_is_never_searched(personas):
    client = client_for(personas.other_admin)
    assert client.get(SEARCH, {"q": "casey"}).json()["people"] == []
    assert client.get(SEARCH, {"school": personas.school_a.pk}).json()["people"] == []
    assert client.get(SEARCH, {"q": "adams"}).json()["groups"] == []


def test_bad_input_finds_nothing_without_an_error(personas):
    client = client_for(personas.principal)
    for params in ({"q": ""}, {"q": "x" * 5000}, {"school": "9" * 30}, {"role": "-1"}, {"school": "abc"}):
        response = client.get(SEARCH, params)
        assert response.status_code == 200 and response.json()["people"] == []


def test_the_search_reads_the_same_queries_for_few_and_many_matches(personas):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client_for(personas.principal).get(SEARCH, {"q": "staff"})
        return len(queries)

    factories.make_staff(personas.district, "Staff One", schools={personas.school_a: 1})
    few = count()
    for n in range(25):
        factories.make_staff(
            personas.district,
            f"Staff {n}",
            schools={personas.school_a: 0.5, personas.school_b: 0.5} if n % 2 else {personas.school_b: 1},
        )
    assert count() == few
