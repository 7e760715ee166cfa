"""The district's view of its agreements: group figures, each hidden below the district's minimum group size.

Groups are fixed (a school year; a school; a role), never free ranges. A table that shows a total also
hides a second row when only one would be hidden (complementary suppression), so that the total minus the
visible rows does not give the hidden one away.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum

from actions.services import local_today
from agreements.models import Agreement, Goal, PlannedShare, Progress
from agreements.progress import rows_for
from agreements.rules import DIRECT_AND_INDIRECT, year_span
from agreements.trajectory import BEHIND, MET, NO_DATA, ON_TRACK
from people.models import Assignment, District, Role, School, SchoolYear, StaffMember
from reflections.models import Reflection, TimeAllocation

STANDING_KEYS = {MET: "met", ON_TRACK: "on_track", BEHIND: "behind", NO_DATA: "no_data"}


@dataclass
class GroupRow:
    """One group's figures; ``hidden`` when the group is too small (or hidden to protect another)."""

    label: str
    people: int
    values: dict[str, object] = field(default_factory=dict)
    hidden: bool = False


def suppress(rows: Sequence[GroupRow], minimum: int, *, with_total: bool = True) -> list[GroupRow]:
    """Hide rows of fewer than ``minimum`` people, and with a total shown, one more row when only one is hidden.

    >>> rows = [GroupRow("A", 12), GroupRow("B", 3), GroupRow("C", 7), GroupRow("D", 9)]
    >>> [(r.label, r.hidden) for r in suppress(rows, 5)]
    [('A', False), ('B', True), ('C', True), ('D', False)]
    >>> [(r.label, r.hidden) for r in suppress([GroupRow("A", 6), GroupRow("B", 8)], 5)]
    [('A', False), ('B', False)]
    """
    for row in rows:
        row.hidden = row.people < minimum
    hidden = [row for row in rows if row.hidden]
    if with_total and len(hidden) == 1:
        visible = sorted((row for row in rows if not row.hidden), key=lambda row: row.people)
        if visible:
            visible[0].hidden = True
    return list(rows)


