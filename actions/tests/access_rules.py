"""The tracker's URLs in the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

import uuid

from actions.models import TrackerUpload
from actions.services import create_item
from conftest import Personas
from tests.access import ADMIN, LEADER, STAFF, Rule


def _tracker_upload(p: Personas) -> dict:
    upload = TrackerUpload.objects.create(
        district=p.district,
        school=p.school_a,
        token=uuid.uuid4(),
        filename="tracker.csv",
        content=b"Item creation date,Action item\n",
        uploaded_by=p.principal,
    )
    return {"token": upload.token}


def item(p: Personas) -> dict:
    """An item of counselor A at school A: visible to them, their principal and the admin."""
    made = create_item(
        p.district,
        description="Find a room for small groups",
        by=p.counselor_a,
        owner=p.counselor_a,
        school=p.school_a,
        notify=False,
    )
    return {"pk": made.pk}


RULES: dict[str, Rule] = {
    "actions:item_list": Rule(STAFF),
    "actions:my_items": Rule(STAFF),
    "actions:item_board": Rule(STAFF),
    "actions:school_items": Rule(LEADER, kwargs=lambda p: {"school_pk": p.school_a.pk}, tenant_object=True),
    "actions:item_new": Rule(STAFF),
    "actions:item_detail": Rule(STAFF, kwargs=item, tenant_object=True),
    "actions:item_edit": Rule(STAFF, kwargs=item, tenant_object=True),
    "actions:item_status": Rule(STAFF, kwargs=item, tenant_object=True, post_only=True),
    "actions:tracker_print": Rule(STAFF),
    "actions:tracker_export": Rule(STAFF, kwargs=lambda p: {"fmt": "csv"}),
    "actions:tracker_import": Rule(LEADER),
    "actions:tracker_import_preview": Rule(LEADER, kwargs=_tracker_upload, tenant_object=True),
    "actions:reminders": Rule(STAFF),
    "actions:tracker_settings": Rule(ADMIN),
    "actions:left_items": Rule(ADMIN),
}
