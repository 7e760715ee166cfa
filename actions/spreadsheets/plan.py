"""Check a read tracker against the district: every problem, or which rows are new, changed or unchanged.

``build_plan`` reads the district a bounded number of times, whatever the
file's size: one query for its schools, one for its staff (the owner
directory), one per 500 unknown emails, one for the items the file may
match. A row matches an existing item of the district with the same creation
date, the same action (ignoring case and spacing) and the same school; a row
without a creation date matches on action and school alone, so importing the
same file twice creates nothing new.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from actions.models import ActionItem, Status
from actions.services import local_today
from actions.spreadsheets import columns as col
from actions.spreadsheets.parsing import CellError, parse_date, parse_status
from actions.spreadsheets.reading import Row, Sheet, problem
from core.imports.base import CHANGED, NEW, UNCHANGED, PreviewRow
from core.spreadsheets import Problem, Problems
from people.models import District, School, StaffMember

__all__ = ["CHANGED", "NEW", "UNCHANGED", "Plan", "build_plan"]
OWNER_NAME_MAX = 200
NOT_STAFF = "No staff member of the district has this email; leave it blank to keep the name as written."


@dataclass
class Line:
    """A checked row: the values an item gets from it."""

    row: int
    created_on: dt.date | None
    description: str
    status: str
    owner: StaffMember | None
    owner_name: str
    due_on: dt.date | None
    school: School | None
    notes: str | None  # None when the file has no Notes column
    completed_on: dt.date | None

    @property
    def responsible(self) -> str:
        return self.owner.name if self.owner else self.owner_name

    @property
    def status_label(self) -> str:
        return Status(self.status).label


@dataclass
class LineChange:
    """What importing one row does; ``fields`` are those ``update_item`` receives for a changed item."""

    kind: str
    line: Line
    item_id: int | None = None
    differences: list[tuple[str, str, str]] = field(default_factory=list)
    fields: dict = field(default_factory=dict)


@dataclass
class Plan:
    district: District
    problems: Problems = field(default_factory=Problems)
    read_as: str = ""
    changes: list[LineChange] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> Counter:
        return Counter(change.kind for change in self.changes)

    def preview(self) -> list[PreviewRow]:
        """The new and changed rows as the import's page lists them."""
        return [
            PreviewRow(
                change.kind, change.line.description, change.line.row, "", change.differences, _detail(change.line)
            )
            for change in self.changes
            if change.kind != UNCHANGED
        ]

    def summary(self) -> str:
        """E.g. "Action items: 3 new, 1 changed, 12 unchanged." """
        counts = self.counts()
        return f"Action items: {counts[NEW]} new, {counts[CHANGED]} changed, {counts[UNCHANGED]} unchanged."


def _detail(line: Line) -> str:
    """What a new item holds, e.g. "In progress, John Smith, due 6-15-2022"."""
    parts = [line.status_label, line.responsible]
    if line.due_on:
        parts.append(f"due {line.due_on.month}-{line.due_on.day}-{line.due_on.year}")
    return ", ".join(part for part in parts if part)


def description_key(text: str) -> str:
    return " ".join(text.split()).lower()


class _Owners:
    """The district's staff by email and by name, from one query.

    Other districts are never read: an email of another district's person reads exactly like an
    email nobody has (kept as the name written), so an import tells nothing about other districts.
    """

    def __init__(self, district: District) -> None:
        self.by_email: dict[str, StaffMember] = {}
        self.by_name: dict[str, list[StaffMember]] = {}
        self.by_id: dict[int, StaffMember] = {}
        for staff in StaffMember.objects.filter(district=district).only("id", "name", "email", "district_id"):
            self.by_email[staff.email.lower()] = staff
            self.by_name.setdefault(description_key(staff.name), []).append(staff)
            self.by_id[staff.pk] = staff


def build_plan(
    district: District,
    sheet: Sheet,
    *,
    school: School | None = None,
    allowed_school_ids: set[int] | None = None,
) -> Plan:
    """Check every row of ``sheet`` and classify it against the district's items.

    ``school`` is the school of rows without a School cell; ``allowed_school_ids``
    (``None`` for a district admin) limits the schools a school leader may import into.
    """
    plan = Plan(district=district, problems=Problems(sheet.problems), read_as=sheet.read_as)
    schools = {s.name.lower(): s for s in School.objects.filter(district=district)}
    owners = _Owners(district)
    today = local_today(district)
    lines: list[Line] = []
    seen: dict[tuple, int] = {}
    for row in sheet.rows:
        line = _check_row(row, sheet.columns, school, schools, owners, allowed_school_ids, plan)
        if line is None:
            continue
        key = (line.created_on, description_key(line.description), line.school.pk if line.school else None)
        if key in seen:
            plan.problems.add(
                problem(row.number, col.ACTION, f"Row {seen[key]} has the same date, action item and school.")
            )
            continue
        seen[key] = row.number
        lines.append(line)
    if plan.problems:
        return plan
    existing = _existing_items(district, lines)
    for line in lines:
        change = _classify(line, existing, owners, today)
        if change.kind == NEW and line.created_on is None:
            line.created_on = today
        if change.kind != UNCHANGED and line.due_on and line.created_on and line.due_on < line.created_on:
            reason = f"The due date {line.due_on.isoformat()} is before the item creation date."
            plan.problems.add(problem(line.row, col.DUE, reason))
        plan.changes.append(change)
    if plan.problems:
        plan.changes = []
    return plan


