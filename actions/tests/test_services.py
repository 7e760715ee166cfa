"""The tracker's services: creating, changing status, history, stale edits, overdue in district time."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from actions.access import item_for, visible_items
from actions.models import ActionItem, ActionItemChange, Status
from actions.services import StaleEdit, change_status, create_item, local_today, update_item

CHICAGO_NOON = dt.datetime(2026, 3, 10, 18, 0, tzinfo=dt.UTC)


def make_item(personas, *, owner=None, school=None, by=None, **fields):
    return create_item(
        personas.district,
        description=fields.pop("description", "Take the social workers off lunch duty"),
        by=by or personas.principal,
        owner=owner or personas.counselor_a,
        school=school or personas.school_a,
        notify=False,
        **fields,
    )


@time_machine.travel(CHICAGO_NOON, tick=False)
def test_a_new_item_is_not_started_created_today_and_has_a_creation_entry(personas):
    item = make_item(personas)
    assert item.status == Status.NOT_STARTED
    assert item.created_on == dt.date(2026, 3, 10)
    assert item.version == 1
    assert item.completed_on is None
    assert list(item.changes.values_list("field", flat=True)) == ["created"]


def test_an_item_needs_a_description(personas):
    with pytest.raises(ValidationError) as error:
        make_item(personas, description="   ")
    assert "description" in error.value.error_dict
    assert not ActionItem.objects.exists()


def test_a_status_change_records_who_changed_what_from_and_to(personas):
    item = make_item(personas)
    item = change_status(item, to=Status.IN_PROGRESS, by=personas.counselor_a, expected_version=1)
    change = item.changes.get(field="status")
    assert (change.old_value, change.new_value) == ("Not started", "In progress")
    assert change.changed_by == personas.counselor_a
    assert change.version == item.version == 2


@time_machine.travel(CHICAGO_NOON, tick=False)
def test_completing_stamps_the_completion_date_and_reopening_clears_it(personas):
    item = make_item(personas)
    item = change_status(item, to=Status.COMPLETED, by=personas.counselor_a)
    assert item.completed_on == dt.date(2026, 3, 10)
    item = change_status(item, to=Status.IN_PROGRESS, by=personas.counselor_a)
    assert item.completed_on is None
    fields = set(item.changes.values_list("field", flat=True))
    assert {"status", "completed_on"} <= fields


def test_a_status_outside_the_tracker_is_refused(personas):
    item = make_item(personas)
    with pytest.raises(ValidationError):
        change_status(item, to="done-ish", by=personas.counselor_a)


def test_a_save_against_a_stale_copy_is_refused_with_the_other_persons_changes(personas):
    item = make_item(personas)
    seen_version = item.version
    change_status(item, to=Status.BLOCKED, by=personas.principal, expected_version=seen_version)
    changes_before = ActionItemChange.objects.count()

    with pytest.raises(StaleEdit) as stale:
        update_item(item, by=personas.counselor_a, expected_version=seen_version, notes="Talked to the union rep")

    [change] = stale.value.changes
    assert (change.label, change.old, change.new) == ("Progress", "Not started", "Blocked or behind schedule")
    assert change.by == "Pat Principal"
    assert change.at is not None
    fresh = ActionItem.objects.get(pk=item.pk)
    assert fresh.notes == ""
    assert fresh.version == 2
    assert ActionItemChange.objects.count() == changes_before


def test_a_save_with_the_current_version_goes_through(personas):
    item = make_item(personas)
    item = change_status(item, to=Status.BLOCKED, by=personas.principal, expected_version=1)
    item = update_item(item, by=personas.counselor_a, expected_version=item.version, notes="Room 12 is free")
    assert item.notes == "Room 12 is free"
    assert item.version == 3


def test_a_save_that_changes_nothing_leaves_no_history(personas):
    item = make_item(personas)
    item = update_item(item, by=personas.counselor_a, expected_version=1, description=item.description)
    assert item.version == 1
    assert item.changes.count() == 1


def test_an_owner_from_another_district_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        make_item(personas, owner=personas.other_admin)
    assert "owner" in error.value.error_dict


# America/Chicago is UTC-5 in June (daylight time): midnight there is 05:00 UTC.
@pytest.mark.parametrize(
    ("utc_time", "overdue"),
    [
        (dt.datetime(2026, 6, 16, 4, 59, tzinfo=dt.UTC), False),
        (dt.datetime(2026, 6, 16, 5, 1, tzinfo=dt.UTC), True),
    ],
)
def test_overdue_follows_midnight_in_the_districts_daylight_time(personas, utc_time, overdue):
    with time_machine.travel(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        item = make_item(personas, due_on=dt.date(2026, 6, 15))
    with time_machine.travel(utc_time, tick=False):
        today = local_today(personas.district)
        assert item.is_overdue(today) is overdue
        assert ActionItem.objects.overdue(today).filter(pk=item.pk).exists() is overdue


def test_an_item_due_on_the_15th_is_overdue_only_after_midnight_in_chicago(personas):
    """At 05:30 UTC on the 16th it is still the 15th in Chicago (standard time, UTC-6)."""
    with time_machine.travel(dt.datetime(2026, 1, 2, 12, tzinfo=dt.UTC), tick=False):
        item = make_item(personas, due_on=dt.date(2026, 1, 15))
    with time_machine.travel(dt.datetime(2026, 1, 16, 5, 30, tzinfo=dt.UTC), tick=False):
        assert local_today(personas.district) == dt.date(2026, 1, 15)
        assert not item.is_overdue(local_today(personas.district))
    with time_machine.travel(dt.datetime(2026, 1, 16, 6, 30, tzinfo=dt.UTC), tick=False):
        assert local_today(personas.district) == dt.date(2026, 1, 16)
        assert item.is_overdue(local_today(personas.district))


def test_closed_items_are_never_overdue(personas):
    item = make_item(personas, due_on=dt.date(2020, 1, 1), created_on=dt.date(2020, 1, 1))
    for status in (Status.COMPLETED, Status.ABANDONED):
        item = change_status(item, to=status, by=personas.counselor_a)
        assert not item.is_overdue(dt.date(2026, 1, 1))


def test_counselor_b_cannot_see_counselor_as_items(personas):
    item = make_item(personas, by=personas.counselor_a)
    with pytest.raises(Http404):
        item_for(personas.counselor_b, item.pk)
    assert item_for(personas.counselor_a, item.pk) == item


def test_the_principal_sees_school_a_items_but_not_school_bs(personas):
    item_a = make_item(personas, by=personas.counselor_a)
    item_b = make_item(personas, by=personas.counselor_b, owner=personas.counselor_b, school=personas.school_b)
    assert set(visible_items(personas.principal)) == {item_a}
    with pytest.raises(Http404):
        item_for(personas.principal, item_b.pk)


def test_another_districts_admin_cannot_reach_an_item(personas):
    item = make_item(personas)
    with pytest.raises(Http404):
        item_for(personas.other_admin, item.pk)
    assert set(visible_items(personas.admin)) == {item}
