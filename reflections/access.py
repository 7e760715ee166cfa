"""Who may read a reflection, request one, or estimate a staff member's time.

A reflection is private to its author. Once *submitted* it is also readable by
whoever the author shared it with:

- "district admins" → members with admin access of the district;
- "my school leader" → members who lead (a ``Leadership`` row) the school the
  reflection was written for (an admin without that leadership does not count);
- "the check-in it was requested for" → the organizer and the participants of
  the series of the reflection's meeting (or of its request's series).

Drafts are never shared. Anything else is a 404, for admins too.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from checkins.series_access import series_taken_part_in
from people.models import Access, Assignment, StaffMember
from reflections.models import Reflection, ReflectionRead, ReflectionRequest


def _checkin_q(member: StaffMember) -> Q:
    """Reflections asked for a check-in series ``member`` organizes or takes part in (not one they only run)."""
    series_ids = series_taken_part_in(member).values("pk")
    return Q(meeting__series__in=series_ids) | Q(meeting__isnull=True, request__series__in=series_ids)


def led_school_ids_strict(member: StaffMember) -> list[int]:
    """Schools the member leads through a ``Leadership`` row (admins are not leaders of every school here)."""
    if not member.has_access(Access.LEADER):
        return []
    return list(member.leaderships.values_list("school_id", flat=True))


def visible_reflections(member: StaffMember) -> QuerySet[Reflection]:
    """The reflections ``member`` may read: their own, and submitted ones shared with them."""
    shared = Q(share_with_checkin=True) & _checkin_q(member)
    led = led_school_ids_strict(member)
    if led:
        shared |= Q(share_with_leader=True, school_id__in=led)
    if member.has_access(Access.ADMIN):
        shared |= Q(share_with_admins=True)
    return Reflection.objects.filter(district_id=member.district_id).filter(
        Q(author=member) | (Q(status=Reflection.Status.SUBMITTED) & shared)
    )


def shared_with(member: StaffMember) -> QuerySet[Reflection]:
    """The submitted reflections of others ``member`` may read, unread first (``unread`` annotated), newest first.

    "Read" means the read log (``ReflectionRead``) holds a read of it by ``member``; reads older
    than the log keeps count as unread again.
    """
    read = ReflectionRead.objects.filter(reflection=OuterRef("pk"), reader=member)
    return (
        visible_reflections(member)
        .exclude(author=member)
        .filter(status=Reflection.Status.SUBMITTED)
        .annotate(unread=~Exists(read))
        .order_by("-unread", "-submitted_at", "-pk")
    )


def reflection_for(member: StaffMember, pk: int | str) -> Reflection:
    """One reflection ``member`` may read, with author, role and school loaded; 404 otherwise."""
    try:
        return visible_reflections(member).select_related("author", "role", "school", "request").get(pk=pk)
    except (Reflection.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc


def own_reflection(member: StaffMember, pk: int | str) -> Reflection:
    """A reflection of ``member``'s own (to edit or share); 404 otherwise."""
    try:
        return Reflection.objects.select_related("author", "role", "school", "request").get(
            district_id=member.district_id, author=member, pk=pk
        )
    except (Reflection.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc


def can_request(member: StaffMember) -> bool:
    """School leaders and admins ask groups to reflect."""
    return member.has_access(Access.LEADER)


def visible_requests(member: StaffMember) -> QuerySet[ReflectionRequest]:
    """Requests a member may follow: all of the district for admins, their own for leaders."""
    qs = ReflectionRequest.objects.filter(district_id=member.district_id)
    if member.has_access(Access.ADMIN):
        return qs
    if member.has_access(Access.LEADER):
        return qs.filter(requested_by=member)
    return qs.none()


def estimable_staff(member: StaffMember) -> QuerySet[StaffMember]:
    """Staff whose time ``member`` may estimate: anyone in the district for an admin,
    staff assigned to a school they lead for a school leader, nobody else."""
    qs = StaffMember.objects.filter(district_id=member.district_id)
    if member.has_access(Access.ADMIN):
        return qs
    led = led_school_ids_strict(member)
    if not led:
        return qs.none()
    return qs.filter(Exists(Assignment.objects.filter(staff=OuterRef("pk"), school_id__in=led)))


def estimable_staff_member(member: StaffMember, pk: int | str) -> StaffMember:
    """One staff member ``member`` may estimate; 404 for another district, 403 (PermissionDenied) otherwise."""
    from django.core.exceptions import PermissionDenied

    try:
        staff = StaffMember.objects.select_related("role").get(district_id=member.district_id, pk=pk)
    except (StaffMember.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc
    if not estimable_staff(member).filter(pk=staff.pk).exists():
        raise PermissionDenied("You can estimate the time of staff at schools you lead.")
    return staff
