"""Who sees and changes check-in series and runs their meetings (on top of ``people.access``).

- See a series: its participants, its organizer, leaders of its school, district admins.
- Change it (edit, invite, move or cancel meetings): its organizer, leaders of its school,
  district admins — the same people who run its meetings (:func:`can_run`).
- Create one: school leaders (for a school they lead) and district admins.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from checkins.models import Meeting, Participant, Series
from people.access import led_school_ids
from people.models import Access, Leadership, StaffMember


def can_run(member: StaffMember, series: Series) -> bool:
    """The organizer, leaders of the series' school and district admins run its meetings."""
    if series.district_id != member.district_id:
        return False
    if member.has_access(Access.ADMIN) or series.organizer_id == member.pk:
        return True
    return (
        series.school_id is not None
        and member.has_access(Access.LEADER)
        and Leadership.objects.filter(staff=member, school_id=series.school_id).exists()
    )


def can_see(member: StaffMember, series: Series) -> bool:
    """Those who run the meetings, and the series' participants."""
    return can_run(member, series) or Participant.objects.filter(series=series, staff=member).exists()


def series_taken_part_in(member: StaffMember) -> QuerySet[Series]:
    """The series ``member`` organizes or is a participant of: the audience of a reflection shared
    "with the check-in" (``reflections.access``); leaders and admins who only run a series are not in it."""
    return Series.objects.filter(district_id=member.district_id).filter(
        Q(organizer=member) | Exists(Participant.objects.filter(series=OuterRef("pk"), staff=member))
    )


def takes_part(member: StaffMember, series: Series) -> bool:
    """Whether ``member`` organizes ``series`` or is one of its participants."""
    return series_taken_part_in(member).filter(pk=series.pk).exists()


def _visible(queryset: QuerySet, member: StaffMember, pk: int | str, series_of) -> Any:
    """The row ``pk`` of ``queryset`` in the member's district if they may see its series; 404 otherwise."""
    try:
        row = queryset.get(district_id=member.district_id, pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc
    if not can_see(member, series_of(row)):
        raise Http404("Not found.")
    return row


def meeting_for(member: StaffMember, pk: int | str) -> Meeting:
    """The meeting if ``member`` may see it; 404 otherwise (never revealing that it exists)."""
    meetings = Meeting.objects.select_related("series__district", "series__organizer", "series__school")
    return _visible(meetings, member, pk, lambda meeting: meeting.series)


def series_for(member: StaffMember, pk: int | str) -> Series:
    """The series if ``member`` may see it; 404 otherwise."""
    return _visible(Series.objects.select_related("district", "organizer", "school"), member, pk, lambda s: s)


SCOPES = {"mine": "My check-ins", "schools": "My schools' check-ins", "district": "The district's check-ins"}


def scopes_for(member: StaffMember) -> list[str]:
    """The list scopes a member may choose, the widest first (the default)."""
    if member.has_access(Access.ADMIN):
        return ["district", "mine"]
    if member.has_access(Access.LEADER):
        return ["schools", "mine"]
    return ["mine"]


def visible_series(member: StaffMember, scope: str = "mine") -> QuerySet[Series]:
    """The member's district's series in ``scope`` (narrowed to "mine" if the scope is not theirs)."""
    series = Series.objects.filter(district_id=member.district_id)
    mine = Q(pk__in=Participant.objects.filter(staff=member).values("series_id")) | Q(organizer=member)
    if scope not in scopes_for(member) or scope == "mine":
        return series.filter(mine)
    if scope == "schools":
        return series.filter(mine | Q(school_id__in=led_school_ids(member)))
    return series


def can_manage(member: StaffMember, series: Series) -> bool:
    return can_run(member, series)


def series_to_manage(member: StaffMember, pk: int | str) -> Series:
    """The series if ``member`` may change it: 404 if they cannot see it, 403 if they only see it."""
    series = series_for(member, pk)
    if not can_manage(member, series):
        raise PermissionDenied("Only the organizer, the school's leaders and district admins change this series.")
    return series


def require_creator(member: StaffMember) -> None:
    if not member.has_access(Access.LEADER):
        raise PermissionDenied("School leaders and district admins create check-in series.")