def share(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, one decimal.

    >>> share(3, 8)
    Decimal('37.5')
    """
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None


@dataclass
class DistrictFigures:
    year: int
    minimum: int
    schools: list[GroupRow]
    roles: list[GroupRow]
    total: GroupRow
    goals: list[GroupRow]
    planned_vs_actual: list[GroupRow]


def district_figures(district: District, year: int) -> DistrictFigures:
    """Signed agreements per school and role, goals' standing per role, planned against actual direct and
    indirect share per role — in a fixed number of queries at any size."""
    minimum = district.min_group_size
    roles = {r.pk: r.name for r in Role.objects.filter(district=district, is_mental_health=True).order_by("position")}
    staff_at = dict(
        Assignment.objects.filter(district=district, staff__role__is_mental_health=True)
        .values_list("school_id")
        .annotate(n=Count("staff_id", distinct=True))
        .order_by()
    )
    signed = Agreement.objects.filter(district=district, year=year, status=Agreement.Status.SIGNED)
    signed_at = dict(signed.values_list("school_id").annotate(n=Count("staff_id", distinct=True)).order_by())
    names = dict(School.objects.filter(district=district, pk__in=list(staff_at)).values_list("pk", "name"))
    schools = [
        GroupRow(names[pk], n, {"signed": signed_at.get(pk, 0), "share": share(signed_at.get(pk, 0), n)})
        for pk, n in sorted(staff_at.items(), key=lambda item: names.get(item[0], ""))
        if pk in names
    ]
    staff_in = dict(
        StaffMember.objects.filter(district=district, role__is_mental_health=True)
        .values_list("role_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    signed_in = dict(signed.values_list("staff__role_id").annotate(n=Count("staff_id", distinct=True)).order_by())
    role_rows = [
        GroupRow(
            name,
            staff_in.get(pk, 0),
            {"signed": signed_in.get(pk, 0), "share": share(signed_in.get(pk, 0), staff_in.get(pk, 0))},
        )
        for pk, name in roles.items()
        if staff_in.get(pk)
    ]
    people, with_signed = sum(staff_in.values()), len(set(signed.values_list("staff_id", flat=True)))
    total = GroupRow("All mental health staff", people, {"signed": with_signed, "share": share(with_signed, people)})
    total.hidden = people < minimum
    return DistrictFigures(
        year=year,
        minimum=minimum,
        schools=suppress(schools, minimum),
        roles=suppress(role_rows, minimum),
        total=total,
        goals=suppress(_goal_standings(district, year, roles), minimum, with_total=False),
        planned_vs_actual=suppress(_planned_vs_actual(district, year, roles, minimum), minimum, with_total=False),
    )


def planned_vs_actual_figures(district: District, year: int) -> list[GroupRow]:
    """Only the planned against actual rows (what the district dashboard shows): a few aggregate queries."""
    roles = {r.pk: r.name for r in Role.objects.filter(district=district, is_mental_health=True).order_by("position")}
    minimum = district.min_group_size
    return suppress(_planned_vs_actual(district, year, roles, minimum), minimum, with_total=False)


def _goal_standings(district: District, year: int, roles: dict[int, str]) -> list[GroupRow]:
    """Goals of agreements in review or signed, counted by standing, per role (group: people with goals)."""
    goals = list(
        Goal.objects.filter(agreement__district=district, agreement__year=year)
        .exclude(agreement__status=Agreement.Status.DRAFT)
        .select_related("agreement", "agreement__staff")
        .prefetch_related("categories", Prefetch("progress", queryset=Progress.objects.order_by()))
    )
    span_end = year_span(year, SchoolYear.objects.filter(district=district).values_list("first_day", "last_day"))[1]
    today = min(local_today(district), span_end)
    counts: dict[int, Counter] = defaultdict(Counter)
    people: dict[int, set[int]] = defaultdict(set)
    for row in rows_for(goals, viewer_id=None, today=today, latest_only=True):
        role = row.goal.agreement.staff.role_id
        counts[role][row.standing] += 1
        people[role].add(row.goal.agreement.staff_id)
    return [
        GroupRow(name, len(people[pk]), {key: counts[pk][standing] for standing, key in STANDING_KEYS.items()})
        for pk, name in roles.items()
        if pk in people
    ]


def _planned_vs_actual(district: District, year: int, roles: dict[int, str], minimum: int) -> list[GroupRow]:
    """Per role: the mean planned direct + indirect share of the signed agreements, and the mean of the same
    people's latest shared reflection (current time) in the school year — hidden when fewer than the
    minimum of them have one."""
    kinds = Q(category__service_kind__in=DIRECT_AND_INDIRECT)
    planned = (
        PlannedShare.objects.filter(
            kinds, agreement__district=district, agreement__year=year, agreement__status="signed"
        )
        .values_list("agreement__staff__role_id", "agreement__staff_id")
        .annotate(total=Sum("percent"))
        .order_by()
    )
    planned_by_role: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for role, staff, total in planned:
        planned_by_role[role][staff] = total  # one school's agreement per person counts once
    first, last = year_span(year, SchoolYear.objects.filter(district=district).values_list("first_day", "last_day"))
    people = [staff for by_staff in planned_by_role.values() for staff in by_staff]
    actual = (
        TimeAllocation.objects.filter(
            kinds,
            Q(reflection__share_with_leader=True) | Q(reflection__share_with_admins=True),
            reflection__author_id__in=people,
            reflection__status=Reflection.Status.SUBMITTED,
            reflection__date__range=(first, last),
            current_percent__isnull=False,
        )
        .values_list("reflection__author_id", "reflection__date", "reflection_id")
        .annotate(total=Sum("current_percent"))
        .order_by()
    )
    latest: dict[int, tuple] = {}
    for author, day, reflection, total in actual:
        if author not in latest or (day, reflection) > latest[author][:2]:
            latest[author] = (day, reflection, total)
    rows = []
    for pk, name in roles.items():
        mine = planned_by_role.get(pk, {})
        if not mine:
            continue
        measured = [latest[s][2] for s in mine if s in latest]
        row = GroupRow(
            name,
            len(mine),
            {
                "planned": _mean(list(mine.values())),
                "actual": _mean(measured) if len(measured) >= minimum else None,
                "measured": len(measured),
            },
        )
        rows.append(row)
    return rows


def _mean(values: list[Decimal]) -> Decimal | None:
    return (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.1")) if values else None