def _check_row(row, columns, default_school, schools, owners, allowed_school_ids, plan) -> Line | None:
    """The row's values, or ``None`` after adding each of its problems to ``plan``."""
    problems: list[Problem] = []

    def read(column, parse):
        try:
            return parse(row.get(column))
        except CellError as exc:
            problems.append(problem(row.number, column, str(exc)))
            return None

    created_on = read(col.CREATED, parse_date)
    due_on = read(col.DUE, parse_date)
    completed_on = read(col.COMPLETED, parse_date) if col.COMPLETED in columns else None
    status = read(col.STATUS, parse_status)
    description = row.text(col.ACTION)
    if not description:
        problems.append(problem(row.number, col.ACTION, "The action item is empty: describe the action."))
    if completed_on and status and status != Status.COMPLETED:
        problems.append(problem(row.number, col.COMPLETED, "A completion date needs the status “Completed”."))
    school = default_school
    school_name = row.text(col.SCHOOL)
    if school_name:
        school = schools.get(" ".join(school_name.split()).lower())
        if school is None:
            problems.append(problem(row.number, col.SCHOOL, f"“{school_name}” is not a school of this district."))
    known_school = school is not None or not school_name  # an unknown name is already a problem
    if allowed_school_ids is not None and known_school and (school is None or school.pk not in allowed_school_ids):
        problems.append(problem(row.number, col.SCHOOL, "You can import items only into schools you lead."))
    owner, owner_name = _owner(row, owners, plan, problems)
    plan.problems += problems
    if problems:
        return None
    return Line(
        row=row.number,
        created_on=created_on,
        description=description,
        status=status,
        owner=owner,
        owner_name=owner_name,
        due_on=due_on,
        school=school,
        notes=row.text(col.NOTES) if col.NOTES in columns else None,
        completed_on=completed_on,
    )


def _owner_email(row: Row) -> str:
    """The owner's email: the email column's, else the owner column's when it holds an email."""
    email = row.text(col.OWNER_EMAIL).strip().lower()
    if email:
        return email
    text = row.text(col.OWNER).strip().lower()
    return text if "@" in text else ""


def _owner(row: Row, owners: _Owners, plan: Plan, problems: list[Problem]) -> tuple[StaffMember | None, str]:
    """The staff member responsible (by email, else by a name only one person has), or the name as written.

    Two staff members may share a name: the export writes each owner's email in its own column, so
    the file names the very person; a name alone that several people have is kept as a name.
    """
    text = " ".join(row.text(col.OWNER).split())
    email = _owner_email(row)
    if row.text(col.OWNER_EMAIL).strip():
        staff = owners.by_email.get(email)
        if staff is not None:
            return staff, ""
        problems.append(problem(row.number, col.OWNER_EMAIL, NOT_STAFF))
        return None, ""
    if not text:
        return None, ""
    if email:
        staff = owners.by_email.get(email)
        if staff is not None:
            return staff, ""
    else:
        named = owners.by_name.get(text.lower(), [])
        if len(named) == 1:
            return named[0], ""
        if len(named) > 1:
            plan.notes.append((row.number, f"{len(named)} staff members are named “{text}”: kept as a name."))
    if len(text) > OWNER_NAME_MAX:
        problems.append(problem(row.number, col.OWNER, f"The name is longer than {OWNER_NAME_MAX} characters."))
    return None, text


def _existing_items(district: District, lines: list[Line]) -> dict[tuple, dict]:
    """The district's items the file may match, keyed by (date, action, school) and by (action, school)."""
    dates = [line.created_on for line in lines if line.created_on]
    undated = any(line.created_on is None for line in lines)
    items = ActionItem.objects.filter(district=district)
    if not undated:
        if not dates:
            return {}
        items = items.filter(created_on__range=(min(dates), max(dates)))
    found: dict[tuple, dict] = {}
    fields = ("id", "created_on", "description", "status", "owner_id", "owner_name", "due_on", "school_id", "notes")
    for item in items.order_by("created_on", "pk").values(*fields).iterator(chunk_size=2000):
        text = description_key(item["description"])
        found.setdefault((item["created_on"], text, item["school_id"]), item)
        found[(None, text, item["school_id"])] = item  # the latest item with this action
    return found


def _classify(line: Line, existing: dict[tuple, dict], owners: _Owners, today: dt.date) -> LineChange:
    key = (line.created_on, description_key(line.description), line.school.pk if line.school else None)
    item = existing.get(key)
    if item is None:
        return LineChange(NEW, line)
    if line.created_on is None:
        line.created_on = item["created_on"]
    differences: list[tuple[str, str, str]] = []
    fields: dict = {}
    if item["status"] != line.status:
        differences.append(("Progress", Status(item["status"]).label, Status(line.status).label))
        fields["status"] = line.status
    current_owner = owners.by_id.get(item["owner_id"]) if item["owner_id"] else None
    current = current_owner.name if current_owner else item["owner_name"]
    if not _same_owner(line, current_owner, item["owner_name"]):
        differences.append(("Who is responsible", current, line.responsible))
        fields.update(owner=line.owner, owner_name=line.owner_name)
    if item["due_on"] != line.due_on:
        differences.append(("When will it be done", _iso(item["due_on"]), _iso(line.due_on)))
        fields["due_on"] = line.due_on
    if line.notes is not None and item["notes"].strip() != line.notes.strip():
        differences.append(("Notes", item["notes"], line.notes))
        fields["notes"] = line.notes
    return LineChange(CHANGED if fields else UNCHANGED, line, item["id"], differences, fields)


def _same_owner(line: Line, current_owner: StaffMember | None, current_name: str) -> bool:
    """A name or email naming the current owner keeps them, even when two staff share the name."""
    if line.owner is not None:
        return current_owner is not None and line.owner.pk == current_owner.pk
    written = line.owner_name.lower()
    if current_owner is not None:
        return written in (description_key(current_owner.name), current_owner.email.lower())
    return written == description_key(current_name)


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""
