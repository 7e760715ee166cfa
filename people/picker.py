"""Finding people to choose (poll invitees, series participants): search by name, school and role.

Each word typed must match the person's name, their role or one of their schools, so "casey adams"
finds Casey at Adams Elementary. Every person is labelled with their role and schools, so two people
of the same name can be told apart. Groups (a school's staff, everyone in a role) whose name matches
are offered as shortcuts. A search reads at most ``LIMIT`` people and runs three queries, so it stays
quick in a district of 21,000 staff.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from people.models import Assignment, District, Role, School, StaffMember

LIMIT = 20
GROUP_LIMIT = 300
"""A shortcut adds at most this many people at once (larger groups are refused with a message)."""


@dataclass(frozen=True)
class Found:
    pk: int
    label: str


def label_of(person: StaffMember) -> str:
    """ "Casey Counselor — School counselor, Adams Elementary": the name, told apart by role and schools.

    ``person.assignments`` should be prefetched with their schools.
    """
    schools = ", ".join(a.school.name for a in person.assignments.all())
    role = person.role.name if person.role_id else ""
    return f"{person.name} — {', '.join(part for part in (role, schools) if part)}"


def _with_labels(people: QuerySet[StaffMember]) -> QuerySet[StaffMember]:
    return people.select_related("role").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("school").order_by("school__name"))
    )


def search(district: District, text: str) -> list[Found]:
    """The first ``LIMIT`` people of the district matching every word of ``text``, by name."""
    words = text.split()[:5]
    if not words:
        return []
    people = StaffMember.objects.filter(district=district)
    for word in words:
        at_school = Assignment.objects.filter(staff=OuterRef("pk"), school__name__icontains=word)
        people = people.filter(Q(name__icontains=word) | Q(role__name__icontains=word) | Exists(at_school))
    return [Found(p.pk, label_of(p)) for p in _with_labels(people.order_by("name", "pk"))[:LIMIT]]


@dataclass(frozen=True)
class Shortcut:
    kind: str  # "school" or "role"
    pk: int
    label: str
    count: int


def shortcuts(district: District, text: str) -> list[Shortcut]:
    """Schools and roles whose name contains ``text``, with how many people each would add (two queries)."""
    text = text.strip()
    if len(text) < 2:
        return []
    schools = (
        School.objects.filter(district=district, name__icontains=text)
        .annotate(people=Count("assignments"))
        .order_by("name")[:5]
    )
    roles = (
        Role.objects.filter(district=district, name__icontains=text)
        .annotate(people=Count("staff"))
        .order_by("name")[:3]
    )
    return [Shortcut("school", s.pk, f"Everyone at {s.name}", s.people) for s in schools if s.people] + [
        Shortcut("role", r.pk, f"Everyone who is a {r.name}", r.people) for r in roles if r.people
    ]


def group(district: District, kind: str, pk: int) -> list[Found]:
    """The people of a school or a role (at most ``GROUP_LIMIT``), labelled, by name."""
    people = StaffMember.objects.filter(district=district)
    if kind == "school":
        people = people.filter(Exists(Assignment.objects.filter(staff=OuterRef("pk"), school_id=pk)))
    elif kind == "role":
        people = people.filter(role_id=pk)
    else:
        return []
    return [Found(p.pk, label_of(p)) for p in _with_labels(people.order_by("name", "pk"))[:GROUP_LIMIT]]
