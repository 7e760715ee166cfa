"""Shared by the tracker's page tests: a frozen clock, items made through the services, form data."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from actions.models import Status
from actions.services import create_item

TODAY = dt.date(2026, 3, 10)
CHICAGO_NOON = dt.datetime(2026, 3, 10, 18, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen_clock():
    with time_machine.travel(CHICAGO_NOON, tick=False):
        yield


COUNSELOR_A = object()


def make_item(
    personas, description="Find a room for small groups", *, owner=COUNSELOR_A, school=None, by=None, **fields
):
    return create_item(
        personas.district,
        description=description,
        by=by or personas.counselor_a,
        owner=personas.counselor_a if owner is COUNSELOR_A else owner,
        school=school or personas.school_a,
        notify=False,
        **fields,
    )


def form_data(item=None, **overrides):
    data = {
        "created_on": "2026-03-10",
        "description": "Take the social workers off lunch duty",
        "status": Status.NOT_STARTED,
        "owner": "",
        "owner_name": "",
        "due_on": "2026-04-01",
        "school": "",
        "barrier": "",
        "notes": "",
        "version": str(item.version) if item else "",
    }
    if item is not None:
        data.update(
            created_on=item.created_on.isoformat(),
            description=item.description,
            status=item.status,
            owner=str(item.owner_id or ""),
            owner_name=item.owner_name,
            due_on=item.due_on.isoformat() if item.due_on else "",
            school=str(item.school_id or ""),
            notes=item.notes,
        )
    data.update(overrides)
    return data
