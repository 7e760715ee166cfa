"""The tracker's board: five columns by status, the list's filters, moves through the same service and stale check."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actions.models import Status
from actions.services import change_status
from actions.tests.item_pages import (
    frozen_clock,  # noqa: F401 — the fixture the module uses
    make_item,
)
from actions.views.board import BOARD_LIMIT
from conftest import client_for

pytestmark = pytest.mark.usefixtures("frozen_clock")
BOARD = reverse("actions:item_board")


def column_of(body: str, status: str) -> str:
    start = body.index(f'data-status="{status}"')
    return body[start : body.index("</section>", start)]


def test_the_board_has_a_column_per_status_with_its_cards(personas):
    make_item(personas, "Book the library annex")
    change_status(make_item(personas, "Call the district office"), to=Status.BLOCKED, by=personas.counselor_a)
    change_status(make_item(personas, "Old duty roster"), to=Status.COMPLETED, by=personas.counselor_a)
    body = client_for(personas.counselor_a).get(BOARD).content.decode()
    headings = ["Not started", "In progress", "Blocked or behind schedule", "Completed", "Abandoned"]
    assert [body.index(f">{h} <") for h in headings] == sorted(body.index(f">{h} <") for h in headings)
    assert "Book the library annex" in column_of(body, Status.NOT_STARTED)
    assert "Call the district office" in column_of(body, Status.BLOCKED)
    assert "Old duty roster" in column_of(body, Status.COMPLETED), "the board shows every status"
    assert "No items." in column_of(body, Status.ABANDONED)


def test_the_board_shows_only_what_the_person_may_see_and_follows_the_filters(personas):
    make_item(personas, "Casey's own item")
    make_item(personas, "Bailey's item", owner=personas.counselor_b, school=personas.school_b, by=personas.counselor_b)
    body = client_for(personas.counselor_a).get(BOARD).content.decode()
    assert "Casey&#x27;s own item" in body
    assert "Bailey&#x27;s item" not in body and "Bailey's item" not in body
    searched = client_for(personas.admin).get(BOARD, {"q": "Bailey"}).content.decode()
    assert "Bailey" in searched and "Casey&#x27;s own item" not in searched


def test_a_move_goes_through_the_status_service_and_comes_back_to_the_card(personas):
    item = make_item(personas)
    client = client_for(personas.counselor_a)
    back = f"{BOARD}?sort=due#card-{item.pk}"
    response = client.post(
        reverse("actions:item_status", args=[item.pk]), {"status": "in_progress", "version": 1, "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS and item.changes.filter(field="status").exists()
    assert f'id="card-{item.pk}"' in column_of(client.get(BOARD).content.decode(), Status.IN_PROGRESS)


def test_a_stale_move_is_refused_saying_what_changed(personas):
    item = make_item(personas)
    change_status(item, to=Status.BLOCKED, by=personas.principal, expected_version=1)
    client = client_for(personas.counselor_a)
    response = client.post(
        reverse("actions:item_status", args=[item.pk]),
        {"status": "completed", "version": 1, "next": BOARD},
        follow=True,
    )
    body = response.content.decode()
    assert "Not saved" in body and "Blocked or behind schedule" in body
    item.refresh_from_db()
    assert item.status == Status.BLOCKED


def test_a_full_column_links_to_the_rest_in_the_list(personas):
    for n in range(BOARD_LIMIT + 2):
        make_item(personas, f"Item {n:02d}")
    body = client_for(personas.counselor_a).get(BOARD).content.decode()
    column = column_of(body, Status.NOT_STARTED)
    assert column.count("data-board-card") == BOARD_LIMIT
    assert f"All {BOARD_LIMIT + 2} in the list" in column
