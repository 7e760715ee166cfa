"""Write a tracker plan: all or nothing, new items in bulk, changed items through ``update_item``."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import transaction
from django.utils import timezone

from actions.models import ActionItem, Origin, TrackerUpload
from actions.services import create_items_in_bulk, local_today, new_item, update_item
from actions.spreadsheets.plan import CHANGED, NEW, Line, Plan, build_plan
from actions.spreadsheets.reading import read_tracker
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


@transaction.atomic
def apply_plan(plan: Plan, *, by: StaffMember | None) -> Plan:
    """Create the plan's new items and update its changed ones (history records each change)."""
    if not plan.ok:
        raise ValueError("A tracker plan with problems cannot be applied.")
    today = local_today(plan.district)
    new = (_new_item(plan.district, c.line, by=by, today=today) for c in plan.changes if c.kind == NEW)
    create_items_in_bulk(plan.district, new, by=by)
    changed = [c for c in plan.changes if c.kind == CHANGED]
    items = ActionItem.objects.in_bulk([c.item_id for c in changed])
    for change in changed:
        update_item(items[change.item_id], by=by, expected_version=None, **change.fields)
    return plan


def allowed_schools(member: StaffMember | None) -> set[int] | None:
    """The schools ``member`` may import into; ``None`` means every school (a district admin, the command line)."""
    if member is None or member.has_access(Access.ADMIN):
        return None
    return led_school_ids(member)


def store_upload(
    district: District, *, school: School | None, filename: str, content: bytes, by: StaffMember | None
) -> TrackerUpload:
    """Keep a checked upload until its preview is confirmed."""
    return TrackerUpload.objects.create(
        district=district, school=school, token=uuid.uuid4(), filename=filename[:255], content=content, uploaded_by=by
    )


def prune_tracker_uploads() -> str:
    """The hourly job: uploads past their preview's time are removed (``core.uploads``)."""
    return f"{prune_uploads(TrackerUpload)} old tracker uploads removed"


def upload_plan(upload: TrackerUpload, *, by: StaffMember | None) -> Plan:
    """The plan of a stored upload, checked against the district (and ``by``'s schools) as they are now."""
    sheet = read_tracker(bytes(upload.content), upload.filename)
    return build_plan(upload.district, sheet, school=upload.school, allowed_school_ids=allowed_schools(by))


@transaction.atomic
def apply_upload(upload: TrackerUpload, *, by: StaffMember | None) -> Plan | None:
    """Re-check a stored upload and apply it once; ``None`` if it was already applied.

    A plan with problems is returned unapplied. Marking the upload applied is
    a conditional UPDATE, so a double click applies it only once.
    """
    plan = upload_plan(upload, by=by)
    if not plan.ok:
        return plan
    claimed = TrackerUpload.objects.filter(pk=upload.pk, applied_at__isnull=True).update(applied_at=timezone.now())
    if not claimed:
        return None
    return apply_plan(plan, by=by)
