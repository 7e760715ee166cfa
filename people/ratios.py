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
from dataclasses import dataclass, field
from decimal import Decimal

NO_STAFF = math.inf
"""The load of a role with students to serve and nobody to serve them: worse than any number."""

WARN_ABOVE = 1.0
BAD_ABOVE = 1.5


@dataclass(frozen=True, slots=True)
class SchoolInfo:
    id: int
    name: str
    level: str
    enrollment: int
    level_label: str = ""


@dataclass(frozen=True, slots=True)
class RoleInfo:
    id: int
    label: str
    recommended_ratio: int
    ratio_source: str = ""
    name: str = ""


@dataclass(slots=True)
class RoleRatio:
    """One role at one school (or in the whole district); the figures are computed once, on creation.

    - ``students_per_fte``: enrollment / FTE; ``None`` when there is no FTE (shown as "no staff").
    - ``load``: students per FTE / recommended ratio; ``NO_STAFF`` (infinity) for students
      without staff, 0 for no students.
    - ``fte_needed``: enrollment / recommended ratio, the FTE that would meet the recommendation.
    - ``fte_short``: max(0, FTE needed − FTE).

    >>> ratio = RoleRatio(RoleInfo(1, "Counselor", 250), 600, 1.5)
    >>> ratio.students_per_fte, ratio.load, ratio.fte_needed, round(ratio.fte_short, 2)
    (400.0, 1.6, 2.4, 0.9)
    """

    role: RoleInfo
    enrollment: int
    fte: float
    students_per_fte: float | None = field(init=False)
    load: float = field(init=False)
    fte_needed: float = field(init=False)
    fte_short: float = field(init=False)

    def __post_init__(self) -> None:
        self.fte = float(self.fte)
        self.students_per_fte = self.enrollment / self.fte if self.fte > 0 else None
        self.load = load_of(self.enrollment, self.fte, self.role.recommended_ratio)
        self.fte_needed = self.enrollment / self.role.recommended_ratio
        self.fte_short = max(0.0, self.fte_needed - self.fte)

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

    # Display helpers: Python's own formatting is many times faster than template filters over thousands of cells.
    @property
    def students_per_fte_text(self) -> str:
        return "no staff" if self.students_per_fte is None else f"{self.students_per_fte:,.0f}"

    @property
    def fte_text(self) -> str:
        return f"{self.fte:,.2f}".rstrip("0").rstrip(".")

    @property
    def fte_needed_text(self) -> str:
        return f"{self.fte_needed:,.1f}"

    @property
    def fte_short_text(self) -> str:
        return f"{self.fte_short:,.1f}"


@dataclass(frozen=True, slots=True)
class SchoolRatios:
    """One school's row: its FTE per role, and the loads that sort it.

    ``ratios`` builds the full figures on demand, so that a district of 1,800
    schools only pays for the 50 rows on screen.
    """

    school: SchoolInfo
    roles: tuple[RoleInfo, ...]
    ftes: tuple[float, ...]  # one per role
    loads: tuple[float, ...]  # one per role

    @property
    def ratios(self) -> tuple[RoleRatio, ...]:
        return tuple(
            RoleRatio(role, self.school.enrollment, fte) for role, fte in zip(self.roles, self.ftes, strict=True)
        )

    @property
    def worst_load(self) -> float:
        """How far the school is from the recommendations: its highest load across the roles shown."""
        return max(self.loads, default=0.0)

    @property
    def sort_key(self) -> tuple[float, ...]:
        """The loads, worst first: schools compare by their worst load, ties broken by the next worst.

        A role nobody in the district holds makes every school "no staff" in it;
        the next-worst load then still orders the schools usefully.
        """
        return tuple(sorted(self.loads, reverse=True))


def load_of(enrollment: int, fte: float, recommended_ratio: int) -> float:
    """(enrollment / FTE) / recommended ratio; infinity for students without staff, 0 without students.

    >>> load_of(600, 1.5, 250)
    1.6
    """
    if fte > 0:
        return enrollment / fte / recommended_ratio
    return NO_STAFF if enrollment > 0 else 0.0


@dataclass(frozen=True, slots=True)
class RatioTable:
    roles: tuple[RoleInfo, ...]
    schools: tuple[SchoolRatios, ...]  # worst first
    district: tuple[RoleRatio, ...]  # one per role
    total_enrollment: int


def staffing_ratios(
    schools: Iterable[SchoolInfo],
    roles: Iterable[RoleInfo],
    fte: Mapping[tuple[int, int], float | Decimal],
) -> RatioTable:
    """Ratios of every school × role and of the district, schools sorted worst first.

    ``fte`` maps (school id, role id) to the FTE of that role at that school;
    a missing pair is 0 FTE (floats or decimals). Schools are sorted by their worst load across
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
    rows = []
    for school in schools:
        school_id, enrollment = school.id, school.enrollment
        ftes = tuple([float(fte.get((school_id, role.id), 0.0)) for role in roles])
        loads = tuple([load_of(enrollment, value, role.recommended_ratio) for role, value in zip(roles, ftes)])  # noqa: B905
        rows.append(SchoolRatios(school, roles, ftes, loads))
    # Two stable sorts: by name, then worst first (reverse keeps equal schools in name order).
    rows.sort(key=lambda row: row.school.name.lower())
    rows.sort(key=lambda row: row.sort_key, reverse=True)
    total_enrollment = sum(s.enrollment for s in schools)
    role_fte = dict.fromkeys((role.id for role in roles), 0.0)
    school_ids = {s.id for s in schools}
    for (school_id, role_id), value in fte.items():
        if role_id in role_fte and school_id in school_ids:
            role_fte[role_id] += float(value)
    district = tuple(RoleRatio(role, total_enrollment, role_fte[role.id]) for role in roles)
    return RatioTable(roles=roles, schools=tuple(rows), district=district, total_enrollment=total_enrollment)
