"""Staffing ratios: students per FTE of each mental health role, against its recommendation.

A pure module (no database): the view turns rows into the dataclasses below,
:func:`staffing_ratios` does the arithmetic, and the template shows the result.

The formulas, for one school and one role, worked through a tiny example —
600 students, 1.5 FTE of school counselors, recommended 250 students per FTE:

- students per FTE = enrollment / FTE = 600 / 1.5 = 400
- load = students per FTE / recommended = 400 / 250 = 1.6
  (1.0 is exactly at the recommendation; 1.6 means a caseload 1.6 times the recommended one)
- FTE needed = enrollment / recommended = 600 / 250 = 2.4
- FTE short = max(0, FTE needed − FTE) = 2.4 − 1.5 = 0.9

A school with students but no staff in the role has no "students per FTE"
(shown as "no staff") and the worst possible load (infinity). The district
total of a role uses the same formulas on the district's total enrollment
and total FTE.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

NO_STAFF = math.inf
"""The load of a role with students to serve and nobody to serve them: worse than any number."""

WARN_ABOVE = 1.0
BAD_ABOVE = 1.5


@dataclass(frozen=True)
class SchoolInfo:
    id: int
    name: str
    level: str
    enrollment: int
    level_label: str = ""


@dataclass(frozen=True)
class RoleInfo:
    id: int
    label: str
    recommended_ratio: int
    ratio_source: str = ""
    name: str = ""


@dataclass(frozen=True)
class RoleRatio:
    """One role at one school (or in the whole district)."""

    role: RoleInfo
    enrollment: int
    fte: Decimal

    @property
    def students_per_fte(self) -> float | None:
        """Enrollment / FTE; ``None`` when there is no FTE (shown as "no staff")."""
        if self.fte <= 0:
            return None
        return self.enrollment / float(self.fte)

    @property
    def load(self) -> float:
        """Students per FTE / recommended ratio; ``NO_STAFF`` (infinity) for students without staff.

        >>> RoleRatio(RoleInfo(1, "Counselor", 250), 600, Decimal("1.5")).load
        1.6
        """
        per_fte = self.students_per_fte
        if per_fte is None:
            return NO_STAFF if self.enrollment > 0 else 0.0
        return per_fte / self.role.recommended_ratio

    @property
    def fte_needed(self) -> float:
        """FTE that would meet the recommendation: enrollment / recommended ratio."""
        return self.enrollment / self.role.recommended_ratio

    @property
    def fte_short(self) -> float:
        """How much FTE is missing to meet the recommendation (never negative)."""
        return max(0.0, self.fte_needed - float(self.fte))

    @property
    def has_no_staff(self) -> bool:
        return self.fte <= 0 and self.enrollment > 0

    @property
    def status(self) -> str:
        """``ok`` (at or under the recommendation), ``warn`` (up to 1.5×) or ``bad`` (beyond, or no staff)."""
        if self.load <= WARN_ABOVE + 1e-9:
            return "ok"
        if self.load <= BAD_ABOVE:
            return "warn"
        return "bad"

    @property
    def summary(self) -> str:
        """The badge text, never colour alone: "no staff", "1.8× recommended" or "within recommendation"."""
        if self.has_no_staff:
            return "no staff"
        if self.status == "ok":
            return "within recommendation"
        return f"{self.load:.1f}× recommended"


@dataclass(frozen=True)
class SchoolRatios:
    school: SchoolInfo
    ratios: tuple[RoleRatio, ...]

    @property
    def worst_load(self) -> float:
        """How far the school is from the recommendations: its highest load across the roles shown."""
        return max((r.load for r in self.ratios), default=0.0)

    @property
    def sort_key(self) -> tuple[float, ...]:
        """The loads, worst first: schools compare by their worst load, ties broken by the next worst.

        A role nobody in the district holds makes every school "no staff" in it;
        the next-worst load then still orders the schools usefully.
        """
        return tuple(sorted((r.load for r in self.ratios), reverse=True))


@dataclass(frozen=True)
class RatioTable:
    roles: tuple[RoleInfo, ...]
    schools: tuple[SchoolRatios, ...]  # worst first
    district: tuple[RoleRatio, ...]  # one per role
    total_enrollment: int


def staffing_ratios(
    schools: Iterable[SchoolInfo],
    roles: Iterable[RoleInfo],
    fte: Mapping[tuple[int, int], Decimal],
) -> RatioTable:
    """Ratios of every school × role and of the district, schools sorted worst first.

    ``fte`` maps (school id, role id) to the FTE of that role at that school;
    a missing pair is 0 FTE. Schools are sorted by their worst load across
    ``roles`` (pass a single role to sort by that role), ties broken by the
    next-worst load, then by name.

    >>> school = SchoolInfo(1, "Adams", "elementary", 600)
    >>> counselor = RoleInfo(7, "Counselor", 250)
    >>> table = staffing_ratios([school], [counselor], {(1, 7): Decimal("1.5")})
    >>> table.district[0].students_per_fte, round(table.district[0].fte_short, 2)
    (400.0, 0.9)
    """
    roles = tuple(roles)
    schools = list(schools)
    rows = [
        SchoolRatios(
            school,
            tuple(RoleRatio(role, school.enrollment, fte.get((school.id, role.id), Decimal(0))) for role in roles),
        )
        for school in schools
    ]
    rows.sort(key=lambda row: (tuple(-load for load in row.sort_key), row.school.name.lower()))
    total_enrollment = sum(s.enrollment for s in schools)
    district = tuple(
        RoleRatio(role, total_enrollment, sum((fte.get((s.id, role.id), Decimal(0)) for s in schools), Decimal(0)))
        for role in roles
    )
    return RatioTable(roles=roles, schools=tuple(rows), district=district, total_enrollment=total_enrollment)
