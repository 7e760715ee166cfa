"""Who sees and changes check-in series (on top of ``people.access``).

- See a series: its participants, its organizer, leaders of its school, district admins.
- Change it (edit, invite, move or cancel meetings): its organizer, leaders of its school,
  district admins — the same people who run its meetings (``checkins.services.meetings.can_run``).
- Create one: school leaders (for a school they lead) and district admins.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from checkins.models import Participant, Series
from checkins.services.meetings import can_run, series_for
from people.access import led_school_ids
from people.models import Access, StaffMember

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


__all__ = ["SCOPES", "can_manage", "require_creator", "scopes_for", "series_for", "series_to_manage", "visible_series"]
