"""The tracker import's writes: new items in bulk, changed items through ``update_item`` (history kept)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from actions.models import ActionItem, Origin, TrackerUpload
from actions.services import create_items_in_bulk, local_today, new_item, update_item
from actions.spreadsheets.plan import CHANGED, NEW, Line, LineChange, Plan
from core.imports.services import start_import
from core.uploads import prune_uploads
from people.access import led_school_ids
from people.models import Access, District, School, StaffMember


def _new_item(district: District, line: Line, *, by: StaffMember | None, today: dt.date) -> ActionItem:
    return new_item(
        district,
        description=line.description,
        by=by,
        status=line.status,
        owner=line.owner,
        owner_name=line.owner_name,
        due_on=line.due_on,
        created_on=line.created_on,
        completed_on=line.completed_on,
        school=line.school,
        origin=Origin.IMPORT,
        notes=line.notes or "",
        today=today,
    )


@dataclass
class PreparedItems:
    district: District
    by: StaffMember | None
    new: list[ActionItem] = field(default_factory=list)
    changed: list[LineChange] = field(default_factory=list)


def prepare_items(plan: Plan, *, by: StaffMember | None) -> PreparedItems:
    """The new items built (unsaved) and the changes to make, from a plan without problems (no writes)."""
    if not plan.ok:
        raise ValueError("A tracker plan with problems cannot be applied.")
    today = local_today(plan.district)
    prepared = PreparedItems(plan.district, by)
    prepared.new = [_new_item(plan.district, c.line, by=by, today=today) for c in plan.changes if c.kind == NEW]
    prepared.changed = [c for c in plan.changes if c.kind == CHANGED]
    return prepared


def save_items(prepared: PreparedItems) -> None:
    """Create the new items and update the changed ones (history records each change).

    The caller holds the transaction (``core.imports`` or :func:`apply_plan`).
    """
    create_items_in_bulk(prepared.district, prepared.new, by=prepared.by)
    items = ActionItem.objects.in_bulk([c.item_id for c in prepared.changed])
    for change in prepared.changed:
        update_item(items[change.item_id], by=prepared.by, expected_version=None, **change.fields)


def apply_plan(plan: Plan, *, by: StaffMember | None) -> Plan:
    """Create the plan's new items and update its changed ones, all or nothing (tests, scripts)."""
    prepared = prepare_items(plan, by=by)
    with transaction.atomic():
        save_items(prepared)
    return plan


def allowed_schools(member: StaffMember | None) -> set[int] | None:
    """The schools ``member`` may import into; ``None`` means every school (a district admin, the command line)."""
    if member is None or member.has_access(Access.ADMIN):
        return None
    return led_school_ids(member)


def store_upload(
    district: District, *, school: School | None, filename: str, content: bytes, by: StaffMember | None
) -> TrackerUpload:
    """Keep an uploaded file (already opened once) and queue its check by the worker."""
    upload = TrackerUpload.objects.create(
        district=district, school=school, filename=filename[:255], content=content, uploaded_by=by
    )
    start_import(upload)
    return upload


def prune_tracker_uploads() -> str:
    """The hourly job: uploads past their preview's time are removed (``core.uploads``)."""
    return f"{prune_uploads(TrackerUpload)} old tracker uploads removed"
