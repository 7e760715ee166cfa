"""The tracker's inline status updates (with and without htmx) and its query-count guards."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import ActionItem, Status
from actions.services import change_status
from actions.tests.item_pages import (
    TODAY,
    form_data,
    frozen_clock,  # noqa: F401 — the fixture the module uses
    make_item,
)
from conftest import client_for

pytestmark = pytest.mark.usefixtures("frozen_clock")


def test_inline_status_without_javascript_redirects_back(personas):
    item = make_item(personas)
    back = reverse("actions:my_items") + "?sort=status"
    response = client_for(personas.counselor_a).post(
        reverse("actions:item_status", args=[item.pk]), {"status": "in_progress", "version": 1, "next": back}
    )
    assert response.status_code == 302
    assert response["Location"] == back
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS


def test_inline_status_ignores_a_next_on_another_site(personas):
    item = make_item(personas)
    response = client_for(personas.counselor_a).post(
        reverse("actions:item_status", args=[item.pk]),
        {"status": "in_progress", "version": 1, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("actions:item_detail", args=[item.pk])


def test_inline_status_with_htmx_returns_just_the_row(personas):
    item = make_item(personas, due_on=dt.date(2026, 3, 1), created_on=dt.date(2026, 2, 1))
    response = client_for(personas.counselor_a).post(
        reverse("actions:item_status", args=[item.pk]),
        {"status": "blocked", "version": 1, "next": "/items/"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.strip().startswith(f'<tr id="item-{item.pk}">')
    assert "<html" not in body
    assert '<span class="status">Blocked or behind schedule</span> <span class="badge bad">Overdue</span>' in body
    assert 'name="version" value="2"' in body
    assert '<span class="saved" role="status">Saved</span>' in body
    assert response["HX-Trigger"] == "tracker-changed", "the counts by status are told to refresh"


def test_the_counts_refresh_alone_when_htmx_asks_for_them(personas):
    make_item(personas, "Open one")
    done = make_item(personas, "Done one")
    change_status(done, to=Status.COMPLETED, by=personas.counselor_a)
    response = client_for(personas.counselor_a).get(
        reverse("actions:my_items"), {"sort": "due"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="status-counts"
    )
    body = response.content.decode()
    assert body.strip().startswith('<div class="table-wrap" id="status-counts"')
    assert "<html" not in body and "Open one" not in body
    assert '<td class="num" id="count-completed">1</td>' in body
    assert '<td class="num" id="count-not_started">1</td>' in body
    assert '<td class="num" id="count-all">2</td>' in body


def test_inline_status_on_a_stale_row_says_so_and_saves_nothing(personas):
    item = make_item(personas)
    change_status(item, to=Status.COMPLETED, by=personas.principal, expected_version=1)
    response = client_for(personas.counselor_a).post(
        reverse("actions:item_status", args=[item.pk]), {"status": "in_progress", "version": 1}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert "Not saved" in body and "Completed" in body
    assert 'name="version" value="2"' in body
    assert "Saved</span>" not in body and "HX-Trigger" not in response
    item.refresh_from_db()
    assert item.status == Status.COMPLETED


def test_inline_status_with_a_bad_status_changes_nothing(personas):
    item = make_item(personas)
    response = client_for(personas.counselor_a).post(
        reverse("actions:item_status", args=[item.pk]), {"status": "finished", "version": 1}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.NOT_STARTED


# Query counts


def grow_items(personas, count: int) -> None:
    people = [personas.counselor_a, personas.principal, None]
    ActionItem.objects.bulk_create(
        ActionItem(
            district=personas.district,
            school=personas.school_a,
            created_on=TODAY,
            description=f"Bulk item {n}",
            owner=people[n % 3],
            owner_name="" if people[n % 3] else "Jo Volunteer",
            due_on=TODAY + dt.timedelta(days=n % 20 - 10),
            status=Status.values[n % 5],
            created_by=personas.principal,
        )
        for n in range(count)
    )


def count_queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("actions:item_list", {}),
        ("actions:item_list", {"q": "Bulk", "status": ["blocked", "in_progress"], "sort": "owner", "overdue": "on"}),
        ("actions:my_items", {}),
        ("actions:school_items", {}),
        ("actions:tracker_print", {}),
    ],
)
def test_lists_run_the_same_number_of_queries_for_10_and_200_items(personas, name, params):
    client = client_for(personas.principal)
    kwargs = {"school_pk": personas.school_a.pk} if name == "actions:school_items" else {}
    url = reverse(name, kwargs=kwargs)
    grow_items(personas, 10)
    small = count_queries(client, url, params)
    grow_items(personas, 190)
    assert count_queries(client, url, params) == small


def test_an_edit_without_its_version_is_not_saved(personas):
    item = make_item(personas)
    data = form_data(item, notes="No version", version="")
    response = client_for(personas.counselor_a).post(reverse("actions:item_edit", args=[item.pk]), data)
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.notes == ""
