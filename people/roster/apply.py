"""The roster import's writes: a plan prepared outside the transaction, then written in one, in bulk.

A 120,000-row roster is a few bulk INSERTs and UPDATEs (a handful of seconds), not 120,000 calls of
``save_staff_member``: other people's writes wait that long at most. The rules are the same as on
the staff form (``people.services``): the file's assignments replace a person's, a person who is no
longer a school leader leads no school, the login follows "can log in" and a new login is invited.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from core.bulk import Prepared, db_value, insert_rows, insert_statement, update_rows
from core.imports.services import start_import
from core.uploads import prune_uploads
from people.leaving import deactivate
from people.models import Access, Assignment, District, Leadership, RosterUpload, School, StaffMember
from people.roster.plan import UNCHANGED, Plan
from people.services import STAFF_RENAMED_HOOKS, invite_to_log_in, sync_login

BATCH = 2000  # rows per statement of the few writes left to Django


@dataclass
class PreparedStaff:
    staff: StaffMember
    renamed: bool = False
    login: bool = False  # the login account must follow (new login, or a change of login, name or email)
    invite: bool = False  # just given a login: emailed a link to choose a password


@dataclass
class PreparedRoster:
    """Everything to write, computed before the transaction; ``save_roster`` only runs it."""

    district: District
    new_schools: list[School] = field(default_factory=list)
    changed_schools: list[School] = field(default_factory=list)
    staff: list[PreparedStaff] = field(default_factory=list)  # new and changed people
    insert_staff: Prepared | None = None
    update_staff: Prepared | None = None
    new_assignments: list[tuple[str, str, object]] = field(default_factory=list)  # (email, school key, FTE)
    update_assignments: Prepared | None = None
    removed_assignments: list[int] = field(default_factory=list)
    no_longer_leaders: list[int] = field(default_factory=list)
    leaving: list[int] = field(default_factory=list)  # people missing from the file, to deactivate


def prepare_roster(plan: Plan) -> PreparedRoster:
    """The schools, people and assignments to write, from a plan without problems (reads only, no writes)."""
    if not plan.ok:
        raise ValueError("A roster plan with problems cannot be applied.")
    district = plan.district
    prepared = PreparedRoster(district)
    for change in plan.schools:
        if change.kind == UNCHANGED:
            continue
        line = change.line
        school = change.school or School(district=district)
        school.name = line.name
        if line.level is not None:
            school.level = line.level
        if line.enrollment is not None:
            school.enrollment = line.enrollment
        (prepared.new_schools if school.pk is None else prepared.changed_schools).append(school)
    new_staff: list[StaffMember] = []
    changed_staff: list[StaffMember] = []
    changed_fte: list[Assignment] = []
    for staff_change in plan.staff:
        if staff_change.kind == UNCHANGED:
            continue
        person = staff_change.person
        staff = staff_change.staff or StaffMember(district=district, access=Access.STAFF, can_log_in=False)
        before = (staff.name, staff.email, staff.can_log_in, staff.access)
        reactivated = not staff.is_active
        staff.deactivated_at = None
        had_login = bool(staff.pk and staff.can_log_in and staff.user and staff.user.is_active)
        staff.name, staff.email, staff.role = person.name, person.email.strip().lower(), person.role
        if person.access is not None:
            staff.access = person.access
        if person.can_log_in is not None:
            staff.can_log_in = person.can_log_in
        entry = PreparedStaff(staff)
        entry.renamed = staff.pk is not None and before[0] != staff.name
        touched = staff.pk is None or reactivated or before[:3] != (staff.name, staff.email, staff.can_log_in)
        entry.login = touched and (staff.can_log_in or staff.user_id is not None)
        entry.invite = staff.can_log_in and not had_login
        prepared.staff.append(entry)
        wanted = {key: fte for key, (_, fte) in person.assignments.items()}
        if staff.pk is None:
            new_staff.append(staff)
        else:
            changed_staff.append(staff)
            if before[3] == Access.LEADER and staff.access != Access.LEADER:
                prepared.no_longer_leaders.append(staff.pk)
            for assignment in staff.assignments.all():  # prefetched by the plan
                fte = wanted.pop(assignment.school.name.lower(), None)
                if fte is None:
                    prepared.removed_assignments.append(assignment.pk)
                elif fte != assignment.fte:
                    assignment.fte = fte
                    changed_fte.append(assignment)
        prepared.new_assignments += [
            (staff.email, key, db_value(Assignment, "fte", fte)) for key, fte in wanted.items()
        ]
    prepared.leaving = [staff.pk for staff in plan.leaving]
    fields = ["name", "email", "role", "access", "can_log_in", "deactivated_at", "updated_at"]
    prepared.insert_staff = insert_rows(StaffMember, new_staff)
    prepared.update_staff = update_rows(StaffMember, changed_staff, fields)
    prepared.update_assignments = update_rows(Assignment, changed_fte, ["fte"])
    return prepared


def save_roster(prepared: PreparedRoster) -> None:
    """Run a prepared roster's writes; the caller holds the transaction (``core.imports`` or :func:`apply_plan`)."""
    district = prepared.district
    School.objects.bulk_create(prepared.new_schools, batch_size=BATCH)
    School.objects.bulk_update(prepared.changed_schools, ["name", "level", "enrollment"], batch_size=BATCH)
    for statement in (prepared.insert_staff, prepared.update_staff, prepared.update_assignments):
        if statement is not None:
            statement.execute()
    for start in range(0, len(prepared.removed_assignments), BATCH):
        Assignment.objects.filter(pk__in=prepared.removed_assignments[start : start + BATCH]).delete()
    staff_ids = dict(StaffMember.objects.filter(district=district).values_list("email", "pk"))
    school_ids = {name.lower(): pk for name, pk in School.objects.filter(district=district).values_list("name", "pk")}
    sql, names = insert_statement(Assignment)
    rows = []
    for email, school_key, fte in prepared.new_assignments:
        values = {"district": district.pk, "staff": staff_ids[email], "school": school_ids[school_key], "fte": fte}
        rows.append(tuple(values[name] for name in names))
    Prepared(sql, rows).execute()
    deactivate(prepared.leaving)
    for start in range(0, len(prepared.no_longer_leaders), BATCH):
        Leadership.objects.filter(staff_id__in=prepared.no_longer_leaders[start : start + BATCH]).delete()
    for entry in prepared.staff:
        if entry.staff.pk is None:
            entry.staff.pk = staff_ids[entry.staff.email]
            entry.staff._state.adding = False
        if entry.renamed:
            for hook in STAFF_RENAMED_HOOKS:
                hook(entry.staff)
        if entry.login:
            sync_login(entry.staff)
        if entry.invite:
            invite_to_log_in(entry.staff)


