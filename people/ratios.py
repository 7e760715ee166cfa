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

**Roles that share a recommendation are measured as one pool** (:func:`ratio_pools`): SSWAA's
1 school social worker per 250 students is one recommendation whether the district calls its social
workers "LCSW" or "Other counselor or social worker", so their FTE count together against the
enrollment once. Measured apart, each role would be held to the whole enrollment and the shortfall
counted twice. Worked through: 1,500 students, 1.0 FTE of LCSWs and 0.5 FTE of other social
workers, both 1 per 250 (SSWAA):

- pooled: 1,500 / (1.0 + 0.5) = 1,000 students per FTE; load 4.0; FTE needed 6.0; FTE short 4.5
- apart (the double count): 6.0 − 1.0 = 5.0 short and 6.0 − 0.5 = 5.5 short, 10.5 FTE "short"
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
    """A role measured against a recommended ratio — or a pool of roles sharing one (``members``).

    A pool takes its ``id`` from its first member, and its label and name join the members'.
    """

    id: int
    label: str
    recommended_ratio: int
    ratio_source: str = ""
    name: str = ""
    members: tuple[RoleInfo, ...] = ()

    @property
    def is_pool(self) -> bool:
        return len(self.members) > 1

    @property
    def role_ids(self) -> tuple[int, ...]:
        """The ids of the roles whose FTE count here: the members of a pool, else the role itself."""
        return tuple(member.id for member in self.members) or (self.id,)

    @property
    def pool_key(self) -> tuple[int, str] | None:
        """What makes a recommendation the same one: its students per FTE and its source, compared
        without case or extra spaces. ``None`` without a source: two roles that merely happen to have
        the same figure are not assumed to share it."""
        source = " ".join(self.ratio_source.split()).casefold()
        return (self.recommended_ratio, source) if source else None


def ratio_pools(roles: Iterable[RoleInfo]) -> tuple[RoleInfo, ...]:
    """The roles as they are measured: roles sharing a recommendation (:attr:`RoleInfo.pool_key`) become
    one pool, in the place of its first member; every other role stays as it is. Idempotent.

    >>> lcsw = RoleInfo(1, "LCSW", 250, "SSWAA", "Licensed clinical provider (e.g., LCSW)")
    >>> other = RoleInfo(2, "Counselor / social worker", 250, "sswaa ", "Other counselor or social worker")
    >>> counselor = RoleInfo(3, "School counselor", 250, "ASCA", "School counselor")
    >>> [(unit.id, unit.label, unit.role_ids) for unit in ratio_pools([lcsw, counselor, other])]
    [(1, 'LCSW + Counselor / social worker', (1, 2)), (3, 'School counselor', (3,))]
    """
    units: list[list[RoleInfo]] = []
    by_key: dict[tuple[int, str], list[RoleInfo]] = {}
    for role in roles:
        parts = list(role.members) or [role]
        key = role.pool_key
        if key is None:
            units.append(parts)
        elif key in by_key:
            by_key[key].extend(p for p in parts if p.id not in {m.id for m in by_key[key]})
        else:
            by_key[key] = parts
            units.append(parts)
    return tuple(_unit(parts) for parts in units)


def _unit(parts: list[RoleInfo]) -> RoleInfo:
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    return RoleInfo(
        id=first.id,
        label=" + ".join(p.label for p in parts),
        recommended_ratio=first.recommended_ratio,
        ratio_source=first.ratio_source,
        name=" and ".join(p.name or p.label for p in parts),
        members=tuple(parts),
    )


def pool_of(units: Iterable[RoleInfo]) -> dict[int, RoleInfo]:
    """Each role id → the unit it is measured in (itself, or its pool)."""
    return {role_id: unit for unit in units for role_id in unit.role_ids}


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
    roles: tuple[RoleInfo, ...]  # as measured: roles sharing a recommendation are one pool
    schools: tuple[SchoolRatios, ...]  # worst first
    district: tuple[RoleRatio, ...]  # one per role or pool
    total_enrollment: int


def staffing_ratios(
    schools: Iterable[SchoolInfo],
    roles: Iterable[RoleInfo],
    fte: Mapping[tuple[int, int], float | Decimal],
) -> RatioTable:
    """Ratios of every school × role and of the district, schools sorted worst first.

    Roles sharing a recommendation are measured as one pool (:func:`ratio_pools`): the table's
    ``roles`` are the pooled units, and a pool's FTE is the sum of its members'.
    ``fte`` maps (school id, role id) to the FTE of that role at that school;
    a missing pair is 0 FTE (floats or decimals). Schools are sorted by their worst load across
    ``roles`` (pass a single role or pool to sort by it), ties broken by the
    next-worst load, then by name.

    >>> school = SchoolInfo(1, "Adams", "elementary", 600)
    >>> counselor = RoleInfo(7, "Counselor", 250)
    >>> table = staffing_ratios([school], [counselor], {(1, 7): Decimal("1.5")})
    >>> table.district[0].students_per_fte, round(table.district[0].fte_short, 2)
    (400.0, 0.9)
    """
    roles = ratio_pools(roles)
    schools = list(schools)
    rows = []
    for school in schools:
        school_id, enrollment = school.id, school.enrollment
        ftes = tuple([sum(float(fte.get((school_id, r), 0.0)) for r in role.role_ids) for role in roles])
        loads = tuple([load_of(enrollment, value, role.recommended_ratio) for role, value in zip(roles, ftes)])  # noqa: B905
        rows.append(SchoolRatios(school, roles, ftes, loads))
    # Two stable sorts: by name, then worst first (reverse keeps equal schools in name order).
    rows.sort(key=lambda row: row.school.name.lower())
    rows.sort(key=lambda row: row.sort_key, reverse=True)
    total_enrollment = sum(s.enrollment for s in schools)
    unit_of = pool_of(roles)
    role_fte = dict.fromkeys((role.id for role in roles), 0.0)
    school_ids = {s.id for s in schools}
    for (school_id, role_id), value in fte.items():
        if role_id in unit_of and school_id in school_ids:
            role_fte[unit_of[role_id].id] += float(value)
    district = tuple(RoleRatio(role, total_enrollment, role_fte[role.id]) for role in roles)
    return RatioTable(roles=roles, schools=tuple(rows), district=district, total_enrollment=total_enrollment)
