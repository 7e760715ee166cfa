"""Every change to an action item goes through here: creating, editing,
changing status, matching an owner name to a staff member.

Each change is recorded field by field in ``ActionItemChange`` and guarded
against lost updates: a save carries the version it was based on, and a save
against a stale copy raises ``StaleEdit`` listing what changed meanwhile.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions.models import (
    ActionItem,
    ActionItemChange,
    Barrier,
    Origin,
    ReminderPreference,
    Status,
    owner_sort_key,
)
from people.models import District, School, StaffMember

BULK_BATCH = 1000

# Fields a person can change, in the order the history lists them.
TRACKED_FIELDS = (
    "created_on",
    "description",
    "status",
    "owner",
    "owner_name",
    "due_on",
    "school",
    "barrier",
    "notes",
)
FIELD_LABELS = {
    "created_on": "Item creation date",
    "description": "Action item",
    "status": "Progress",
    "owner": "Who is responsible",
    "owner_name": "Who is responsible (name)",
    "due_on": "When will it be done",
    "school": "School",
    "barrier": "Barrier",
    "notes": "Notes",
    "completed_on": "Completed on",
}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str
    by: str = ""
    at: dt.datetime | None = None

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)


class StaleEdit(Exception):
    """Someone else saved the item after the copy this edit was based on."""

    def __init__(self, item: ActionItem, changes: list[FieldChange]) -> None:
        self.item = item
        self.changes = changes
        summary = "; ".join(f"{c.label}: {c.old or '—'} → {c.new or '—'}" for c in changes) or "no visible fields"
        super().__init__(f"This item was changed by someone else while you were editing it ({summary}).")


def local_today(district: District) -> dt.date:
    """Today's date in the district's time zone (what "overdue" is measured against)."""
    return timezone.localdate(timezone=district.zone)


def display(item: ActionItem, field: str) -> str:
    """A field's value as a person reads it in the history."""
    value = getattr(item, field)
    if value is None or value == "":
        return ""
    if field == "status":
        return Status(value).label
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _snapshot(item: ActionItem) -> dict[str, str]:
    return {field: display(item, field) for field in (*TRACKED_FIELDS, "completed_on")}


def _validate(item: ActionItem) -> None:
    errors: dict[str, str] = {}
    if not (item.description or "").strip():
        errors["description"] = "Describe the action to be completed."
    if item.owner_id and not StaffMember.objects.filter(pk=item.owner_id, district_id=item.district_id).exists():
        errors["owner"] = "Choose someone from this district."
    if item.school_id and not School.objects.filter(pk=item.school_id, district_id=item.district_id).exists():
        errors["school"] = "Choose a school of this district."
    if item.barrier_id and not Barrier.objects.filter(pk=item.barrier_id, district_id=item.district_id).exists():
        errors["barrier"] = "Choose a barrier of this district."
    if item.due_on and item.created_on and item.due_on < item.created_on:
        errors["due_on"] = "The due date is before the item was created."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_item(
    district: District, *, description: str, by: StaffMember | None, notify: bool = True, **fields: Any
) -> ActionItem:
    """Create an action item; ``fields`` are those of :func:`new_item` (creation date defaults to today).

    The owner is emailed when someone else assigns the item to them, unless
    they turned that off (or ``notify`` is false).
    """
    item = new_item(district, description=description, by=by, **fields)
    _validate(item)
    item.save()
    ActionItemChange.objects.create(
        district=district, item=item, changed_by=by, changed_at=timezone.now(), field="created", new_value="Created"
    )
    owner = fields.get("owner")
    if notify and owner is not None and owner != by:
        notify_assignment(item, by=by)
    return item


def new_item(
    district: District,
    *,
    description: str,
    by: StaffMember | None,
    status: str = Status.NOT_STARTED,
    owner: StaffMember | None = None,
    owner_name: str = "",
    due_on: dt.date | None = None,
    created_on: dt.date | None = None,
    completed_on: dt.date | None = None,
    school: School | None = None,
    origin: str = Origin.NONE,
    origin_ref: int | None = None,
    barrier: Barrier | None = None,
    notes: str = "",
    today: dt.date | None = None,
) -> ActionItem:
    """An unsaved item as ``create_item`` and ``create_items_in_bulk`` save it.

    The creation date defaults to ``today`` (the district's local date); a
    completed item is stamped completed on ``completed_on`` or today; a named
    owner who is a staff member leaves no plain name.
    """
    today = today or local_today(district)
    item = ActionItem(
        district=district,
        description=description.strip(),
        status=status,
        owner_name="" if owner else owner_name.strip(),
        owner_sort=owner_sort_key(owner.name if owner else owner_name),
        due_on=due_on,
        created_on=created_on or today,
        origin=origin,
        origin_ref=origin_ref,
        notes=notes or "",
        completed_on=(completed_on or today) if status == Status.COMPLETED else None,
    )
    # Related rows by id: at 100,000 imported rows, setting related objects costs more than the insert.
    item.owner_id = owner.pk if owner else None
    item.school_id = school.pk if school else None
    item.barrier_id = barrier.pk if barrier else None
    item.created_by_id = by.pk if by else None
    return item


@transaction.atomic
def create_items_in_bulk(district: District, items: Iterable[ActionItem], *, by: StaffMember | None) -> int:
    """Save many items built by ``new_item`` and checked by the caller, with their "created" history.

    Used by the spreadsheet import; owners are not emailed (an import is not
    someone assigning work). Returns how many items were created.
    """
    created = 0
    iterator = iter(items)
    while batch := list(islice(iterator, BULK_BATCH)):
        ActionItem.objects.bulk_create(batch)
        _record_created([item.pk for item in batch], by=by)
        created += len(batch)
    return created


