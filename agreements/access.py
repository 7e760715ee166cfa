"""Who sees, changes and signs an agreement.

- The staff member sees their own agreements; the leaders of the agreement's school and district admins
  see it too. Nobody else does: another staff member gets a 404, as does anyone of another district.
- The staff member, the school's leaders and district admins may change it and send it for review.
- Only the two parties sign: the staff member, and the school leader the agreement names.
- Anyone who sees it may comment.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from agreements.models import Agreement
from people.models import Access, Leadership, StaffMember

STAFF_SIDE = "staff"
LEADER_SIDE = "leader"


def visible_agreements(member: StaffMember) -> QuerySet[Agreement]:
    """The agreements ``member`` may read."""
    agreements = Agreement.objects.filter(district_id=member.district_id)
    if member.has_access(Access.ADMIN):
        return agreements
    mine = Q(staff=member)
    if member.has_access(Access.LEADER):
        mine |= Q(school_id__in=Leadership.objects.filter(staff=member).values("school_id"))
    return agreements.filter(mine)


def agreement_for(member: StaffMember, pk: int | str) -> Agreement:
    """The agreement if ``member`` may see it, else 404 (never revealing that it exists)."""
    try:
        return visible_agreements(member).select_related("staff", "staff__role", "school", "leader").get(pk=pk)
    except (Agreement.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc


def leads(member: StaffMember, school_id: int) -> bool:
    return member.has_access(Access.LEADER) and member.leaderships.filter(school_id=school_id).exists()


def may_change(member: StaffMember, agreement: Agreement) -> bool:
    """The staff member, a leader of the agreement's school, or a district admin."""
    if agreement.district_id != member.district_id:
        return False
    return agreement.staff_id == member.pk or member.has_access(Access.ADMIN) or leads(member, agreement.school_id)


def signing_side(member: StaffMember, agreement: Agreement) -> str | None:
    """Which party ``member`` signs for: the staff member, the named school leader, or neither."""
    if agreement.staff_id == member.pk:
        return STAFF_SIDE
    if agreement.leader_id == member.pk:
        return LEADER_SIDE
    return None


def staff_for_new_agreements(member: StaffMember) -> QuerySet[StaffMember]:
    """Mental health staff ``member`` may start an agreement for: themselves, the staff of the schools they
    lead, every mental health staff member of the district for an admin."""
    staff = StaffMember.objects.filter(district_id=member.district_id).mental_health()
    if member.has_access(Access.ADMIN):
        return staff
    mine = Q(pk=member.pk)
    if member.has_access(Access.LEADER):
        mine |= Q(assignments__school__leaderships__staff=member)
    return staff.filter(mine).distinct()
