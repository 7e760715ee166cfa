"""The tracker's pages: lists, filters and counts, the item form, stale edits, history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actions.models import ActionItem, Status
from actions.services import change_status
from actions.tests.item_pages import (
    form_data,
    frozen_clock,  # noqa: F401 — the fixture the module uses
    make_item,
)
from conftest import client_for

pytestmark = pytest.mark.usefixtures("frozen_clock")

# Lists and access


def test_the_admin_sees_every_item_of_the_district(personas):
    make_item(personas, "Item at Adams")
    make_item(personas, "Item at Brook", owner=personas.counselor_b, by=personas.counselor_b, school=personas.school_b)
    body = client_for(personas.admin).get(reverse("actions:item_list")).content.decode()
    assert "Item at Adams" in body and "Item at Brook" in body
    for heading in ("Item creation date", "Action item", "Progress", "Who is responsible?", "When will it be done?"):
        assert heading in body


def test_counselor_b_cannot_see_counselor_as_items(personas):
    item = make_item(personas, "Casey's private plan")
    client = client_for(personas.counselor_b)
    assert "Casey&#x27;s private plan" not in client.get(reverse("actions:item_list")).content.decode()
    assert client.get(reverse("actions:item_detail", args=[item.pk])).status_code == 404
    assert client.get(reverse("actions:item_edit", args=[item.pk])).status_code == 404
    response = client.post(reverse("actions:item_status", args=[item.pk]), {"status": "completed", "version": 1})
    assert response.status_code == 404


def test_the_principal_sees_school_a_items_but_not_school_bs(personas):
    make_item(personas, "Adams plan")
    item_b = make_item(
        personas, "Brook plan", owner=personas.counselor_b, by=personas.counselor_b, school=personas.school_b
    )
    client = client_for(personas.principal)
    body = client.get(reverse("actions:school_items", args=[personas.school_a.pk])).content.decode()
    assert "Adams plan" in body and "Brook plan" not in body
    assert client.get(reverse("actions:item_detail", args=[item_b.pk])).status_code == 404


def test_a_leader_of_school_a_gets_403_on_school_bs_items(personas):
    response = client_for(personas.principal).get(reverse("actions:school_items", args=[personas.school_b.pk]))
    assert response.status_code == 403


def test_another_district_gets_404_for_the_school_list_and_items(personas):
    item = make_item(personas)
    client = client_for(personas.other_admin)
    assert client.get(reverse("actions:school_items", args=[personas.school_a.pk])).status_code == 404
    assert client.get(reverse("actions:item_detail", args=[item.pk])).status_code == 404
    assert "Find a room" not in client.get(reverse("actions:item_list")).content.decode()


def test_my_items_lists_only_what_i_am_responsible_for(personas):
    make_item(personas, "Mine")
    make_item(personas, "Given to the principal", owner=personas.principal)
    body = client_for(personas.counselor_a).get(reverse("actions:my_items")).content.decode()
    assert "Mine" in body and "Given to the principal" not in body


def test_an_empty_list_links_to_creating_the_first_item(personas):
    body = client_for(personas.counselor_a).get(reverse("actions:my_items")).content.decode()
    assert "Create the first one" in body
    assert reverse("actions:item_new") in body


def test_overdue_is_shown_next_to_the_status_not_instead(personas):
    make_item(personas, "Late one", due_on=dt.date(2026, 3, 1), created_on=dt.date(2026, 2, 1))
    body = client_for(personas.counselor_a).get(reverse("actions:my_items")).content.decode()
    assert '<span class="status">Not started</span> <span class="badge bad">Overdue</span>' in body


# Filters and counts


def test_filters_narrow_the_list_and_counts_follow_them(personas):
    make_item(personas, "Late and blocked", due_on=dt.date(2026, 3, 1), created_on=dt.date(2026, 2, 1))
    blocked = ActionItem.objects.get(description="Late and blocked")
    change_status(blocked, to=Status.BLOCKED, by=personas.admin)
    make_item(personas, "Due later", due_on=dt.date(2026, 5, 1))
    make_item(personas, "For someone outside", owner=None, owner_name="Jo Volunteer")
    client = client_for(personas.admin)
    url = reverse("actions:item_list")

    body = client.get(url, {"overdue": "on"}).content.decode()
    assert "Late and blocked" in body and "Due later" not in body
    assert '<td class="num" id="count-blocked">1</td>' in body
    assert '<td class="num" id="count-all">1</td>' in body

    body = client.get(url, {"status": ["not_started", "in_progress"]}).content.decode()
    assert "Due later" in body and "Late and blocked" not in body
    assert '<td class="num" id="count-not_started">2</td>' in body

    body = client.get(url, {"owner": "named"}).content.decode()
    assert "For someone outside" in body and "Due later" not in body

    body = client.get(url, {"q": "volunteer"}).content.decode()
    assert "For someone outside" in body and "Due later" not in body

    body = client.get(url, {"due_from": "2026-04-01", "due_to": "2026-06-01"}).content.decode()
    assert "Due later" in body and "Late and blocked" not in body

    body = client.get(url, {"school": personas.school_b.pk}).content.decode()
    assert "No action items match these filters" in body


def test_bad_filter_values_are_ignored_not_a_server_error(personas):
    make_item(personas, "Still listed")
    response = client_for(personas.admin).get(
        reverse("actions:item_list"),
        {"status": "nonsense", "owner": "abc", "school": "x", "due_from": "5/5/5/5", "sort": "zzz", "page": "-3"},
    )
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


@pytest.mark.parametrize("sort", ["due", "-due", "created", "-created", "status", "owner"])
def test_each_sort_order_works(personas, sort):
    make_item(personas, "First", due_on=dt.date(2026, 3, 20))
    make_item(personas, "Second", due_on=dt.date(2026, 3, 30), owner=None, owner_name="Abe")
    response = client_for(personas.admin).get(reverse("actions:item_list"), {"sort": sort})
    assert response.status_code == 200
    body = response.content.decode()
    if sort == "due":
        assert body.index("First") < body.index("Second")
    if sort == "-due":
        assert body.index("Second") < body.index("First")


# The item form


def test_a_staff_member_creates_an_item_owned_by_themselves_by_default(personas):
    client = client_for(personas.counselor_a)
    page = client.get(reverse("actions:item_new")).content.decode()
    assert 'value="2026-03-10"' in page  # today in Chicago
    assert f'<option value="{personas.counselor_a.pk}" selected>' in page
    assert f'<option value="{personas.school_a.pk}" selected>' in page

    response = client.post(
        reverse("actions:item_new"),
        form_data(owner=str(personas.counselor_a.pk), school=str(personas.school_a.pk)),
    )
    item = ActionItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("actions:item_detail", args=[item.pk])
    assert (item.owner, item.school, item.created_by) == (personas.counselor_a, personas.school_a, personas.counselor_a)


def test_an_empty_action_is_refused_beside_the_field(personas):
    response = client_for(personas.counselor_a).post(
        reverse("actions:item_new"), form_data(description="  ", owner=str(personas.counselor_a.pk))
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_description_error"' in body
    assert "Describe the action to be completed." in body
    assert not ActionItem.objects.exists()


def test_a_due_date_before_creation_is_shown_beside_the_due_date(personas):
    response = client_for(personas.counselor_a).post(
        reverse("actions:item_new"), form_data(owner=str(personas.counselor_a.pk), due_on="2026-01-01")
    )
    assert 'id="id_due_on_error"' in response.content.decode()
    assert not ActionItem.objects.exists()


def test_someone_must_be_responsible_but_not_twice(personas):
    client = client_for(personas.counselor_a)
    neither = client.post(reverse("actions:item_new"), form_data()).content.decode()
    assert 'id="id_owner_error"' in neither
    both = client.post(
        reverse("actions:item_new"), form_data(owner=str(personas.counselor_a.pk), owner_name="Jo")
    ).content.decode()
    assert 'id="id_owner_name_error"' in both
    assert not ActionItem.objects.exists()


def test_a_name_that_matches_a_staff_member_is_linked_to_them(personas):
    client = client_for(personas.counselor_a)
    client.post(reverse("actions:item_new"), form_data(owner_name="bailey@LINCOLN.example.org"))
    client.post(reverse("actions:item_new"), form_data(owner_name="John Smith"))
    linked, named = ActionItem.objects.order_by("pk")
    assert (linked.owner, linked.owner_name) == (personas.counselor_b, "")
    assert (named.owner, named.owner_name) == (None, "John Smith")


def test_another_districts_school_cannot_be_chosen(personas):
    response = client_for(personas.counselor_a).post(
        reverse("actions:item_new"),
        form_data(owner=str(personas.counselor_a.pk), school=str(personas.other_school.pk)),
    )
    assert 'id="id_school_error"' in response.content.decode()
    assert not ActionItem.objects.exists()


def test_editing_an_item_saves_and_records_history(personas):
    item = make_item(personas)
    client = client_for(personas.principal)
    response = client.post(
        reverse("actions:item_edit", args=[item.pk]), form_data(item, status="in_progress", notes="Room 12")
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.notes, item.version) == (Status.IN_PROGRESS, "Room 12", 2)
    detail = client.get(reverse("actions:item_detail", args=[item.pk])).content.decode()
    assert "Not started" in detail and "In progress" in detail
    assert "Pat Principal" in detail
    assert "3-10-2026 1:00 PM CDT" in detail  # 18:00 UTC in Chicago, on daylight time since March 8


def test_a_stale_edit_is_refused_with_what_changed_and_goes_through_the_second_time(personas):
    item = make_item(personas)
    client = client_for(personas.counselor_a)
    stale_form = form_data(item, notes="Asked the union rep")
    change_status(item, to=Status.BLOCKED, by=personas.principal, expected_version=item.version)

    response = client.post(reverse("actions:item_edit", args=[item.pk]), stale_form)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Someone else changed this item while you were editing it" in body
    assert "Progress</strong>: Not started → Blocked or behind schedule" in body
    assert "by Pat Principal" in body
    assert "Asked the union rep" in body  # the user's input is kept
    assert 'name="version" value="2"' in body
    # The status the user had not touched now shows the principal's choice.
    assert '<option value="blocked" selected>' in body
    item.refresh_from_db()
    assert item.notes == ""

    second = dict(stale_form, version="2", status="blocked")
    assert client.post(reverse("actions:item_edit", args=[item.pk]), second).status_code == 302
    item.refresh_from_db()
    assert (item.notes, item.status, item.version) == ("Asked the union rep", Status.BLOCKED, 3)


# Inline status


def test_completed_and_abandoned_items_are_hidden_until_asked_for(personas):
    make_item(personas, "Still to do")
    for status in (Status.COMPLETED, Status.ABANDONED):
        change_status(make_item(personas, f"Now {status}"), to=status, by=personas.counselor_a)
    client = client_for(personas.counselor_a)
    page = client.get(reverse("actions:my_items")).content.decode()
    assert "Still to do" in page and "Now completed" not in page and "Now abandoned" not in page
    assert "Completed and abandoned items (2) are hidden." in page
    assert '<td class="num" id="count-completed">1</td>' in page, "the counts still count them"
    shown = client.get(reverse("actions:my_items"), {"closed": "on"}).content.decode()
    assert "Now completed" in shown and "Now abandoned" in shown and "Still to do" in shown
    chosen = client.get(reverse("actions:my_items"), {"status": "completed"}).content.decode()
    assert "Now completed" in chosen and "Still to do" not in chosen, "choosing a status shows it"


def test_an_item_with_empty_fields_never_reads_none(personas):
    item = make_item(personas, school=None, owner=None, owner_name="")
    item.school = None
    item.save(update_fields=["school"])
    body = client_for(personas.admin).get(reverse("actions:item_detail", args=[item.pk])).content.decode()
    facts = body[body.index('<dl class="facts">') : body.index("</dl>")]
    assert "None" not in facts and "No date" not in facts and "Unknown" not in facts
    assert facts.count("<dd>—</dd>") >= 3