def _record_created(item_ids: list[int], *, by: StaffMember | None) -> None:
    """The "created" history rows of many new items, written by the database from the items themselves.

    One ``INSERT … SELECT`` per batch instead of a thousand model instances: at 100,000 imported rows
    building the history rows in Python cost about a third of the import.
    """
    changes, items = ActionItemChange._meta.db_table, ActionItem._meta.db_table
    ids = ", ".join(["%s"] * len(item_ids))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {changes} (district_id, item_id, changed_by_id, changed_at, field, version, old_value, "  # noqa: S608 — table names from the models; values are parameters
            f"new_value) SELECT district_id, id, %s, %s, %s, 1, '', %s FROM {items} WHERE id IN ({ids}) ORDER BY id",
            [by.pk if by else None, now, "created", "Created", *item_ids],
        )


@transaction.atomic
def update_item(item: ActionItem, *, by: StaffMember | None, expected_version: int | None, **fields: Any) -> ActionItem:
    """Change fields of ``item``, recording each change in its history.

    ``expected_version`` is the version the editor saw; if the item has been
    saved since, nothing is written and ``StaleEdit`` says what changed.
    Returns the saved item (a fresh copy: use it rather than ``item``).
    Completing an item stamps its completion date; reopening clears it.
    """
    unknown = set(fields) - set(TRACKED_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    # Lock only the item row: PostgreSQL cannot lock the nullable side of the joins.
    current = (
        ActionItem.objects.select_for_update(of=("self",)).select_related("owner", "school", "barrier").get(pk=item.pk)
    )
    if expected_version is not None and current.version != expected_version:
        since = current.changes.filter(version__gt=expected_version).select_related("changed_by").order_by("pk")
        raise StaleEdit(
            current,
            [
                FieldChange(
                    c.field, c.old_value, c.new_value, by=c.changed_by.name if c.changed_by else "", at=c.changed_at
                )
                for c in since
            ],
        )
    before = _snapshot(current)
    previous_owner_id = current.owner_id
    for name, value in fields.items():
        setattr(current, name, value.strip() if isinstance(value, str) and name != "notes" else value)
    if "owner" in fields and current.owner_id:
        current.owner_name = ""
    current.set_owner_sort()
    if current.status == Status.COMPLETED and current.completed_on is None:
        current.completed_on = local_today(current.district)
    elif current.status != Status.COMPLETED:
        current.completed_on = None
    _validate(current)
    after = _snapshot(current)
    changed = [f for f in after if after[f] != before[f]]
    if not changed:
        return current
    current.version += 1
    current.save()
    now = timezone.now()
    ActionItemChange.objects.bulk_create(
        ActionItemChange(
            district_id=current.district_id,
            item=current,
            changed_by=by,
            changed_at=now,
            field=name,
            version=current.version,
            old_value=before[name],
            new_value=after[name],
        )
        for name in changed
    )
    if current.owner_id and current.owner_id != previous_owner_id and current.owner != by:
        notify_assignment(current, by=by)
    return current


def owner_renamed(staff: StaffMember) -> int:
    """Re-sort a renamed staff member's items under their new name. Returns how many items changed."""
    key = owner_sort_key(staff.name)
    return ActionItem.objects.filter(owner=staff).exclude(owner_sort=key).update(owner_sort=key)


def change_status(
    item: ActionItem, *, to: str, by: StaffMember | None, expected_version: int | None = None
) -> ActionItem:
    """Move an item to another of the seed's statuses."""
    if to not in Status.values:
        raise ValidationError({"status": f"{to!r} is not a status of the tracker."})
    return update_item(item, by=by, expected_version=expected_version, status=to)


def match_owner(item: ActionItem, *, staff: StaffMember, by: StaffMember | None) -> ActionItem:
    """Replace a plain owner name with the staff member it names."""
    return update_item(item, by=by, expected_version=None, owner=staff)


def reassign_open_items(from_staff: StaffMember, *, to: StaffMember, by: StaffMember | None) -> int:
    """Give every open item of ``from_staff`` (someone who left, usually) to ``to``; returns how many moved.

    Each item goes through :func:`update_item`, so its history records the new owner and ``to`` is
    told, as for any item given to them.
    """
    if to.district_id != from_staff.district_id or not to.is_active:
        raise ValidationError({"to": "Choose an active staff member of the district."})
    items = list(ActionItem.objects.filter(owner=from_staff).open().order_by("pk"))
    for item in items:
        update_item(item, by=by, expected_version=None, owner=to)
    return len(items)


def reminder_preference(staff: StaffMember) -> ReminderPreference:
    pref, _ = ReminderPreference.objects.get_or_create(staff=staff, defaults={"district_id": staff.district_id})
    return pref


def notify_assignment(item: ActionItem, *, by: StaffMember | None) -> bool:
    """Email the owner that ``by`` gave them an item, unless they turned this off.

    Returns whether an email was queued.
    """
    owner = item.owner
    if owner is None or not owner.email:
        return False
    pref = ReminderPreference.objects.filter(staff=owner).first()
    if pref is not None and not pref.assignment_emails:
        return False
    context = {
        "item": item,
        "owner": owner,
        "by": by,
        "url": settings.SITE_URL + reverse("actions:item_detail", kwargs={"pk": item.pk}),
        "preferences_url": settings.SITE_URL + reverse("actions:reminders"),
    }
    send_mail(
        subject=f"New action item for you: {item.description[:60]}",
        message=render_to_string("actions/email/assigned.txt", context),
        from_email=None,
        recipient_list=[owner.email],
    )
    return True
