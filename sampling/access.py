"""Who sees which study, and which part of it.

- District admins: every study of their district, its plan, draw, results and response status.
- School leaders: drawn studies; results (the district's, the roles' and their schools' figures) and the
  response status of the participants of their schools.
- Everyone: their own moments and answers (``my_moments``), and a moment's personal link.
- Individual answers are shown to their author only; anything of another district is a 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from people.access import in_district, led_school_ids
from people.models import Access, StaffMember
from sampling.models import Study


def visible_studies(member: StaffMember) -> QuerySet[Study]:
    """Studies a member may follow: all of the district's for an admin, drawn ones for a school leader."""
    studies = Study.objects.filter(district_id=member.district_id)
    if member.has_access(Access.ADMIN):
        return studies
    if member.has_access(Access.LEADER):
        return studies.filter(drawn_at__isnull=False)
    return studies.none()


def study_for(member: StaffMember, pk) -> Study:
    """A study the member may follow, or 404."""
    study = in_district(Study.objects.select_related("district"), member.district, pk)
    if not visible_studies(member).filter(pk=study.pk).exists():
        raise Http404("Not found.")
    return study


def school_scope(member: StaffMember) -> set[int] | None:
    """The schools whose figures and response status a member sees: all (``None``) for an admin."""
    if member.has_access(Access.ADMIN):
        return None
    return led_school_ids(member)
