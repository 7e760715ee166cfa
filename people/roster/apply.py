"""Write a roster plan: all or nothing, through ``people.services``."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from core.uploads import prune_uploads
from people.models import Access, District, RosterUpload, School, StaffMember
from people.roster.plan import UNCHANGED, Plan, build_plan
from people.roster.reading import read_roster
from people.services import save_school, save_staff_member


@transaction.atomic
def apply_plan(plan: Plan) -> Plan:
    """Create or update the plan's new and changed schools and people, in one transaction.

    A person matched by email gets the file's name, role and school
    assignments (the file's replace theirs), and access and login when the
    file gives them; people not in the file are left alone. Unchanged rows
    are not written at all, so re-importing the same file changes nothing.
    """
    if not plan.ok:
        raise ValueError("A roster plan with problems cannot be applied.")
    district = plan.district
    schools = {s.name.lower(): s for s in School.objects.filter(district=district)}
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
        schools[line.name.lower()] = save_school(school)
    for staff_change in plan.staff:
        if staff_change.kind == UNCHANGED:
            continue
        person = staff_change.person
        staff = staff_change.staff or StaffMember(district=district, access=Access.STAFF, can_log_in=False)
        led_schools = [lead.school for lead in staff.leaderships.select_related("school")] if staff.pk else []
        staff.name = person.name
        staff.email = person.email
        staff.role = person.role
        if person.access is not None:
            staff.access = person.access
        if person.can_log_in is not None:
            staff.can_log_in = person.can_log_in
        assignments = {schools[key]: fte for key, (_, fte) in person.assignments.items()}
        save_staff_member(staff, assignments=assignments, led_schools=led_schools, invite=True)
    return plan


def store_upload(district: District, *, filename: str, content: bytes, by: StaffMember | None) -> RosterUpload:
    """Keep an uploaded file (already checked) until the admin confirms its preview."""
    return RosterUpload.objects.create(
        district=district, token=uuid.uuid4(), filename=filename[:255], content=content, uploaded_by=by
    )


def prune_roster_uploads() -> str:
    """The hourly job: uploads past their preview's time are removed (``core.uploads``)."""
    return f"{prune_uploads(RosterUpload)} old roster uploads removed"


def upload_plan(upload: RosterUpload, *, by: StaffMember | None = None) -> Plan:
    """The plan of a stored upload, checked against the district as it is now."""
    return build_plan(upload.district, read_roster(bytes(upload.content), upload.filename), by=by)


@transaction.atomic
def apply_upload(upload: RosterUpload, *, by: StaffMember | None = None) -> Plan | None:
    """Re-check a stored upload and apply it once; ``None`` if it was already applied.

    The district may have changed since the preview, so the plan is built
    again here; a plan with problems is returned unapplied. Marking the
    upload applied is a conditional UPDATE, so two confirmations (a double
    click, two admins) apply it only once.
    """
    plan = upload_plan(upload, by=by)
    if not plan.ok:
        return plan
    claimed = RosterUpload.objects.filter(pk=upload.pk, applied_at__isnull=True).update(applied_at=timezone.now())
    if not claimed:
        return None
    return apply_plan(plan)
