"""Write a tracker plan: all or nothing, new items in bulk, changed items through ``update_item``."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import transaction
from django.utils import timezone

from actions.models import ActionItem, ActionItemChange, Origin, Status, TrackerUpload
from actions.services import local_today, update_item
from actions.spreadsheets.plan import CHANGED, NEW, Line, Plan, build_plan
from actions.spreadsheets.reading import read_tracker
from people.access import led_school_ids
from people.models import Access, District, School, StaffMember

BATCH = 1000


@transaction.atomic
def bulk_create_items(district: District, lines: Iterable[Line], *, by: StaffMember | None, origin: str) -> int:
    """Create many checked items at once, exactly as ``services.create_item`` would, and return how many.

    The rows must already be checked (``plan.build_plan`` does: action
    required, owner and school of the district, due date not before the
    creation date). Each item gets its "created" history row; a completed
    item its completion date (the row's, else today in the district's time
    zone). Owners are not emailed: an import is not someone assigning work.
    """
    today = local_today(district)
    by_id = by.pk if by else None
    created = 0
    for batch in _batches(lines):
        items = [_new_item(district, line, by_id=by_id, origin=origin, today=today) for line in batch]
        ActionItem.objects.bulk_create(items)
        now = timezone.now()
        ActionItemChange.objects.bulk_create(
            ActionItemChange(
                district_id=district.pk,
                item_id=item.pk,
                changed_by_id=by_id,
                changed_at=now,
                field="created",
                new_value="Created",
            )
            for item in items
        )
        created += len(items)
    return created


def _new_item(district: District, line: Line, *, by_id: int | None, origin: str, today) -> ActionItem:
    # Ids rather than objects: setting related objects costs more than the insert itself at 100,000 rows.
    completed = line.status == Status.COMPLETED
    return ActionItem(
        district_id=district.pk,
        school_id=line.school.pk if line.school else None,
        created_on=line.created_on or today,
        description=line.description.strip(),
        status=line.status,
        owner_id=line.owner.pk if line.owner else None,
        owner_name="" if line.owner else line.owner_name.strip(),
        due_on=line.due_on,
        completed_on=(line.completed_on or today) if completed else None,
        origin=origin,
        notes=line.notes or "",
        created_by_id=by_id,
    )


def _batches(lines: Iterable[Line]) -> Iterator[list[Line]]:
    iterator = iter(lines)
    while batch := list(islice(iterator, BATCH)):
        yield batch


@transaction.atomic
def apply_plan(plan: Plan, *, by: StaffMember | None) -> Plan:
    """Create the plan's new items and update its changed ones (history records each change)."""
    if not plan.ok:
        raise ValueError("A tracker plan with problems cannot be applied.")
    bulk_create_items(plan.district, (c.line for c in plan.changes if c.kind == NEW), by=by, origin=Origin.IMPORT)
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
