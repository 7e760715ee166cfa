"""The paper tracker: the seed's layout, blank or filled with the items of the list's filters."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from actions.models import ActionItem, Status
from actions.services import create_item
from actions.views.items import PRINT_LIMIT
from conftest import client_for

SEED_HEADINGS = (
    "Item creation date",
    "Action item",
    "Progress tracker",
    "Who is responsible?",
    "When will it be done?",
)
SEED_EXPLANATIONS = (
    "<i>Insert the date the action item was created</i>",
    "<i>Write a brief description of the action to be completed</i>",
    "<i>In pencil, write the action's status (not started, in progress, blocked or behind schedule, abandoned, "
    "completed)</i>",
    "<i>Write down the name of the person responsible for completing this action</i>",
    "<i>Write down the deadline for completing this action</i>",
)


def page(client, **params) -> str:
    response = client.get(reverse("actions:tracker_print"), params)
    assert response.status_code == 200
    return response.content.decode()


def assert_seed_layout(body: str) -> None:
    for heading in SEED_HEADINGS:
        assert f'<th scope="col">{heading}</th>' in body
    positions = [body.index(text) for text in SEED_EXPLANATIONS]
    assert positions == sorted(positions)
    assert "@page { size: landscape" in body
    assert "data-print" in body  # static/js/app.js prints the page


def test_the_blank_sheet_has_the_seeds_headings_explanations_and_15_ruled_rows(personas):
    body = page(client_for(personas.counselor_a), blank="1")
    assert_seed_layout(body)
    assert body.count('<tr class="ruled">') == 15


def test_the_filled_sheet_prints_items_as_the_seed_does(personas):
    create_item(
        personas.district,
        description="Take the social workers off lunch duty so they can meet with students during lunch hours",
        by=personas.principal,
        owner=None,
        owner_name="John Smith",
        created_on=dt.date(2022, 5, 19),
        due_on=dt.date(2022, 6, 15),
        status=Status.IN_PROGRESS,
        school=personas.school_a,
    )
    body = page(client_for(personas.principal))
    assert_seed_layout(body)
    assert "<td>5-19-2022</td>" in body
    assert "<td>In progress</td>" in body
    assert "<td>John Smith</td>" in body
    assert "<td>6-15-2022</td>" in body
    assert 'class="ruled"' not in body


def test_the_filled_sheet_follows_the_lists_filters_and_access(personas):
    for description, status in (("Open one", Status.NOT_STARTED), ("Done one", Status.COMPLETED)):
        create_item(
            personas.district,
            description=description,
            by=personas.counselor_a,
            owner=personas.counselor_a,
            status=status,
            notify=False,
        )
    assert "Open one" not in page(client_for(personas.counselor_b))
    body = page(client_for(personas.counselor_a), status="completed")
    assert "Done one" in body and "Open one" not in body


def test_the_sheet_stops_at_the_print_limit_and_says_so(personas):
    ActionItem.objects.bulk_create(
        ActionItem(district=personas.district, created_on=dt.date(2026, 1, 1), description=f"Item {n}")
        for n in range(PRINT_LIMIT + 1)
    )
    body = page(client_for(personas.admin))
    assert f"Only the first {PRINT_LIMIT} items are printed" in body
    assert body.count("<td>1-1-2026</td>") == PRINT_LIMIT


def test_the_list_links_to_printing_with_its_filters(personas):
    body = client_for(personas.counselor_a).get(reverse("actions:my_items"), {"status": "blocked"}).content.decode()
    assert f"{reverse('actions:tracker_print')}?status=blocked&amp;owner={personas.counselor_a.pk}" in body
    assert f"{reverse('actions:tracker_print')}?blank=1" in body
