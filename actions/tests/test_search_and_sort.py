"""The lists' search box (full-text index) and the sorts read off an index (progress, who is responsible)."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse

from actions import forms as action_forms
from actions.models import OPEN_STATUSES, ActionItem, Status
from actions.services import change_status, create_item, update_item
from actions.tests.item_pages import make_item
from conftest import client_for
from core.statistics import refresh_query_statistics
from people.services import save_staff_member


def listed(personas, **query) -> list[str]:
    """The actions on the admin's list, in the order shown."""
    body = client_for(personas.admin).get(reverse("actions:item_list"), query).content.decode()
    return [html.unescape(text) for text in re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', body)]


@pytest.fixture
def tracker(personas):
    make_item(personas, "Take the counselors off lunch duty", due_on=dt.date(2027, 4, 1))
    make_item(personas, "Book the library for small groups", due_on=dt.date(2027, 4, 2))
    make_item(
        personas, "Ask the PTA about volunteers", owner=None, owner_name="Jo Lunchbox", due_on=dt.date(2027, 4, 3)
    )
    make_item(personas, "Move testing to the spring", owner=personas.counselor_b, due_on=dt.date(2027, 4, 4))
    return personas


@pytest.fixture(params=["by id", "broad"])
def search_limit(request, monkeypatch):
    """Run each search test both ways SQLite answers a search: by the matching ids, and by subquery."""
    if request.param == "broad":
        monkeypatch.setattr(action_forms, "SEARCH_IDS_LIMIT", 0)
    return request.param


def test_search_finds_any_part_of_the_action_or_the_plain_name_in_any_case(tracker, search_limit):
    assert listed(tracker, q="UNCH D") == ["Take the counselors off lunch duty"]
    assert listed(tracker, q="lunch") == ["Take the counselors off lunch duty", "Ask the PTA about volunteers"]
    assert listed(tracker, q="rary fo") == ["Book the library for small groups"]


def test_search_finds_items_by_the_staff_members_name(tracker, search_limit):
    assert listed(tracker, q="bailey") == ["Move testing to the spring"]
    assert listed(tracker, q="counselor") == [  # Casey and Bailey Counselor, and an action that says it
        "Take the counselors off lunch duty",
        "Book the library for small groups",
        "Move testing to the spring",
    ]


def test_search_of_one_or_two_letters_still_works(tracker, search_limit):
    assert listed(tracker, q="PT") == ["Ask the PTA about volunteers"]


def test_search_follows_edits_and_deletions(tracker, search_limit):
    item = ActionItem.objects.get(description__startswith="Book the library")
    update_item(item, by=tracker.admin, expected_version=item.version, description="Book the gym for small groups")
    assert listed(tracker, q="library") == []
    assert listed(tracker, q="gym") == ["Book the gym for small groups"]
    ActionItem.objects.filter(description__startswith="Book the gym").delete()
    assert listed(tracker, q="gym") == []


def test_search_never_reaches_another_districts_items(tracker, search_limit):
    other_admin = tracker.other_admin
    create_item(
        tracker.other_district, description="Lunch duty in Riverside", by=other_admin, owner=other_admin, notify=False
    )
    assert listed(tracker, q="lunch duty") == ["Take the counselors off lunch duty"]
    body = client_for(other_admin).get(reverse("actions:item_list"), {"q": "lunch"}).content.decode()
    assert "Lunch duty in Riverside" in body and "counselors off lunch duty" not in body


@pytest.mark.parametrize("text", ['"lunch', 'lunch"', "lunch*", "NEAR(lunch duty)", "lunch OR library", "a'b", "-:^"])
def test_search_text_is_never_read_as_query_syntax(tracker, text):
    assert listed(tracker, q=text) == []  # no OR, no prefix, no column filter: only the literal text is looked for


def test_a_search_counts_what_it_found_by_status(tracker, search_limit):
    change_status(ActionItem.objects.get(description__contains="lunch duty"), to=Status.BLOCKED, by=tracker.admin)
    body = client_for(tracker.admin).get(reverse("actions:item_list"), {"q": "lunch"}).content.decode()
    assert '<td class="num" id="count-blocked">1</td>' in body
    assert '<td class="num" id="count-all">2</td>' in body


# Sorts


def test_sorting_by_progress_follows_the_seeds_order_not_the_alphabet(personas):
    for status in reversed(Status.values):
        item = make_item(personas, f"Item {status}")
        if status != Status.NOT_STARTED:
            change_status(item, to=status, by=personas.admin)
    assert listed(personas, sort="status", closed="on") == [f"Item {status}" for status in Status.values]
    assert listed(personas, sort="status") == [f"Item {status}" for status in OPEN_STATUSES], "closed ones hidden"


def test_sorting_by_who_is_responsible_mixes_staff_and_plain_names_in_any_case(personas):
    make_item(personas, "Casey's", owner=personas.counselor_a)  # Casey Counselor
    make_item(personas, "Bailey's", owner=personas.counselor_b)  # Bailey Counselor
    make_item(personas, "Ann's", owner=None, owner_name="ann volunteer")
    make_item(personas, "Zed's", owner=None, owner_name="Zed Parent")
    assert listed(personas, sort="owner") == ["Ann's", "Bailey's", "Casey's", "Zed's"]


def test_a_renamed_staff_member_sorts_under_the_new_name(personas):
    make_item(personas, "Casey's", owner=personas.counselor_a)
    make_item(personas, "Bailey's", owner=personas.counselor_b)
    assert listed(personas, sort="owner") == ["Bailey's", "Casey's"]
    casey = personas.counselor_a
    casey.name = "Aaron Counselor"
    save_staff_member(casey, assignments={personas.school_a: Decimal("1.00")}, by=personas.admin)
    assert listed(personas, sort="owner") == ["Casey's", "Bailey's"]


def test_changing_the_owner_or_the_name_changes_the_sort_key(personas):
    item = make_item(personas, "Moving around", owner=personas.counselor_a)
    assert item.owner_sort == "casey counselor"
    item = update_item(item, by=personas.admin, expected_version=item.version, owner=None, owner_name="  Zoe Aide")
    assert ActionItem.objects.get(pk=item.pk).owner_sort == "zoe aide"
    item = update_item(item, by=personas.admin, expected_version=item.version, owner=personas.counselor_b)
    assert ActionItem.objects.get(pk=item.pk).owner_sort == "bailey counselor"


# The planner's statistics (what lets SQLite look up a search's few ids instead of reading the list)


def test_query_statistics_are_refreshed_on_sqlite_and_left_to_postgresql(personas):
    make_item(personas, "Something to count")
    outcome = refresh_query_statistics()
    if connection.vendor == "sqlite":
        assert outcome == "analyzed"
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'actions_actionitem'")
            assert cursor.fetchone()[0] > 0
    else:
        assert outcome.startswith("not needed")
