"""Who a reflection request reaches: the people of its group who can be asked, and those who cannot (and why)."""

from __future__ import annotations

from django.db.models import QuerySet

from checkins.models import Participant
from people.models import Assignment, District, StaffMember
from reflections.models import ReflectionRequest

NO_EMAIL = "no email address"
NO_LOGIN = "no login yet: invite them to log in from the staff page"


def everyone_in(district: District, group: str, *, series=None, school=None, role=None) -> QuerySet[StaffMember]:
    """Everyone of the district in ``group`` (a series' participants, a school's staff, a role), askable or not."""
    people = StaffMember.objects.filter(district=district)
    if group == ReflectionRequest.Group.SERIES and series is not None:
        return people.filter(pk__in=Participant.objects.filter(series=series).values("staff_id"))
    if group == ReflectionRequest.Group.SCHOOL and school is not None:
        return people.filter(pk__in=Assignment.objects.filter(school=school).values("staff_id"))
    if group == ReflectionRequest.Group.ROLE and role is not None:
        return people.filter(role=role)
    return people.none()


def group_members(district: District, group: str, *, series=None, school=None, role=None) -> list[StaffMember]:
    """Who a request for ``group`` goes to: people of the group who can log in and have an email."""
    people = everyone_in(district, group, series=series, school=school, role=role)
    return list(people.filter(can_log_in=True).exclude(email="").order_by("name"))


def why_not_asked(person: StaffMember) -> str:
    """Why a person of the group gets no request ("" when they do)."""
    if not person.email.strip():
        return NO_EMAIL
    if not person.can_log_in:
        return NO_LOGIN
    return ""


def left_out(request: ReflectionRequest) -> list[tuple[StaffMember, str]]:
    """The people of the request's group who were not asked, each with the reason, by name (one query)."""
    people = everyone_in(
        request.district, request.group, series=request.series, school=request.school, role=request.role
    ).exclude(pk__in=request.recipients.values("staff_id"))
    if request.requested_by_id:
        people = people.exclude(pk=request.requested_by_id)
    people = people.select_related("role").order_by("name")
    return [(person, why_not_asked(person) or "joined the group after the request") for person in people]
