"""Reflections shared with me: a leader lists what staff shared with them — and nothing else."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from reflections.tests.makers import make_reflection
from tests import factories

pytestmark = pytest.mark.django_db

PAGE = reverse("reflections:shared_with_me")


def test_the_principal_lists_reflections_shared_with_the_school_leader_and_nothing_else(personas):
    make_reflection(personas.counselor_a, leader=True, support="Shared with my principal")
    make_reflection(personas.counselor_a, admins=True, support="Admins only")
    make_reflection(personas.counselor_a, leader=True, submitted=False, support="A draft")
    make_reflection(personas.counselor_b, leader=True, support="Another school")
    html = client_for(personas.principal).get(PAGE).content.decode()
    assert html.count(personas.counselor_a.name) == 1
    assert personas.counselor_b.name not in html
    assert "Adams Elementary" in html


def test_an_admin_lists_what_is_shared_with_admins(personas):
    make_reflection(personas.counselor_b, admins=True)
    make_reflection(personas.counselor_a)  # private
    html = client_for(personas.admin).get(PAGE).content.decode()
    assert personas.counselor_b.name in html and personas.counselor_a.name not in html


def test_the_empty_list_says_what_to_do_next(personas):
    html = client_for(personas.principal).get(PAGE).content.decode()
    assert "Nobody has shared a reflection with you yet" in html and "ask a group to reflect" in html


def test_another_districts_admin_sees_none_of_lincolns(personas):
    make_reflection(personas.counselor_a, admins=True)
    html = client_for(personas.other_admin).get(PAGE).content.decode()
    assert personas.counselor_a.name not in html


def test_the_list_runs_the_same_queries_for_few_and_many(personas):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client_for(personas.admin).get(PAGE).status_code == 200
        return len(queries)

    make_reflection(personas.counselor_a, admins=True)
    few = count()
    for _ in range(6):
        make_reflection(factories.make_staff(personas.district, schools={personas.school_b: 1}), admins=True)
    assert count() == few


def test_unread_reflections_come_first_and_say_so(personas):
    from reflections.reads import record_read

    older = make_reflection(personas.counselor_a, leader=True, support="Read already")
    make_reflection(personas.counselor_a, leader=True, support="Not read yet")
    record_read(older, reader=personas.principal, surface="page")
    html = client_for(personas.principal).get(PAGE).content.decode()
    assert html.count("Unread") == 1
    assert html.index("Unread") < html.index(reverse("reflections:detail", args=[older.pk]))