def apply_plan(plan: Plan) -> Plan:
    """Create or update the plan's new and changed schools and people, all or nothing (tests, scripts).

    A person matched by email gets the file's name, role and school assignments (the file's replace
    theirs), and access and login when the file gives them; a deactivated person listed again is
    reactivated. People not in the file are left alone, unless the plan was built with
    ``deactivate_missing``: then they are deactivated (``people.leaving``).
    Unchanged rows are not written at all, so re-importing the same file changes nothing.
    """
    prepared = prepare_roster(plan)
    with transaction.atomic():
        save_roster(prepared)
    return plan


def store_upload(
    district: District, *, filename: str, content: bytes, by: StaffMember | None, deactivate_missing: bool = False
) -> RosterUpload:
    """Keep an uploaded file (already opened once) and queue its check by the worker.

    With ``deactivate_missing``, the check lists the district's people missing from the file, and
    confirming deactivates them.
    """
    upload = RosterUpload.objects.create(
        district=district,
        filename=filename[:255],
        content=content,
        uploaded_by=by,
        deactivate_missing=deactivate_missing,
    )
    start_import(upload)
    return upload


def prune_roster_uploads() -> str:
    """The hourly job: uploads past their preview's time are removed (``core.uploads``)."""
    return f"{prune_uploads(RosterUpload)} old roster uploads removed"
